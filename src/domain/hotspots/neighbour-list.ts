/**
 * Binary spatial weights as a compressed neighbour list (CSR): the neighbours of unit i are
 * `neighbours[offsets[i] .. offsets[i + 1])`, sorted, never including i itself. Typed arrays,
 * so a list of thousands of units costs two allocations rather than thousands of sets.
 */
export interface NeighbourList {
  readonly count: number
  readonly offsets: Int32Array
  readonly neighbours: Int32Array
}

/** From one array of neighbour indices per unit (self and repeats removed, sorted). */
export function neighbourListFromArrays(lists: readonly (readonly number[])[]): NeighbourList {
  const count = lists.length
  const offsets = new Int32Array(count + 1)
  const cleaned = lists.map((list, unit) => [...new Set(list)].filter((other) => other !== unit).sort((a, b) => a - b))
  for (let unit = 0; unit < count; unit++) offsets[unit + 1] = offsets[unit] + cleaned[unit].length
  const neighbours = new Int32Array(offsets[count])
  cleaned.forEach((list, unit) => neighbours.set(list, offsets[unit]))
  return { count, offsets, neighbours }
}

export function neighboursOf(list: NeighbourList, unit: number): number[] {
  return Array.from(list.neighbours.subarray(list.offsets[unit], list.offsets[unit + 1]))
}

/** Units with no neighbour other than themselves. */
export function isolatedUnits(list: NeighbourList): number[] {
  const isolated: number[] = []
  for (let unit = 0; unit < list.count; unit++) if (list.offsets[unit + 1] === list.offsets[unit]) isolated.push(unit)
  return isolated
}
