/**
 * Selecting grids: a click picks the grid under the pointer (Shift adds or removes it), a
 * Shift-drag draws a box and selects every grid it touches. The map pans with a plain drag.
 */
import type { MapPick } from '../map-pick.ts'
import type { ModeHandlers } from '../modes.ts'
import { EMPTY_SKETCH } from './sketch.ts'
import type { Position } from './types.ts'

export interface BoxSelectOptions {
  onPick: (pick: MapPick | null, additive: boolean) => void
  onBox: (bbox: [number, number, number, number], additive: boolean) => void
}

function boxCollection(a: Position, b: Position): GeoJSON.FeatureCollection {
  const [w, e] = a[0] < b[0] ? [a[0], b[0]] : [b[0], a[0]]
  const [s, n] = a[1] < b[1] ? [a[1], b[1]] : [b[1], a[1]]
  return {
    type: 'FeatureCollection',
    features: [{ type: 'Feature', properties: { role: 'box' }, geometry: { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] } }],
  }
}

export function boxSelectHandlers(options: BoxSelectOptions): ModeHandlers {
  let start: Position | null = null
  let end: Position | null = null
  return {
    cursor: 'grab',
    needsTarget: true,
    hover(event, context) {
      context.setHover(event.target)
      context.setCursor(event.target ? 'pointer' : 'grab')
    },
    leave(context) {
      context.setHover(null)
    },
    exit(context) {
      context.setHover(null)
      context.setSketch?.(EMPTY_SKETCH)
    },
    down(event) {
      if (!event.shiftKey) return false
      start = event.lngLat
      end = event.lngLat
      return true
    },
    drag(event, context) {
      if (!start) return
      end = event.lngLat
      context.setSketch?.(boxCollection(start, end))
    },
    up(event, context) {
      const from = start
      const to = end
      start = null
      end = null
      context.setSketch?.(EMPTY_SKETCH)
      if (!from || !to || (from[0] === to[0] && from[1] === to[1])) return
      options.onBox([Math.min(from[0], to[0]), Math.min(from[1], to[1]), Math.max(from[0], to[0]), Math.max(from[1], to[1])], event.shiftKey)
    },
    click(event) {
      options.onPick(event.target, event.shiftKey)
    },
  }
}
