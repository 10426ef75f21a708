/**
 * Publishing a grid draft (`npm run bench -- grid-publish`): one edit_grids call with 50
 * edits (every grid's unchanged geometry at 15 decimals, a new responsible person, its
 * base_version), as the demo planner through the API role, in PGlite from the demo snapshot,
 * the way the embedded backend runs a call (one transaction). Target: ≤ 1 s.
 *
 * Each run starts from the snapshot's state (the transaction is rolled back afterwards);
 * figure = median of 5 runs after one warm-up, in the demo's largest community (75 grids).
 * Baseline, in the same rounds: the same call with 20261206000100's replace_in_changed_area
 * put back inside the rolled-back transaction (every case tested against the changed grids).
 * 20261206000100's gap check is not timed: PGlite's GEOS cannot compute it for this
 * community (nor for 34 others), the call is refused (see 20261206001300_grid_editor.sql).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PGlite, type Transaction } from '@electric-sql/pglite'
import { postgis } from '@electric-sql/pglite-postgis'
import { MIGRATIONS_DIR } from '../scripts/db/migrations.ts'
import { ensureDemo, SNAPSHOT_FILE } from '../scripts/ensure-demo.ts'
import { DEMO_USERS } from '../scripts/seed/reference-data.ts'
import { result, type Bench, type BenchResult } from './bench.ts'

const RUNS = 5
const EDITS = 50
const planner = JSON.stringify({ sub: DEMO_USERS.find((user) => user.role === 'planner')!.id, role: 'authenticated' })

/** 20261206000100's re-placement, which this issue replaced. */
function beforeDefinitions(): string {
  const text = readFileSync(join(MIGRATIONS_DIR, '20261206000100_integrity_and_access.sql'), 'utf8')
  return ['private.replace_in_changed_area']
    .map((name) => {
      const start = text.indexOf(`create or replace function ${name}(`)
      const end = text.indexOf('\n$$;\n', start)
      if (start < 0 || end < 0) throw new Error(`${name} not found in 20261206000100`)
      return text.slice(start, end + 5)
    })
    .join('\n')
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

export const benches: Bench[] = [
  {
    name: 'grid-publish',
    async run(log) {
      await ensureDemo({ log })
      const db = new PGlite({ extensions: { postgis }, loadDataDir: new Blob([readFileSync(SNAPSHOT_FILE)]) })
      const before = beforeDefinitions()
      try {
        /** The 50 edits of a community, as the editor sends them after grids_for_edit. */
        const editsOf = async (community: string) => {
          const [row] = await db.transaction(async (tx: Transaction) => {
            await tx.query(`select set_config('request.jwt.claims', $1, true)`, [planner])
            await tx.exec('set local role authenticated')
            return (await tx.query<{ r: { grids: { code: string; version: number; geometry: unknown }[] } }>(`select public.grids_for_edit($1) as r`, [community])).rows
          })
          return JSON.stringify(
            row.r.grids.slice(0, EDITS).map((grid, index) => ({
              code: grid.code,
              base_version: grid.version,
              geometry: grid.geometry,
              responsible_person: `网格员${index + 1}`,
              reason: '网格员调整',
            })),
          )
        }
        /** One publish as the planner, rolled back; ms, or null when refused. */
        const publish = async (edits: string, old: boolean): Promise<{ ms: number | null; error?: string }> => {
          let outcome: { ms: number | null; error?: string } = { ms: null }
          await db
            .transaction(async (tx: Transaction) => {
              if (old) await tx.exec(before)
              await tx.query(`select set_config('request.jwt.claims', $1, true)`, [planner])
              await tx.exec('set local role authenticated')
              const started = performance.now()
              try {
                const rows = (await tx.query<{ n: number }>(`select jsonb_array_length(public.edit_grids($1::jsonb)) as n`, [edits])).rows
                if (rows[0]?.n !== EDITS) throw new Error(`edit_grids answered ${JSON.stringify(rows)}`)
                outcome = { ms: performance.now() - started }
              } catch (error) {
                outcome = { ms: null, error: (error as Error).message }
              }
              await tx.rollback()
            })
            .catch(() => {})
          return outcome
        }

        const [largest] = (
          await db.query<{ code: string; grids: number }>(
            `select c.code, count(*)::int as grids from public.communities c join public.grids g on g.community_id = c.id and g.valid_to is null
             group by c.code order by count(*) desc, c.code limit 1`,
          )
        ).rows
        const edits = await editsOf(largest.code)
        const after: number[] = []
        const baseline: number[] = []
        for (const old of [false, true]) {
          const warmUp = await publish(edits, old)
          if (warmUp.ms === null) throw new Error(`edit_grids refused: ${warmUp.error}`)
        }
        for (let round = 0; round < RUNS; round += 1) {
          for (const [figures, old] of [
            [after, false],
            [baseline, true],
          ] as const) {
            const run = await publish(edits, old)
            if (run.ms === null) throw new Error(`edit_grids refused: ${run.error}`)
            figures.push(run.ms)
          }
          log(`  round ${round + 1}: ${after.at(-1)!.toFixed(0)} ms (before ${baseline.at(-1)!.toFixed(0)} ms)`)
        }
        const figures: BenchResult[] = [
          result({
            bench: `grid-publish ${EDITS} edits, community ${largest.code} (${largest.grids} grids), PGlite`,
            n: EDITS,
            ms: median(after),
            baseline: 'replace_in_changed_area as in 20261206000100 (every case tested against the changed grids)',
            baseline_ms: median(baseline),
            runs: RUNS,
            statistic: 'median',
            target_ms: 1000,
            met: median(after) <= 1000,
          }),
        ]
        return figures
      } finally {
        await db.close()
      }
    },
  },
]
