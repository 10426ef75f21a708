import type { kpiZhCN } from './i18n.zh-CN.ts'

/** 考核 workspace strings, English. */
export const kpiEn: typeof kpiZhCN = {
  title: 'Monthly evaluation',
  controls: {
    month: 'Month', level: 'Level', dataEnd: 'Data end on {{day}}',
    refresh: 'Recompute',
  },
  level: { street: 'Streets', community: 'Communities', grid: 'Unit grids', department: 'Departments' },
  state: {
    loading: 'Computing {{month}}…',
    future: '{{month}} has not come yet and cannot be evaluated. Choose a month that has ended.',
    running: '{{month}} is not over: figures up to today; ranks may still change.',
    beyondData: 'There are no cases for {{month}} (data end on {{day}}). Choose an earlier month.',
    empty: 'No cases registered or due in {{month}} at the level of {{level}}: no unit to evaluate.',
    error: 'Could not read the evaluation: {{message}}',
  },
  columns: {
    rank: 'Rank', change: 'Change', unit: 'Unit', grade: 'Grade', score: 'Score',
    closure_rate: 'Closure rate', on_time_rate: 'On-time closure rate', rework_rate: 'Rework rate', public_report_rate: 'Public report rate',
    stage_late_rate: 'Late-stage rate', cleaning_pass_rate: 'Cleaning quality', lowerBetter: 'lower is better', registered: 'Registered', due: 'Due',
  },
  change: { up: 'Up {{places}} on last month', down: 'Down {{places}} on last month', same: 'Same as last month', new: 'new', newTitle: 'Not ranked last month' },
  grade: { A: 'A excellent', B: 'B good', C: 'C fair', D: 'D poor', E: 'E failing' },
  gradeShort: { A: 'A', B: 'B', C: 'C', D: 'D', E: 'E' },
  table: { label: '{{level}} ranked, {{month}}', count: '{{count}} units', sortNote: 'Click a header to sort' },
  unit: {
    hint: 'Click a row or a unit on the map for its trend, top problems and cases.',
    title: '{{name}} ({{code}})',
    figures: '{{month}}: rank {{rank}}, {{grade}}, score {{score}}',
    openMonth: 'Cases of the month', openLate: 'Cases not closed on time',
    openLateNone: 'No case due this month was late',
    lateLabel: 'Evaluation {{month}} {{name}}: due, not closed on time',
    loadingLate: 'Finding the cases not closed on time…',
    lateError: 'Could not list the cases: {{message}}',
    noDepartment: 'No department “{{code}}”: its cases cannot be opened.',
  },
  trend: {
    title: 'Last 12 months ({{name}})', rate: 'Indicator', loading: 'Computing the last 12 months ({{done}}/{{total}})…',
    error: 'Could not read the trend: {{message}}', noUnit: 'No figures for this unit in this month', label: '{{rate}} of {{name}} over 12 months',
  },
  problems: {
    title: 'Top problems (subcategories), {{month}}', none: 'No cases reported in this unit this month.', loading: 'Counting…',
    count: '{{count}} cases', error: 'Could not read the top problems: {{message}}', truncated: '(from the first {{count}} cases)',
  },
  map: {
    label: 'Grades on the map', legend: 'Grade', noGrade: 'No data', department: 'Departments have no area: the map does not show them.',
    loading: 'Loading unit outlines…', error: 'Map error: {{message}}',
  },
  weights: {
    title: 'Score weights',
    closure_rate: 'Closure rate', on_time_rate: 'On-time closure rate', rework_rate: 'Rework rate', public_report_rate: 'Public report rate',
    stage_late_rate: 'Late-stage rate', cleaning_quality: 'Cleaning quality',
    source: '{{preset}}, in force since {{since}}; an administrator changes them with set_kpi_weights (this month and later only).',
    custom: 'Custom weights',
  },
  export: {
    title: 'Monthly report', xlsx: 'Download XLSX', print: 'Print report', preparing: 'Computing every level…',
    failed: 'Export failed: {{message}}', file: 'Evaluation_{{month}}', done: 'Downloaded {{file}}',
  },
  report: {
    title: '{{district}} urban management: monthly evaluation', subtitle: 'Month: {{month}}    Made: {{made}}',
    rankings: '{{level}} ranked', weak: 'Units graded D or E', weakNone: 'No unit graded D or E this month.',
    worst: 'Worst figures', trend: '{{name}}: last 12 months', problems: '{{name}}: top problems',
    close: 'Close report', print: 'Print', synthetic: 'Synthetic demo data',
    definitions: 'On-time closure rate = closed on time / due; closure rate = closed / due; rework rate = reworked / due (lower is better); public report rate = verified public reports / registered (lower is better); late-stage rate = due cases with a late 受理, 核实, 立案, 派遣 or 核查 / due (lower is better); cleaning quality = 以克论净 samples passed / samples.',
    levelColumn: 'Level',
  },
  headers: {
    rank: 'Rank', rank_change: 'Change', unit_code: 'Unit code', unit_name: 'Unit', grade: 'Grade', score: 'Score',
    registered: 'Registered', due: 'Due', closed: 'Closed', closed_on_time: 'Closed on time', reworked: 'Reworked',
    public_verified: 'Public reports verified', stage_late: 'Late stages', cleaning_samples: 'Cleanliness samples', cleaning_passed: 'Samples passed', closure_rate: 'Closure rate', on_time_rate: 'On-time closure rate',
    rework_rate: 'Rework rate (lower is better)', public_report_rate: 'Public report rate (lower is better)', stage_late_rate: 'Late-stage rate', cleaning_pass_rate: 'Cleaning quality', previous_rank: 'Last month’s rank',
  },
}
