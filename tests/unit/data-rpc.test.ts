import { describe, expect, test } from 'vitest'
import { RPC, rpcToSql } from '../../src/data/rpc.ts'

describe('rpcToSql', () => {
  test('named, typed, positional parameters in the declared order', () => {
    expect(rpcToSql(RPC.layerGrids, { p_limit: 500, p_level: 'grid', p_bbox: [119.9, 32.4, 120.0, 32.5] })).toEqual({
      sql: 'select public.layer_grids(p_level => $1::text, p_bbox => $2::double precision[], p_limit => $3::integer) as result',
      params: ['grid', [119.9, 32.4, 120.0, 32.5], 500],
    })
  })

  test('undefined arguments are left out so the SQL default applies; null is passed as null', () => {
    expect(rpcToSql(RPC.layerSegments, { p_bbox: null })).toEqual({
      sql: 'select public.layer_segments(p_bbox => $1::double precision[]) as result',
      params: [null],
    })
  })

  test('no arguments', () => {
    expect(rpcToSql(RPC.districtSummary, {})).toEqual({ sql: 'select public.district_summary() as result', params: [] })
  })

  test('jsonb values are serialised, jsonb null is not', () => {
    const rows = [{ category_code: '06010', source: 'hotline', lon: 119.95, lat: 32.46 }]
    expect(rpcToSql(RPC.intakeIncidents, { p_rows: rows }).params).toEqual([JSON.stringify(rows)])
    expect(rpcToSql(RPC.intakeIncidents, { p_rows: null }).params).toEqual([null])
  })

  test('values are never spliced into the SQL text', () => {
    const { sql, params } = rpcToSql(RPC.searchFeatures, { p_query: "x'); drop table grids; --", p_limit: 5 })
    expect(sql).not.toContain('drop table')
    expect(params[0]).toBe("x'); drop table grids; --")
  })

  test('every RPC names a public function and only SQL types the table declares', () => {
    for (const rpc of Object.values(RPC)) {
      expect(rpc.name).toMatch(/^[a-z_]+$/)
      for (const name of Object.keys(rpc.args)) expect(name).toMatch(/^p_[a-z_]+$/)
    }
  })
})
