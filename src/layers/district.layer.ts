/**
 * The district outline: always drawn, no toggle, nothing to select. It shares the `places`
 * source with the sites and markets (see src/map/layer-part.ts).
 */
import { useAreas } from '../data/hooks.ts'
import { isPlace } from '../map/layer-part.ts'
import { layerDataOf, type LayerModule } from './layer-module.ts'

export const PLACES_SOURCE = 'places'

export const districtLayer: LayerModule = {
  id: 'district',
  defaultVisible: true,
  parts: [
    {
      kind: 'district',
      source: PLACES_SOURCE,
      layers: () => [
        {
          order: 40,
          spec: {
            id: 'district-outline',
            type: 'line',
            source: PLACES_SOURCE,
            filter: isPlace('district'),
            paint: { 'line-color': '#1f2a5a', 'line-width': 3, 'line-dasharray': [4, 2] },
          },
        },
      ],
    },
  ],
  useData() {
    return layerDataOf('district', useAreas('district', {}), true)
  },
  legend: () => [],
  selectionOfPick: () => 'district',
  selections: [],
}
