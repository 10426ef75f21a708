/**
 * Peak memory of `npm run assign` on a 200 MB CSV (issue 13, `npm run bench -- assign-stream`):
 * the command (streaming: a slice in, a slice out) against the whole-file way it worked before
 * (bench/fixtures/assign-whole-file.ts), on the same generated input (bench/fixtures/
 * assign-big-input.ts: 5,000 grid polygons, ~1.1 million hotline-like rows), each in a fresh
 * process under `/usr/bin/time -v` for its maximum resident set size. CSV out and GeoJSON
 * out. Target: ≤ 1 GB peak for the command. The input is generated into a temporary directory
 * and deleted afterwards (about 0.2 GB, plus up to 0.5 GB of output).
 *
 * `ratio` here is baseline peak ÷ command peak; `ms` and `baseline_ms` are wall times.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeBigAssignInput } from './fixtures/assign-big-input.ts'
import { result, type Bench, type BenchResult } from './bench.ts'

const TIME = '/usr/bin/time'
const MEGABYTES = 200
const TARGET_PEAK_MB = 1024
const repoRoot = fileURLToPath(new URL('..', import.meta.url))

interface Measured {
  ms: number
  peakMb: number
  status: number | null
}

function measured(args: string[]): Measured {
  const started = performance.now()
  const run = spawnSync(TIME, ['-v', process.execPath, '--import', 'tsx', ...args], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 })
  const ms = performance.now() - started
  const peak = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr)
  if (!peak) throw new Error(`no peak memory in /usr/bin/time output:\n${run.stderr.slice(-2000)}`)
  return { ms, peakMb: Math.round(Number(peak[1]) / 1024), status: run.status }
}

export const benches: Bench[] = [
  {
    name: 'assign-stream-200mb',
    async run(log) {
      if (!existsSync(TIME)) {
        log(`  skipped: ${TIME} is missing (apt-get install -y time)`)
        return []
      }
      const directory = mkdtempSync(join(tmpdir(), 'urbangrid-assign-memory-'))
      try {
        log(`  writing a ${MEGABYTES} MB points CSV…`)
        const input = writeBigAssignInput(directory, MEGABYTES)
        log(`  ${input.rows.toLocaleString('en')} rows, ${(input.bytes / 1e6).toFixed(1)} MB`)
        const figures: BenchResult[] = []
        for (const format of ['csv', 'geojson'] as const) {
          const out = join(directory, `streamed.${format}`)
          const streamed = measured(['scripts/assign.ts', '--polygons', input.polygons, '--points', input.points, '--id-field', 'code', '--out', out])
          rmSync(out, { force: true })
          log(`  npm run assign → ${format}: exit ${streamed.status}, peak ${streamed.peakMb} MB, ${(streamed.ms / 1000).toFixed(1)} s`)
          const wholeOut = join(directory, `whole.${format}`)
          const whole = measured(['bench/fixtures/assign-whole-file.ts', input.polygons, input.points, 'code', wholeOut])
          rmSync(wholeOut, { force: true })
          log(`  whole file → ${format}: exit ${whole.status}, peak ${whole.peakMb} MB, ${(whole.ms / 1000).toFixed(1)} s`)
          figures.push(
            result({
              bench: `assign-stream-200mb ${format} peak memory`,
              n: input.rows,
              ms: streamed.ms,
              baseline: `the whole file in memory (before issue 13), ${format} out${whole.status === 0 ? '' : `, exit ${whole.status}`}`,
              baseline_ms: Math.round(whole.ms),
              ratio: Math.round((whole.peakMb / streamed.peakMb) * 100) / 100,
              input_mb: Math.round(input.bytes / 1e6),
              peak_rss_mb: streamed.peakMb,
              baseline_peak_rss_mb: whole.peakMb,
              target_peak_rss_mb: TARGET_PEAK_MB,
              met: streamed.status === 0 && streamed.peakMb <= TARGET_PEAK_MB,
            }),
          )
        }
        return figures
      } finally {
        rmSync(directory, { recursive: true, force: true })
      }
    },
  },
]
