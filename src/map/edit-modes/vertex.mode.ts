/**
 * Editing vertices: press on a vertex and drag it (the map does not pan meanwhile); where it
 * is dropped snaps to the neighbours' vertices and edges unless Alt is held. A click on an
 * edge inserts a vertex there; Alt+click (or Delete while hovering) on a vertex removes it.
 * The workspace moves the vertex in every grid that uses it (topological editing).
 */
import type { ModeHandlers, ModePointerEvent } from '../modes.ts'
import { EMPTY_SKETCH } from './sketch.ts'
import type { Position, SnapHit, Snapper } from './types.ts'

export interface VertexModeOptions {
  /** the draft vertex under the pointer (within the tolerance), or null */
  findVertex: (lngLat: Position) => Position | null
  /** the draft edge under the pointer and the point on it, or null */
  findEdge: Snapper
  /** where a dragged vertex snaps (the dragged vertex itself excluded) */
  snap: (lngLat: Position, dragged: Position) => SnapHit | null
  onMove: (from: Position, to: Position) => void
  onInsert: (edge: NonNullable<SnapHit['edge']>, at: Position) => void
  onRemove: (at: Position) => void
}

function marker(point: Position, role: string, extra: GeoJSON.Feature[] = []): GeoJSON.FeatureCollection {
  return { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { role }, geometry: { type: 'Point', coordinates: point } }, ...extra] }
}

export function vertexHandlers(options: VertexModeOptions): ModeHandlers {
  let dragging: Position | null = null
  let dropAt: Position | null = null
  let hoverVertex: Position | null = null

  const dropTarget = (event: ModePointerEvent, from: Position): { at: Position; hit: SnapHit | null } => {
    const hit = event.altKey ? null : options.snap(event.lngLat, from)
    return { at: hit ? hit.lngLat : event.lngLat, hit }
  }

  return {
    cursor: 'default',
    needsTarget: false,
    enter(context) {
      context.setHover(null)
    },
    exit(context) {
      dragging = null
      context.setSketch?.(EMPTY_SKETCH)
    },
    hover(event, context) {
      if (dragging) return
      hoverVertex = options.findVertex(event.lngLat)
      if (hoverVertex) {
        context.setCursor('move')
        context.setSketch?.(marker(hoverVertex, 'vertex-hover'))
        return
      }
      const edge = options.findEdge(event.lngLat)
      context.setCursor(edge ? 'copy' : 'default')
      context.setSketch?.(edge ? marker(edge.lngLat, 'edge-hover') : EMPTY_SKETCH)
    },
    leave(context) {
      hoverVertex = null
      if (!dragging) context.setSketch?.(EMPTY_SKETCH)
    },
    down(event) {
      if (event.altKey) return false
      const vertex = options.findVertex(event.lngLat)
      if (!vertex) return false
      dragging = vertex
      dropAt = vertex
      return true
    },
    drag(event, context) {
      if (!dragging) return
      const { at, hit } = dropTarget(event, dragging)
      dropAt = at
      const band: GeoJSON.Feature = { type: 'Feature', properties: { role: 'line' }, geometry: { type: 'LineString', coordinates: [dragging, at] } }
      context.setSketch?.(marker(at, hit ? (hit.kind === 'vertex' ? 'snap-vertex' : 'snap-edge') : 'vertex-drag', [band]))
    },
    up(_event, context) {
      const from = dragging
      const to = dropAt
      dragging = null
      dropAt = null
      context.setSketch?.(EMPTY_SKETCH)
      if (from && to && (from[0] !== to[0] || from[1] !== to[1])) options.onMove(from, to)
    },
    click(event) {
      const vertex = options.findVertex(event.lngLat)
      if (vertex) {
        if (event.altKey) options.onRemove(vertex)
        return
      }
      const edge = options.findEdge(event.lngLat)
      if (edge?.edge) options.onInsert(edge.edge, edge.lngLat)
    },
    key(event) {
      if ((event.key === 'Delete' || event.key === 'Backspace') && hoverVertex && !dragging) {
        options.onRemove(hoverVertex)
        return true
      }
      return false
    },
  }
}
