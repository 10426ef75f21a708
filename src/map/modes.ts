/**
 * Map interaction modes, one at a time (Placemark/iD style): a typed mode value names the
 * mode and carries what it reports to; `modeHandlers` maps it to a handler object. The map
 * host (MapAdapter) turns MapLibre's pointer and keyboard events into ModePointerEvent /
 * ModeKeyEvent — map coordinates plus the feature under the pointer — and hands them to the
 * active mode; a mode answers through the small ModeContext and never touches MapLibre.
 *
 * Today: `select` (hover highlight, click picks a feature) and `place-point` (click chooses a
 * location: the import places rows on the map). The grid editor's draw/vertex/split/merge and
 * the roster's pick-segments/lasso are added here as further members of MapMode; snapping
 * will fill `target` for them.
 */
import type { MapPick } from './map-pick.ts'

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
}

export type MapMode =
  | { id: 'select'; onPick: (pick: MapPick | null) => void }
  | { id: 'place-point'; onPlace: (lngLat: [number, number]) => void; onCancel: () => void }

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
}

/** The handler object for a mode value. */
export function modeHandlers(mode: MapMode): ModeHandlers {
  return (FACTORIES[mode.id] as (mode: MapMode) => ModeHandlers)(mode)
}
