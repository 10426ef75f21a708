/**
 * 建筑工地: construction sites by status; a site still at work after its permit ran out
 * gets a red dashed ring (a suspended one with a lapsed permit is no violation).
 */
import { useConstructionSites } from '../data/hooks.ts'
import { CONSTRUCTION_STATUS_COLOURS, PERMIT_EXPIRED_COLOUR, toCss } from '../map/colours.ts'
import { hovered, isPlace } from '../map/layer-part.ts'
import { outlineWidth, placeNameLabel, stateColour } from '../map/thematic-layers.ts'
import { formatDateTime } from '../i18n/format.ts'
import { PLACES_SOURCE } from './district.layer.ts'
import { drawnSelection, inspectHelpers, layerDataOf, text, type LayerModule } from './layer-module.ts'

export const sitesLayer: LayerModule = {
  id: 'sites',
  defaultVisible: true,
  parts: [
    {
      kind: 'sites',
      source: PLACES_SOURCE,
      toggle: 'sites',
      interactive: [{ layer: 'sites-fill', rank: 40 }],
      layers: () => [
        {
          order: 50,
          spec: {
            id: 'sites-fill',
            type: 'fill',
            source: PLACES_SOURCE,
            filter: isPlace('sites'),
            paint: {
              'fill-color': stateColour([
                'match',
                ['get', 'status'],
                'active',
                toCss(CONSTRUCTION_STATUS_COLOURS.active),
                'suspended',
                toCss(CONSTRUCTION_STATUS_COLOURS.suspended),
                toCss(CONSTRUCTION_STATUS_COLOURS.completed),
              ]),
              // Per feature like grids-fill's opacity (one fill shader for all): hovered sites darken.
              'fill-opacity': ['case', hovered, 0.75, 0.55],
              'fill-antialias': false,
            },
          },
        },
        {
          order: 51,
          spec: {
            id: 'sites-outline',
            type: 'line',
            source: PLACES_SOURCE,
            filter: isPlace('sites'),
            // Colour and width per feature (the hovered site's outline in the highlight colour), so
            // these outlines share the grids' and segments' line shader instead of needing their own.
            paint: { 'line-color': stateColour('#5b3b00'), 'line-width': outlineWidth(1, 2) },
          },
        },
        {
          order: 52,
          spec: {
            id: 'sites-expired',
            type: 'line',
            source: PLACES_SOURCE,
            // Only a site at work: a suspended (停工) one with a lapsed permit is not a violation.
            filter: ['all', isPlace('sites'), ['==', ['get', 'permit_expired'], true], ['==', ['get', 'status'], 'active']],
            paint: { 'line-color': toCss(PERMIT_EXPIRED_COLOUR), 'line-width': 3.5, 'line-dasharray': [2, 1] },
          },
        },
        {
          order: 82,
          spec: placeNameLabel('sites-label', PLACES_SOURCE, isPlace('sites'), 14, 11, '#6b4300'),
        },
      ],
    },
  ],
  useData({ reads, visible }) {
    return layerDataOf('sites', useConstructionSites(reads.sites, { enabled: visible }), visible)
  },
  legend: ({ t }) => [
    ...(['active', 'suspended', 'completed'] as const).map((status) => ({
      key: status,
      label: t(`legend.${status}`),
      swatch: { colour: CONSTRUCTION_STATUS_COLOURS[status], shape: 'box' as const },
    })),
    { key: 'expired', label: t('legend.expired'), swatch: { colour: PERMIT_EXPIRED_COLOUR, shape: 'line', dashed: true } },
  ],
  selectionOfPick: () => 'construction_site',
  selections: [
    {
      ...drawnSelection('construction_site', 'sites', 16.5),
      useLookup: (_id, _context, enabled) => useConstructionSites({}, { enabled }),
      rows: (features, context) => {
        const { t, language } = context
        const { row, yesNo } = inspectHelpers(context)
        const first = features[0]?.properties ?? {}
        return [
          row('name', text(first.name)),
          row('status', t(`siteStatus.${String(first.status)}` as never)),
          row('permitStart', formatDateTime(first.permit_start, language, false)),
          row('permitEnd', formatDateTime(first.permit_end, language, false)),
          row('permitExpired', yesNo(first.permit_expired), Boolean(first.permit_expired)),
          row('contractor', text(first.contractor)),
          row('enclosure', yesNo(first.has_enclosure), !first.has_enclosure),
          row('wheelWash', yesNo(first.has_wheel_wash), !first.has_wheel_wash),
        ]
      },
      title: (features) => text(features[0]?.properties.name),
    },
  ],
}
