/**
 * The database assertions of the foundation issue, run unchanged on every engine. The
 * caller loads shim + migrations + seed and hands over an Engine.
 */
import { expect, it } from 'vitest'
import { DEMO_USERS } from '../../scripts/seed/reference-data.ts'
import { failure, type Engine } from './engine.ts'

const user = (role: (typeof DEMO_USERS)[number]['role']) => DEMO_USERS.find((candidate) => candidate.role === role)!.id

/** A digest of every case's placement, compared across engines. */
export const ASSIGNMENT_DIGEST_SQL = `
  select count(*)::int as incidents,
         md5(string_agg(concat_ws(':', id, grid_id, segment_id, department_id,
             extract(epoch from deadline_at)::bigint, closure_type), ',' order by id)) as digest
  from public.incidents`

export function defineDatabaseSuite(engine: () => Engine) {
  const query = <T = Record<string, unknown>>(sql: string, params?: unknown[]) => engine().query<T>(sql, params)
  const one = async <T = Record<string, unknown>>(sql: string, params?: unknown[]) => (await query<T>(sql, params))[0]

  it('has the demo district at the documented scale', async () => {
    const counts = await one<Record<string, number>>(`
      select (select count(*) from public.districts)::int as districts,
             (select count(*) from public.streets)::int as streets,
             (select count(*) from public.communities)::int as communities,
             (select count(*) from public.grids where valid_to is null)::int as grids,
             (select count(*) from public.back_streets)::int as back_streets,
             (select count(*) from public.street_segments)::int as segments,
             (select count(*) from public.facilities where kind = 'collection_point')::int as collection_points,
             (select count(*) from public.facilities where kind = 'transfer_station')::int as transfer_stations,
             (select count(*) from public.facilities where kind = 'compactor_station')::int as compactor_stations,
             (select count(*) from public.facilities where kind = 'public_toilet')::int as public_toilets,
             (select count(*) from public.markets)::int as markets,
             (select count(*) from public.construction_sites)::int as sites,
             (select count(*) from public.cleaners)::int as cleaners,
             (select count(*) from public.incidents)::int as incidents,
             (select round(extensions.st_area(geom::extensions.geography) / 1e6) from public.districts)::int as district_km2`)
    expect(counts.districts).toBe(1)
    expect(counts.streets).toBeGreaterThanOrEqual(8)
    expect(counts.streets).toBeLessThanOrEqual(22)
    expect(counts.communities).toBeGreaterThanOrEqual(60)
    expect(counts.communities).toBeLessThanOrEqual(100)
    expect(counts.grids).toBeGreaterThanOrEqual(2500)
    expect(counts.back_streets).toBe(657)
    expect(counts.segments).toBeGreaterThanOrEqual(1800)
    expect(counts.segments).toBeLessThanOrEqual(2300)
    expect(counts.collection_points).toBe(800)
    expect(counts.transfer_stations).toBe(2)
    expect(counts.compactor_stations).toBeGreaterThanOrEqual(10)
    expect(counts.public_toilets).toBeGreaterThanOrEqual(120)
    expect(counts.markets).toBeGreaterThanOrEqual(25)
    expect(counts.sites).toBeGreaterThanOrEqual(30)
    expect(counts.cleaners).toBeGreaterThanOrEqual(350)
    expect(counts.incidents).toBe(100_000)
    expect(counts.district_km2).toBeGreaterThanOrEqual(70)
    expect(counts.district_km2).toBeLessThanOrEqual(90)
  })

  it('tiles the district with grids: sum of areas = area of the union = district area, to 1 m²', async () => {
    const areas = await one<{ sum_m2: number; union_m2: number; district_m2: number; invalid: number }>(`
      select sum(extensions.st_area(g.geom::extensions.geography)) as sum_m2,
             extensions.st_area(extensions.st_union(g.geom)::extensions.geography) as union_m2,
             (select extensions.st_area(d.geom::extensions.geography) from public.districts d) as district_m2,
             count(*) filter (where not extensions.st_isvalid(g.geom))::int as invalid
      from public.grids g where g.valid_to is null`)
    expect(areas.invalid).toBe(0)
    expect(Math.abs(areas.sum_m2 - areas.union_m2)).toBeLessThan(1)
    expect(Math.abs(areas.union_m2 - areas.district_m2)).toBeLessThan(1)
  })

  it('puts every grid in exactly one community, and streets and communities tile the district too', async () => {
    const row = await one<{ straddling: number; outside_own: number; community_gap_m2: number; street_gap_m2: number }>(`
      select
        (select count(*) from public.grids g where g.valid_to is null and (
           select count(*) from public.communities c
           where c.geom operator(extensions.&&) g.geom and extensions.st_relate(c.geom, g.geom, '2********')) <> 1)::int as straddling,
        (select count(*) from public.grids g join public.communities c on c.id = g.community_id
           where g.valid_to is null and not extensions.st_coveredby(g.geom, c.geom))::int as outside_own,
        abs((select sum(extensions.st_area(geom::extensions.geography)) from public.communities)
            - (select extensions.st_area(geom::extensions.geography) from public.districts)) as community_gap_m2,
        abs((select sum(extensions.st_area(geom::extensions.geography)) from public.streets)
            - (select extensions.st_area(geom::extensions.geography) from public.districts)) as street_gap_m2`)
    expect(row.straddling).toBe(0)
    expect(row.outside_own).toBe(0)
    expect(row.community_gap_m2).toBeLessThan(1)
    expect(row.street_gap_m2).toBeLessThan(1)
  })

  it('gives every current grid a valid 15-digit code, unique, prefixed by its community code', async () => {
    const row = await one<{ total: number; distinct_codes: number; bad_format: number; bad_prefix: number }>(`
      select count(*)::int as total, count(distinct g.code)::int as distinct_codes,
             count(*) filter (where g.code !~ '^[0-9]{15}$')::int as bad_format,
             count(*) filter (where left(g.code, 12) <> c.code)::int as bad_prefix
      from public.grids g join public.communities c on c.id = g.community_id
      where g.valid_to is null`)
    expect(row.bad_format).toBe(0)
    expect(row.bad_prefix).toBe(0)
    expect(row.distinct_codes).toBe(row.total)
  })

  it("places every incident in the grid ST_Covers names, smallest code on shared edges", async () => {
    const row = await one<{ mismatched: number; unplaced: number; on_edges: number }>(`
      with covering as (
        select i.id, i.grid_id, array_agg(g.id order by g.code) as grids
        from public.incidents i
        left join public.grids g on g.valid_to is null
          and g.geom operator(extensions.&&) i.geom and extensions.st_covers(g.geom, i.geom)
        group by i.id, i.grid_id)
      select count(*) filter (where grid_id is distinct from grids[1])::int as mismatched,
             count(*) filter (where grid_id is null)::int as unplaced,
             count(*) filter (where array_length(grids, 1) > 1)::int as on_edges
      from covering`)
    expect(row.mismatched).toBe(0)
    expect(row.unplaced).toBe(0)
    // The generator puts cases exactly on shared edges and corners; the tie-break must have had work.
    expect(row.on_edges).toBeGreaterThanOrEqual(20)
  })

  it('snaps incidents to the nearest back-street segment within 30 m (checked on a sample)', async () => {
    const row = await one<{ sampled: number; mismatched: number; snapped: number }>(`
      with sample as (select * from public.incidents where id % 37 = 0),
      expected as (
        select s.id,
          (select seg.id from public.street_segments seg
           where extensions.st_dwithin(seg.geom::extensions.geography, s.geom::extensions.geography, 30, false)
           -- to the millimetre, then the smallest id (20261207000200_segment_tie.sql)
           order by round(extensions.st_distance(seg.geom::extensions.geography, s.geom::extensions.geography, false)::numeric, 3), seg.id
           limit 1) as segment_id
        from sample s)
      select count(*)::int as sampled,
             count(*) filter (where e.segment_id is distinct from s.segment_id)::int as mismatched,
             count(s.segment_id)::int as snapped
      from sample s join expected e on e.id = s.id`)
    expect(row.sampled).toBeGreaterThan(2000)
    expect(row.mismatched).toBe(0)
    expect(row.snapped / row.sampled).toBeGreaterThan(0.2)
  })

  it('routes every incident to a department and gives registered ones a deadline', async () => {
    const row = await one<{ without_department: number; without_deadline: number; market_cases_to_market_office: number }>(`
      select count(*) filter (where department_id is null)::int as without_department,
             count(*) filter (where deadline_at is null)::int as without_deadline,
             count(*) filter (where category_code = '09020' and department_id <> 6)::int as market_cases_to_market_office
      from public.incidents`)
    expect(row.without_department).toBe(0)
    expect(row.without_deadline).toBe(0)
    expect(row.market_cases_to_market_office).toBe(0)
  })

  it('counts work hours on the work calendar: office hours only, holidays skipped, make-up days worked', async () => {
    const row = await one<Record<string, string>>(`
      select
        -- Friday 16:30 + 4 work hours: 1 h on Friday, 3 h on Monday morning.
        to_char(private.add_work_time('2026-03-13 16:30+08', 4, 'work_hours') at time zone 'UTC', 'YYYY-MM-DD HH24:MI') as friday,
        -- 2026-09-30 (Wed) 17:00 + 1 work day: the National Day holiday runs to 10-07, so 10-08.
        to_char(private.add_work_time('2026-09-30 17:00+08', 1, 'work_days') at time zone 'UTC', 'YYYY-MM-DD HH24:MI') as national_day,
        -- Saturday 2026-10-10 is a make-up working day.
        to_char(private.add_work_time('2026-10-10 09:00+08', 2, 'work_hours') at time zone 'UTC', 'YYYY-MM-DD HH24:MI') as make_up_day,
        to_char(private.add_work_time('2026-10-10 09:00+08', 24, 'natural_hours') at time zone 'UTC', 'YYYY-MM-DD HH24:MI') as natural`)
    expect(row.friday).toBe('2026-03-16 03:30') // 11:30 local
    expect(row.national_day).toBe('2026-10-08 09:30') // 17:30 local
    expect(row.make_up_day).toBe('2026-10-10 03:00') // 11:00 local
    expect(row.natural).toBe('2026-10-11 01:00')
  })

  it('serves each map layer as one bounded FeatureCollection', async () => {
    const row = await one<Record<string, { features: unknown[]; truncated: boolean }>>(`
      select public.layer_grids('grid', null, 10000) as grids,
             public.layer_grids('street', null, 100) as streets,
             public.layer_segments(null, 5000) as segments,
             public.layer_facilities(null, array['transfer_station'], 100) as transfer_stations,
             public.layer_incidents(null, '2026-10-01+08', '2026-11-01+08', array['06'], null, 50) as incidents`)
    expect(row.grids.truncated).toBe(false)
    expect(row.grids.features.length).toBeGreaterThanOrEqual(2500)
    expect(row.streets.features.length).toBeGreaterThanOrEqual(8)
    expect(row.segments.truncated).toBe(false)
    expect(row.transfer_stations.features).toHaveLength(2)
    expect(row.incidents.features).toHaveLength(50)
    expect(row.incidents.truncated).toBe(true)
  })

  it('versions a grid edit: the old row is closed and kept, the new one is version 2', async () => {
    const code = (await one<{ code: string }>(`select code from public.grids where valid_to is null order by code limit 1`)).code
    await engine().asUser(user('planner'), async (as) => {
      const [result] = await as<{ r: { id: number; version: number; previous_id: number }[] }>(
        `select public.edit_grids($1::jsonb) as r`,
        [JSON.stringify([{ code, responsible_person: '王测试', reason: '网格员调整' }])],
      )
      expect(result.r[0].version).toBe(2)
      const versions = await as<{ version: number; valid_to: string | null; responsible_person: string; same_geom: boolean }>(
        `select g.version, g.valid_to, g.responsible_person,
                extensions.st_equals(g.geom, (select geom from public.grids where code = $1 and version = 1)) as same_geom
         from public.grids g where g.code = $1 order by g.version`,
        [code],
      )
      expect(versions).toHaveLength(2)
      expect(versions[0].valid_to).not.toBeNull()
      expect(versions[0].responsible_person).not.toBe('王测试')
      expect(versions[1].valid_to).toBeNull()
      expect(versions[1].responsible_person).toBe('王测试')
      expect(versions[1].same_geom).toBe(true)
      // the trail is the admins' to read; counted here as the owner
      expect((await as<{ n: number }>(`select count(*)::int as n from public.audit_log where table_name = 'grids'`))[0].n).toBe(0)
      await as(`reset role`)
      const audit = await as<{ n: number }>(`select count(*)::int as n from public.audit_log where table_name = 'grids'`)
      expect(audit[0].n).toBeGreaterThanOrEqual(2)
    })
  })

  it('refuses in-place edits and deletes of grids: no API role may write the table, and the owner is refused by the trigger', async () => {
    await engine().asUser(user('admin'), async (as) => {
      expect((await failure(as(`update public.grids set name = 'x' where id = 1`))).code).toBe('42501')
      expect((await failure(as(`delete from public.grids where id = 1`))).code).toBe('42501')
    })
    await engine().asOwner(async (as) => {
      expect((await failure(as(`update public.grids set name = 'x' where id = 1`))).code).toBe('UG105')
      expect((await failure(as(`delete from public.grids where id = 1`))).code).toBe('UG105')
    })
  })

  it('rejects bad grid geometry and codes with a specific reason and writes nothing', async () => {
    const grid = await one<{ code: string; community_code: string; geojson: string }>(`
      select g.code, c.code as community_code, extensions.st_asgeojson(g.geom) as geojson
      from public.grids g join public.communities c on c.id = g.community_id
      where g.valid_to is null order by g.code desc limit 1`)
    const polygon = JSON.parse(grid.geojson) as { coordinates: number[][][] }
    const [x0, y0] = polygon.coordinates[0][0]
    const bowtie = { type: 'Polygon', coordinates: [[[x0, y0], [x0 + 0.001, y0 + 0.001], [x0 + 0.001, y0], [x0, y0 + 0.001], [x0, y0]]] }
    const swapped = { type: 'Polygon', coordinates: [polygon.coordinates[0].map(([x, y]) => [y, x])] }
    const outOfRange = { type: 'Polygon', coordinates: [polygon.coordinates[0].map(([x, y]) => [x + 200, y])] }
    const otherSrid = { ...polygon, type: 'Polygon', crs: { type: 'name', properties: { name: 'EPSG:3857' } } }
    const cases: [object, string][] = [
      [{ code: grid.code, geometry: bowtie }, 'UG007'],
      [{ code: grid.code, geometry: swapped }, 'UG005'],
      [{ code: grid.code, geometry: outOfRange }, 'UG004'],
      [{ code: grid.code, geometry: otherSrid }, 'UG002'],
      [{ code: grid.code, geometry: { type: 'Point', coordinates: [x0, y0] } }, 'UG003'],
      [{ code: grid.code, geometry: { type: 'Polygon', coordinates: 'not coordinates' } }, 'UG008'],
      [{ code: '12345', name: 'x' }, 'UG101'],
      [{ code: '999999999999001', create: true, geometry: polygon }, 'UG102'],
      [{ code: `${grid.community_code}999`, create: true, geometry: polygon }, 'UG107'],
    ]
    for (const [edit, expected] of cases) {
      await engine().asUser(user('planner'), async (as) => {
        const error = await failure(as(`select public.edit_grids($1::jsonb)`, [JSON.stringify([edit])]))
        expect(error.code, JSON.stringify(edit).slice(0, 80)).toBe(expected)
        expect(error.message.length).toBeGreaterThan(5)
      })
    }
    const after = await one<{ versions: number }>(`select count(*)::int as versions from public.grids where code = $1`, [grid.code])
    expect(after.versions).toBe(1)
  })

  it('checks the geometry of every map layer written by the owner (seed, migrations), with the same reasons', async () => {
    await engine().asOwner(async (as) => {
      const swappedToilet = `insert into public.facilities (kind, name, component_code, geom)
        values ('public_toilet', '测试公厕', '03001', extensions.st_setsrid(extensions.st_makepoint(32.47, 119.9), 4326))`
      expect((await failure(as(swappedToilet))).code).toBe('UG005')
      const bowtieMarket = `insert into public.markets (name, geom) values ('测试市场',
        extensions.st_geomfromtext('POLYGON((119.9 32.47,119.901 32.471,119.901 32.47,119.9 32.471,119.9 32.47))', 4326))`
      expect((await failure(as(bowtieMarket))).code).toBe('UG007')
      const road = `insert into public.roads (name, kind, geom)
        values ('测试路', 'main', extensions.st_geomfromtext('LINESTRING(119.9 32.47,119.91 32.47)', 4326)) returning id`
      expect(await as(road)).toHaveLength(1)
    })
  })

  it('takes in a batch of cases: good rows kept, bad rows reported by index, field and reason, re-import harmless', async () => {
    const inside = await one<{ lon: number; lat: number }>(`
      select extensions.st_x(extensions.st_pointonsurface(geom)) as lon, extensions.st_y(extensions.st_pointonsurface(geom)) as lat
      from public.grids where valid_to is null order by code limit 1`)
    const rows = [
      { external_id: 'T-1', lon: inside.lon, lat: inside.lat, category_code: '06010', source: 'hotline_12319', description: '暴露垃圾' },
      { external_id: 'T-2', lon: inside.lat, lat: inside.lon, category_code: '06010', source: 'patrol' },
      { external_id: 'T-3', lon: 'abc', lat: inside.lat, category_code: '06010', source: 'patrol' },
      { external_id: 'T-4', lon: inside.lon, lat: inside.lat, category_code: '99999', source: 'patrol' },
      { external_id: 'T-5', lon: inside.lon, lat: inside.lat, category_code: '06010', source: 'fax' },
      { external_id: 'T-6', lon: 2.35, lat: 48.85, category_code: '06010', source: 'patrol' },
      { external_id: 'T-7', lon: inside.lon, lat: inside.lat, category_code: '09006', source: 'video', reported_at: 'yesterday-ish' },
      { external_id: 'T-8', lon: inside.lon, lat: inside.lat, category_code: '09006', source: 'video', reported_at: '2026-10-12T09:00:00+08:00' },
    ]
    await engine().asUser(user('dispatcher'), async (as) => {
      const [first] = await as<{ r: { index: number; ok: boolean; code?: string; field?: string; grid_code?: string; duplicate?: boolean }[] }>(
        `select public.intake_incidents($1::json) as r`,
        [JSON.stringify(rows)],
      )
      const byIndex = first.r
      expect(byIndex.map((result) => result.ok)).toEqual([true, false, false, false, false, false, false, true])
      expect(byIndex[0].grid_code).toMatch(/^[0-9]{15}$/)
      expect([byIndex[1].code, byIndex[1].field]).toEqual(['UG005', 'geometry'])
      expect([byIndex[2].code, byIndex[2].field]).toEqual(['UG010', 'lon'])
      expect([byIndex[3].code, byIndex[3].field]).toEqual(['UG011', 'category_code'])
      expect([byIndex[4].code, byIndex[4].field]).toEqual(['UG012', 'source'])
      expect([byIndex[5].code, byIndex[5].field]).toEqual(['UG006', 'geometry'])
      expect([byIndex[6].code, byIndex[6].field]).toEqual(['UG013', 'reported_at'])
      const written = await as<{ n: number }>(`select count(*)::int as n from public.incidents where external_id like 'T-%'`)
      expect(written[0].n).toBe(2)
      const [again] = await as<{ r: { ok: boolean; duplicate?: boolean }[] }>(`select public.intake_incidents($1::json) as r`, [
        JSON.stringify([rows[0], rows[7]]),
      ])
      expect(again.r.map((result) => result.duplicate)).toEqual([true, true])
      const total = await as<{ n: number }>(`select count(*)::int as n from public.incidents`)
      expect(total[0].n).toBe(100_002)
    })
  })

  it('a viewer can read but write nothing', async () => {
    await engine().asUser(user('viewer'), async (as) => {
      expect((await as<{ n: number }>(`select count(*)::int as n from public.grids`))[0].n).toBeGreaterThan(2500)
      expect((await as<{ p: { role: string } }>(`select public.current_profile() as p`))[0].p.role).toBe('viewer')
      const code = (await as<{ code: string }>(`select code from public.grids where valid_to is null limit 1`))[0].code
      expect((await failure(as(`select public.edit_grids($1::jsonb)`, [JSON.stringify([{ code, name: 'x' }])]))).code).toBe('42501')
      const intake = await failure(
        as(`select public.intake_incidents($1::json) as r`, [
          JSON.stringify([{ lon: 119.9, lat: 32.47, category_code: '06010', source: 'patrol' }]),
        ]),
      )
      expect(intake.code).toBe('42501')
      expect(intake.message).toContain('无权登记案件')
      expect((await failure(as(`update public.incidents set description = 'x' where id = 1 returning id`))).code).toBe('42501')
      expect((await failure(as(`delete from public.facilities where id = 1 returning id`))).code).toBe('42501')
      expect((await failure(as(`update public.app_settings set value = '1' where key = 'segment_match_distance_m'`))).code).toBe('42501')
      expect((await failure(as(`insert into public.segment_assignments (cleaner_id, segment_id, shift) values (1, 1, 'day')`))).code).toBe('42501')
      expect((await failure(as(`insert into public.profiles (user_id, role) values ($1, 'admin')`, [user('viewer')]))).code).toBe('42501')
      expect((await failure(as(`insert into public.audit_log (table_name, row_id, action) values ('x', '1', 'insert')`))).code).toBe('42501')
    })
  })

  it('RLS: a planner edits grids but not cases; a dispatcher takes cases but not grids', async () => {
    const code = (await one<{ code: string }>(`select code from public.grids where valid_to is null order by code desc limit 1`)).code
    await engine().asUser(user('planner'), async (as) => {
      const [edit] = await as<{ r: { version: number }[] }>(`select public.edit_grids($1::jsonb) as r`, [JSON.stringify([{ code, name: '规划调整' }])])
      expect(edit.r[0].version).toBe(2)
      expect((await failure(as(`update public.incidents set description = 'x' where id = 1`))).code).toBe('42501')
      const intake = await failure(
        as(`select public.intake_incidents($1::json) as r`, [
          JSON.stringify([{ lon: 119.9, lat: 32.47, category_code: '06010', source: 'patrol' }]),
        ]),
      )
      expect(intake.code).toBe('42501')
      expect(intake.message).toContain('无权登记案件')
    })
    await engine().asUser(user('dispatcher'), async (as) => {
      expect((await failure(as(`select public.edit_grids($1::jsonb)`, [JSON.stringify([{ code, name: 'x' }])]))).code).toBe('42501')
      // not even the dispatch desk writes a case directly: every change is a workflow step
      expect((await failure(as(`update public.incidents set description = '已核实' where id = 1`))).code).toBe('42501')
    })
  })

  it('RLS: anon reads nothing and calls nothing', async () => {
    for (const statement of [
      `select count(*) from public.grids`,
      `select count(*) from public.incidents`,
      `select count(*) from public.profiles`,
      `select public.layer_grids('grid', null, 10)`,
      `select public.district_summary()`,
    ]) {
      await engine().asUser(null, async (as) => {
        expect((await failure(as(statement))).code, statement).toBe('42501')
      })
    }
  })
}
