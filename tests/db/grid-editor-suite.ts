/**
 * The grid editor's database side (supabase/migrations/20261206001300_grid_editor.sql), run
 * unchanged on PGlite and native PostgreSQL 15: drafts per owner and role, scope validation,
 * the scope load at full precision (its grids tile the community), history and change
 * events after an edit and a merge through edit_grids, a stale publish refused, the what-if inputs against direct counts,
 * and a 50-grid publish.
 */
import { expect, it } from 'vitest'
import { DEMO_USERS } from '../../scripts/seed/reference-data.ts'
import { failure, type Engine, type Query } from './engine.ts'

const demo = (role: (typeof DEMO_USERS)[number]['role']) => DEMO_USERS.find((candidate) => candidate.role === role)!
const user = (role: (typeof DEMO_USERS)[number]['role']) => demo(role).id
const SECOND_PLANNER = '00000000-0000-4000-8000-0000000000a2'
const NO_PROFILE = '00000000-0000-4000-8000-0000000000ff'

interface Polygon {
  type: 'Polygon'
  coordinates: number[][][]
}
interface ScopeLoad {
  scope: { code: string; name: string; level: string; street_code: string }
  communities: { code: string; name: string; area_m2: number; geometry: Polygon }[]
  grids: { id: number; code: string; version: number; community_code: string; responsible_person: string; name: string; geometry: Polygon }[]
  neighbours: { code: string; community_code: string; geometry: Polygon }[]
  used_codes: string[]
}
interface Version {
  id: number
  code: string
  version: number
  previous_version_id: number | null
  valid_from: string
  valid_to: string | null
  change_reason: string
  created_by_name: string | null
  geometry: Polygon
}
interface History {
  code: string | null
  community: { code: string; name: string } | null
  versions: Version[]
  events: { at: string; reasons: string[]; created: string[]; changed: string[]; retired: string[]; by: string[] }[]
}

/** Switches the acting user inside the running API transaction (the role stays `authenticated`). */
const actAs = (as: Query, userId: string) => as(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub: userId, role: 'authenticated' })])

/** The community with the most current grids (75 in the demo), and its street. */
const BIG_COMMUNITY_SQL = `
  select c.code, left(c.code, 9) as street, count(*)::int as grids
  from public.communities c join public.grids g on g.community_id = c.id and g.valid_to is null
  group by c.code order by count(*) desc, c.code limit 1`

/**
 * Only communities no edit has touched yet: on native PostgreSQL the grid-versions suite
 * commits a split before this suite runs (its concurrency check).
 */
const UNTOUCHED = (alias: string) =>
  `not exists (select 1 from public.grids o where o.community_id = ${alias}.community_id and (o.version > 1 or o.valid_to is not null))`
/** The first current grid of an untouched community. */
const PLAIN_GRID_SQL = `select g.code from public.grids g where g.valid_to is null and ${UNTOUCHED('g')} order by g.code limit 1`

/** Two current grids of one community sharing an edge whose union is one polygon without holes. */
const MERGE_PLAN_SQL = `
  select a.code as keep, b.code as retire, extensions.st_asgeojson(extensions.st_union(a.geom, b.geom), 15) as merged
  from public.grids a
  join public.grids b on b.community_id = a.community_id and b.code > a.code and b.valid_to is null
    and a.geom operator(extensions.&&) b.geom and extensions.st_relate(a.geom, b.geom, 'F***1****')
  where a.valid_to is null
    and ${UNTOUCHED('a')}
    and extensions.st_geometrytype(extensions.st_union(a.geom, b.geom)) = 'ST_Polygon'
    and extensions.st_numinteriorrings(extensions.st_union(a.geom, b.geom)) = 0
  order by a.code, b.code
  limit 1`

export function defineGridEditorSuite(engine: () => Engine) {
  const one = async <T = Record<string, unknown>>(sql: string, params?: unknown[]) => (await engine().query<T>(sql, params))[0]

  it('keeps one draft per planner and scope: saved, replaced, listed, read back only by its owner, discarded', async () => {
    const { code: community, street } = await one<{ code: string; street: string }>(BIG_COMMUNITY_SQL)
    const payload = { changes: [{ code: `${community}001`, responsible_person: '草稿' }, { code: `${community}002` }], note: '第一稿' }
    await engine().asUser(user('planner'), async (as) => {
      const [saved] = await as<{ r: { id: number; scope_code: string; updated_at: string } }>(
        `select public.save_grid_draft($1, $2::jsonb, $3::jsonb) as r`,
        [community, JSON.stringify(payload), JSON.stringify({ [`${community}001`]: 1, [`${community}002`]: 1 })],
      )
      expect(saved.r.scope_code).toBe(community)
      const [back] = await as<{ r: { id: number; payload: unknown; base: unknown } }>(`select public.grid_draft($1) as r`, [community])
      expect(back.r).toMatchObject({ id: saved.r.id, payload, base: { [`${community}001`]: 1, [`${community}002`]: 1 } })

      // saving again replaces the same draft; a street scope is a draft of its own
      const replaced = { changes: [{ code: `${community}003` }], note: '第二稿' }
      const [again] = await as<{ r: { id: number } }>(`select public.save_grid_draft($1, $2::jsonb, null) as r`, [community, JSON.stringify(replaced)])
      expect(again.r.id).toBe(saved.r.id)
      expect((await as<{ r: { payload: unknown; base: unknown } }>(`select public.grid_draft($1) as r`, [community]))[0].r).toMatchObject({ payload: replaced, base: {} })
      await as(`select public.save_grid_draft($1, '{"grids": {}}'::jsonb, '{}'::jsonb)`, [street])
      const [list] = await as<{ r: { scope_code: string; scope_level: string; scope_name: string; changes: number | null }[] }>(`select public.list_grid_drafts() as r`)
      expect(list.r.map((draft) => [draft.scope_code, draft.scope_level, draft.changes]).sort()).toEqual([
        [street, 'street', null],
        [community, 'community', 1],
      ])
      const [names] = await as<{ community: string; street: string }>(
        `select (select name from public.communities where code = $1) as community, (select name from public.streets where code = $2) as street`,
        [community, street],
      )
      expect(list.r.find((draft) => draft.scope_code === community)!.scope_name).toBe(names.community)
      expect(list.r.find((draft) => draft.scope_code === street)!.scope_name).toBe(names.street)

      // another planner (and an admin) sees none of it, through the functions or the table
      await as('set local role none')
      await as(`insert into auth.users (id, email) values ($1, 'planner2@test.urbangrid.local')`, [SECOND_PLANNER])
      await as(`insert into public.profiles (user_id, display_name, role) values ($1, '第二规划员', 'planner')`, [SECOND_PLANNER])
      await as('set local role authenticated')
      for (const other of [SECOND_PLANNER, user('admin')]) {
        await actAs(as, other)
        expect((await as<{ r: unknown }>(`select public.grid_draft($1) as r`, [community]))[0].r).toBeNull()
        expect((await as<{ r: unknown[] }>(`select public.list_grid_drafts() as r`))[0].r).toEqual([])
        expect((await as<{ n: number }>(`select count(*)::int as n from public.grid_drafts`))[0].n).toBe(0)
        expect((await as<{ r: boolean }>(`select public.discard_grid_draft($1) as r`, [community]))[0].r).toBe(false)
      }
      // the second planner's own draft of the same scope lives beside the first one's
      await actAs(as, SECOND_PLANNER)
      await as(`select public.save_grid_draft($1, '{"changes": []}'::jsonb, '{}'::jsonb)`, [community])
      expect((await as<{ r: { payload: unknown } }>(`select public.grid_draft($1) as r`, [community]))[0].r.payload).toEqual({ changes: [] })

      await actAs(as, user('planner'))
      expect((await as<{ r: { payload: unknown } }>(`select public.grid_draft($1) as r`, [community]))[0].r.payload).toEqual(replaced)
      expect((await as<{ r: boolean }>(`select public.discard_grid_draft($1) as r`, [community]))[0].r).toBe(true)
      expect((await as<{ r: boolean }>(`select public.discard_grid_draft($1) as r`, [community]))[0].r).toBe(false)
      expect((await as<{ r: unknown }>(`select public.grid_draft($1) as r`, [community]))[0].r).toBeNull()
      expect((await as<{ r: { scope_code: string }[] }>(`select public.list_grid_drafts() as r`))[0].r.map((draft) => draft.scope_code)).toEqual([street])
      await as('set local role none')
      expect((await as<{ n: number }>(`select count(*)::int as n from public.grid_drafts`))[0].n).toBe(2)
      expect((await as<{ n: number }>(`select count(*)::int as n from public.audit_log where table_name = 'grid_drafts'`))[0].n).toBe(0)
    })
  })

  it('refuses drafts to every role but planner and admin (42501), and bad payloads and scopes with their field', async () => {
    const { code: community } = await one<{ code: string }>(BIG_COMMUNITY_SQL)
    for (const role of ['viewer', 'dispatcher', 'manager', 'staff'] as const) {
      await engine().asUser(user(role), async (as) => {
        for (const statement of [
          `select public.save_grid_draft($1, '{"changes": []}'::jsonb, '{}'::jsonb)`,
          `select public.grid_draft($1)`,
          `select public.discard_grid_draft($1)`,
          `select public.list_grid_drafts() where $1::text is not null`,
        ]) {
          const refused = await failure(as(statement, [community]))
          expect(refused.code, `${role}: ${statement}`).toBe('42501')
          expect(refused.message).toContain('需要网格规划员或管理员角色')
        }
      })
    }
    await engine().asUser(null, async (as) => {
      expect((await failure(as(`select public.save_grid_draft($1, '{}'::jsonb, null)`, [community]))).code).toBe('42501')
      expect((await failure(as(`select public.grids_for_edit($1)`, [community]))).code).toBe('42501')
    })
    await engine().asUser(NO_PROFILE, async (as) => {
      expect((await failure(as(`select public.grids_for_edit($1)`, [community]))).code).toBe('42501')
      expect((await failure(as(`select public.grid_whatif_inputs(array[119.0, 32.0, 121.0, 33.0], '2026-01-01', '2026-02-01')`))).code).toBe('42501')
    })
    await engine().asUser(user('planner'), async (as) => {
      for (const scope of ['329001999', '329001001999', 'abc', '', '32900100100100']) {
        const unknown = await failure(as(`select public.save_grid_draft($1, '{}'::jsonb, null)`, [scope]))
        expect([unknown.code, unknown.column], scope).toEqual(['UG111', 'scope'])
        expect(unknown.message).toContain(`"${scope}"`)
        const load = await failure(as(`select public.grids_for_edit($1)`, [scope]))
        expect([load.code, load.column], scope).toEqual(['UG111', 'scope'])
        expect(load.message).toContain(`"${scope}"`)
      }
      const notObject = await failure(as(`select public.save_grid_draft($1, '[1, 2]'::jsonb, null)`, [community]))
      expect([notObject.code, notObject.column]).toEqual(['UG009', 'payload'])
      const badBase = await failure(as(`select public.save_grid_draft($1, '{}'::jsonb, '{"329001001001001": "v1"}'::jsonb)`, [community]))
      expect([badBase.code, badBase.column]).toEqual(['UG009', 'base'])
      const tooLarge = await failure(
        as(`select public.save_grid_draft($1, jsonb_build_object('blob', repeat('网', 1800000)), null)`, [community]),
      )
      expect([tooLarge.code, tooLarge.column]).toEqual(['UG112', 'payload'])
      expect(tooLarge.message).toContain('上限 5 MB')
      // just under the cap is kept
      await as(`select public.save_grid_draft($1, jsonb_build_object('blob', repeat('a', 5000000)), null)`, [community])
      expect((await as<{ r: { bytes: number }[] }>(`select public.list_grid_drafts() as r`))[0].r[0].bytes).toBeGreaterThan(5_000_000)
    })
  })

  it('loads a scope at full precision: the community\'s current grids tile it, neighbours touch it from outside', async () => {
    const { code: community, street } = await one<{ code: string; street: string }>(BIG_COMMUNITY_SQL)
    await engine().asUser(user('viewer'), async (as) => {
      const [{ r }] = await as<{ r: ScopeLoad }>(`select public.grids_for_edit($1) as r`, [community])
      expect(r.scope).toMatchObject({ code: community, level: 'community', street_code: street })
      expect(r.communities.map((c) => c.code)).toEqual([community])
      const [direct] = await as<{ n: number }>(`select count(*)::int as n from public.grids where left(code, 12) = $1 and valid_to is null`, [community])
      expect(r.grids.length).toBe(direct.n)
      expect(r.grids.every((grid) => grid.community_code === community && grid.version >= 1)).toBe(true)
      // every code the community ever had, retired ones too, so none is handed out again
      const [everUsed] = await as<{ codes: string[] }>(`select coalesce(array_agg(distinct code order by code), '{}') as codes from public.grids where left(code, 12) = $1`, [community])
      expect([...r.used_codes].sort()).toEqual(everUsed.codes)
      expect(r.grids.every((grid) => r.used_codes.includes(grid.code))).toBe(true)
      expect(r.neighbours.length).toBeGreaterThan(0)
      expect(r.neighbours.every((grid) => grid.community_code !== community)).toBe(true)

      const [check] = await as<{ union_m2: number; community_m2: number; exact: number; neighbours_touching: number; neighbours_overlapping: number }>(
        `with load as (select $1::jsonb as r),
         grids as (select e.value as grid from load, jsonb_array_elements(load.r -> 'grids') e),
         community as (select extensions.st_setsrid(extensions.st_geomfromgeojson((load.r -> 'communities' -> 0 ->> 'geometry')), 4326) as geom from load)
         select extensions.st_area(extensions.st_union(extensions.st_setsrid(extensions.st_geomfromgeojson(g.grid ->> 'geometry'), 4326))::extensions.geography) as union_m2,
                (select extensions.st_area(c.geom::extensions.geography) from community c) as community_m2,
                (select count(*)::int from grids x join public.grids s on s.id = (x.grid ->> 'id')::bigint
                 where extensions.st_asewkb(extensions.st_setsrid(extensions.st_geomfromgeojson(x.grid ->> 'geometry'), 4326)) = extensions.st_asewkb(s.geom)) as exact,
                (select count(*)::int from load, jsonb_array_elements(load.r -> 'neighbours') n, community c
                 where extensions.st_dwithin(extensions.st_setsrid(extensions.st_geomfromgeojson(n.value ->> 'geometry'), 4326), c.geom, 0.00001)) as neighbours_touching,
                (select count(*)::int from load, jsonb_array_elements(load.r -> 'neighbours') n, community c
                 where extensions.st_area(extensions.st_intersection(extensions.st_setsrid(extensions.st_geomfromgeojson(n.value ->> 'geometry'), 4326), c.geom)::extensions.geography) > 1) as neighbours_overlapping
         from grids g`,
        [JSON.stringify(r)],
      )
      expect(Math.abs(check.union_m2 - check.community_m2)).toBeLessThan(1)
      expect(Math.abs(r.communities[0].area_m2 - check.community_m2)).toBeLessThan(1)
      // 15 decimals: every geometry sent reads back to the very coordinates stored
      expect(check.exact).toBe(r.grids.length)
      expect(check.neighbours_touching).toBe(r.neighbours.length)
      expect(check.neighbours_overlapping).toBe(0)

      const [{ r: streetLoad }] = await as<{ r: ScopeLoad }>(`select public.grids_for_edit($1) as r`, [street])
      const [streetDirect] = await as<{ communities: number; grids: number }>(
        `select (select count(*)::int from public.communities where left(code, 9) = $1) as communities,
                (select count(*)::int from public.grids where left(code, 9) = $1 and valid_to is null) as grids`,
        [street],
      )
      expect(streetLoad.scope.level).toBe('street')
      expect([streetLoad.communities.length, streetLoad.grids.length]).toEqual([streetDirect.communities, streetDirect.grids])
      expect(streetLoad.neighbours.every((grid) => !grid.code.startsWith(street))).toBe(true)
    })
  })

  it('shows an edit in the history: both versions of the grid, one change event with reason and author', async () => {
    const { code } = await one<{ code: string }>(PLAIN_GRID_SQL)
    const community = code.slice(0, 12)
    await engine().asUser(user('planner'), async (as) => {
      const [before] = await as<{ r: History }>(`select public.grid_history($1) as r`, [code])
      expect(before.r.versions.map((version) => version.version)).toEqual([1])
      const original = before.r.versions[0]
      await as(`select public.edit_grids($1::jsonb)`, [JSON.stringify([{ code, base_version: 1, responsible_person: '张新任', reason: '调整责任人' }])])
      const [{ now }] = await as<{ now: string }>(`select now()::text as now`)

      const [grid] = await as<{ r: History }>(`select public.grid_history($1) as r`, [code])
      expect(grid.r.code).toBe(code)
      expect(grid.r.community).toBeNull()
      expect(grid.r.versions.map((version) => [version.version, version.valid_to === null])).toEqual([
        [2, true],
        [1, false],
      ])
      const [current, closed] = grid.r.versions
      expect(current.previous_version_id).toBe(closed.id)
      expect(current.change_reason).toBe('调整责任人')
      expect(current.created_by_name).toBe(demo('planner').name)
      expect(new Date(current.valid_from).getTime()).toBe(new Date(now).getTime())
      expect(closed.valid_to).toBe(current.valid_from)
      expect({ ...closed, valid_to: null }).toEqual(original)
      expect(current.geometry).toEqual(original.geometry)

      const [history] = await as<{ r: History }>(`select public.grid_history(p_community => $1) as r`, [community])
      expect(history.r.community?.code).toBe(community)
      const [counts] = await as<{ n: number }>(`select count(*)::int as n from public.grids where left(code, 12) = $1`, [community])
      expect(history.r.versions.length).toBe(counts.n)
      const times = history.r.versions.map((version) => new Date(version.valid_from).getTime())
      expect(times).toEqual([...times].sort((a, b) => b - a))
      expect(history.r.events[0]).toEqual({
        at: current.valid_from,
        reasons: ['调整责任人'],
        created: [],
        changed: [code],
        retired: [],
        by: [demo('planner').name],
      })
      // the seeded tiling is the oldest event: every grid created at once
      expect(history.r.events.at(-1)!.created.length).toBeGreaterThan(1)

      // a closed version, by id, with its geometry: what a restore sends back
      const [version] = await as<{ r: Version }>(`select public.grid_version($1) as r`, [closed.id])
      expect(version.r).toEqual(closed)
      expect((await as<{ r: unknown }>(`select public.grid_version(-1) as r`))[0].r).toBeNull()
    })
  })

  it('shows a merge as one grid changed and one retired in the same event', async () => {
    const merge = await one<{ keep: string; retire: string; merged: string }>(MERGE_PLAN_SQL)
    expect(merge, 'two neighbouring grids to merge').toBeDefined()
    await engine().asUser(user('admin'), async (as) => {
      await as(`select public.edit_grids($1::jsonb)`, [
        JSON.stringify([
          { code: merge.keep, base_version: 1, geometry: JSON.parse(merge.merged), reason: '合并网格' },
          { code: merge.retire, base_version: 1, retire: true, reason: '合并网格' },
        ]),
      ])
      const [history] = await as<{ r: History }>(`select public.grid_history(p_community => $1) as r`, [merge.keep.slice(0, 12)])
      expect(history.r.events[0]).toMatchObject({ reasons: ['合并网格'], created: [], changed: [merge.keep], retired: [merge.retire], by: [demo('admin').name] })
      const [retired] = await as<{ r: History }>(`select public.grid_history($1) as r`, [merge.retire])
      expect(retired.r.versions).toHaveLength(1)
      expect(retired.r.versions[0].valid_to).toBe(history.r.events[0].at)
      const [load] = await as<{ r: ScopeLoad }>(`select public.grids_for_edit($1) as r`, [merge.keep.slice(0, 12)])
      expect(load.r.grids.map((grid) => grid.code)).not.toContain(merge.retire)
      expect(load.r.grids.find((grid) => grid.code === merge.keep)!.version).toBe(2)
    })
    await engine().asUser(user('viewer'), async (as) => {
      const unknown = await failure(as(`select public.grid_history('329001999999999')`))
      expect([unknown.code, unknown.column]).toEqual(['UG106', 'code'])
      expect(unknown.message).toContain('329001999999999')
      expect((await failure(as(`select public.grid_history(p_community => '329001999999')`))).code).toBe('UG111')
      expect((await failure(as(`select public.grid_history()`))).code).toBe('UG009')
      expect((await failure(as(`select public.grid_history('329001001001001', '329001001001')`))).code).toBe('UG009')
      expect((await failure(as(`select public.grid_history('12345')`))).code).toBe('UG101')
    })
  })

  it('refuses a publish based on a replaced version (UG108) naming the grid, and changes nothing; the draft stays', async () => {
    const plan = await one<{ code: string }>(PLAIN_GRID_SQL)
    const community = plan.code.slice(0, 12)
    await engine().asUser(user('planner'), async (as) => {
      const [{ r: load }] = await as<{ r: ScopeLoad }>(`select public.grids_for_edit($1) as r`, [community])
      const other = load.grids.find((grid) => grid.code !== plan.code)!
      // the planner's draft, based on version 1 of both
      const edits = [
        { code: plan.code, base_version: 1, responsible_person: '李过时', reason: '调整责任人' },
        { code: other.code, base_version: other.version, responsible_person: '王同批', reason: '调整责任人' },
      ]
      await as(`select public.save_grid_draft($1, $2::jsonb, $3::jsonb)`, [
        community,
        JSON.stringify({ changes: edits }),
        JSON.stringify({ [plan.code]: 1, [other.code]: other.version }),
      ])
      // meanwhile someone else changes the grid
      await actAs(as, user('admin'))
      await as(`select public.edit_grids($1::jsonb)`, [JSON.stringify([{ code: plan.code, base_version: 1, name: '管理员改名', reason: '更名' }])])
      await actAs(as, user('planner'))
      const [versionsBefore] = await as<{ n: number }>(`select count(*)::int as n from public.grids where left(code, 12) = $1`, [community])

      const stale = await failure(as(`select public.edit_grids($1::jsonb)`, [JSON.stringify(edits)]))
      expect([stale.code, stale.column]).toEqual(['UG108', 'base_version'])
      expect(stale.message).toContain(plan.code)
      expect(stale.message).toContain('第 2 版')
      expect(stale.message).not.toContain(other.code)

      const [after] = await as<{ n: number; people: string[] }>(
        `select count(*)::int as n,
                array_agg(responsible_person) filter (where valid_to is null and code in ($2, $3)) as people
         from public.grids where left(code, 12) = $1`,
        [community, plan.code, other.code],
      )
      expect(after.n).toBe(versionsBefore.n)
      expect(after.people).not.toContain('李过时')
      expect(after.people).not.toContain('王同批')
      expect((await as<{ r: { payload: unknown } }>(`select public.grid_draft($1) as r`, [community]))[0].r.payload).toEqual({ changes: edits })
    })
  })

  it('publishes 50 grids of a community in one edit_grids call (unchanged geometry, new person, base_version)', async () => {
    const { code: community } = await one<{ code: string }>(BIG_COMMUNITY_SQL)
    await engine().asUser(user('planner'), async (as) => {
      const [{ r: load }] = await as<{ r: ScopeLoad }>(`select public.grids_for_edit($1) as r`, [community])
      expect(load.grids.length).toBeGreaterThanOrEqual(50)
      const edits = load.grids.slice(0, 50).map((grid, index) => ({
        code: grid.code,
        base_version: grid.version,
        geometry: grid.geometry,
        responsible_person: `新责任人${index + 1}`,
        reason: '网格员调整',
      }))
      await as(`select public.save_grid_draft($1, $2::jsonb, null)`, [community, JSON.stringify({ changes: edits })])
      const started = performance.now()
      const [published] = await as<{ r: { code: string; version: number }[] }>(`select public.edit_grids($1::jsonb) as r`, [JSON.stringify(edits)])
      const ms = performance.now() - started
      console.log(`${engine().name}: edit_grids with 50 edits took ${ms.toFixed(0)} ms`)
      expect(published.r).toHaveLength(50)
      expect(published.r.every((result, index) => result.code === edits[index].code && result.version === load.grids[index].version + 1)).toBe(true)
      expect((await as<{ r: boolean }>(`select public.discard_grid_draft($1) as r`, [community]))[0].r).toBe(true)

      const [{ r: reloaded }] = await as<{ r: ScopeLoad }>(`select public.grids_for_edit($1) as r`, [community])
      expect(reloaded.grids.slice(0, 50).map((grid) => grid.responsible_person)).toEqual(edits.map((edit) => edit.responsible_person))
      expect(reloaded.grids.slice(0, 50).map((grid) => grid.geometry)).toEqual(edits.map((edit) => edit.geometry))
      const [history] = await as<{ r: History }>(`select public.grid_history(p_community => $1) as r`, [community])
      expect(history.r.events[0].changed).toHaveLength(50)
      expect(history.r.events[0].reasons).toEqual(['网格员调整'])
    })
  })

  it('gives the what-if inputs of a box and period, each list equal to a direct count', async () => {
    const { code: community } = await one<{ code: string }>(BIG_COMMUNITY_SQL)
    const box = await one<{ bbox: number[]; to: string }>(
      `select array[extensions.st_xmin(e), extensions.st_ymin(e), extensions.st_xmax(e), extensions.st_ymax(e)] as bbox,
              (select (percentile_disc(0.5) within group (order by reported_at))::text from public.incidents) as to
       from (select extensions.st_expand(extensions.st_extent(s.geom)::extensions.geometry, 0.002) as e
             from public.communities s where left(s.code, 9) = left($1, 9)) q`,
      [community],
    )
    const args = [box.bbox, box.to]
    const [direct] = await engine().query<{ incidents: number; segments: number; facilities: number; markets: number; sites: number }>(
      `with b as (select extensions.st_makeenvelope(x.b[1], x.b[2], x.b[3], x.b[4], 4326) as e from (select $1::double precision[] as b) x)
       select (select count(*)::int from public.incidents i, b where i.reported_at >= $2::timestamptz - interval '180 days' and i.reported_at < $2::timestamptz
                 and extensions.st_intersects(i.geom, b.e)) as incidents,
              (select count(*)::int from public.street_segments s, b where extensions.st_intersects(s.geom, b.e)) as segments,
              (select count(*)::int from public.facilities f, b where extensions.st_intersects(f.geom, b.e)) as facilities,
              (select count(*)::int from public.markets m, b where extensions.st_intersects(extensions.st_pointonsurface(m.geom), b.e)) as markets,
              (select count(*)::int from public.construction_sites k, b where extensions.st_intersects(extensions.st_pointonsurface(k.geom), b.e)) as sites`,
      args,
    )
    expect(direct.incidents).toBeGreaterThan(100)
    expect(direct.segments).toBeGreaterThan(0)
    await engine().asUser(user('planner'), async (as) => {
      const started = performance.now()
      const [{ r }] = await as<{
        r: {
          bbox: number[]
          incidents: { ids: number[]; lon_e6: number[]; lat_e6: number[]; reported_at: number[]; category: string[] }
          segments: { id: number; name: string; length_m: number; coordinates: number[][] }[]
          facilities: { id: number; kind: string; lon: number; lat: number }[]
          markets: { id: number; lon: number; lat: number }[]
          construction_sites: { id: number; lon: number; lat: number }[]
        }
      }>(`select public.grid_whatif_inputs($1::double precision[], $2::timestamptz - interval '180 days', $2::timestamptz) as r`, args)
      console.log(`${engine().name}: grid_whatif_inputs (street box, 180 days, ${r.incidents.ids.length} cases) took ${(performance.now() - started).toFixed(0)} ms`)
      expect(r.bbox).toEqual(box.bbox)
      expect(r.incidents.ids.length).toBe(direct.incidents)
      for (const column of ['lon_e6', 'lat_e6', 'reported_at', 'category'] as const) expect(r.incidents[column]).toHaveLength(direct.incidents)
      for (let k = 1; k < r.incidents.reported_at.length; k++) expect(r.incidents.reported_at[k]).toBeGreaterThanOrEqual(r.incidents.reported_at[k - 1])
      expect(r.segments.length).toBe(direct.segments)
      expect(r.segments.every((segment) => segment.coordinates.length >= 2 && segment.length_m > 0 && segment.name.length > 0)).toBe(true)
      expect([r.facilities.length, r.markets.length, r.construction_sites.length]).toEqual([direct.facilities, direct.markets, direct.sites])
      const inBox = (lon: number, lat: number, slack = 0) => lon >= box.bbox[0] - slack && lon <= box.bbox[2] + slack && lat >= box.bbox[1] - slack && lat <= box.bbox[3] + slack
      // lon_e6/lat_e6 are rounded to 1e-6°: a case 0.1e-6° inside the box's edge may read just outside it
      expect(r.incidents.lon_e6.every((lon, k) => inBox(lon / 1e6, r.incidents.lat_e6[k] / 1e6, 0.5e-6))).toBe(true)
      expect([...r.facilities, ...r.markets, ...r.construction_sites].every((point) => inBox(point.lon, point.lat))).toBe(true)

      const backwards = await failure(as(`select public.grid_whatif_inputs($1::double precision[], '2026-02-01', '2026-01-01')`, [box.bbox]))
      expect([backwards.code, backwards.column]).toEqual(['UG009', 'period'])
      expect((await failure(as(`select public.grid_whatif_inputs(null, '2026-01-01', '2026-02-01')`))).column).toBe('bbox')
      expect((await failure(as(`select public.grid_whatif_inputs(array[1, 2, 0, 0]::double precision[], '2026-01-01', '2026-02-01')`))).column).toBe('bbox')
      expect((await failure(as(`select public.grid_whatif_inputs($1::double precision[], '2020-01-01', '2026-01-01')`, [box.bbox]))).code).toBe('UG009')
    })
  })
}
