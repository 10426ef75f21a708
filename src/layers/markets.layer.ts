/** 农贸市场: the district's farmers markets, whole district once. */
import { useMarkets } from '../data/hooks.ts'
import { MARKET_COLOUR, toCss } from '../map/colours.ts'
import { hovered, isPlace } from '../map/layer-part.ts'
import { outlineWidth, placeNameLabel, stateColour } from '../map/thematic-layers.ts'
import { PLACES_SOURCE } from './district.layer.ts'
import { drawnSelection, inspectHelpers, layerDataOf, text, type LayerModule } from './layer-module.ts'

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
          spec: placeNameLabel('markets-label', PLACES_SOURCE, isPlace('markets'), 13.5, 12, '#00564e'),
        },
      ],
    },
  ],
  useData({ reads, visible }) {
    return layerDataOf('markets', useMarkets(reads.markets, { enabled: visible }), visible)
  },
  legend: ({ t }) => [{ key: 'market', label: t('legend.market'), swatch: { colour: MARKET_COLOUR, shape: 'box' } }],
  selectionOfPick: () => 'market',
  selections: [
    {
      ...drawnSelection('market', 'markets', 16.5),
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
