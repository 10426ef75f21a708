/**
 * Coverage after one assignment change (`npm run bench -- roster-coverage`), issue 18's
 * "≤ 50 ms in the embedded demo". On the demo snapshot in PGlite, as the demo administrator:
 *
 * - the figure: what the 保洁排班 workspace does after an edit — one segment's run given to
 *   another cleaner (setRange), then the coverage of the unsaved roster recomputed for the whole
 *   district's ~2,000 segments (coverageFromRosters; the workspace does it for one team's);
 *   median of 200 changes, each on a different segment;
 * - the baseline, in the same run: what the banner does after a save — the change written with
 *   roster_apply and roster_coverage(day, 'late') read again, in one transaction rolled back
 *   afterwards, timed from the write's end to the read's answer; median of 5 after a warm-up.
 */
import { readFileSync } from 'node:fs'
import { PGlite, type Transaction } from '@electric-sql/pglite'
import { postgis } from '@electric-sql/pglite-postgis'
import { rosterAssignmentsSchema, rosterWorkspaceSchema } from '../src/data/roster-reads.ts'
import { toApplyPayload, toChange } from '../src/domain/roster/change.ts'
import { coverageFromRosters, updateCoverageFromRosters } from '../src/domain/roster/coverage.ts'
import { rostersFromAssignments, setRange } from '../src/domain/roster/pieces.ts'
import { ensureDemo, SNAPSHOT_FILE } from '../scripts/ensure-demo.ts'
import { DEMO_USERS } from '../scripts/seed/reference-data.ts'
import { result, type Bench } from './bench.ts'

const CHANGES = 200
const SQL_RUNS = 5
const SHIFT = 'late'
const admin = JSON.stringify({ sub: DEMO_USERS.find((user) => user.role === 'admin')!.id, role: 'authenticated' })

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

export const benches: Bench[] = [
  {
    name: 'roster-coverage',
    async run(log) {
      await ensureDemo({ log })
      const db = new PGlite({ extensions: { postgis }, loadDataDir: new Blob([readFileSync(SNAPSHOT_FILE)]) })
      try {
        const asAdmin = async <T>(work: (tx: Transaction) => Promise<T>, keep = true): Promise<T> => {
          let value: T | undefined
          await db
            .transaction(async (tx: Transaction) => {
              await tx.query(`select set_config('request.jwt.claims', $1, true)`, [admin])
              await tx.exec('set local role authenticated')
              value = await work(tx)
              if (!keep) await tx.rollback()
            })
            .catch((error: unknown) => {
              if (value === undefined) throw error
            })
          return value as T
        }
        const day = (await db.query<{ d: string }>(`select (now() at time zone 'Asia/Shanghai')::date::text as d`)).rows[0].d
        const data = rosterWorkspaceSchema.parse(await asAdmin(async (tx) => (await tx.query<{ r: unknown }>('select public.roster_workspace(null) as r')).rows[0].r))
        const assignments = rosterAssignmentsSchema.parse(await asAdmin(async (tx) => (await tx.query<{ r: unknown }>('select public.roster_assignments($1::date, null) as r', [day])).rows[0].r))
        const context = {
          day,
          shift: SHIFT,
          segments: data.segments,
          activeCleanerIds: new Set(data.cleaners.filter((cleaner) => cleaner.active).map((cleaner) => cleaner.id)),
          teams: data.teams,
          communityNames: new Map<number, string>(),
          streetNames: new Map<number, string>(),
        } as const
        const rosters = rostersFromAssignments(
          data.segments,
          assignments.filter((assignment) => assignment.shift === SHIFT),
        )
        const lateCleaners = data.cleaners.filter((cleaner) => cleaner.active && cleaner.shift === SHIFT).map((cleaner) => cleaner.id)
        let report = coverageFromRosters(rosters, context)
        log(`  ${data.segments.length} segments, late shift coverage ${report.totals.percent.toFixed(2)} %`)

        // The workspace's path: one run re-assigned, the coverage of the unsaved roster again.
        const full: number[] = []
        const incremental: number[] = []
        for (let k = 0; k < CHANGES; k++) {
          const segment = data.segments[(k * 7919) % data.segments.length]
          const roster = rosters.get(segment.id)!
          const changed = setRange(roster, segment.lengthM, segment.lengthM / 3, segment.lengthM, lateCleaners[k % lateCleaners.length])
          rosters.set(segment.id, changed)
          let started = performance.now()
          const fresh = coverageFromRosters(rosters, context)
          full.push(performance.now() - started)
          started = performance.now()
          report = updateCoverageFromRosters(report, [segment.id], rosters, context)
          incremental.push(performance.now() - started)
          if (Math.abs(fresh.totals.coveredM - report.totals.coveredM) > 1e-6) throw new Error('incremental coverage drifted from the full recount')
        }

        // The database's path: the change saved, the shift's coverage read again.
        const segment = data.segments[0]
        const base = rosters.get(segment.id)!
        const stored = rostersFromAssignments([segment], assignments.filter((assignment) => assignment.shift === SHIFT)).get(segment.id)!
        const payload = JSON.stringify(
          toApplyPayload(toChange(day, SHIFT, [{ ...setRange(base, segment.lengthM, 0, segment.lengthM, lateCleaners[0]), base: stored.base }])),
        )
        const sql: number[] = []
        for (let run = 0; run <= SQL_RUNS; run++) {
          const ms = await asAdmin(async (tx) => {
            await tx.query('select public.roster_apply($1::jsonb)', [payload])
            const started = performance.now()
            await tx.query('select public.roster_coverage($1::date, $2) as r', [day, SHIFT])
            return performance.now() - started
          }, false)
          if (run > 0) sql.push(ms)
        }
        log(`  coverage after a change: ${median(full).toFixed(1)} ms in the browser's domain code (incremental ${median(incremental).toFixed(2)} ms), ${median(sql).toFixed(0)} ms roster_coverage on PGlite`)
        return [
          result({
            bench: `roster-coverage after one change, ${data.segments.length} segments, in the workspace (coverageFromRosters, full recount)`,
            n: data.segments.length,
            ms: median(full),
            baseline: 'roster_coverage(day, shift) on PGlite after roster_apply (what the banner reads after a save)',
            baseline_ms: median(sql),
            runs: CHANGES,
            statistic: 'median',
            incremental_ms: Math.round(median(incremental) * 100) / 100,
            target_ms: 50,
            met: median(full) <= 50,
          }),
        ]
      } finally {
        await db.close()
      }
    },
  },
]
