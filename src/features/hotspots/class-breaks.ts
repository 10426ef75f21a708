/**
 * A fixed colour domain for counts, rates and densities (issue 17 item 2): class breaks are
 * taken from the values of every unit of the district in both compared periods — never from
 * what is on screen — so the legend does not change while panning and the two periods are
 * read against the same scale. Breaks are the quantiles of the non-zero values at 1/6 … 5/6,
 * rounded to two significant digits and made strictly increasing; zero is its own class.
 */
export interface ClassBreaks {
  /** upper bounds of classes 1…n−1 (class 0 is value 0; the last class is open) */
  breaks: number[]
  classOf(value: number): number
}

function round2(value: number): number {
  if (value <= 0) return 0
  const magnitude = 10 ** (Math.floor(Math.log10(value)) - 1)
  return Math.ceil(value / magnitude) * magnitude
}

export function classBreaks(reference: readonly ArrayLike<number>[], classes = 6): ClassBreaks {
  const values: number[] = []
  for (const set of reference) for (let k = 0; k < set.length; k++) if (set[k] > 0) values.push(set[k])
  values.sort((a, b) => a - b)
  const breaks: number[] = []
  if (values.length > 0) {
    for (let k = 1; k < classes - 1; k++) {
      const value = round2(values[Math.min(values.length - 1, Math.floor((k / (classes - 1)) * values.length))])
      if (breaks.length === 0 || value > breaks[breaks.length - 1]) breaks.push(value)
    }
  }
  return {
    breaks,
    classOf: (value) => {
      if (!(value > 0)) return 0
      let index = 0
      while (index < breaks.length && value > breaks[index]) index += 1
      return index + 1
    },
  }
}
