import { describe, expect, test } from 'vitest'
import { dayRangeToInstants } from '../../src/domain/time/day-range-to-instants.ts'
import { DEFAULT_URL_STATE, decodeUrlState, encodeUrlState, type OverviewUrlState } from '../../src/features/overview/url-state.ts'

describe('overview URL state', () => {
  test('round-trips every field', () => {
    const state: OverviewUrlState = {
      camera: { center: [119.91234, 32.47321], zoom: 15.25 },
      layers: ['grids', 'incidents'],
      gridLevel: 'community',
      segmentMode: 'assignment',
      from: '2026-01-01',
      to: '2026-03-31',
      categories: ['06', '08004'],
      selection: { kind: 'grid', id: 42 },
    }
    const search = encodeUrlState(state)
    expect(search).toBe('?map=15.25/32.47321/119.91234&layers=grids,incidents&level=community&seg=assignment&from=2026-01-01&to=2026-03-31&cat=06,08004&sel=grid:42')
    expect(decodeUrlState(search)).toEqual(state)
  })

  test('defaults encode to nothing and decode back to the defaults', () => {
    expect(encodeUrlState(DEFAULT_URL_STATE)).toBe('')
    expect(decodeUrlState('')).toEqual(DEFAULT_URL_STATE)
  })

  test('keeps parameters it does not own', () => {
    const search = encodeUrlState({ ...DEFAULT_URL_STATE, gridLevel: 'grid' }, '?workspace=overview&level=street')
    expect(new URLSearchParams(search).get('workspace')).toBe('overview')
    expect(new URLSearchParams(search).get('level')).toBe('grid')
  })

  test('an explicit empty layer list means all layers hidden, not the default', () => {
    expect(decodeUrlState('?layers=').layers).toEqual([])
    expect(encodeUrlState({ ...DEFAULT_URL_STATE, layers: [] })).toBe('?layers=')
  })

  test('bad fields fall back one by one without losing the good ones', () => {
    const state = decodeUrlState('?map=99/abc/1&layers=grids,bogus&level=planet&seg=x&from=2026-13-45&to=yesterday&cat=06,6,123456&sel=grid:notanumber')
    expect(state.camera).toBeNull()
    expect(state.layers).toEqual(['grids'])
    expect(state.gridLevel).toBe('auto')
    expect(state.segmentMode).toBe('grade')
    expect(state.from).toBeNull()
    expect(state.to).toBeNull()
    expect(state.categories).toEqual(['06'])
    expect(state.selection).toBeNull()
    expect(decodeUrlState('?map=14/32.5/119.9&sel=planet:3').camera).toEqual({ center: [119.9, 32.5], zoom: 14 })
  })

  test('inclusive days become [from, to) instants in China Standard Time', () => {
    expect(dayRangeToInstants('2026-03-01', '2026-03-31')).toEqual({ from: '2026-02-28T16:00:00.000Z', to: '2026-03-31T16:00:00.000Z' })
    expect(dayRangeToInstants(null, null)).toEqual({ from: null, to: null })
  })
})
