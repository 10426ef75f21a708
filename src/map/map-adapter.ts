/**
 * The map behind a narrow imperative adapter: React hands it data, visibility, styling
 * modes and a selection; it hands back view changes and picks. Nothing outside src/map
 * touches MapLibre or deck.gl, so the view can be swapped or tested without the UI.
 */
import { GeoJSONSource, Map as MapLibreMap, type PointLike, NavigationControl, ScaleControl, type MapMouseEvent } from 'maplibre-gl'
import 'maplibre-gl/dist/maplibre-gl.css'
import type { Layer } from '@deck.gl/core'
import { MapLibreOverlay } from '@deck.gl/maplibre'
import type { BBox } from '../domain/geometry/bbox.ts'
import { CJK_FONT_FAMILY, EMPTY_COLLECTION, configuredStyleUrl, offlineBasemapStyle } from './basemap-style.ts'
import { buildDeckLayers, type DeckLayerInput } from './deck-layers.ts'
import { configureMapLibreWorker } from './maplibre-worker.ts'
import type { MapPick } from './map-pick.ts'
import { modeHandlers, type MapMode, type ModeContext, type ModeHandlers, type ModePointerEvent } from './modes.ts'
import { SourceTable, interactiveLayers, layersByToggle, stackLayers, type MapLayerPart, type StyleOptions } from './layer-part.ts'
import { SELECTION_LAYERS, SELECTION_PART, SELECTION_SOURCE } from './thematic-layers.ts'
import { SKETCH_PART, SKETCH_SOURCE } from './edit-modes/sketch-layers.ts'

export type { MapPick } from './map-pick.ts'
export interface MapView {
  center: [number, number]
  zoom: number
  bbox: BBox
}
/** The map's pixels (captureImage) and what reading them needs: the view and image pixels per CSS pixel. */
export interface MapImage {
  canvas: HTMLCanvasElement
  view: MapView
  pixelRatio: number
}
export interface MapAdapterOptions {
  container: HTMLElement
  center: [number, number]
  zoom: number
  /** the layer modules' map parts this map shows (src/layers); the selection outline is the host's own */
  parts: readonly MapLayerPart[]
  /** the style options the parts follow (e.g. gridLevel, segmentMode) */
  style: StyleOptions
  onViewChange: (view: MapView) => void
  /** the select mode's picks: the mode the map starts in (setMode changes it) */
  onPick: (pick: MapPick | null) => void
  onFirstFrame: () => void
  onError: (message: string) => void
  /** mount the sketch layers the editing modes draw their gestures in (edit-modes/) */
  sketch?: boolean
}


/**
 * MapLibre 6 draws its sky as a pass over the whole canvas on every frame, also when the
 * style has none (it is then transparent) and the map cannot tilt, so nothing of it can
 * show. With a GPU that costs nothing; where WebGL is software-rendered (no GPU: headless CI,
 * many office PCs) it was ~17 ms of every ~190 ms frame (docs/benchmarks.md). The painter's
 * draw table is per map instance, so only this map's sky pass is dropped.
 */
function skipInvisibleSky(map: MapLibreMap): void {
  const painter = (map as unknown as { painter?: { drawFunctions?: Record<string, unknown> } }).painter
  if (painter?.drawFunctions && typeof painter.drawFunctions.sky === 'function') {
    painter.drawFunctions = { ...painter.drawFunctions, sky: () => undefined }
  }
}

export class MapAdapter {
  private readonly map: MapLibreMap
  private readonly overlay: MapLibreOverlay
  private styleReady = false
  private readonly pendingData = new Map<string, GeoJSON.FeatureCollection>()
  /** The latest data of each kind that shares a source with others. */
  private readonly sharedData = new Map<string, GeoJSON.FeatureCollection>()
  private readonly hidden = new Set<string>()
  private readonly onViewChange: (view: MapView) => void
  private readonly parts: readonly MapLayerPart[]
  private readonly sources: SourceTable
  private readonly toggles: Record<string, string[]>
  private readonly interactive: { layer: string; source: string; tolerance?: number }[]
  private style: StyleOptions
  private deckInput: DeckLayerInput = { heatmap: [], heatmapVisible: false }
  private hovered: { kind: string; id: number } | null = null
  private selection: GeoJSON.Feature[] = []
  /**
   * Until the first complete view arrives, data is buffered and then drawn in one go. Each
   * repaint is expensive where WebGL is software-rendered (a full framebuffer readback per
   * frame), and drawing each of ten layers as its query returns cost a repaint apiece.
   */
  private holdingFirstView = true
  private cursor = 'grab'
  /** the interaction mode: pointer and key events go to it (modes.ts) */
  private mode: ModeHandlers
  private readonly modeContext: ModeContext = {
    setCursor: (cursor) => {
      this.cursor = cursor
      this.map.getCanvas().style.cursor = cursor
    },
    setHover: (target) => this.setHovered(target),
    setSketch: (sketch) => {
      if (this.hasSketch) this.setData(SKETCH_SOURCE, sketch)
    },
  }
  private readonly hasSketch: boolean
  /** a gesture a mode took on button down (a vertex drag, a selection box): the map does not pan meanwhile */
  private gesture = false
  private readonly onWindowUp = (event: MouseEvent) => {
    if (!this.gesture) return
    this.gesture = false
    this.map.dragPan.enable()
    const rect = this.map.getCanvas().getBoundingClientRect()
    const point = { x: event.clientX - rect.left, y: event.clientY - rect.top }
    const lngLat = this.map.unproject([point.x, point.y])
    this.mode.up?.(
      { lngLat: [lngLat.lng, lngLat.lat], point, target: null, shiftKey: event.shiftKey, altKey: event.altKey, ctrlKey: event.ctrlKey },
      this.modeContext,
    )
  }
  private readonly onKeyDown = (event: KeyboardEvent) => {
    const handled = this.mode.key?.(
      { key: event.key, shiftKey: event.shiftKey, ctrlKey: event.ctrlKey, metaKey: event.metaKey },
      this.modeContext,
    )
    if (handled) event.preventDefault()
  }

  constructor(options: MapAdapterOptions) {
    configureMapLibreWorker()
    this.onViewChange = options.onViewChange
    this.mode = modeHandlers({ id: 'select', onPick: options.onPick })
    this.hasSketch = options.sketch ?? false
    this.parts = [...options.parts, SELECTION_PART, ...(this.hasSketch ? [SKETCH_PART] : [])]
    this.sources = new SourceTable(this.parts)
    this.toggles = layersByToggle(this.parts)
    this.interactive = interactiveLayers(this.parts)
    this.style = options.style
    const onlineStyle = configuredStyleUrl()
    this.map = new MapLibreMap({
      container: options.container,
      style: onlineStyle ?? offlineBasemapStyle(),
      center: options.center,
      zoom: options.zoom,
      localIdeographFontFamily: CJK_FONT_FAMILY,
      attributionControl: onlineStyle ? { compact: true } : false,
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      // A plan map: never tilted, so MapLibre's sky (drawn above the horizon) is never seen.
      maxPitch: 0,
      // Label fade-in repaints the map for 300 ms after every data change. Where WebGL is
      // software-rendered (no GPU, as in headless CI or a locked-down office PC) each repaint
      // costs a full framebuffer readback, and the fades alone kept boot busy for seconds.
      fadeDuration: 0,
    })
    skipInvisibleSky(this.map)
    this.map.addControl(new NavigationControl({ showCompass: false }), 'bottom-right')
    this.map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left')
    // deck.gl owns the canvas cursor in interleaved mode; it asks us what it should be.
    this.overlay = new MapLibreOverlay({ interleaved: true, layers: [], getCursor: ({ isDragging }) => (isDragging ? 'grabbing' : this.cursor) })
    this.map.once('render', () => options.onFirstFrame())
    this.map.on('load', () => this.onStyleLoaded())
    this.map.on('webglcontextrestored', () => skipInvisibleSky(this.map))
    this.map.on('moveend', () => options.onViewChange(this.view()))
    this.map.on('mousemove', (event) => {
      if (this.gesture) this.mode.drag?.(this.pointerEvent(event), this.modeContext)
      else this.mode.hover?.(this.pointerEvent(event), this.modeContext)
    })
    this.map.on('mousedown', (event) => {
      if (!this.mode.down || event.originalEvent.button !== 0) return
      if (this.mode.down(this.pointerEvent(event), this.modeContext)) {
        this.gesture = true
        this.map.dragPan.disable()
      }
    })
    // Up anywhere ends the gesture, also outside the map.
    window.addEventListener('mouseup', this.onWindowUp)
    this.map.on('dblclick', (event) => {
      if (this.mode.doubleClick?.(this.pointerEvent(event), this.modeContext)) event.preventDefault()
    })
    this.map.on('mouseout', () => this.mode.leave?.(this.modeContext))
    this.map.on('click', (event) => this.mode.click?.(this.pointerEvent(event), this.modeContext))
    // Keys reach the mode wherever the focus is (Esc ends placing a point without a click on the map).
    window.addEventListener('keydown', this.onKeyDown)
    this.map.on('error', (event) => options.onError(event.error?.message ?? String(event)))
    // `data-map-idle` on the container tells tests (and benchmarks) that what was handed to
    // the map has been drawn, without reaching into MapLibre.
    this.map.on('idle', () => {
      options.container.dataset.mapIdle = 'true'
    })
    this.map.on('dataloading', () => this.markBusy())
    this.map.on('movestart', () => this.markBusy())
  }

  private markBusy(): void {
    this.map.getContainer().dataset.mapIdle = 'false'
  }

  private onStyleLoaded(): void {
    for (const part of this.parts) {
      for (const { name, image, pixelRatio } of part.images?.(window.devicePixelRatio) ?? []) {
        if (!this.map.hasImage(name)) this.map.addImage(name, image, { pixelRatio })
      }
    }
    for (const source of this.sources.sources) {
      if (!this.map.getSource(source)) this.map.addSource(source, { type: 'geojson', data: EMPTY_COLLECTION })
    }
    for (const layer of stackLayers(this.parts, this.style)) this.map.addLayer(layer)
    this.map.addControl(this.overlay)
    this.styleReady = true
    for (const toggle of this.hidden) this.applyVisibility(toggle, false)
    this.applySelectionVisibility()
    if (!this.holdingFirstView) this.flushPending()
    // An empty heatmap now: deck.gl links its shader programs while the map waits for data,
    // instead of in the first full frame.
    else this.setDeckLayers(buildDeckLayers({ ...this.deckInput, heatmap: [] }))
    // Layer queries are keyed by the viewport, so the first one must not wait for a move.
    this.onViewChange(this.view())
  }

  private flushPending(): void {
    for (const [source, data] of this.pendingData) this.setSourceData(source, data)
    this.pendingData.clear()
    this.setDeckLayers(buildDeckLayers(this.deckInput))
    this.map.triggerRepaint()
  }

  /** Draws everything buffered so far and stops buffering (called once all layers have data). */
  releaseFirstView(): void {
    if (!this.holdingFirstView) return
    this.holdingFirstView = false
    if (this.styleReady) this.flushPending()
  }

  view(): MapView {
    const center = this.map.getCenter()
    const bounds = this.map.getBounds()
    return {
      center: [center.lng, center.lat],
      zoom: this.map.getZoom(),
      bbox: [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()],
    }
  }

  /** Where a WGS84 position is on the map, in CSS pixels from its top left (tests drive gestures with it). */
  project(lngLat: [number, number]): { x: number; y: number } {
    const point = this.map.project(lngLat)
    return { x: point.x, y: point.y }
  }

  /** Degrees of longitude and latitude one CSS pixel spans at the centre now (snapping tolerances). */
  degreesPerPixel(): { x: number; y: number } {
    const canvas = this.map.getCanvas()
    const width = Math.max(1, canvas.clientWidth)
    const height = Math.max(1, canvas.clientHeight)
    const a = this.map.unproject([width / 2, height / 2])
    const b = this.map.unproject([width / 2 + 1, height / 2 + 1])
    return { x: Math.abs(b.lng - a.lng), y: Math.abs(b.lat - a.lat) }
  }

  /** Hands the map a kind's features (a part's `kind`, or the basemap's `roads`). */
  setData(kind: string, data: GeoJSON.FeatureCollection): void {
    const source = this.sources.sourceOf(kind) ?? kind
    if (this.sources.isShared(source)) {
      this.sharedData.set(kind, data)
      this.setSourceData(source, this.sources.sharedCollection(source, this.sharedData))
    } else {
      this.setSourceData(source, data)
    }
  }

  private setSourceData(source: string, data: GeoJSON.FeatureCollection): void {
    if (!this.styleReady || this.holdingFirstView) {
      this.pendingData.set(source, data)
      return
    }
    // An online basemap brings its own roads; our road source then simply does not exist.
    const target = this.map.getSource<GeoJSONSource>(source)
    if (!target) return
    this.markBusy()
    target.setData(data)
  }

  setToggleVisible(toggle: string, visible: boolean): void {
    if (visible) this.hidden.delete(toggle)
    else this.hidden.add(toggle)
    if (this.styleReady) {
      this.markBusy()
      this.applyVisibility(toggle, visible)
    }
  }

  private applyVisibility(toggle: string, visible: boolean): void {
    for (const layer of this.toggles[toggle] ?? []) {
      this.map.setLayoutProperty(layer, 'visibility', visible ? 'visible' : 'none')
    }
  }

  /** Sets a style option (e.g. gridLevel); the parts that follow it are restyled. */
  setStyleOption(key: string, value: string): void {
    if (this.style[key] === value) return
    this.style = { ...this.style, [key]: value }
    this.restyle(this.parts.filter((part) => part.restyleOn?.includes(key)))
  }

  /** Re-applies paint and layout from the parts' layer specs, leaving visibility as the user set it. */
  private restyle(parts: readonly MapLayerPart[]): void {
    if (!this.styleReady) return
    for (const { spec } of parts.flatMap((part) => part.layers(this.style))) {
      const paint: Record<string, unknown> = 'paint' in spec && spec.paint ? spec.paint : {}
      const layout: Record<string, unknown> = 'layout' in spec && spec.layout ? spec.layout : {}
      for (const [key, value] of Object.entries(paint)) this.map.setPaintProperty(spec.id, key as never, value as never)
      for (const [key, value] of Object.entries(layout)) this.map.setLayoutProperty(spec.id, key as never, value as never)
    }
  }

  setDeckInput(input: DeckLayerInput): void {
    this.deckInput = input
    if (!this.styleReady || this.holdingFirstView) return
    this.markBusy()
    this.setDeckLayers(buildDeckLayers(this.deckInput))
    this.map.triggerRepaint()
  }

  /**
   * @deck.gl/maplibre 9.4 puts a layer with `beforeId` into MapLibre's layer stack (the heatmap
   * under the grid outlines, segments, labels and symbols) only if `map.isStyleLoaded()` at
   * that moment, which is false until every source has loaded; otherwise it draws the layer
   * over everything else (visgl/deck.gl#10733). Ours are handed over while sources load, so
   * the heatmap covered the outlines during every boot and the map drew once more at idle
   * to put it in place. Inserting a layer needs only the style itself, loaded before our
   * layers are added, and this is called only after that (`styleReady`): the overlay is told
   * so for the handover. Its group then stays in the stack (the heatmap is always in the
   * list, hidden by its `visible` prop).
   */
  private setDeckLayers(layers: Layer[]): void {
    const map = this.map as { isStyleLoaded: () => boolean }
    map.isStyleLoaded = () => true
    try {
      this.overlay.setProps({ layers })
    } finally {
      Reflect.deleteProperty(map, 'isStyleLoaded')
    }
  }

  /**
   * Outlines the selected feature(s); an empty collection clears the selection. The same
   * features again (React re-renders hand over a new, equal array) change nothing: each
   * source update costs a tile rebuild and a repaint.
   */
  setSelection(features: GeoJSON.FeatureCollection): void {
    const next = features.features
    if (next.length === this.selection.length && next.every((feature, index) => feature === this.selection[index])) return
    this.selection = next
    this.setData(SELECTION_SOURCE, features)
    if (this.styleReady) this.applySelectionVisibility()
  }

  private applySelectionVisibility(): void {
    for (const layer of SELECTION_LAYERS) this.map.setLayoutProperty(layer, 'visibility', this.selection.length > 0 ? 'visible' : 'none')
  }

  fitBounds(bbox: BBox, maxZoom = 17, animate = true): void {
    const [west, south, east, north] = bbox
    this.map.fitBounds(
      [
        [west, south],
        [east, north],
      ],
      { padding: 60, maxZoom, duration: animate ? 800 : 0 },
    )
  }

  /** Draws the current view again (for benchmarks: the cost of one frame). */
  repaint(): void {
    this.map.triggerRepaint()
  }

  jumpTo(center: [number, number], zoom: number): void {
    this.map.jumpTo({ center, zoom })
  }

  /** Resolves once the map has drawn everything it was given (all sources loaded). */
  whenIdle(): Promise<void> {
    return new Promise((resolve) => {
      if (this.map.loaded() && !this.map.isMoving()) resolve()
      else this.map.once('idle', () => resolve())
    })
  }

  /**
   * The map as drawn, with the deck.gl overlays (interleaved: they draw into MapLibre's
   * canvas), copied to a 2D canvas at device pixels. The WebGL drawing buffer is kept only
   * until the frame is shown, and keeping it always (`preserveDrawingBuffer`) would cost every
   * frame a copy, which is dear where WebGL is software-rendered. So the copy is taken inside
   * the `render` event of one extra frame, once everything handed over has been drawn.
   * Controls (zoom buttons, MapLibre's scale) are DOM, not pixels, and are not in it.
   */
  async captureImage(): Promise<MapImage> {
    await this.whenIdle()
    return new Promise((resolve, reject) => {
      this.map.once('render', () => {
        const source = this.map.getCanvas()
        const canvas = document.createElement('canvas')
        canvas.width = source.width
        canvas.height = source.height
        const context = canvas.getContext('2d')
        if (!context) return reject(new Error('no 2D canvas to copy the map into'))
        context.drawImage(source, 0, 0)
        // MapLibre may draw at less than the screen's ratio (its maximum canvas size): measure it.
        resolve({ canvas, view: this.view(), pixelRatio: source.width / Math.max(1, source.clientWidth) })
      })
      this.map.triggerRepaint()
    })
  }

  private pick(point: { x: number; y: number }): MapPick | null {
    if (!this.styleReady) return null
    const { x, y } = point
    for (const entry of this.interactive) {
      if (this.map.getLayoutProperty(entry.layer, 'visibility') === 'none') continue
      const near = entry.tolerance ?? 0
      const at: PointLike | [PointLike, PointLike] = near > 0 ? [[x - near, y - near], [x + near, y + near]] : [x, y]
      const hit = this.map.queryRenderedFeatures(at, { layers: [entry.layer] }).find((feature) => typeof feature.id === 'number')
      if (hit) {
        const feature = this.sources.fromMapLibre(this.sources.sourceOf(entry.source) ?? entry.source, hit.id as number)
        return { layer: feature.kind, id: feature.id }
      }
    }
    return null
  }

  private pointerEvent(event: MapMouseEvent): ModePointerEvent {
    const { originalEvent } = event
    return {
      lngLat: [event.lngLat.lng, event.lngLat.lat],
      point: { x: event.point.x, y: event.point.y },
      target: this.mode.needsTarget ? this.pick(event.point) : null,
      shiftKey: originalEvent.shiftKey,
      altKey: originalEvent.altKey,
      ctrlKey: originalEvent.ctrlKey,
    }
  }

  /** Switches the interaction mode (one at a time): the old one exits, the new one enters. */
  setMode(mode: MapMode): void {
    this.mode.exit?.(this.modeContext)
    if (this.gesture) {
      this.gesture = false
      this.map.dragPan.enable()
    }
    this.mode = modeHandlers(mode)
    // Shift-drag selects grids in the editor's select mode, a double click finishes a drawing.
    if (this.mode.down) this.map.boxZoom.disable()
    else this.map.boxZoom.enable()
    if (this.mode.capturesDoubleClick) this.map.doubleClickZoom.disable()
    else this.map.doubleClickZoom.enable()
    this.modeContext.setCursor(this.mode.cursor)
    this.mode.enter?.(this.modeContext)
  }

  private setHovered(pick: MapPick | null): void {
    const target = pick && { kind: pick.layer, id: pick.id }
    if (this.hovered && target && this.hovered.kind === target.kind && this.hovered.id === target.id) return
    if (this.hovered && this.styleReady) this.map.removeFeatureState(this.sources.toMapLibre(this.hovered.kind, this.hovered.id), 'hover')
    this.hovered = target
    if (target && this.styleReady) this.map.setFeatureState(this.sources.toMapLibre(target.kind, target.id), { hover: true })
  }

  destroy(): void {
    window.removeEventListener('keydown', this.onKeyDown)
    window.removeEventListener('mouseup', this.onWindowUp)
    this.map.remove()
  }
}
