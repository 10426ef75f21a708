/**
 * Placing the demo 12319 export by its 事发地址 column alone, against the database's own
 * names (public.address_gazetteer): every row names a back street and its cleaning segment,
 * or a grid, and what is found must be the segment the demo case was made beside, or its grid.
 */
import type { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateHotlineFile, type HotlineFile } from '../../scripts/demo/hotline-file.ts'
import { buildAddressGazetteer, type GazetteerEntry } from '../../src/domain/import/address-match.ts'
import { openDemoSnapshot } from './snapshot.ts'

let db: PGlite
let entries: GazetteerEntry[]
let file: HotlineFile
let stored: Map<number, { segment_id: number | null; grid_id: number }>

beforeAll(async () => {
  db = await openDemoSnapshot()
  await db.exec(`set role authenticated; select set_config('request.jwt.claims', '{"sub": "00000000-0000-4000-8000-000000000004", "role": "authenticated"}', false)`)
  entries = (await db.query<{ g: GazetteerEntry[] }>('select public.address_gazetteer() as g')).rows[0].g
  file = generateHotlineFile()
  const ids = file.incidentIds
  const rows = (
    await db.query<{ id: number; segment_id: number | null; grid_id: number }>(
      `select id::int, segment_id::int, grid_id::int from public.incidents where id = any ($1::bigint[])`,
      [ids],
    )
  ).rows
  stored = new Map(rows.map((row) => [row.id, row]))
})

afterAll(async () => {
  await db?.close()
})

describe('placing the demo hotline export by address', () => {
  it('lists every grid, back street, segment, market, facility, site, road and community with a point in its community', () => {
    const count = (kind: string) => entries.filter((entry) => entry.kind === kind).length
    expect(count('back_street')).toBe(657)
    expect(count('segment')).toBeGreaterThanOrEqual(1800)
    expect(count('facility')).toBeGreaterThan(900)
    expect(count('community')).toBeGreaterThanOrEqual(60)
    expect(count('grid')).toBeGreaterThanOrEqual(2500)
    expect(entries.filter((entry) => entry.kind !== 'road' && !entry.community_code)).toEqual([])
  })

  it('places every row by its address at the segment or in the grid the case was made in', () => {
    const gazetteer = buildAddressGazetteer(entries)
    const column = file.columns.indexOf('事发地址')
    let high = 0
    let sameSegment = 0
    let withSegment = 0
    let sameGrid = 0
    let byGrid = 0
    const unplaced: string[] = []
    file.rows.forEach((cells, index) => {
      const match = gazetteer.match(cells[column])
      if (!match.placed) {
        unplaced.push(`${cells[column]}: ${match.reason}`)
        return
      }
      if (match.confidence === 'high') high++
      const incident = stored.get(file.incidentIds[index])!
      if (match.entry.kind === 'segment' && incident.segment_id !== null) {
        withSegment++
        if (match.entry.id === incident.segment_id) sameSegment++
      } else if (match.entry.kind === 'grid') {
        byGrid++
        if (match.entry.id === incident.grid_id) sameGrid++
      }
    })
    expect(unplaced).toEqual([])
    expect(high).toBe(file.rows.length)
    expect(withSegment).toBeGreaterThan(500)
    expect(sameSegment / withSegment).toBeGreaterThan(0.9)
    expect(byGrid).toBeGreaterThan(200)
    expect(sameGrid).toBe(byGrid)
  })
})
