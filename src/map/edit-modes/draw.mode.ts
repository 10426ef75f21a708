/**
 * Drawing a polygon (a new grid) or a line (a split): each click places a point, snapped to
 * the nearest vertex or edge of the neighbours unless Alt is held; a double click or Enter
 * finishes (a polygon also when its first point is clicked again), Backspace takes the last
 * point back, Esc cancels. A point that would make the sketch cross itself is refused at the
 * click, with the reason, so a self-crossing drawing never reaches the operation.
 */
import type { ModeHandlers, ModePointerEvent } from '../modes.ts'
import { EMPTY_SKETCH, sketchCollection } from './sketch.ts'
import type { Position, SketchCheck, SnapHit, Snapper } from './types.ts'

export interface DrawModeOptions {
  shape: 'polygon' | 'line'
  snap: Snapper
  check?: SketchCheck
  onFinish: (points: Position[]) => void
  onCancel: () => void
  /** a refused point or finish, with its reason */
  onRefuse: (reason: string) => void
  refusals: { tooFewPoints: string }
}

const samePoint = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1]

export function drawHandlers(options: DrawModeOptions): ModeHandlers {
  const points: Position[] = []
  let cursor: Position | null = null
  let snapped: SnapHit | null = null
  const closed = options.shape === 'polygon'
  const minimum = closed ? 3 : 2

  const locate = (event: ModePointerEvent): { at: Position; hit: SnapHit | null } => {
    const hit = event.altKey ? null : options.snap(event.lngLat)
    return { at: hit ? hit.lngLat : event.lngLat, hit }
  }
  const finish = (context: Parameters<NonNullable<ModeHandlers['enter']>>[0]) => {
    if (points.length < minimum) {
      options.onRefuse(options.refusals.tooFewPoints)
      return
    }
    const done = [...points]
    points.length = 0
    cursor = null
    snapped = null
    context.setSketch?.(EMPTY_SKETCH)
    options.onFinish(done)
  }

  return {
    cursor: 'crosshair',
    needsTarget: false,
    capturesDoubleClick: true,
    enter(context) {
      context.setHover(null)
      context.setCursor('crosshair')
    },
    exit(context) {
      context.setSketch?.(EMPTY_SKETCH)
    },
    hover(event, context) {
      const { at, hit } = locate(event)
      cursor = at
      snapped = hit
      context.setSketch?.(sketchCollection(points, cursor, snapped, closed))
    },
    leave(context) {
      cursor = null
      snapped = null
      context.setSketch?.(sketchCollection(points, null, null, closed))
    },
    click(event, context) {
      const { at, hit } = locate(event)
      // Clicking the first point again closes the polygon.
      if (closed && points.length >= minimum && samePoint(at, points[0])) {
        finish(context)
        return
      }
      if (points.length > 0 && samePoint(at, points[points.length - 1])) return
      const reason = options.check?.(points, at) ?? null
      if (reason) {
        options.onRefuse(reason)
        return
      }
      points.push(at)
      context.setSketch?.(sketchCollection(points, at, hit, closed))
    },
    doubleClick(_event, context) {
      finish(context)
      return true
    },
    key(event, context) {
      if (event.key === 'Escape') {
        points.length = 0
        context.setSketch?.(EMPTY_SKETCH)
        options.onCancel()
        return true
      }
      if (event.key === 'Enter') {
        finish(context)
        return true
      }
      if (event.key === 'Backspace' && points.length > 0) {
        points.pop()
        context.setSketch?.(sketchCollection(points, cursor, snapped, closed))
        return true
      }
      return false
    },
  }
}
