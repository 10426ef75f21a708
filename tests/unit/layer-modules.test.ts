/**
 * The layer registry: the map parts' shared sources and stack order (src/map/layer-part.ts),
 * and what every layer module of the 总览 promises the panels — a name and inspect heading in
 * both languages, inspect rows with labels, a legend, and a unique selection kind.
 */
import i18next from 'i18next'
import { beforeAll, describe, expect, it } from 'vitest'
import { overviewEn } from '../../src/features/overview/i18n.en.ts'
import { overviewZhCN } from '../../src/features/overview/i18n.zh-CN.ts'
import { OVERVIEW_MODULES, SELECTION_KINDS, TOGGLED_MODULES, selectionOfSearch } from '../../src/features/overview/overview-layers.ts'
import { SourceTable, interactiveLayers, layersByToggle, stackLayers, type MapLayerPart } from '../../src/map/layer-part.ts'

const part = (kind: string, source: string, order: number, extra: Partial<MapLayerPart> = {}): MapLayerPart => ({
  kind,
  source,
  layers: () => [{ order, spec: { id: `${kind}-layer`, type: 'line', source } }],
  ...extra,
})

describe('map parts', () => {
  it('a shared source lists its kinds in stack order and encodes ids so they never collide', () => {
    const table = new SourceTable([part('b', 'shared', 20), part('solo', 'solo', 5), part('a', 'shared', 10)])
    expect(table.kindsOf('shared')).toEqual(['a', 'b'])
    expect(table.isShared('shared')).toBe(true)
    expect(table.toMapLibre('solo', 7)).toEqual({ source: 'solo', id: 7 })
    const seen = new Set<number>()
    for (const kind of ['a', 'b']) {
      for (const id of [0, 1, 5, 99]) {
        const encoded = table.toMapLibre(kind, id)
        expect(encoded.source).toBe('shared')
        expect(seen.has(encoded.id)).toBe(false)
        seen.add(encoded.id)
        expect(table.fromMapLibre('shared', encoded.id)).toEqual({ kind, id })
      }
    }
  })

  it('stacks every part’s layers by order, keeping the parts’ order for equal orders', () => {
    const parts = [part('top', 's', 30), part('bottom', 's', 10), part('tie', 's', 10)]
    expect(stackLayers(parts, {}).map((layer) => layer.id)).toEqual(['bottom-layer', 'tie-layer', 'top-layer'])
  })

  it('picks in rank order and toggles by part', () => {
    const parts = [
      part('x', 'x', 1, { toggle: 'tx', interactive: [{ layer: 'x-layer', rank: 5 }] }),
      part('y', 'y', 2, { toggle: 'ty', interactive: [{ layer: 'y-layer', rank: 1, tolerance: 3 }] }),
    ]
    expect(interactiveLayers(parts)).toEqual([
      { layer: 'y-layer', source: 'y', tolerance: 3 },
      { layer: 'x-layer', source: 'x' },
    ])
    expect(layersByToggle(parts)).toEqual({ tx: ['x-layer'], ty: ['y-layer'] })
  })
})

describe('the 总览 layer modules', () => {
  const t = (language: string) => i18next.getFixedT(language, 'overview')
  beforeAll(async () => {
    const resources: Record<string, { overview: Record<string, unknown> }> = { 'zh-CN': { overview: structuredClone(overviewZhCN) }, en: { overview: structuredClone(overviewEn) } }
    await i18next.init({ lng: 'zh-CN', resources, ns: ['overview'] })
    for (const module of OVERVIEW_MODULES) {
      if (!module.strings) continue
      i18next.addResourceBundle('zh-CN', 'overview', module.strings['zh-CN'], true, true)
      i18next.addResourceBundle('en', 'overview', module.strings.en, true, true)
    }
  })

  it('each selection kind belongs to one module', () => {
    expect(new Set(SELECTION_KINDS).size).toBe(SELECTION_KINDS.length)
    expect(SELECTION_KINDS).toContain('camera')
    expect(selectionOfSearch('camera')).toBe('camera')
    expect(selectionOfSearch('no_such_layer')).toBeNull()
  })

  it.each(['zh-CN', 'en'])('every toggle and selection kind is named, and the legend has entries (%s)', (language) => {
    const translate = t(language)
    for (const module of TOGGLED_MODULES) {
      const name = translate(`layers.${module.id}` as never)
      expect(name, module.id).not.toBe(`layers.${module.id}`)
      const legend = module.legend({ t: translate as never, options: { gridLevel: 'street', segmentMode: 'grade', incidentPoints: false } })
      expect(legend.length, module.id).toBeGreaterThan(0)
    }
    for (const module of OVERVIEW_MODULES) {
      for (const selection of module.selections) {
        expect(translate(`inspect.kind.${selection.kind}` as never), selection.kind).not.toBe(`inspect.kind.${selection.kind}`)
      }
    }
  })

  it('a camera’s inspect rows name its code, what it watches, its facing in words and its video cases', () => {
    const camera = OVERVIEW_MODULES.find((module) => module.id === 'cameras')!.selections[0]
    const feature = {
      type: 'Feature' as const,
      id: 3,
      geometry: { type: 'Point' as const, coordinates: [119.9, 32.47] },
      properties: {
        code: '32100200001320000003',
        name: '示范路与和平街交叉口监控点',
        direction: 45,
        watches: 'junction',
        grid_code: '329001001001001',
        video_case_count: 2,
        video_cases: [{ id: 9, case_number: '20261001-000009', category_code: '01001', status: 'closed', reported_at: '2026-10-01T02:00:00Z', distance_m: 42.5 }],
      },
    }
    const rows = camera.rows([feature], { t: t('zh-CN') as never, language: 'zh-CN' })
    const value = (key: string) => rows.find((row) => row.key === key)?.value
    expect(value('cameraCode')).toBe('32100200001320000003')
    expect(value('cameraWatches')).toBe('路口')
    expect(value('cameraDirection')).toBe('东北 45°')
    expect(value('grid')).toBe('329001001001001')
    expect(value('videoCaseCount')).toBe('2')
    expect(value('videoCases')).toContain('20261001-000009')
    expect(rows.find((row) => row.key === 'cameraCode')?.label).toBe('设备编码')
    // Before the fetch by id answers, the drawn feature has no cases: it says so, not "0".
    const drawn = camera.rows([{ ...feature, properties: { code: feature.properties.code, name: feature.properties.name, direction: 45, watches: 'market' } }], { t: t('zh-CN') as never, language: 'zh-CN' })
    expect(drawn.find((row) => row.key === 'videoCaseCount')?.value).toBe('加载中…')
  })
})

describe('unit-grid labels', () => {
  it('say nothing at district zoom, the grid’s 3-digit number in between, the whole code zoomed in', async () => {
    const { createPropertyExpression, latest } = await import('@maplibre/maplibre-gl-style-spec')
    const { gridsLayer, GRID_CODE_MIN_ZOOM, GRID_SERIAL_MIN_ZOOM } = await import('../../src/layers/grids.layer.ts')
    const label = gridsLayer.parts[0].layers({ gridLevel: 'grid' }).find((layer) => layer.spec.id === 'grids-label')!.spec
    const expression = createPropertyExpression((label.layout as Record<string, unknown>)['text-field'], 'text-field', latest.layout_symbol['text-field'] as never)
    expect(expression.result).toBe('success')
    const at = (zoom: number) =>
      String((expression.value as { evaluate: (...args: unknown[]) => unknown }).evaluate({ zoom }, { type: 'Polygon', properties: { code: '329001001001042' } }))
    expect(at(12)).toBe('')
    expect(at(GRID_SERIAL_MIN_ZOOM)).toBe('042')
    expect(at(GRID_CODE_MIN_ZOOM - 0.01)).toBe('042')
    expect(at(GRID_CODE_MIN_ZOOM)).toBe('329001001001042')
    // Streets and communities keep their names at every zoom.
    const street = gridsLayer.parts[0].layers({ gridLevel: 'street' }).find((layer) => layer.spec.id === 'grids-label')!.spec
    expect((street.layout as Record<string, unknown>)['text-field']).toEqual(['get', 'name'])
  })
})
