/**
 * One benchmark figure, printed by `npm run bench` as one JSON line:
 *   {"bench": ..., "n": ..., "ms": ..., "baseline": ..., "baseline_ms": ..., "ratio": ...}
 * The baseline is always measured in the same run. `ratio` = baseline_ms / ms (how many
 * times faster than the baseline); extra fields describe targets and units.
 */
export interface BenchResult {
  bench: string
  n: number
  ms: number
  baseline: string | null
  baseline_ms: number | null
  ratio: number | null
  [extra: string]: unknown
}

export interface Bench {
  /** `npm run bench -- <name>` runs only the benches whose name starts with this */
  name: string
  run(log: (message: string) => void): Promise<BenchResult[]>
}

interface ResultFields {
  bench: string
  n: number
  ms: number
  baseline: string | null
  baseline_ms: number | null
  ratio?: number | null
  [extra: string]: unknown
}

export function result(fields: ResultFields): BenchResult {
  const ratio =
    fields.ratio !== undefined
      ? fields.ratio
      : fields.baseline_ms !== null && fields.ms > 0
        ? Math.round((fields.baseline_ms / fields.ms) * 100) / 100
        : null
  return { ...fields, ms: Math.round(fields.ms * 10) / 10, ratio }
}
