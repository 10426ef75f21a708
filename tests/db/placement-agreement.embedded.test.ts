/**
 * The browser's placement (grid, segment, department, deadline) against the database
 * trigger's stored answers for every one of the 100,000 demo cases, using the reference data
 * exactly as public.assignment_reference() hands it to the browser.
 */
import type { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assignmentReferenceSchema } from '../../src/data/assignment-schemas.ts'
import { buildIncidentPlacer, type IncidentPlacer } from '../../src/domain/placement/incident-placer.ts'
import { openDemoSnapshot } from './snapshot.ts'

interface StoredCase {
  id: number
  lon: number
  lat: number
  category_code: string
  reported_at: Date
  registered_at: Date | null
  dispatched_at: Date | null
  grid_code: string | null
  segment_id: number | null
  department_id: number | null
  deadline_at: Date | null
}

let db: PGlite
let placer: IncidentPlacer
let cases: StoredCase[]

beforeAll(async () => {
  db = await openDemoSnapshot()
  const reference = (await db.query<{ reference: unknown }>('select public.assignment_reference() as reference')).rows[0].reference
  placer = buildIncidentPlacer(assignmentReferenceSchema.parse(reference))
  cases = (
    await db.query<StoredCase>(`
      select i.id::int, extensions.st_x(i.geom) as lon, extensions.st_y(i.geom) as lat, i.category_code,
             i.reported_at, i.registered_at, i.dispatched_at, g.code as grid_code, i.segment_id::int,
             i.department_id::int, i.deadline_at
      from public.incidents i left join public.grids g on g.id = i.grid_id
      order by i.id`)
  ).rows
})

afterAll(async () => {
  await db?.close()
})

describe('browser placement = database trigger, on the 100,000 demo cases', () => {
  it('agrees on grid, segment, department and deadline for every case', () => {
    expect(cases).toHaveLength(100_000)
    const disagreements: string[] = []
    let onSegment = 0
    for (const stored of cases) {
      const placed = placer.place({
        lon: stored.lon,
        lat: stored.lat,
        categoryCode: stored.category_code,
        reportedAt: stored.reported_at,
        registeredAt: stored.registered_at,
        dispatchedAt: stored.dispatched_at,
      })
      if (placed.segmentId !== null) onSegment++
      const fields: [string, unknown, unknown][] = [
        ['grid', placed.gridCode, stored.grid_code],
        ['segment', placed.segmentId, stored.segment_id],
        ['department', placed.departmentId, stored.department_id],
        ['deadline', placed.deadlineAt?.getTime() ?? null, stored.deadline_at?.getTime() ?? null],
      ]
      for (const [field, browser, database] of fields) {
        if (browser !== database) disagreements.push(`case ${stored.id} ${field}: browser ${String(browser)} ≠ database ${String(database)}`)
      }
    }
    expect(disagreements.slice(0, 20)).toEqual([])
    // The comparison means something only if the data exercise every branch.
    expect(onSegment).toBeGreaterThan(1_000)
    expect(new Set(cases.map((stored) => stored.department_id)).size).toBeGreaterThan(3)
  })

  it('places a case outside the district in no grid, still routed and timed', () => {
    const placed = placer.place({ lon: 100, lat: 30, categoryCode: cases[0].category_code, reportedAt: new Date('2026-03-02T01:00:00Z') })
    expect(placed.gridCode).toBeNull()
    expect(placed.segmentId).toBeNull()
    expect(placed.departmentId).not.toBeNull()
    expect(placed.deadlineAt).not.toBeNull()
  })
})
