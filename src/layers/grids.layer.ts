/**
 * 网格: the responsibility areas at the level the zoom (or the user) chooses — 街道, 社区 or
 * 单元网格. Streets and communities are read for the whole district once; unit grids by
 * viewport. A pick selects the level drawn; search finds all three.
 */
import { useAreas, useRead } from '../data/hooks.ts'
import { GRID_LEVEL_ZOOMS, type DisplayedGridLevel } from '../domain/grids/grid-level-for-zoom.ts'
import { GRID_OUTLINE_COLOURS, toCss } from '../map/colours.ts'
import { LABEL_FONT } from '../map/basemap-style.ts'
import { hovered } from '../map/layer-part.ts'
import { gridLabelField, gridOutlineWidth, outlineWidth, stateColour } from '../map/thematic-layers.ts'
import { formatDateTime } from '../i18n/format.ts'
import { AREA_DETAIL_READ } from './detail-reads.ts'
import { byId, hasCurrentData, inspectHelpers, statusOf, text, type LayerModule, type SelectionSpec } from './layer-module.ts'

const level = (options: { gridLevel?: string }) => (options.gridLevel ?? 'street') as DisplayedGridLevel

/**
 * Unit-grid labels by what fits: none below the zoom where unit grids are drawn by default
 * (a district view with the level fixed to 单元网格 would stack 2,950 codes), the last three
 * digits — the grid's number within its community, what staff say on the radio — until a
 * grid (~165 m) is wide enough for all 15 digits, then the whole code.
 */
export const GRID_SERIAL_MIN_ZOOM = GRID_LEVEL_ZOOMS.grid
export const GRID_CODE_MIN_ZOOM = 16

function labelField(gridLevel: DisplayedGridLevel) {
  if (gridLevel !== 'grid') return gridLabelField(gridLevel)
  return ['step', ['zoom'], '', GRID_SERIAL_MIN_ZOOM, ['slice', ['get', 'code'], 12], GRID_CODE_MIN_ZOOM, gridLabelField('grid')] as never
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

/**
 * A 街道 or 社区 fetched by id with its figures (area_detail): what lies in it and its cases
 * in the period the filters choose. Until the answer arrives, the drawn feature's own rows.
 */
function areaFigures(kind: 'street' | 'community', flyMaxZoom: number): SelectionSpec {
  return {
    ...areaSelection(kind, flyMaxZoom, () => []),
    useLookup: (id, { incidentFilter }, enabled) => useRead(AREA_DETAIL_READ, [kind, id, incidentFilter.from ?? null, incidentFilter.to ?? null], { enabled }),
    alwaysLookup: true,
    rows: (features, context) => {
      const { t } = context
      const { number, row } = inspectHelpers(context)
      const first = features[0]?.properties ?? {}
      const figure = (value: unknown, format: (value: number) => string = (each) => number(each)) =>
        value === undefined ? t('inspect.loading') : value === null ? '—' : format(Number(value))
      const facilities = first.facility_counts as Record<string, number> | undefined
      const unassigned = Number(first.unassigned_segment_count ?? 0)
      const overdue = Number(first.overdue_count ?? 0)
      return [
        row('code', text(first.code)),
        row('name', text(first.name)),
        ...(kind === 'community' ? [row('street', text(first.street_name))] : [row('communityCount', figure(first.community_count))]),
        row('area', figure(first.area_m2, (value) => t('inspect.squareKilometres', { value: number(value / 1_000_000, 2) }))),
        row('gridCount', figure(first.grid_count)),
        row(
          'backStreets',
          first.back_street_count === undefined
            ? t('inspect.loading')
            : t('inspect.backStreetFigures', { streets: number(Number(first.back_street_count)), segments: number(Number(first.segment_count)), km: number(Number(first.segment_length_m) / 1000, 1) }),
        ),
        row('unassignedSegments', figure(first.unassigned_segment_count), unassigned > 0),
        row(
          'facilities',
          facilities === undefined
            ? t('inspect.loading')
            : Object.entries(facilities)
                .sort(([a], [b]) => a.localeCompare(b))
                .map(([facilityKind, count]) => `${t(`facilityKind.${facilityKind}` as never)} ${number(count)}`)
                .join('、') || t('inspect.none'),
        ),
        row('marketsAndSites', first.market_count === undefined ? t('inspect.loading') : t('inspect.marketsAndSites', { markets: number(Number(first.market_count)), sites: number(Number(first.site_count)) })),
        row('incidentsInPeriod', figure(first.incident_count)),
        row('openIncidents', figure(first.open_count)),
        row('overdueIncidents', figure(first.overdue_count), overdue > 0),
      ]
    },
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
    areaFigures('street', 14),
    areaFigures('community', 15),
  ],
  strings: {
    'zh-CN': {
      inspect: {
        field: {
          communityCount: '社区数', gridCount: '单元网格数', backStreets: '后街背巷', facilities: '环卫设施', marketsAndSites: '市场与工地',
          incidentsInPeriod: '事件数（当前筛选时段）', openIncidents: '其中办理中', overdueIncidents: '超期（含逾期办结）',
        },
        squareKilometres: '{{value}} 平方千米',
        backStreetFigures: '{{streets}} 条，{{segments}} 段，共 {{km}} 千米',
        marketsAndSites: '农贸市场 {{markets}} 个、建筑工地 {{sites}} 个',
      },
    },
    en: {
      inspect: {
        field: {
          communityCount: 'Communities', gridCount: 'Unit grids', backStreets: 'Back streets', facilities: 'Facilities', marketsAndSites: 'Markets and sites',
          incidentsInPeriod: 'Incidents (filtered period)', openIncidents: 'of which open', overdueIncidents: 'Overdue (incl. closed late)',
        },
        squareKilometres: '{{value}} km²',
        backStreetFigures: '{{streets}} streets, {{segments}} segments, {{km}} km',
        marketsAndSites: '{{markets}} markets, {{sites}} construction sites',
      },
    },
  },
}
