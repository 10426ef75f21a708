/**
 * Every intake row goes with the H3 cell of its own point: lon/lat or a GeoJSON Point, added
 * by the Repository (the app's one path to intake_incidents) and by the import command; a
 * row whose location is unusable goes as it is, for the database to name the problem.
 */
import { latLngToCell } from 'h3-js'
import { describe, expect, test } from 'vitest'
import { Repository, type AuthProvider, type RpcTransport } from '../../src/data/repository.ts'
import type { RpcSpec } from '../../src/data/rpc.ts'
import { withIntakeCell } from '../../src/domain/import/index.ts'

const base = { external_id: 'H-1', category_code: '06010', source: 'patrol' as const, description: '', reported_at: '2026-03-05T08:05:00+08:00' }

describe('withIntakeCell', () => {
  test('adds the resolution-9 cell of lon/lat, of a GeoJSON Point, and keeps every other key', () => {
    expect(withIntakeCell({ ...base, lon: 120.15, lat: 30.25 })).toEqual({ ...base, lon: 120.15, lat: 30.25, h3: latLngToCell(30.25, 120.15, 9) })
    expect(withIntakeCell({ ...base, geometry: { type: 'Point', coordinates: [120.15, 30.25] } }).h3).toBe(latLngToCell(30.25, 120.15, 9))
  })

  test('replaces a cell the caller sent with the one of the point sent with it', () => {
    expect(withIntakeCell({ ...base, lon: 120.15, lat: 30.25, h3: '8928308280fffff' }).h3).toBe(latLngToCell(30.25, 120.15, 9))
  })

  test('leaves a row without a usable location as it is', () => {
    const rows: { external_id: string; lon?: number | null; lat?: number | null }[] = [{ ...base }, { ...base, lon: Number.NaN, lat: 30 }, { ...base, lon: 120, lat: null }, { ...base, lon: 30, lat: 120 }]
    for (const row of rows) {
      expect(withIntakeCell(row)).toEqual(row)
    }
  })
})

test('the Repository sends each intake row with its cell', async () => {
  const sent: unknown[] = []
  const transport: RpcTransport = {
    kind: 'embedded',
    async call(_rpc: RpcSpec, args: Record<string, unknown>) {
      sent.push(args.p_rows)
      return []
    },
  }
  const repository = new Repository(transport, {} as AuthProvider, 'test')
  await repository.intakeIncidents([{ ...base, lon: 120.15, lat: 30.25 }, { ...base, external_id: 'H-2' }])
  expect(sent).toEqual([[{ ...base, lon: 120.15, lat: 30.25, h3: latLngToCell(30.25, 120.15, 9) }, { ...base, external_id: 'H-2' }]])
})
