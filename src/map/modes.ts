/**
 * Map interaction modes, one at a time (Placemark/iD style): a typed mode value names the
 * mode and carries what it reports to; `modeHandlers` maps it to a handler object. The map
 * host (MapAdapter) turns MapLibre's pointer and keyboard events into ModePointerEvent /
 * ModeKeyEvent — map coordinates plus the feature under the pointer — and hands them to the
 * active mode; a mode answers through the small ModeContext and never touches MapLibre.
 *
 * `select` (hover highlight, click picks a feature) and `place-point` (click chooses a
 * location: the import places rows on the map); the grid editor's `grid-select` (click,
 * Shift-click, Shift-drag box), `draw` (a polygon or a split line, snapped) and `vertex`
 * (drag, insert, remove shared vertices) live in edit-modes/, one file each, as does the
 * roster's `segment-select` (click, Shift-click, lasso; edit-modes/lasso.mode.ts).
 */
import type { MapPick } from './map-pick.ts'
import { boxSelectHandlers, type BoxSelectOptions } from './edit-modes/box-select.mode.ts'
import { drawHandlers, type DrawModeOptions } from './edit-modes/draw.mode.ts'
import { vertexHandlers, type VertexModeOptions } from './edit-modes/vertex.mode.ts'
import { lassoHandlers, type LassoOptions } from './edit-modes/lasso.mode.ts'

export interface ModePointerEvent {
  /** WGS84 [lon, lat] under the pointer */
  lngLat: [number, number]
  /** pixels from the map's top left */
  point: { x: number; y: number }
  /** the pickable feature under the pointer (with each layer's tolerance), or null */
  target: MapPick | null
  shiftKey: boolean
  altKey: boolean
  ctrlKey: boolean
}

export interface ModeKeyEvent {
  key: string
  shiftKey: boolean
  ctrlKey: boolean
  metaKey: boolean
}

/** What a mode may ask of the host. */
export interface ModeContext {
  setCursor(cursor: string): void
  /** highlights a feature as hovered (null: none) */
  setHover(target: MapPick | null): void
  /** what an editing mode draws while a gesture is under way (edit-modes/sketch.ts); hosts without sketch layers ignore it */
  setSketch?(sketch: GeoJSON.FeatureCollection): void
}

export interface ModeHandlers {
  /** the cursor when the pointer is over nothing in particular */
  readonly cursor: string
  /** whether the host should find the feature under the pointer (it costs a render query) */
  readonly needsTarget: boolean
  enter?(context: ModeContext): void
  exit?(context: ModeContext): void
  hover?(event: ModePointerEvent, context: ModeContext): void
  /** the pointer left the map */
  leave?(context: ModeContext): void
  click?(event: ModePointerEvent, context: ModeContext): void
  /** returns true when the key was the mode's (the host then stops it) */
  key?(event: ModeKeyEvent, context: ModeContext): boolean
  /**
   * A button went down: true takes the gesture (the map does not pan; `drag` follows every
   * move and `up` ends it), false leaves it to the map.
   */
  down?(event: ModePointerEvent, context: ModeContext): boolean
  drag?(event: ModePointerEvent, context: ModeContext): void
  up?(event: ModePointerEvent, context: ModeContext): void
  /** a double click; true when it was the mode's (the map does not zoom) */
  doubleClick?(event: ModePointerEvent, context: ModeContext): boolean
  /** the map's own double-click zoom is off while this mode runs */
  readonly capturesDoubleClick?: boolean
}

export type MapMode =
  | { id: 'select'; onPick: (pick: MapPick | null) => void }
  | { id: 'place-point'; onPlace: (lngLat: [number, number]) => void; onCancel: () => void }
  | ({ id: 'grid-select' } & BoxSelectOptions)
  | ({ id: 'draw' } & DrawModeOptions)
  | ({ id: 'vertex' } & VertexModeOptions)
  | ({ id: 'segment-select' } & LassoOptions)

export type MapModeId = MapMode['id']

type Factories = { [K in MapModeId]: (mode: Extract<MapMode, { id: K }>) => ModeHandlers }

const FACTORIES: Factories = {
  select: (mode) => ({
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
    },
    click(event) {
      mode.onPick(event.target)
    },
  }),
  'place-point': (mode) => ({
    cursor: 'crosshair',
    needsTarget: false,
    enter(context) {
      context.setHover(null)
      context.setCursor('crosshair')
    },
    click(event) {
      mode.onPlace(event.lngLat)
    },
    key(event) {
      if (event.key !== 'Escape') return false
      mode.onCancel()
      return true
    },
  }),
  'grid-select': (mode) => boxSelectHandlers(mode),
  draw: (mode) => drawHandlers(mode),
  vertex: (mode) => vertexHandlers(mode),
  'segment-select': (mode) => lassoHandlers(mode),
}

/** The handler object for a mode value. */
export function modeHandlers(mode: MapMode): ModeHandlers {
  return (FACTORIES[mode.id] as (mode: MapMode) => ModeHandlers)(mode)
}
