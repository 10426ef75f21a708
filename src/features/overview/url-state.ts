/**
 * The shareable part of the 总览 view, kept in the page's query string: position and zoom,
 * visible layers, grid level, segment colouring, the incident filters and the selection.
 * Decoding never throws: a hand-edited or outdated link falls back to defaults per field,
 * so a bad `layers=` value cannot also lose the map position.
 *
 *   ?map=13.20/32.47000/119.90000&layers=grids,incidents&level=auto&seg=grade
 *    &from=2026-01-01&to=2026-03-31&cat=06,08004&sel=grid:42
 */
import { DEFAULT_READ_STATE, type OverviewReadState } from '../../data/overview-reads.ts'
import type { GridLevelChoice } from '../../domain/grids/grid-level-for-zoom.ts'
import type { SegmentColourMode } from '../../map/thematic-layers.ts'
import { DEFAULT_LAYERS, OVERVIEW_LAYERS, isOverviewLayer, isSelectionKind, type OverviewLayer, type SelectionRef } from './overview-layers.ts'

/** Grid level and the day range (`OverviewReadState`) shape the layer reads; the rest does not. */
export interface OverviewUrlState extends OverviewReadState {
  /** null until the user has moved the map: then the view fits the district */
  camera: { center: [number, number]; zoom: number } | null
  layers: OverviewLayer[]
  segmentMode: SegmentColourMode
  /** matter codes (5 digits) and whole 大类 (2 digits); empty = all categories */
  categories: string[]
  selection: SelectionRef | null
}

export const DEFAULT_URL_STATE: OverviewUrlState = {
  ...DEFAULT_READ_STATE,
  camera: null,
  layers: [...DEFAULT_LAYERS],
  segmentMode: 'grade',
  categories: [],
  selection: null,
}

/** The query keys this module owns; everything else in the URL is left alone. */
export const URL_KEYS = ['map', 'layers', 'level', 'seg', 'from', 'to', 'cat', 'sel'] as const

const DAY = /^\d{4}-\d{2}-\d{2}$/
const CATEGORY = /^(\d{2}|\d{5})$/
const GRID_LEVEL_CHOICES: GridLevelChoice[] = ['auto', 'street', 'community', 'grid']

function decodeCamera(value: string | null): OverviewUrlState['camera'] {
  if (!value) return null
  const parts = value.split('/').map(Number)
  if (parts.length !== 3 || parts.some((part) => !Number.isFinite(part))) return null
  const [zoom, lat, lon] = parts
  if (zoom < 0 || zoom > 22 || lat < -85 || lat > 85 || lon < -180 || lon > 180) return null
  return { center: [lon, lat], zoom }
}

function validDay(value: string | null): string | null {
  return value && DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ? value : null
}

export function decodeUrlState(search: string): OverviewUrlState {
  const params = new URLSearchParams(search)
  const layersParam = params.get('layers')
  const level = params.get('level') as GridLevelChoice | null
  const seg = params.get('seg')
  const sel = params.get('sel')?.split(':') ?? []
  const selectionId = Number(sel[1])
  return {
    camera: decodeCamera(params.get('map')),
    layers: layersParam === null ? DEFAULT_URL_STATE.layers : layersParam.split(',').filter(isOverviewLayer),
    gridLevel: level && GRID_LEVEL_CHOICES.includes(level) ? level : 'auto',
    segmentMode: seg === 'assignment' ? 'assignment' : 'grade',
    from: validDay(params.get('from')),
    to: validDay(params.get('to')),
    categories: (params.get('cat') ?? '').split(',').filter((code) => CATEGORY.test(code)),
    selection:
      sel.length === 2 && isSelectionKind(sel[0]) && Number.isSafeInteger(selectionId) ? { kind: sel[0], id: selectionId } : null,
  }
}

/** Writes the state over `search`, keeping any parameters other parts of the app own. */
export function encodeUrlState(state: OverviewUrlState, search = ''): string {
  const params = new URLSearchParams(search)
  for (const key of URL_KEYS) params.delete(key)
  if (state.camera) {
    const [lon, lat] = state.camera.center
    params.set('map', `${state.camera.zoom.toFixed(2)}/${lat.toFixed(5)}/${lon.toFixed(5)}`)
  }
  const layers = OVERVIEW_LAYERS.filter((layer) => state.layers.includes(layer))
  const isDefault = layers.length === DEFAULT_LAYERS.length && DEFAULT_LAYERS.every((layer) => layers.includes(layer))
  if (!isDefault) params.set('layers', layers.join(','))
  if (state.gridLevel !== 'auto') params.set('level', state.gridLevel)
  if (state.segmentMode !== 'grade') params.set('seg', state.segmentMode)
  if (state.from) params.set('from', state.from)
  if (state.to) params.set('to', state.to)
  if (state.categories.length > 0) params.set('cat', state.categories.join(','))
  if (state.selection) params.set('sel', `${state.selection.kind}:${state.selection.id}`)
  const text = params.toString()
  // Commas, slashes and colons are legal in a query; keeping them readable makes links shareable.
  return text === '' ? '' : `?${text.replace(/%2C/g, ',').replace(/%2F/g, '/').replace(/%3A/g, ':')}`
}
