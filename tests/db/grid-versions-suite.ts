/**
 * Grid versions followed everywhere (issue 12), on PGlite and native PostgreSQL 15: a split
 * through edit_grids re-places street segments, counts follow today's grids while each case
 * keeps the version of its reported time, the browser's placement agrees, stale edits are
 * refused (UG108), gaps are refused (UG109), and edits of one community take turns.
 */
import { expect, it } from 'vitest'
import { DEMO_USERS } from '../../scripts/seed/reference-data.ts'
import { assignmentReferenceSchema } from '../../src/data/assignment-schemas.ts'
import { buildIncidentPlacer } from '../../src/domain/placement/incident-placer.ts'
import { failure, raceAfterCommit, type Engine, type Query } from './engine.ts'

const user = (role: (typeof DEMO_USERS)[number]['role']) => DEMO_USERS.find((candidate) => candidate.role === role)!.id

export interface SplitPlan {
  id: number
  code: string
  new_code: string
  keep: string
  split_off: string
  inside_split_off: { type: 'Point'; coordinates: [number, number] }
  segment_id: number
  cases_in_split_off: number
}

/**
 * A grid with a back-street segment and cases in its eastern half, cut along the meridian
 * through its centroid into two polygons: the west keeps the code, the east becomes a new
 * grid with the community's next free number.
 */
export const SPLIT_PLAN_SQL = `
  with cut as (
    select g.id, g.code, g.community_id, g.geom,
           extensions.st_split(g.geom, extensions.st_setsrid(extensions.st_makeline(
             extensions.st_makepoint(extensions.st_x(extensions.st_centroid(g.geom)), extensions.st_ymin(g.geom::extensions.box2d) - 0.01),
             extensions.st_makepoint(extensions.st_x(extensions.st_centroid(g.geom)), extensions.st_ymax(g.geom::extensions.box2d) + 0.01)), 4326)) as parts
    from public.grids g where g.valid_to is null),
  halves as (
    select c.*,
           (select p.geom from extensions.st_dump(c.parts) p order by extensions.st_x(extensions.st_centroid(p.geom)) limit 1) as west,
           (select p.geom from extensions.st_dump(c.parts) p order by extensions.st_x(extensions.st_centroid(p.geom)) desc limit 1) as east
    from cut c where extensions.st_numgeometries(c.parts) = 2)
  select h.id::int, h.code,
         left(h.code, 12) || lpad(((select max(right(x.code, 3)::int) from public.grids x where left(x.code, 12) = left(h.code, 12)) + 1)::text, 3, '0') as new_code,
         extensions.st_asgeojson(h.west, 15) as keep, extensions.st_asgeojson(h.east, 15) as split_off,
         extensions.st_asgeojson(extensions.st_pointonsurface(h.east), 15)::jsonb as inside_split_off,
         (select s.id::int from public.street_segments s
          where s.grid_id = h.id and extensions.st_covers(h.east, extensions.st_lineinterpolatepoint(s.geom, 0.5))
            and not extensions.st_covers(h.west, extensions.st_lineinterpolatepoint(s.geom, 0.5)) order by s.id limit 1) as segment_id,
         (select count(*)::int from public.incidents i
          where i.grid_id = h.id and extensions.st_covers(h.east, i.geom) and not extensions.st_covers(h.west, i.geom)) as cases_in_split_off
  from halves h
  where exists (select 1 from public.street_segments s
                where s.grid_id = h.id and extensions.st_covers(h.east, extensions.st_lineinterpolatepoint(s.geom, 0.5))
                  and not extensions.st_covers(h.west, extensions.st_lineinterpolatepoint(s.geom, 0.5)))
    and (select count(*) from public.incidents i where i.grid_id = h.id and extensions.st_covers(h.east, i.geom)) >= 5
  order by h.code
  limit 1`

export const splitEdits = (plan: SplitPlan) =>
  JSON.stringify([
    { code: plan.code, base_version: 1, geometry: JSON.parse(plan.keep), reason: '拆分网格' },
    { code: plan.new_code, create: true, geometry: JSON.parse(plan.split_off), name: '拆分新增', reason: '拆分网格' },
  ])

/** Today's count per current grid by ST_Covers of every case (smallest code on shared edges). */
const COVERS_COUNTS_SQL = `
  select coalesce(jsonb_object_agg(q.code, q.n), '{}'::jsonb) as counts from (
    select t.code, count(*)::int as n from (
      select i.id, min(g.code) as code
      from public.incidents i
      join public.grids g on g.valid_to is null and g.geom operator(extensions.&&) i.geom and extensions.st_covers(g.geom, i.geom)
      group by i.id) t
    group by t.code) q`

export function defineGridVersionSuite(engine: () => Engine) {
  const one = async <T = Record<string, unknown>>(sql: string, params?: unknown[]) => (await engine().query<T>(sql, params))[0]

  it('follows a split everywhere: segments, today\'s counts, historic cases, the browser\'s placement', async () => {
    const plan = await one<SplitPlan>(SPLIT_PLAN_SQL)
    expect(plan, 'a grid to split').toBeDefined()
    expect(plan.cases_in_split_off).toBeGreaterThanOrEqual(1)
    await engine().asUser(user('planner'), async (as) => {
      const [split] = await as<{ r: { code: string; version: number }[] }>(`select public.edit_grids($1::jsonb) as r`, [splitEdits(plan)])
      expect(split.r.map((grid) => [grid.code, grid.version])).toEqual([
        [plan.code, 2],
        [plan.new_code, 1],
      ])

      // street segments follow the grids in the same transaction
      const [segments] = await as<{ on_closed: number; moved_to: string }>(
        `select (select count(*)::int from public.street_segments s join public.grids g on g.id = s.grid_id where g.valid_to is not null) as on_closed,
                (select g.code from public.street_segments s join public.grids g on g.id = s.grid_id where s.id = $1) as moved_to`,
        [plan.segment_id],
      )
      expect(segments).toEqual({ on_closed: 0, moved_to: plan.new_code })

      // the cases keep the version of their reported time ...
      const [kept] = await as<{ n: number }>(`select count(*)::int as n from public.incidents where grid_id = $1`, [plan.id])
      expect(kept.n).toBeGreaterThanOrEqual(plan.cases_in_split_off)
      // ... and today's counts are what ST_Covers against today's grids says, for every case
      const [counts] = await as<{ by_function: { grid_code: string; count: number }[] }>(`select public.incident_counts_by_grid() as by_function`)
      // The oracle is a spatial join over every case, run as the owner: under the API role's
      // row level security PostGIS's && (not leakproof) cannot use an index (docs/benchmarks.md).
      await as(`reset role`)
      const [oracle] = await as<{ counts: Record<string, number> }>(COVERS_COUNTS_SQL)
      expect(Object.fromEntries(counts.by_function.map((row) => [row.grid_code, row.count]))).toEqual(oracle.counts)
      expect(oracle.counts[plan.new_code]).toBeGreaterThanOrEqual(plan.cases_in_split_off)
    })
  })

  it('places a case in the grid version of its reported time, and the browser agrees', async () => {
    const plan = await one<SplitPlan>(SPLIT_PLAN_SQL)
    const [lon, lat] = plan.inside_split_off.coordinates
    // The split is made now (the transaction's time); a case reported three days ago predates it.
    await engine().asUser(user('admin'), async (as) => {
      await as(`select public.edit_grids($1::jsonb)`, [splitEdits(plan)])
      const rows = [
        { external_id: 'V-HISTORIC', lon, lat, category_code: '06010', source: 'patrol', reported_at: new Date(Date.now() - 3 * 86_400_000).toISOString() },
        { external_id: 'V-TODAY', lon, lat, category_code: '06010', source: 'patrol' },
      ]
      const [intake] = await as<{ r: { ok: boolean; grid_code: string; id: number }[] }>(`select public.intake_incidents($1::json) as r`, [
        JSON.stringify(rows),
      ])
      expect(intake.r.map((result) => [result.ok, result.grid_code])).toEqual([
        [true, plan.code],
        [true, plan.new_code],
      ])
      const [records] = await as<{ historic_version: number; historic_today: string; today_override: number }>(
        `select (select g.version from public.incidents i join public.grids g on g.id = i.grid_id where i.external_id = 'V-HISTORIC') as historic_version,
                (select g.code from public.incidents i join public.incident_current_grids c on c.incident_id = i.id
                 join public.grids g on g.id = c.grid_id where i.external_id = 'V-HISTORIC') as historic_today,
                (select count(*)::int from public.incidents i join public.incident_current_grids c on c.incident_id = i.id
                 where i.external_id = 'V-TODAY') as today_override`,
      )
      expect(records).toEqual({ historic_version: 1, historic_today: plan.new_code, today_override: 0 })

      const [reference] = await as<{ r: unknown }>(`select public.assignment_reference() as r`)
      const placer = buildIncidentPlacer(assignmentReferenceSchema.parse(reference.r))
      const historic = placer.place({ lon, lat, categoryCode: '06010', reportedAt: new Date(rows[0].reported_at!) })
      const today = placer.place({ lon, lat, categoryCode: '06010', reportedAt: new Date() })
      expect([historic.gridCode, today.gridCode]).toEqual([plan.code, plan.new_code])
    })
  })

  it('refuses an edit based on a replaced version (UG108) and a gap (UG109), and changes nothing', async () => {
    const plan = await one<SplitPlan>(SPLIT_PLAN_SQL)
    await engine().asUser(user('planner'), async (as) => {
      await as(`select public.edit_grids($1::jsonb)`, [splitEdits(plan)])
      const stale = await failure(
        as(`select public.edit_grids($1::jsonb)`, [JSON.stringify([{ code: plan.code, base_version: 1, responsible_person: '李过时' }])]),
      )
      expect([stale.code, stale.column]).toEqual(['UG108', 'base_version'])
      expect(stale.message).toContain(plan.code)
      expect(stale.message).toContain('第 2 版')
      const gap = await failure(as(`select public.edit_grids($1::jsonb)`, [JSON.stringify([{ code: plan.new_code, base_version: 1, retire: true }])]))
      expect([gap.code, gap.column]).toEqual(['UG109', 'geometry'])
      expect(gap.message).toContain('不属于任何网格')
      const badBase = await failure(as(`select public.edit_grids($1::jsonb)`, [JSON.stringify([{ code: plan.code, base_version: 'v2' }])]))
      expect([badBase.code, badBase.column]).toEqual(['UG009', 'base_version'])
      const [versions] = await as<{ n: number; people: string[] }>(
        `select count(*)::int as n, array_agg(responsible_person order by version) as people from public.grids where code = $1`,
        [plan.code],
      )
      expect(versions.n).toBe(2)
      expect(versions.people).not.toContain('李过时')
    })
  })
}

/**
 * Two planners editing one community at once (native PostgreSQL only: two connections).
 * The second waits for the first one's community lock, then finds its base version
 * replaced and is refused; nothing of it is written.
 */
export function defineGridConcurrencyCheck(engine: () => Engine, connect: () => Promise<{ query: Query; close(): Promise<void> }>) {
  it('serialises edits of one community: the second of two planners is refused (UG108), never both committed', async () => {
    const plan = await splitPlan(engine())
    const first = await connect()
    const second = await connect()
    try {
      const begin = async (connection: { query: Query }) => {
        await connection.query('begin')
        await connection.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub: user('planner'), role: 'authenticated' })])
        await connection.query('set local role authenticated')
      }
      await begin(first)
      await begin(second)
      await first.query(`select public.edit_grids($1::jsonb)`, [splitEdits(plan)])
      // the same split, from a planner who saw the same version 1 of the grid
      const nextCode = `${plan.new_code.slice(0, 12)}${String(Number(plan.new_code.slice(12)) + 1).padStart(3, '0')}`
      const { waited, error } = await raceAfterCommit(first, second, () =>
        second.query(`select public.edit_grids($1::jsonb)`, [splitEdits({ ...plan, new_code: nextCode })]),
      )
      expect(waited).toBe(true)
      expect([error.code, error.column]).toEqual(['UG108', 'base_version'])
      const [after] = await engine().query<{ current: number; overlapping: number }>(
        `select (select count(*)::int from public.grids where left(code, 12) = left($1, 12) and code >= $2 and valid_to is null) as current,
                (select count(*)::int from public.grids a join public.grids b on a.id < b.id and a.valid_to is null and b.valid_to is null
                   and a.geom operator(extensions.&&) b.geom and extensions.st_relate(a.geom, b.geom, '2********')
                 where left(a.code, 12) = left($1, 12)) as overlapping`,
        [plan.code, plan.new_code],
      )
      expect(after).toEqual({ current: 1, overlapping: 0 })
    } finally {
      await first.close()
      await second.close()
    }
  })
}

async function splitPlan(engine: Engine): Promise<SplitPlan> {
  return (await engine.query<SplitPlan>(SPLIT_PLAN_SQL))[0]
}
