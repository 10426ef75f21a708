/**
 * 后街背巷: the back streets' cleaning segments, coloured by cleaning grade or by whether a
 * cleaner is assigned. Whole district below zoom 14, by viewport above. A pick selects the
 * segment; a search hit selects the whole back street (all its segments).
 */
import { useRead, useSegments } from '../data/hooks.ts'
import { ASSIGNMENT_COLOURS, CLEANING_GRADE_COLOURS } from '../map/colours.ts'
import { hovered } from '../map/layer-part.ts'
import { segmentColour, stateColour, type SegmentColourMode } from '../map/thematic-layers.ts'
import { SEGMENT_DETAIL_READ } from './detail-reads.ts'
import { byId, inspectHelpers, layerDataOf, text, type InspectFeature, type LayerModule } from './layer-module.ts'

const title = (features: InspectFeature[]) => text(features[0]?.properties.back_street_name)

export const segmentsLayer: LayerModule = {
  id: 'segments',
  defaultVisible: true,
  parts: [
    {
      kind: 'segments',
      source: 'segments',
      toggle: 'segments',
      restyleOn: ['segmentMode'],
      // A back street is 1.5–5 px wide and hard to hit with a mouse: 6 px around the pointer.
      interactive: [{ layer: 'segments-line', rank: 50, tolerance: 6 }],
      layers: (options) => [
        {
          order: 30,
          spec: {
            id: 'segments-line',
            type: 'line',
            source: 'segments',
            layout: { 'line-cap': ['step', ['zoom'], 'butt', 14, 'round'], 'line-join': ['step', ['zoom'], 'miter', 14, 'round'] },
            paint: {
              'line-color': stateColour(segmentColour((options.segmentMode ?? 'grade') as SegmentColourMode)),
              'line-width': ['interpolate', ['linear'], ['zoom'], 11, ['case', hovered, 4, 1.5], 17, ['case', hovered, 9, 5]],
            },
          },
        },
      ],
    },
  ],
  useData({ reads, visible }) {
    return layerDataOf('segments', useSegments(reads.segments, { enabled: visible }), visible)
  },
  legend: ({ t, options }) =>
    options.segmentMode === 'assignment'
      ? [
          { key: 'assigned', label: t('legend.assigned'), swatch: { colour: ASSIGNMENT_COLOURS.assigned, shape: 'line' } },
          { key: 'unassigned', label: t('legend.unassigned'), swatch: { colour: ASSIGNMENT_COLOURS.unassigned, shape: 'line' } },
        ]
      : ([1, 2, 3] as const).map((grade) => ({ key: `grade${grade}`, label: t(`legend.grade${grade}`), swatch: { colour: CLEANING_GRADE_COLOURS[grade], shape: 'line' as const } })),
  option: (t) => ({
    key: 'segmentMode',
    label: t('segmentMode.label'),
    choices: [
      { value: 'grade', label: t('segmentMode.grade') },
      { value: 'assignment', label: t('segmentMode.assignment') },
    ],
  }),
  selectionOfPick: () => 'segment',
  selections: [
    {
      kind: 'back_street',
      searchLayer: 'back_street',
      flyMaxZoom: 16.5,
      fromLoaded: (data, id) => ((data.collections.segments?.features ?? []) as InspectFeature[]).filter((feature) => feature.properties.back_street_id === id),
      matches: (feature, id) => feature.properties.back_street_id === id,
      useLookup: (_id, context, enabled) => useSegments({ bbox: context.bbox, limit: 5000 }, { enabled }),
      // A back street may run out of the loaded viewport; fetched whole by its own bbox.
      preferLookup: true,
      rows: (features, context) => {
        const { t } = context
        const { number, row } = inspectHelpers(context)
        const first = features[0]?.properties ?? {}
        const cleaners = new Set<string>()
        let length = 0
        let unassigned = 0
        const grades = new Set<number>()
        for (const feature of features) {
          for (const name of (feature.properties.cleaners as string[] | undefined) ?? []) cleaners.add(name)
          length += Number(feature.properties.length_m) || 0
          if (!feature.properties.assigned) unassigned += 1
          grades.add(Number(feature.properties.cleaning_grade))
        }
        return [
          row('name', text(first.back_street_name)),
          row('segments', number(features.length)),
          row('length', t('inspect.meters', { value: number(length, 1) })),
          row('grade', [...grades].sort().map((grade) => t('inspect.gradeValue', { grade })).join('、') || '—'),
          row('cleaners', cleaners.size > 0 ? [...cleaners].join('、') : t('inspect.unassigned'), cleaners.size === 0),
          row('unassignedSegments', number(unassigned), unassigned > 0),
        ]
      },
      title,
    },
    {
      kind: 'segment',
      flyMaxZoom: 17,
      fromLoaded: (data, id) => byId(data.collections.segments, id),
      // Fetched by id (segment_detail): its grid by name, community, street, cleaners by shift.
      useLookup: (id, _context, enabled) => useRead(SEGMENT_DETAIL_READ, [id], { enabled }),
      alwaysLookup: true,
      rows: (features, context) => {
        const { t } = context
        const { number, row } = inspectHelpers(context)
        const first = features[0]?.properties ?? {}
        const loaded = 'shifts' in first
        const cleaners = Array.isArray(first.cleaners) ? (first.cleaners as string[]) : []
        const shifts = (first.shifts as { shift: string; cleaner: string }[] | undefined) ?? []
        return [
          row('backStreet', text(first.back_street_name)),
          row('seq', text(first.seq)),
          row('length', t('inspect.meters', { value: number(Number(first.length_m), 1) })),
          row('grade', t('inspect.gradeValue', { grade: text(first.cleaning_grade) })),
          row('grid', first.grid_code ? `${String(first.grid_code)}${loaded ? ` ${text(first.grid_name)}` : ''}` : '—'),
          row('community', loaded ? text(first.community_name) : t('inspect.loading')),
          row('street', loaded ? text(first.street_name) : t('inspect.loading')),
          loaded && shifts.length > 0
            ? row('cleaners', shifts.map((each) => `${t(`shift.${each.shift}` as never)} ${each.cleaner}`).join('、'))
            : row('cleaners', cleaners.length > 0 ? cleaners.join('、') : t('inspect.unassigned'), cleaners.length === 0),
        ]
      },
      title,
    },
  ],
  strings: {
    'zh-CN': { shift: { early: '早班', day: '白班', late: '晚班' } },
    en: { shift: { early: 'Early', day: 'Day', late: 'Late' } },
  },
}
