import type { hotspotsZhCN } from './i18n.zh-CN.ts'

/** 热点分析 workspace strings, English. */
export const hotspotsEn: typeof hotspotsZhCN = {
  filters: {
    title: 'Analysis', period: 'Period', periodDays: 'This period: {{first}} to {{last}}', previousDays: 'Compared with: {{first}} to {{last}}',
    anchorLimited: 'Data end on {{day}}; periods end there', categories: 'Categories (several allowed)', allCategories: 'All categories',
    sources: 'Sources', unit: 'Unit of analysis', view: 'Map shows', weights: 'Spatial weights', fdr: 'FDR correction',
    fdrOn: 'on (Benjamini–Hochberg)', sideBySide: 'Previous period beside (same classes)', fdrOff: 'off (bins on uncorrected p)',
  },
  preset: {
    last7: 'Last 7 days', last30: 'Last 30 days', last90: 'Last 90 days', month: 'This month', previousMonth: 'Last month', quarter: 'This quarter', previousQuarter: 'Last quarter', custom: 'Custom',
  },
  source: {
    patrol: 'Patrol', hotline_12319: '12319 hotline', public_report: 'Public report', video: 'Video',
    drone: 'Drone', superior: 'Superior referral', media: 'Media',
  },
  unit: { grid: 'Unit grid', community: 'Community', street: 'Street', square: '250 m square', hexagon: 'H3 hexagon' },
  view: { density: 'Density heatmap', count: 'Cases (classes)', rate: 'Cases per km²', difference: 'Change from before', gi: 'Gi* hot spots', emerging: 'Emerging hot spots' },
  weights: { queen: 'queen contiguity (default)', rook: 'rook contiguity', knn_8: '8 nearest units', distance_1000: '1,000 m band' },
  value: { count: 'cases (squares and hexagons are equal in area)', rate: 'cases per km² (units differ in area)' },
  choice: {
    units: 'Units: {{units}}', value: 'Value: {{value}}', weights: 'Weights: {{weights}}, binary, the unit itself included',
    fdrOn: 'Multiple testing: Benjamini–Hochberg FDR (on by default)', fdrOff: 'Multiple testing: off, bins on uncorrected p',
    levels: 'Confidence: 90 % / 95 % / 99 % (two-sided normal p)',
    isolated: '{{count}} units have no neighbours: compared with themselves only, left out of the correction, never a hot or cold spot',
  },
  refusal: {
    noCases: 'No cases in this period and these categories: nothing to analyse',
    tooFewSteps: 'The period has {{steps}} time steps; emerging hot spots need at least 2 (10 or more recommended): choose a longer period',
  },
  bin: {
    '3': 'Hot spot, 99 % confidence', '2': 'Hot spot, 95 % confidence', '1': 'Hot spot, 90 % confidence', '0': 'Not significant',
    '-1': 'Cold spot, 90 % confidence', '-2': 'Cold spot, 95 % confidence', '-3': 'Cold spot, 99 % confidence',
  },
  emerging: {
    new_hot: 'New hot spot', consecutive_hot: 'Consecutive hot spot', intensifying_hot: 'Intensifying hot spot', persistent_hot: 'Persistent hot spot',
    diminishing_hot: 'Diminishing hot spot', sporadic_hot: 'Sporadic hot spot', oscillating_hot: 'Oscillating hot spot', historical_hot: 'Historical hot spot',
    new_cold: 'New cold spot', consecutive_cold: 'Consecutive cold spot', intensifying_cold: 'Intensifying cold spot', persistent_cold: 'Persistent cold spot',
    diminishing_cold: 'Diminishing cold spot', sporadic_cold: 'Sporadic cold spot', oscillating_cold: 'Oscillating cold spot', historical_cold: 'Historical cold spot',
    no_pattern: 'No pattern detected',
  },
  stepKind: { day: 'days', week: 'weeks', month: 'months' },
  legend: {
    count: 'Cases', rate: 'Cases per km²', gi: 'Gi* hot spot analysis (Getis-Ord)', emerging: 'Emerging hot spots ({{steps}} {{kind}})',
    density: 'Kernel density (cases per km², radius {{radius}} m)', difference: 'Change in cases (this period − before)', noChange: 'No change',
    fixedNote: 'Classes from every unit of the district in both periods; they do not change when panning or switching periods',
    densityNote: 'Values do not depend on the zoom; classes from both periods',
    giNote: 'Colours show statistical significance, not amounts', giNoteFdr: 'Colours show statistical significance (FDR-corrected), not amounts',
  },
  status: { loading: 'Reading and computing…', error: 'Could not read: {{message}}' },
  tabs: { analysis: 'Results', ranking: 'Ranking', time: 'Time', recurring: 'Recurring', emerging: 'Emerging' },
  analysis: {
    cases: 'Cases', caseCount_one: '{{countText}} case this period ({{previous}} before)', caseCount_other: '{{countText}} cases this period ({{previous}} before)',
    change: '{{change}} %', outside: '({{count}} in no unit)',
    gi: 'Gi* hot spots', choices: 'Choices the analysis made', emergingNotes: 'About the emerging hot spots',
    flatSteps: 'In {{count}} time steps every unit had the same value (no cases): no hot or cold spots there',
    selected: 'Selected unit', pickHint: 'Click a unit on the map to see its figures', count: 'Cases this period', previousCount: 'Cases before',
    rate: 'Density', rateValue: '{{value}} per km² (area {{area}} km²)', z: 'z score', p: 'p value', bin: 'Class', neighbours: 'Neighbours',
    emergingCategory: 'Emerging pattern',
  },
  ranking: { segmentName: '{{street}}, segment {{seq}}', total: '{{count}} in all', rank: 'Rank', count: 'This period', change: 'Change', previousWas: '{{count}} before', rate_km2: 'per km²', rate_km: 'per km', trend: 'By week', buffer: 'Within', metres: 'm' },
  rankingTarget: { segments: 'Back-street segments', markets: 'Farmers markets', sites: 'Construction sites' },
  emergingTab: {
    pick: 'Emerging hot spots cut the period into weeks (up to half a year) or months, run Gi* in each, then test each unit’s z series for a Mann–Kendall trend.',
    run: 'Compute emerging hot spots', summary: '{{steps}} {{kind}}, {{units}} units, {{patterned}} with a hot or cold pattern',
    category: 'Pattern', hotSteps: 'Significant steps', trend: 'Trend',
  },
  export: {
    title: 'Export', source: 'urban-management case records', noMap: 'The map is not ready yet', noTable: 'The analysis is not ready yet',
    tableName: 'Hot spots_{{unit}}', rankingTableName: 'Ranking_{{target}}', recurringTableName: 'Recurring_{{count}} or more in 30 days', placeTableName: 'Ranking_{{target}}_within {{metres}} m', mapTitle: 'Hot spot analysis: {{view}} ({{unit}})',
  },
  columns: {
    id: 'Code', name: 'Name', count: 'Cases this period', previous: 'Cases before', change: 'Change', area: 'Area (km²)', rate: 'Cases per km²',
    bin: 'Gi_Bin', class: 'Class', neighbours: 'Neighbours', emerging: 'Emerging pattern',
    first: 'First', last: 'Last', lon: 'Longitude', lat: 'Latitude', extent: 'Extent (m)', cases: 'Case ids',
  },
  recurring: {
    definition: 'The same sub-category at the same place (within {{radius}} m) again and again within {{days}} days: likely one root cause, worth finding rather than handling case by case.',
    minimum: 'At least', times: 'times in 30 days', summary_one: '{{countText}} recurring problem', summary_other: '{{countText}} recurring problems',
    category: 'Sub-category', window: 'Most in 30 days', all: 'In period', when: 'First – last', extent: 'Extent', metres: '{{value}} m',
    open: 'Open in cases', caseLabel: 'Recurring: {{category}}',
  },
  time: {
    day: 'Days', week: 'Weeks', playback: 'Playback', play: 'Play', pause: 'Pause',
    stepDay: '{{label}} (day {{step}} of {{steps}}): {{count}} cases', stepWeek: 'Week of {{label}} ({{step}} of {{steps}}): {{count}} cases',
    trendOf: '{{selection}}: cases over time', matrixOf: '{{selection}}: weekday × hour', district: 'Whole district', playbackLegend: 'Cases in the step',
    playbackNote: 'Classes from every unit in every step of the period, so steps compare',
  },
  map: { home: 'Whole district', label: 'Hot spot map', error: 'Map error: {{message}}', current: 'This period {{first}} to {{last}}', previous: 'Before: {{first}} to {{last}}' },
}
