/** 农贸市场: the district's farmers markets, whole district once. */
import { useMarkets } from '../data/hooks.ts'
import { MARKET_COLOUR, toCss } from '../map/colours.ts'
import { LABEL_FONT } from '../map/basemap-style.ts'
import { hovered, isPlace } from '../map/layer-part.ts'
import { outlineWidth, stateColour } from '../map/thematic-layers.ts'
import { PLACES_SOURCE } from './district.layer.ts'
import { byId, hasCurrentData, inspectHelpers, statusOf, text, type LayerModule } from './layer-module.ts'

export const marketsLayer: LayerModule = {
  id: 'markets',
  defaultVisible: true,
  parts: [
    {
      kind: 'markets',
      source: PLACES_SOURCE,
      toggle: 'markets',
      interactive: [{ layer: 'markets-fill', rank: 30 }],
      layers: () => [
        {
          order: 60,
          spec: {
            id: 'markets-fill',
            type: 'fill',
            source: PLACES_SOURCE,
            filter: isPlace('markets'),
            paint: { 'fill-color': stateColour(toCss(MARKET_COLOUR)), 'fill-opacity': ['case', hovered, 0.8, 0.6], 'fill-antialias': false },
          },
        },
        {
          order: 61,
          spec: {
            id: 'markets-outline',
            type: 'line',
            source: PLACES_SOURCE,
            filter: isPlace('markets'),
            paint: { 'line-color': stateColour('#00564e'), 'line-width': outlineWidth(1.5, 2.5) },
          },
        },
        {
          order: 81,
          spec: {
            id: 'markets-label',
            type: 'symbol',
            source: PLACES_SOURCE,
            filter: isPlace('markets'),
            minzoom: 13.5,
            layout: { 'text-field': ['get', 'name'], 'text-font': LABEL_FONT, 'text-size': 12, 'text-offset': [0, 1.2] },
            paint: { 'text-color': '#00564e', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
          },
        },
      ],
    },
  ],
  useData({ reads, visible }) {
    const markets = useMarkets(reads.markets, { enabled: visible })
    return { collections: { markets: markets.data }, status: statusOf(markets), settled: !visible || hasCurrentData(markets) }
  },
  legend: ({ t }) => [{ key: 'market', label: t('legend.market'), swatch: { colour: MARKET_COLOUR, shape: 'box' } }],
  selectionOfPick: () => 'market',
  selections: [
    {
      kind: 'market',
      searchLayer: 'market',
      flyMaxZoom: 16.5,
      fromLoaded: (data, id) => byId(data.collections.markets, id),
      useLookup: (_id, _context, enabled) => useMarkets({}, { enabled }),
      rows: (features, context) => {
        const { row } = inspectHelpers(context)
        const first = features[0]?.properties ?? {}
        return [
          row('name', text(first.name)),
          row('stalls', text(first.stalls)),
          row('operator', text(first.operator)),
          row('componentCode', text(first.component_code)),
        ]
      },
      title: (features) => text(features[0]?.properties.name),
    },
  ],
}
