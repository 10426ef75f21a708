/**
 * 考核 on the embedded demo (`npm run bench -- kpi`, issue 19): public.kpi_monthly for all
 * 2,950 grids of one month — one set-based call, as the workspace makes it, as the 指挥中心
 * account, its jsonb parsed as the app parses it — against the plain way: a loop of one query
 * per grid code and month (this month and the previous one, for the change of rank),
 * each counting that grid's registered, due, closed, on-time, reworked, public and
 * stage-late cases and its 以克论净 samples passed, then rates, scores and ranks in JavaScript. Both are timed the same way
 * (four runs each: the first, and the best of the other three), on the same snapshot, in the same run,
 * and must agree on every count and rank, or the bench throws.
 */
import { readFileSync } from 'node:fs'
import { PGlite, type Transaction } from '@electric-sql/pglite'
import { postgis } from '@electric-sql/pglite-postgis'
import { SNAPSHOT_FILE } from '../scripts/ensure-demo.ts'
import { DEMO_USERS } from '../scripts/seed/reference-data.ts'
import { asCaller } from '../src/data/embedded/embedded-calls.ts'
import { kpiUnitSchema, type KpiUnit } from '../src/data/kpi-reads.ts'
import { kpiScore, type KpiWeights } from '../src/domain/kpi/kpi-score.ts'
import { result, type Bench } from './bench.ts'

const MONTH = '2026-10-01'
const PREVIOUS = '2026-09-01'
const manager = DEMO_USERS.find((user) => user.role === 'manager')!

type Counts = Pick<KpiUnit, 'registered' | 'due' | 'closed' | 'closed_on_time' | 'reworked' | 'public_verified' | 'stage_late' | 'cleaning_samples' | 'cleaning_passed'>

// One grid code, one month: the figures of docs/evaluation.md, through the grid_id index.
const PER_UNIT_SQL = `
  with bounds as (
    select ($2::date::timestamp - private.local_offset()) at time zone 'UTC' as s,
           (($2::date + interval '1 month')::date::timestamp - private.local_offset()) at time zone 'UTC' as e
  ), cases as (
    select i.*, b.e,
           (i.registered_at >= b.s and i.registered_at < b.e) as is_registered,
           (i.registered_at is not null and i.status <> 'rejected'
             and ((i.deadline_at >= b.s and i.deadline_at < b.e) or (i.closed_at >= b.s and i.closed_at < b.e and i.deadline_at >= b.e))) as is_due
    from public.incidents i cross join bounds b
    where i.grid_id in (select g.id from public.grids g where g.code = $1)
  ), weighings as (
    select ci.grams_per_m2 <= cg.dust_limit as passed
    from public.cleaning_inspections ci
    join public.street_segments ss on ss.id = ci.segment_id
    join public.cleaning_grades cg on cg.grade = ss.cleaning_grade
    cross join bounds b
    where ss.grid_id in (select g.id from public.grids g where g.code = $1) and ci.at >= b.s and ci.at < b.e
  )
  select count(*) filter (where is_registered)::int as registered,
         count(*) filter (where is_due)::int as due,
         count(*) filter (where is_due and closed_at < e)::int as closed,
         count(*) filter (where is_due and closed_at < e and coalesce(handled_at, closed_at) <= deadline_at)::int as closed_on_time,
         count(*) filter (where is_due and exists (select 1 from public.case_history h where h.incident_id = cases.id and h.action = 'check'
                                                    and h.details -> 'passed' = 'false'::jsonb and h.at < e))::int as reworked,
         count(*) filter (where is_registered and source in ('hotline_12319', 'public_report', 'media'))::int as public_verified,
         count(*) filter (where is_due and (coalesce(late_stages, 0) & 47) <> 0)::int as stage_late,
         (select count(*) from weighings)::int as cleaning_samples,
         (select count(*) filter (where passed) from weighings)::int as cleaning_passed
  from cases`

function ranked(units: { code: string; counts: Counts }[], weights: KpiWeights) {
  const rate = (numerator: number, denominator: number) => (denominator === 0 ? null : numerator / denominator)
  const scored = units.map(({ code, counts }) => {
    const { score } = kpiScore(
      {
        closure_rate: rate(counts.closed, counts.due),
        on_time_rate: rate(counts.closed_on_time, counts.due),
        rework_rate: rate(counts.reworked, counts.due),
        public_report_rate: rate(counts.public_verified, counts.registered),
        stage_late_rate: rate(counts.stage_late, counts.due),
        cleaning_quality: rate(counts.cleaning_passed, counts.cleaning_samples),
      },
      weights,
    )
    return { code, counts, score }
  })
  const scores = scored.filter((unit) => unit.score !== null).map((unit) => unit.score!)
  return new Map(scored.map((unit) => [unit.code, { ...unit, rank: unit.score === null ? null : 1 + scores.filter((other) => other > unit.score!).length }]))
}

async function loop(tx: Transaction) {
  const codes = (
    await tx.query<{ code: string }>(
      `select distinct g.code from public.grids g
       where g.valid_from < ($1::date + interval '1 month')::date::timestamp - private.local_offset() and (g.valid_to is null or g.valid_to > $2::date::timestamp - private.local_offset())
       order by g.code`,
      [MONTH, PREVIOUS],
    )
  ).rows.map((row) => row.code)
  const weightsOf = async (month: string) =>
    (await tx.query<{ weights: KpiWeights }>(`select weights from public.kpi_weight_sets where effective_month <= $1::date order by effective_month desc limit 1`, [month])).rows[0].weights
  const month: { code: string; counts: Counts }[] = []
  const previous: { code: string; counts: Counts }[] = []
  for (const code of codes) {
    month.push({ code, counts: (await tx.query<Counts>(PER_UNIT_SQL, [code, MONTH])).rows[0] })
    previous.push({ code, counts: (await tx.query<Counts>(PER_UNIT_SQL, [code, PREVIOUS])).rows[0] })
  }
  const now = ranked(month, await weightsOf(MONTH))
  const before = ranked(previous, await weightsOf(PREVIOUS))
  return [...now.values()].map((unit) => ({ ...unit, previous_rank: before.get(unit.code)?.rank ?? null }))
}

async function setBased(tx: Transaction): Promise<KpiUnit[]> {
  const answer = await tx.query<{ result: string }>(`select public.kpi_monthly($1::date, 'grid')::text as result`, [MONTH])
  return kpiUnitSchema.array().parse(JSON.parse(answer.rows[0].result))
}

async function timedRuns<T>(db: PGlite, work: (tx: Transaction) => Promise<T>, runs: number) {
  const times: number[] = []
  let last: T | undefined
  for (let run = 0; run < runs; run++) {
    const started = performance.now()
    last = await asCaller(db, { sub: manager.id, role: 'authenticated' }, work)
    times.push(performance.now() - started)
  }
  return { first: times[0], best: Math.min(...times.slice(1)), times, last: last! }
}

const kpiBench: Bench = {
  name: 'kpi',
  async run(log) {
    const db = new PGlite({ extensions: { postgis }, loadDataDir: new Blob([readFileSync(SNAPSHOT_FILE)], { type: 'application/x-gzip' }) })
    await db.waitReady
    try {
      const sql = await timedRuns(db, setBased, 4)
      log(`  kpi_monthly(${MONTH}, grid): ${sql.times.map((ms) => ms.toFixed(0)).join(', ')} ms (${sql.last.length} grids)`)
      const plain = await timedRuns(db, loop, 4)
      log(`  per-unit loop: ${plain.times.map((ms) => ms.toFixed(0)).join(', ')} ms`)
      const loopByCode = new Map(plain.last.map((unit) => [unit.code, unit]))
      for (const unit of sql.last) {
        const other = loopByCode.get(unit.unit_code)
        if (!other) throw new Error(`the loop has no grid ${unit.unit_code}`)
        for (const key of ['registered', 'due', 'closed', 'closed_on_time', 'reworked', 'public_verified', 'stage_late', 'cleaning_samples', 'cleaning_passed'] as const) {
          if (unit[key] !== other.counts[key]) throw new Error(`${unit.unit_code} ${key}: kpi_monthly ${unit[key]}, loop ${other.counts[key]}`)
        }
        if (unit.score !== other.score || unit.rank !== other.rank || unit.previous_rank !== other.previous_rank) {
          throw new Error(`${unit.unit_code}: kpi_monthly score ${unit.score} rank ${unit.rank}/${unit.previous_rank}, loop ${other.score} ${other.rank}/${other.previous_rank}`)
        }
      }
      if (loopByCode.size !== sql.last.length) throw new Error(`kpi_monthly lists ${sql.last.length} grids, the loop ${loopByCode.size}`)
      return [
        result({
          bench: 'kpi-monthly-grid',
          n: sql.last.length,
          ms: sql.best,
          first_ms: Math.round(sql.first),
          baseline: 'one query per grid code and month (this and the previous), rates, scores and ranks in JS',
          baseline_ms: plain.best,
          baseline_first_ms: Math.round(plain.first),
          target_ms: 300,
          month: MONTH,
        }),
      ]
    } finally {
      await db.close()
    }
  },
}

export const benches: Bench[] = [kpiBench]
