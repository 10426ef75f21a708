/**
 * Map interaction modes (src/map/modes.ts) without a map: a mode is a handler object that
 * gets map coordinates and the feature under the pointer, and answers through its context.
 */
import { describe, expect, it } from 'vitest'
import type { MapPick } from '../../src/map/map-pick.ts'
import { modeHandlers, type ModeContext, type ModePointerEvent } from '../../src/map/modes.ts'

function context() {
  const calls: string[] = []
  const ctx: ModeContext = {
    setCursor: (cursor) => calls.push(`cursor:${cursor}`),
    setHover: (target) => calls.push(`hover:${target ? `${target.layer}#${target.id}` : 'none'}`),
  }
  return { ctx, calls }
}

const pointer = (target: MapPick | null, lngLat: [number, number] = [119.9, 32.47]): ModePointerEvent => ({
  lngLat,
  point: { x: 10, y: 20 },
  target,
  shiftKey: false,
  altKey: false,
  ctrlKey: false,
})
const key = (name: string) => ({ key: name, shiftKey: false, ctrlKey: false, metaKey: false })

describe('select mode', () => {
  it('highlights what is under the pointer and picks it on click; nothing under it picks null', () => {
    const picks: (MapPick | null)[] = []
    const mode = modeHandlers({ id: 'select', onPick: (pick) => picks.push(pick) })
    const { ctx, calls } = context()
    expect(mode.needsTarget).toBe(true)
    mode.hover?.(pointer({ layer: 'incidents', id: 7 }), ctx)
    mode.hover?.(pointer(null), ctx)
    mode.click?.(pointer({ layer: 'grids', id: 3 }), ctx)
    mode.click?.(pointer(null), ctx)
    mode.leave?.(ctx)
    expect(calls).toEqual(['hover:incidents#7', 'cursor:pointer', 'hover:none', 'cursor:grab', 'hover:none'])
    expect(picks).toEqual([{ layer: 'grids', id: 3 }, null])
    expect(mode.key).toBeUndefined()
  })
})

describe('place-point mode', () => {
  it('reports where the map was clicked, whatever lies there, under a crosshair; Esc cancels and other keys pass', () => {
    const placed: [number, number][] = []
    let cancelled = 0
    const mode = modeHandlers({ id: 'place-point', onPlace: (lngLat) => placed.push(lngLat), onCancel: () => cancelled++ })
    const { ctx, calls } = context()
    expect(mode.needsTarget).toBe(false)
    expect(mode.cursor).toBe('crosshair')
    mode.enter?.(ctx)
    mode.click?.(pointer({ layer: 'incidents', id: 7 }, [119.91, 32.48]), ctx)
    expect(placed).toEqual([[119.91, 32.48]])
    expect(mode.key?.(key('a'), ctx)).toBe(false)
    expect(cancelled).toBe(0)
    expect(mode.key?.(key('Escape'), ctx)).toBe(true)
    expect(cancelled).toBe(1)
    // entering clears a hover left by the select mode
    expect(calls).toEqual(['hover:none', 'cursor:crosshair'])
    expect(mode.hover).toBeUndefined()
  })
})
