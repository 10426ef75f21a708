/**
 * 环卫设施: 压缩站, 转运站, 装车点 and 公厕 as MapLibre symbols over every other layer; a
 * hovered symbol gets a halo behind it (a halo image under every symbol, transparent unless
 * its feature is hovered: a symbol's image cannot follow feature state, its opacity can).
 */
import { useFacilities, useRead } from '../data/hooks.ts'
import { FACILITY_KINDS } from '../domain/facilities/facility-kind.ts'
import { FACILITY_HALO_IMAGE, FACILITY_HALO_SCALE, FACILITY_HALO_SIZE, facilityImages, facilityLegendIcon } from '../map/facility-icons.ts'
import { hovered } from '../map/layer-part.ts'
import { FACILITY_SYMBOL_LAYOUT, facilityIconSize } from '../map/thematic-layers.ts'
import { FACILITY_DETAIL_READ } from './detail-reads.ts'
import { drawnSelection, inspectHelpers, layerDataOf, text, type LayerModule } from './layer-module.ts'

let legendIcons: Map<string, string> | null = null
/** The legend's icons, drawn once by the same painters as the map's symbols. */
function legendIcon(kind: string): string {
  legendIcons ??= new Map(FACILITY_KINDS.map((each) => [each, facilityLegendIcon(each)]))
  return legendIcons.get(kind) ?? ''
}

export const facilitiesLayer: LayerModule = {
  id: 'facilities',
  defaultVisible: true,
  parts: [
    {
      kind: 'facilities',
      source: 'facilities',
      toggle: 'facilities',
      // A click or hover finds a symbol before whatever lies under it.
      interactive: [{ layer: 'facilities-icons', rank: 0, tolerance: 4 }],
      images: facilityImages,
      layers: () => [
        {
          order: 1000,
          spec: {
            id: 'facilities-halo',
            type: 'symbol',
            source: 'facilities',
            layout: { ...FACILITY_SYMBOL_LAYOUT, 'icon-image': FACILITY_HALO_IMAGE, 'icon-size': facilityIconSize(FACILITY_HALO_SCALE / FACILITY_HALO_SIZE) },
            paint: { 'icon-opacity': ['case', hovered, 1, 0] },
          },
        },
        {
          order: 1001,
          spec: {
            id: 'facilities-icons',
            type: 'symbol',
            source: 'facilities',
            layout: { ...FACILITY_SYMBOL_LAYOUT, 'icon-image': ['get', 'kind'], 'icon-size': facilityIconSize(null) },
            // Per feature like the halo's (always opaque): both layers then share one shader program,
            // which a software renderer compiles on the first frame that draws it.
            paint: { 'icon-opacity': ['case', hovered, 1, 1] },
          },
        },
      ],
    },
  ],
  useData({ reads, visible }) {
    return layerDataOf('facilities', useFacilities(reads.facilities, { enabled: visible }), visible)
  },
  legend: ({ t }) => FACILITY_KINDS.map((kind) => ({ key: kind, label: t(`facilityKind.${kind}`), icon: legendIcon(kind) })),
  selectionOfPick: () => 'facility',
  selections: [
    {
      ...drawnSelection('facility', 'facilities', 17),
      // Fetched by id (facility_detail): where it is, which the drawn symbol does not carry.
      useLookup: (id, _context, enabled) => useRead(FACILITY_DETAIL_READ, [id], { enabled }),
      alwaysLookup: true,
      rows: (features, context) => {
        const { t } = context
        const { number, row } = inspectHelpers(context)
        const first = features[0]?.properties ?? {}
        const loaded = 'grid_code' in first
        const place = (value: unknown) => (loaded ? text(value) : t('inspect.loading'))
        // The directory's code and name; a code of the local extension says so in words.
        const component = `${text(first.component_code)}${first.component_name ? ` ${String(first.component_name)}` : ''}${first.is_local_extension ? t('inspect.localExtensionNote') : ''}`
        return [
          row('name', text(first.name)),
          row('facilityKind', t(`facilityKind.${String(first.kind)}` as never)),
          row('componentCode', component),
          row('address', loaded ? (first.near_name ? t('inspect.near', { name: String(first.near_name), meters: number(Number(first.near_m)) }) : '—') : t('inspect.loading')),
          row('grid', loaded ? (first.grid_code ? `${String(first.grid_code)} ${text(first.grid_name)}` : '—') : t('inspect.loading')),
          row('community', place(first.community_name)),
          row('street', place(first.street_name)),
        ]
      },
      title: (features) => text(features[0]?.properties.name),
    },
  ],
  strings: {
    'zh-CN': { inspect: { field: { address: '位置' }, near: '{{name}}附近约 {{meters}} 米', localExtensionNote: '（地方扩展类别）' } },
    en: { inspect: { field: { address: 'Location' }, near: 'about {{meters}} m from {{name}}', localExtensionNote: ' (local extension)' } },
  },
}
