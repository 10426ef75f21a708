/**
 * The editor's operations against the database's own checks, on both engines: a real demo
 * community is loaded as the editor loads it (grids_for_edit, normaliseTopology), changed by
 * seeded random operations (split, merge, delete, vertex move/insert — src/domain/grids/editing),
 * and published as the editor publishes (editsFromChanges → one edit_grids call with base
 * versions). edit_grids refuses any overlap exactly (ST_Relate '2********') and any gap over 1 m²,
 * so each accepted publish says PostGIS agrees the draft is a tiling; the stored grids must then
 * be the draft's, coordinate for coordinate. Each publish is rolled back (asUser).
 */
import { expect, it } from 'vitest'
import { DEMO_USERS } from '../../scripts/seed/reference-data.ts'
import { createEditSession } from '../../src/domain/edit/index.ts'
import { editsFromChanges } from '../../src/domain/grids/editing/draft.ts'
import {
  deleteGrid, insertVertex, mergeGrids, moveVertex, neighbours, nextFreeCode, normaliseTopology, splitGrid,
  type EditableGrid, type EditScope, type GridOperationOutcome, type LandUse, type Position,
} from '../../src/domain/grids/editing/index.ts'
import type { Engine } from './engine.ts'

const PLANNER = DEMO_USERS.find((candidate) => candidate.role === 'planner')!.id

interface ScopeGrid {
  code: string
  version: number
  community_code: string
  name: string
  land_use: string
  management_level: number
  responsible_person: string
  responsible_body: string
  geometry: GeoJSON.Polygon
}

interface ScopeLoad {
  communities: { code: string; name: string; geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon }[]
  grids: ScopeGrid[]
  neighbours: ScopeGrid[]
  used_codes: string[]
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** `steps` seeded operations; every accepted one is a transaction of the edit session, as in the editor. */
function edit(load: ScopeLoad, steps: number, seed: number) {
  const scope: EditScope = { communities: load.communities }
  const community = load.communities[0].code
  // With the neighbouring communities' grids, as the editor loads them: a vertex put on the
  // community line goes into the grid across it too.
  const loaded = new Map<string, EditableGrid>(
    [...load.grids, ...load.neighbours].map((grid) => [
      grid.code,
      {
        code: grid.code,
        version: grid.version,
        communityCode: grid.community_code,
        name: grid.name,
        landUse: grid.land_use as LandUse,
        managementLevel: grid.management_level as 1 | 2 | 3,
        responsiblePerson: grid.responsible_person,
        responsibleBody: grid.responsible_body,
        geometry: grid.geometry,
      },
    ]),
  )
  const session = createEditSession<string, EditableGrid>(normaliseTopology(loaded, scope))
  const random = mulberry32(seed)
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)]
  const taken = new Set(load.used_codes)
  let accepted = 0
  for (let step = 0; step < steps; step++) {
    const grids = session.getState().values
    const target = grids.get(pick([...grids.keys()].filter((code) => code.startsWith(community))))!
    const ring = target.geometry.coordinates[0]
    const xs = ring.map((p) => p[0])
    const ys = ring.map((p) => p[1])
    const [w, e, s, n] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)]
    let outcome: GridOperationOutcome
    switch (pick(['split', 'split', 'merge', 'delete', 'move', 'move', 'insert'] as const)) {
      case 'split': {
        const code = nextFreeCode(new Set([...taken, ...grids.keys()]), community)
        const vertical = random() < 0.5
        const at = 0.3 + random() * 0.4
        const line: Position[] = vertical
          ? [[w + (e - w) * at, s - (n - s) * 0.3], [w + (e - w) * (1 - at), n + (n - s) * 0.3]]
          : [[w - (e - w) * 0.3, s + (n - s) * at], [e + (e - w) * 0.3, s + (n - s) * (1 - at)]]
        outcome = splitGrid(grids, scope, target.code, line, code)
        if (outcome.ok) taken.add(code)
        break
      }
      case 'merge': {
        const near = neighbours(grids, target.code).filter((each) => each.code.startsWith(community))
        outcome = near.length > 0 ? mergeGrids(grids, scope, [target.code, pick(near).code]) : { ok: false, code: 'none', reason: '' }
        break
      }
      case 'delete':
        outcome = deleteGrid(grids, scope, target.code)
        break
      case 'move': {
        const from = pick(ring.slice(0, -1)) as Position
        outcome = moveVertex(grids, scope, from, [from[0] + (random() - 0.5) * 0.0003, from[1] + (random() - 0.5) * 0.0003])
        break
      }
      case 'insert': {
        const index = Math.floor(random() * (ring.length - 1))
        const [a, b] = [ring[index], ring[index + 1]]
        const t = 0.2 + random() * 0.6
        outcome = insertVertex(grids, scope, { code: target.code, ring: 0, index }, [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])])
        break
      }
    }
    if (!outcome.ok) continue
    session.transact({
      label: outcome.label,
      operations: [
        ...outcome.deletes.map((code) => ({ type: 'delete' as const, key: code })),
        ...outcome.puts.map((value) => ({ type: 'put' as const, key: value.code, value })),
        ...outcome.creates.map((value) => ({ type: 'create' as const, key: value.code, value })),
      ],
    })
    accepted++
  }
  return { session, accepted }
}

export function defineGridEditorPublishSuite(engine: () => Engine) {
  it('publishes seeded editor drafts of a demo community: the database accepts each as a tiling and stores the draft exactly', async () => {
    const [{ code: community }] = await engine().query<{ code: string }>(
      `select c.code from public.communities c join public.grids g on g.community_id = c.id and g.valid_to is null
       group by c.code order by count(*) desc, c.code limit 1 offset 3`,
    )
    for (const seed of [1, 2, 3]) {
      await engine().asUser(PLANNER, async (as) => {
        const [{ r: load }] = await as<{ r: ScopeLoad }>(`select public.grids_for_edit($1) as r`, [community])
        const { session, accepted } = edit(load, 25, seed)
        expect(accepted).toBeGreaterThan(8)
        const changes = session.changeSet()
        const edits = editsFromChanges(changes, `模糊测试草稿 ${seed}`)
        expect(edits.some((each) => each.create)).toBe(true)
        const [{ r: results }] = await as<{ r: { code: string; version: number }[] }>(`select public.edit_grids($1::jsonb) as r`, [JSON.stringify(edits)])
        expect(results).toHaveLength(edits.length)

        // What the database now holds for the community is the draft, vertex for vertex.
        const draft = session.getState().values
        const stored = await as<{ code: string; geometry: string }>(
          `select g.code, extensions.st_asgeojson(g.geom, 15) as geometry from public.grids g
           where left(g.code, 12) = $1 and g.valid_to is null order by g.code`,
          [community],
        )
        expect(stored.map((row) => row.code)).toEqual([...draft.keys()].filter((code) => code.startsWith(community)).sort())
        for (const row of stored) expect(JSON.parse(row.geometry).coordinates).toEqual(draft.get(row.code)!.geometry.coordinates)

        // Grids across the community line the draft changed (shared vertices) are stored as drafted too.
        const across = changes.filter((change) => change.kind === 'updated' && !change.key.startsWith(community)).map((change) => change.key)
        for (const code of across) {
          const [row] = await as<{ geometry: string }>(`select extensions.st_asgeojson(geom, 15) as geometry from public.grids where code = $1 and valid_to is null`, [code])
          expect(JSON.parse(row.geometry).coordinates).toEqual(draft.get(code)!.geometry.coordinates)
        }
        const [check] = await as<{ overlaps: number; invalid: number; uncovered_m2: number }>(
          `with g as (select geom from public.grids where left(code, 12) = $1 and valid_to is null)
           select (select count(*)::int from g a join g b on a.geom operator(extensions.&&) b.geom and not extensions.st_equals(a.geom, b.geom)
                   and extensions.st_relate(a.geom, b.geom, '2********')) as overlaps,
                  (select count(*)::int from g where not extensions.st_isvalid(geom)) as invalid,
                  (select extensions.st_area(c.geom::extensions.geography) - sum(extensions.st_area(extensions.st_intersection(g.geom, c.geom)::extensions.geography))
                   from g, public.communities c where c.code = $1 group by c.geom) as uncovered_m2`,
          [community],
        )
        expect(check.overlaps).toBe(0)
        expect(check.invalid).toBe(0)
        expect(Math.abs(check.uncovered_m2)).toBeLessThan(1)
      })
    }
  }, 240_000)
}
