/**
 * 网格: the responsibility areas at the level the zoom (or the user) chooses — 街道, 社区 or
 * 单元网格. Streets and communities are read for the whole district once; unit grids by
 * viewport. A pick selects the level drawn; search finds all three.
 */
import { useAreas } from '../data/hooks.ts'
import type { DisplayedGridLevel } from '../domain/grids/grid-level-for-zoom.ts'
import { GRID_OUTLINE_COLOURS, toCss } from '../map/colours.ts'
import { LABEL_FONT } from '../map/basemap-style.ts'
import { hovered } from '../map/layer-part.ts'
import { gridLabelField, gridOutlineWidth, outlineWidth, stateColour } from '../map/thematic-layers.ts'
import { formatDateTime } from '../i18n/format.ts'
import { byId, hasCurrentData, inspectHelpers, statusOf, text, type LayerModule, type SelectionSpec } from './layer-module.ts'

const level = (options: { gridLevel?: string }) => (options.gridLevel ?? 'street') as DisplayedGridLevel

/**
 * Unit-grid codes only where a grid is wide enough for its 15 digits: at district zoom the
 * 2,950 codes would be a wall of collisions, and MapLibre would draw an arbitrary few.
 */
export const GRID_CODE_MIN_ZOOM = 15.5

function labelField(gridLevel: DisplayedGridLevel) {
  return gridLevel === 'grid' ? (['step', ['zoom'], '', GRID_CODE_MIN_ZOOM, gridLabelField('grid')] as never) : gridLabelField(gridLevel)
}

type AreaLevel = 'grid' | 'street' | 'community'

function areaSelection(kind: AreaLevel, flyMaxZoom: number, rows: SelectionSpec['rows']): SelectionSpec {
  return {
    kind,
    searchLayer: kind,
    flyMaxZoom,
    // The drawn collection is also filed under its level: a street is found only among streets.
    fromLoaded: (data, id) => byId(data.collections[kind], id),
    useLookup: (_id, context, enabled) => useAreas(kind, { bbox: context.bbox, limit: 2000 }, { enabled }),
    rows,
    title: (features) => text(features[0]?.properties.name ?? features[0]?.properties.code),
  }
}

export const gridsLayer: LayerModule = {
  id: 'grids',
  defaultVisible: true,
  parts: [
    {
      kind: 'grids',
      source: 'grids',
      toggle: 'grids',
      restyleOn: ['gridLevel'],
      interactive: [{ layer: 'grids-fill', rank: 60 }],
      layers: (options) => {
        const gridLevel = level(options)
        return [
          {
            order: 10,
            spec: {
              id: 'grids-fill',
              type: 'fill',
              source: 'grids',
              paint: {
                'fill-color': stateColour(toCss(GRID_OUTLINE_COLOURS[gridLevel])),
                'fill-opacity': ['case', hovered, 0.22, 0.02],
                // Every fill here has its own outline layer above it; MapLibre's antialiasing outline
                // would be a second draw per tile for an edge that is drawn anyway.
                'fill-antialias': false,
              },
            },
          },
          {
            order: 20,
            spec: {
              id: 'grids-outline',
              type: 'line',
              source: 'grids',
              paint: {
                'line-color': stateColour(toCss(GRID_OUTLINE_COLOURS[gridLevel])),
                'line-width': outlineWidth(gridOutlineWidth(gridLevel), 2.5),
              },
            },
          },
          {
            order: 80,
            spec: {
              id: 'grids-label',
              type: 'symbol',
              source: 'grids',
              layout: {
                'text-field': labelField(gridLevel),
                'text-font': LABEL_FONT,
                'text-size': gridLevel === 'street' ? 15 : gridLevel === 'community' ? 12 : 10,
                'text-padding': 4,
              },
              paint: { 'text-color': toCss(GRID_OUTLINE_COLOURS[gridLevel]), 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
            },
          },
        ]
      },
    },
  ],
  useData({ reads, visible }) {
    const grids = useAreas(reads.grids.level, reads.grids.query, { enabled: visible && (!reads.grids.byViewport || reads.bbox !== null) })
    return { collections: { grids: grids.data, [reads.gridLevel]: grids.data }, status: statusOf(grids), settled: !visible || hasCurrentData(grids) }
  },
  legend: ({ t, options }) => [
    { key: 'level', label: t(`gridLevel.${options.gridLevel}` as never), swatch: { colour: GRID_OUTLINE_COLOURS[level(options)], shape: 'line' } },
  ],
  option: (t) => ({
    key: 'gridLevel',
    label: t('gridLevel.label'),
    choices: (['auto', 'street', 'community', 'grid'] as const).map((value) => ({ value, label: t(`gridLevel.${value}`) })),
  }),
  selectionOfPick: (_kind, options) => options.gridLevel,
  selections: [
    areaSelection('grid', 16.5, (features, context) => {
      const { t, language } = context
      const { number, row } = inspectHelpers(context)
      const first = features[0]?.properties ?? {}
      const area = Number(first.area_m2)
      return [
        row('code', text(first.code)),
        row('name', text(first.name)),
        row('street', text(first.street_name)),
        row('community', text(first.community_name)),
        row('responsiblePerson', text(first.responsible_person)),
        row('responsibleBody', text(first.responsible_body)),
        row('landUse', first.land_use ? t(`landUse.${String(first.land_use)}` as never, { defaultValue: String(first.land_use) }) : '—'),
        row(
          'managementLevel',
          first.management_level === null || first.management_level === undefined
            ? '—'
            : t(`managementLevel.${String(first.management_level)}` as never, { defaultValue: String(first.management_level) }),
        ),
        row('area', Number.isFinite(area) ? `${t('inspect.squareMeters', { value: number(area) })}（${t('inspect.hectares', { value: number(area / 10_000, 2) })}）` : '—'),
        row('version', text(first.version)),
        row('validFrom', formatDateTime(first.valid_from, language, false)),
        row('incidentCount', context.gridIncidentCount === undefined ? t('inspect.loading') : number(context.gridIncidentCount ?? 0)),
      ]
    }),
    areaSelection('street', 14, (features, context) => {
      const { row } = inspectHelpers(context)
      const first = features[0]?.properties ?? {}
      return [row('code', text(first.code)), row('name', text(first.name))]
    }),
    areaSelection('community', 15, (features, context) => {
      const { row } = inspectHelpers(context)
      const first = features[0]?.properties ?? {}
      return [row('code', text(first.code)), row('name', text(first.name)), row('street', text(first.street_name))]
    }),
  ],
}
