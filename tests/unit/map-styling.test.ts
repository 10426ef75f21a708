import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { CLEANING_GRADE_COLOURS, cleaningGradeColour, toCss } from '../../src/map/colours.ts'
import { FACILITY_HALO_SCALE, FACILITY_ICON_ORDER, FACILITY_SIZES, FACILITY_ZOOM_RANGE, facilitySizeScale } from '../../src/map/facility-icons.ts'
import { GRID_LEVEL_ZOOMS, gridLevelForZoom, resolveGridLevel } from '../../src/domain/grids/grid-level-for-zoom.ts'
import type { LayerSpecification, SourceSpecification, StyleSpecification } from 'maplibre-gl'
import { createPropertyExpression, latest, validateStyleMin } from '@maplibre/maplibre-gl-style-spec'
import { offlineBasemapStyle } from '../../src/map/basemap-style.ts'
import { SELECTION_LAYERS, facilityIconSize, gridLabelField, segmentColour } from '../../src/map/thematic-layers.ts'
import {
  INTERACTIVE_LAYERS,
  MAPLIBRE_LAYERS_BY_TOGGLE,
  MAPLIBRE_SOURCES,
  PLACE_KINDS,
  mapLibreFeature,
  placesCollection,
  thematicFeature,
  thematicLayers,
} from '../../src/features/overview/overview-map.ts'

describe('grid level by zoom', () => {
  test('streets when zoomed out, communities in between, unit grids zoomed in', () => {
    expect(gridLevelForZoom(11)).toBe('street')
    expect(gridLevelForZoom(GRID_LEVEL_ZOOMS.community - 0.01)).toBe('street')
    expect(gridLevelForZoom(GRID_LEVEL_ZOOMS.community)).toBe('community')
    expect(gridLevelForZoom(GRID_LEVEL_ZOOMS.grid - 0.01)).toBe('community')
    expect(gridLevelForZoom(GRID_LEVEL_ZOOMS.grid)).toBe('grid')
    expect(gridLevelForZoom(19)).toBe('grid')
  })

  test('a fixed choice overrides the zoom', () => {
    expect(resolveGridLevel('grid', 11)).toBe('grid')
    expect(resolveGridLevel('auto', 11)).toBe('street')
  })

  test('unit grids are labelled by code, streets and communities by name', () => {
    expect(gridLabelField('grid')).toEqual(['get', 'code'])
    expect(gridLabelField('street')).toEqual(['get', 'name'])
  })
})

describe('colour scales', () => {
  test('each cleaning grade has its own colour and unknown grades are grey', () => {
    const colours = [1, 2, 3].map((grade) => toCss(cleaningGradeColour(grade)))
    expect(new Set(colours).size).toBe(3)
    expect(cleaningGradeColour(7)).toEqual([127, 127, 127])
  })

  test('the MapLibre expression uses the same colours as the legend', () => {
    const expression = JSON.stringify(segmentColour('grade'))
    for (const grade of [1, 2, 3] as const) expect(expression).toContain(toCss(CLEANING_GRADE_COLOURS[grade]))
    expect(JSON.stringify(segmentColour('assignment'))).toContain('assigned')
  })

  test('toCss writes rgb or rgba', () => {
    expect(toCss([1, 2, 3])).toBe('rgb(1, 2, 3)')
    expect(toCss([1, 2, 3], 0.5)).toBe('rgba(1, 2, 3, 0.5)')
  })

  test('facility symbols shrink when zoomed out, within bounds', () => {
    expect(facilitySizeScale(10)).toBe(0.45)
    expect(facilitySizeScale(13)).toBeCloseTo(0.65)
    expect(facilitySizeScale(18)).toBe(1)
  })
})

describe('MapLibre internals the map adapter relies on', () => {
  // skipInvisibleSky (src/map/map-adapter.ts) replaces the sky entry of the painter's
  // per-instance draw table. If a MapLibre upgrade renames it, the guard there makes the skip
  // a silent no-op; this fails instead, so the upgrade re-checks it.
  test('the painter owns its draw table and draws the sky through it', () => {
    const source = readFileSync(fileURLToPath(import.meta.resolve('maplibre-gl')), 'utf8')
    expect(source).toMatch(/this\.drawFunctions\s*=/)
    expect(source).toContain('this.drawFunctions.sky(')
  })
})

describe('layer stack cost', () => {
  // MapLibre redraws a source's tile clipping masks (one full-tile stencil draw per tile)
  // whenever two consecutive fill/line layers come from different sources; where WebGL is
  // software-rendered that was a quarter of every frame (docs/benchmarks.md, issue 3).
  const clippedSources = (layers: LayerSpecification[]) =>
    layers
      .filter((layer) => (layer.type === 'fill' || layer.type === 'line') && layer.layout?.visibility !== 'none')
      .map((layer) => (layer as { source: string }).source)

  test.each([
    ['grade', 'street'],
    ['assignment', 'grid'],
  ] as const)('the fill and line layers of each source are drawn together (%s, %s)', (mode, level) => {
    const sources = clippedSources([...offlineBasemapStyle().layers, ...thematicLayers(mode, level)])
    const runs = sources.filter((source, index) => index === 0 || sources[index - 1] !== source)
    expect(runs).toEqual([...new Set(sources)])
    expect(runs).toEqual(['roads', 'grids', 'segments', 'places'])
  })

  test('the selection layers start hidden, so an empty selection costs nothing', () => {
    const selection = thematicLayers('grade', 'grid').filter((layer) => (SELECTION_LAYERS as readonly string[]).includes(layer.id))
    expect(selection.map((layer) => layer.id)).toEqual([...SELECTION_LAYERS])
    for (const layer of selection) expect(layer.layout?.visibility).toBe('none')
  })
})

describe('fills and their outlines', () => {
  test('every fill has a line layer of its source above it, so it skips its own antialiasing outline', () => {
    const layers = thematicLayers('grade', 'grid')
    const fills = layers.filter((layer) => layer.type === 'fill')
    expect(fills.length).toBeGreaterThan(0)
    for (const fill of fills) {
      expect(fill.paint?.['fill-antialias'], fill.id).toBe(false)
      const source = (fill as { source: string }).source
      const outline = layers.slice(layers.indexOf(fill) + 1).find((layer) => layer.type === 'line' && (layer as { source: string }).source === source)
      expect(outline, `${fill.id} has no outline`).toBeDefined()
    }
  })
})

describe('shader programs', () => {
  // MapLibre compiles one shader per layer type and per choice of which paint values vary by
  // feature; a software renderer compiles each on the first frame that draws it (~30-50 ms).
  // Feature-dependent vs uniform is what separates programs (a zoom-only curve is a uniform).
  function kind(value: unknown): 'uniform' | 'feature' | 'feature+zoom' {
    const operators = new Set<string>()
    const walk = (node: unknown): void => {
      if (!Array.isArray(node)) return
      if (typeof node[0] === 'string') operators.add(node[0])
      node.forEach(walk)
    }
    walk(value)
    const byFeature = ['get', 'has', 'feature-state', 'geometry-type', 'id', 'properties'].some((operator) => operators.has(operator))
    if (!byFeature) return 'uniform'
    return operators.has('zoom') ? 'feature+zoom' : 'feature'
  }
  const visibleLayers = () =>
    [...offlineBasemapStyle().layers, ...thematicLayers('grade', 'community')].filter((layer) => layer.layout?.visibility !== 'none')

  /** The distinct shader configurations the visible layers of `type` need (`only`: of those layers). */
  const programs = (type: 'line' | 'fill' | 'symbol', key: (paint: Record<string, unknown>) => string, only = (_layer: LayerSpecification) => true) =>
    [
      ...new Set(
        visibleLayers()
          .filter((layer) => layer.type === type && only(layer))
          .map((layer) => key((layer.paint ?? {}) as Record<string, unknown>)),
      ),
    ].sort()

  test('the line layers of the default view need two line shaders, solid and dashed', () => {
    expect(programs('line', (paint) => `${paint['line-dasharray'] ? 'dashed' : 'solid'} colour:${kind(paint['line-color'])} width:${kind(paint['line-width'])}`)).toEqual([
      'dashed colour:uniform width:uniform',
      'solid colour:feature width:feature+zoom',
    ])
  })

  test('the facility symbols and their hover halo share one icon shader', () => {
    const icons = (layer: LayerSpecification) => layer.type === 'symbol' && layer.layout?.['icon-image'] !== undefined
    expect(programs('symbol', (paint) => `opacity:${kind(paint['icon-opacity'])}`, icons)).toEqual(['opacity:feature'])
  })

  test('the fill layers of the default view share one fill shader', () => {
    expect(programs('fill', (paint) => `colour:${kind(paint['fill-color'])} opacity:${kind(paint['fill-opacity'])}`)).toEqual(['colour:feature opacity:feature'])
  })
})

describe('the shared places source', () => {
  const collection = (ids: number[], extra: Record<string, unknown> = {}): GeoJSON.FeatureCollection => ({
    type: 'FeatureCollection',
    features: ids.map((id) => ({ type: 'Feature', id, geometry: { type: 'Point', coordinates: [119.9, 32.47] }, properties: { name: `#${id}`, ...extra } })),
  })

  test('ids of district, sites and markets never collide and decode back to their kind and id', () => {
    const seen = new Set<number>()
    for (const kind of PLACE_KINDS) {
      for (const id of [0, 1, 2, 3, 7, 40, 123456]) {
        const feature = mapLibreFeature(kind, id)
        expect(feature.source).toBe('places')
        expect(seen.has(feature.id)).toBe(false)
        seen.add(feature.id)
        expect(thematicFeature('places', feature.id)).toEqual({ source: kind, id })
      }
    }
    expect(mapLibreFeature('grids', 42)).toEqual({ source: 'grids', id: 42 })
    expect(thematicFeature('segments', 42)).toEqual({ source: 'segments', id: 42 })
  })

  test('the collection holds every kind, says which, and keeps the other properties', () => {
    const places = placesCollection({ district: collection([1]), sites: collection([1, 2], { status: 'active' }), markets: collection([1]) })
    expect(places.features.map((feature) => feature.properties?.place)).toEqual(['district', 'sites', 'sites', 'markets'])
    expect(new Set(places.features.map((feature) => feature.id)).size).toBe(4)
    expect(places.features[1].properties).toEqual({ name: '#1', status: 'active', place: 'sites' })
    expect(placesCollection({ sites: collection([5]) }).features).toHaveLength(1)
  })

  test('each place layer draws only its own kind', () => {
    for (const layer of thematicLayers('grade', 'grid').filter((layer) => (layer as { source?: string }).source === 'places')) {
      const kind = layer.id.startsWith('district') ? 'district' : layer.id.startsWith('sites') ? 'sites' : 'markets'
      expect(JSON.stringify((layer as { filter?: unknown }).filter), layer.id).toContain(JSON.stringify(['==', ['get', 'place'], kind]))
    }
  })
})

describe('the whole style', () => {
  test.each([
    ['grade', 'street'],
    ['assignment', 'grid'],
  ] as const)('basemap and thematic layers are a valid MapLibre style (%s, %s)', (mode, level) => {
    const basemap = offlineBasemapStyle()
    const empty: SourceSpecification = { type: 'geojson', data: { type: 'FeatureCollection', features: [] } }
    const style: StyleSpecification = {
      ...basemap,
      sources: { ...basemap.sources, ...Object.fromEntries(MAPLIBRE_SOURCES.map((source) => [source, empty])) },
      layers: [...basemap.layers, ...thematicLayers(mode, level)],
    }
    expect(validateStyleMin(style).map((error) => error.message)).toEqual([])
  })
})

describe('facility symbols', () => {
  const layers = thematicLayers('grade', 'street')
  const facilityLayers = layers.filter((layer) => (layer as { source?: string }).source === 'facilities')

  test('are MapLibre symbols drawn over every other layer, the hover halo under the symbol', () => {
    expect(facilityLayers.map((layer) => layer.id)).toEqual(['facilities-halo', 'facilities-icons'])
    expect(layers.slice(-2)).toEqual(facilityLayers)
    expect([...MAPLIBRE_LAYERS_BY_TOGGLE.facilities]).toEqual(['facilities-halo', 'facilities-icons'])
    for (const layer of facilityLayers) {
      expect(layer.type).toBe('symbol')
      // Drawn wherever they are: they never hide each other or a label.
      expect(layer.layout).toMatchObject({ 'icon-allow-overlap': true, 'icon-ignore-placement': true })
    }
    // A click or hover finds a symbol before whatever lies under it.
    expect(INTERACTIVE_LAYERS[0]).toEqual({ layer: 'facilities-icons', source: 'facilities', tolerance: 4 })
  })

  test('the halo shows only on the hovered symbol', () => {
    const opacity = createPropertyExpression(facilityLayers[0].paint?.['icon-opacity' as never], 'icon-opacity', latest.paint_symbol['icon-opacity'] as never)
    expect(opacity.result).toBe('success')
    const evaluate = (hover: boolean | undefined) =>
      (opacity.value as { evaluate: (...args: unknown[]) => number }).evaluate({ zoom: 14 }, { type: 'Point', properties: { kind: 'public_toilet' } }, hover === undefined ? {} : { hover })
    expect(evaluate(undefined)).toBe(0)
    expect(evaluate(false)).toBe(0)
    expect(evaluate(true)).toBe(1)
  })

  test('each kind is drawn at its size times the zoom scale, the halo 1.7 times that', () => {
    const size = (factor: number | null, kind: string, zoom: number) => {
      const expression = createPropertyExpression(facilityIconSize(factor), 'icon-size', latest.layout_symbol['icon-size'] as never)
      expect(expression.result).toBe('success')
      return (expression.value as { evaluate: (...args: unknown[]) => number }).evaluate({ zoom }, { type: 'Point', properties: { kind } })
    }
    for (const zoom of [10, FACILITY_ZOOM_RANGE[0], 13, 14, FACILITY_ZOOM_RANGE[1], 17]) {
      for (const kind of FACILITY_ICON_ORDER) {
        // The symbol's image is its kind's full size: the factor is the zoom scale alone.
        expect(size(null, kind, zoom)).toBeCloseTo(facilitySizeScale(zoom), 5)
        // The halo image is 32 px: scaled to 1.7 times the kind's size at this zoom.
        expect(size(FACILITY_HALO_SCALE / 32, kind, zoom) * 32).toBeCloseTo(FACILITY_SIZES[kind] * FACILITY_HALO_SCALE * facilitySizeScale(zoom), 4)
      }
    }
  })
})
