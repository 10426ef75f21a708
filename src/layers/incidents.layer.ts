/**
 * 事件: below zoom 15 a heatmap of per-grid counts (deck.gl), from 15 the incidents
 * themselves as points coloured by status. Both follow the time range and categories.
 */
import { useMemo } from 'react'
import { useIncidentCountsByGrid, useIncidents, useRead } from '../data/hooks.ts'
import { INCIDENT_POINTS_MIN_ZOOM } from '../data/overview-reads.ts'
import type { GridCounts } from '../data/schemas.ts'
import { caseStatusLabel } from '../i18n/case-labels.ts'
import { formatDateTime } from '../i18n/format.ts'
import { HEATMAP_COLOUR_RANGE, INCIDENT_COLOURS, toCss } from '../map/colours.ts'
import { hovered } from '../map/layer-part.ts'
import { stateColour } from '../map/thematic-layers.ts'
import { gridHeatmapPoints } from './grid-heatmap-points.ts'
import { INCIDENT_FEATURE_READ } from './detail-reads.ts'
import { byId, hasCurrentData, inspectHelpers, statusOf, text, type LayerModule } from './layer-module.ts'

export function sumCounts(counts: GridCounts): number {
  return counts.reduce((total, row) => total + row.count, 0)
}

export const incidentsLayer: LayerModule = {
  id: 'incidents',
  defaultVisible: true,
  parts: [
    {
      kind: 'incidents',
      source: 'incidents',
      toggle: 'incidents',
      interactive: [{ layer: 'incidents-circle', rank: 20 }],
      layers: () => [
        {
          order: 70,
          spec: {
            id: 'incidents-circle',
            type: 'circle',
            source: 'incidents',
            paint: {
              'circle-radius': ['case', hovered, 7, 4],
              'circle-color': stateColour([
                'case',
                ['get', 'overdue'],
                toCss(INCIDENT_COLOURS.overdue),
                ['match', ['get', 'status'], ['closed', 'rejected'], toCss(INCIDENT_COLOURS.closed), toCss(INCIDENT_COLOURS.open)],
              ]),
              'circle-stroke-color': '#ffffff',
              'circle-stroke-width': 1,
            },
          },
        },
      ],
    },
  ],
  useData({ reads, visible }) {
    const points = reads.incidentPoints
    const heatmapActive = visible && !points && reads.bbox !== null
    const counts = useIncidentCountsByGrid(reads.heatmapCounts, { enabled: heatmapActive })
    const incidents = useIncidents(reads.incidents, { enabled: visible && points && reads.bbox !== null })
    // A new array only when the counts change: each new one re-uploads the heatmap.
    const heatmap = useMemo(() => (heatmapActive ? gridHeatmapPoints(counts.data) : []), [heatmapActive, counts.data])
    return {
      collections: { incidents: points ? incidents.data : undefined },
      heatmap: { points: heatmap, visible: visible && !points },
      status: points
        ? statusOf(incidents)
        : {
            count: counts.data ? sumCounts(counts.data) : null,
            truncated: false,
            loading: counts.isFetching,
            error: counts.error?.message ?? null,
            aggregate: true,
          },
      settled: !visible || hasCurrentData(points ? incidents : counts),
    }
  },
  legend: ({ t, options }) =>
    options.incidentPoints
      ? [
          { key: 'open', label: t('legend.incidentOpen'), swatch: { colour: INCIDENT_COLOURS.open, shape: 'dot' } },
          { key: 'overdue', label: t('legend.incidentOverdue'), swatch: { colour: INCIDENT_COLOURS.overdue, shape: 'dot' } },
          {
            key: 'closed',
            label: t('legend.incidentClosed', { closed: caseStatusLabel('closed'), rejected: caseStatusLabel('rejected') }),
            swatch: { colour: INCIDENT_COLOURS.closed, shape: 'dot' },
          },
        ]
      : [{ key: 'ramp', ramp: HEATMAP_COLOUR_RANGE, low: t('legend.heatLow'), high: t('legend.heatHigh') }],
  hint: ({ t, options }) => (options.incidentPoints ? null : t('layers.pointsHint', { zoom: INCIDENT_POINTS_MIN_ZOOM })),
  selectionOfPick: () => 'incident',
  selections: [
    {
      kind: 'incident',
      searchLayer: 'incident',
      flyMaxZoom: 17,
      fromLoaded: (data, id) => byId(data.collections.incidents, id),
      // The drawn points lack the platform number (YYYYMMDD-NNNNNN), the one the desk shows.
      useLookup: (id, _context, enabled) => useRead(INCIDENT_FEATURE_READ, [id], { enabled }),
      alwaysLookup: true,
      rows: (features, context) => {
        const { t, language } = context
        const { row, yesNo } = inspectHelpers(context)
        const first = features[0]?.properties ?? {}
        return [
          row('caseNumber', first.case_number ? text(first.case_number) : t('inspect.loading')),
          ...(first.external_id ? [row('externalId', text(first.external_id))] : []),
          row('category', `${text(first.category_code)} ${text(first.category_name)}`),
          row('source', t(`incidentSource.${String(first.source)}` as never)),
          row('status', caseStatusLabel(String(first.status))),
          row('reportedAt', formatDateTime(first.reported_at, language)),
          row('deadlineAt', formatDateTime(first.deadline_at, language)),
          row('closedAt', formatDateTime(first.closed_at, language)),
          row('grid', text(first.grid_code)),
          row('department', text(first.department_name)),
          row('overdue', yesNo(first.overdue), Boolean(first.overdue)),
        ]
      },
      title: (features) => text(features[0]?.properties.category_name),
    },
  ],
}
