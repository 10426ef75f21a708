import { describe, expect, it } from 'vitest'
import { caseUrl, decodeRoute, encodeRoute } from '../../src/app/route.ts'

describe('the route in the query string', () => {
  it('reads a workspace and a case; a bare case link is 案件', () => {
    expect(decodeRoute('?ws=cases&case=54108')).toEqual({ workspace: 'cases', caseId: 54108 })
    expect(decodeRoute('?case=7')).toEqual({ workspace: 'cases', caseId: 7 })
    expect(decodeRoute('?ws=grids')).toEqual({ workspace: 'grids', caseId: null })
    // A case id belongs to 案件 only.
    expect(decodeRoute('?ws=grids&case=7')).toEqual({ workspace: 'grids', caseId: null })
  })

  it('leaves the choice to the shell without a query; the 总览’s own keys or nonsense mean the 总览', () => {
    expect(decodeRoute('')).toBeNull()
    expect(decodeRoute('?map=13/32.4/119.9&sel=grid:4')).toEqual({ workspace: 'overview', caseId: null })
    expect(decodeRoute('?ws=nowhere')).toEqual({ workspace: 'overview', caseId: null })
    expect(decodeRoute('?ws=cases&case=abc')).toEqual({ workspace: 'cases', caseId: null })
    expect(decodeRoute('?ws=cases&case=-3')).toEqual({ workspace: 'cases', caseId: null })
  })

  it('writes a route; leaving the 总览 drops its keys, staying keeps them', () => {
    expect(encodeRoute({ workspace: 'cases', caseId: 12 }, '?map=13/32.4/119.9')).toBe('?ws=cases&case=12')
    expect(encodeRoute({ workspace: 'cases', caseId: null })).toBe('?ws=cases')
    expect(encodeRoute({ workspace: 'overview', caseId: null }, '?map=13/32.4/119.9&ws=cases&case=3')).toBe('?map=13/32.4/119.9')
    expect(encodeRoute({ workspace: 'overview', caseId: null })).toBe('')
    for (const route of [{ workspace: 'cases', caseId: 99 }, { workspace: 'roster', caseId: null }] as const) {
      expect(decodeRoute(encodeRoute(route))).toEqual(route)
    }
  })

  it('a case’s link is absolute, on the page the app is served from', () => {
    expect(caseUrl(54108, { origin: 'https://grid.example.cn', pathname: '/app/' })).toBe('https://grid.example.cn/app/?ws=cases&case=54108')
  })
})
