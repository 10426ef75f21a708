/**
 * Picking line features (the roster's street segments): a click picks the feature under the
 * pointer (Shift adds or removes it) and reports where on the map it was; a drag draws a
 * freehand lasso and reports its ring — every segment it touches is then picked by the
 * workspace. With `lasso` off the lasso needs Shift held and a plain drag pans the map; with
 * it on (the 套索 tool) a plain drag draws.
 */
import type { MapPick } from '../map-pick.ts'
import type { ModeHandlers } from '../modes.ts'
import { EMPTY_SKETCH } from './sketch.ts'
import type { Position } from './types.ts'

export interface LassoOptions {
  /** the plain drag draws the lasso (else Shift-drag does) */
  lasso: boolean
  onPick: (pick: MapPick | null, additive: boolean, lngLat: Position) => void
  /** the closed ring drawn (first point repeated last); `additive` with Shift held at the end */
  onLasso: (ring: Position[], additive: boolean) => void
}

/** Pointer moves closer than this (pixels) to the last lasso point add nothing. */
const MIN_STEP_PX = 4

function lassoSketch(points: readonly Position[]): GeoJSON.FeatureCollection {
  if (points.length < 2) return EMPTY_SKETCH
  const ring = [...points, points[0]]
  return {
    type: 'FeatureCollection',
    features: [
      points.length >= 3
        ? { type: 'Feature', properties: { role: 'box' }, geometry: { type: 'Polygon', coordinates: [ring] } }
        : { type: 'Feature', properties: { role: 'line' }, geometry: { type: 'LineString', coordinates: [...points] } },
    ],
  }
}

export function lassoHandlers(options: LassoOptions): ModeHandlers {
  let points: Position[] = []
  let last: { x: number; y: number } | null = null
  const cursor = options.lasso ? 'crosshair' : 'grab'
  return {
    cursor,
    needsTarget: true,
    hover(event, context) {
      context.setHover(event.target)
      context.setCursor(event.target ? 'pointer' : cursor)
    },
    leave(context) {
      context.setHover(null)
    },
    exit(context) {
      points = []
      last = null
      context.setHover(null)
      context.setSketch?.(EMPTY_SKETCH)
    },
    down(event) {
      if (!options.lasso && !event.shiftKey) return false
      points = [event.lngLat]
      last = event.point
      return true
    },
    drag(event, context) {
      if (points.length === 0 || !last) return
      if (Math.hypot(event.point.x - last.x, event.point.y - last.y) < MIN_STEP_PX) return
      points.push(event.lngLat)
      last = event.point
      context.setSketch?.(lassoSketch(points))
    },
    up(event, context) {
      const drawn = points
      points = []
      last = null
      context.setSketch?.(EMPTY_SKETCH)
      // Fewer than three points is a click with a tremble, not a lasso: the click follows.
      if (drawn.length < 3) return
      options.onLasso([...drawn, drawn[0]], event.shiftKey)
    },
    click(event) {
      options.onPick(event.target, event.shiftKey, event.lngLat)
    },
    key(event) {
      if (event.key !== 'Escape' || points.length === 0) return false
      points = []
      last = null
      return true
    },
  }
}
