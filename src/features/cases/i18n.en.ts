/** 案件 workspace strings, English. Same keys as i18n.zh-CN.ts. */
import type { casesZhCN } from './i18n.zh-CN.ts'

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> }

export const casesEn: Shape<typeof casesZhCN> = {
  tabs: { list: 'Cases', import: 'Import cases' },
  status: {
    reported: 'To accept', accepted: 'Accepted', verified: 'Verified', registered: 'Registered', dispatched: 'Being handled',
    handled: 'To check', checked: 'To close', closed: 'Closed', rejected: 'Rejected',
  },
  action: {
    report: 'Report', accept: 'Accept', verify: 'Verify', register: 'Register', reject: 'Reject', dispatch: 'Dispatch',
    redispatch: 'Redispatch', handle: 'Handled', check: 'Check', close: 'Close',
  },
  source: {
    patrol: 'Supervisor patrol', hotline_12319: '12319 hotline', public_report: 'Public report', video: 'Video',
    drone: 'Drone patrol', superior: 'Superior instruction', media: 'Media',
  },
  closure: { normal: 'Closed on time', overdue: 'Closed late', error: 'Closed as error', special: 'Special closure' },
  unit: { work_hours: '{{amount}} working hours', work_days: '{{amount}} working days', natural_hours: '{{amount}} hours' },
  filters: {
    title: 'Filters', search: 'Case number / external id', status: 'Status', overdue: 'Time limit', overdueAll: 'All',
    overdueOnly: 'Overdue only', overdueNot: 'Not overdue', grid: 'Grid code prefix', gridHint: '9 digits = street, 12 = community, 15 = grid',
    department: 'Department', anyDepartment: 'All departments', category: 'Category', wholeMajor: '{{code}} {{name}} (all)', anyCategory: 'All categories',
    source: 'Source', anySource: 'All sources', from: 'Reported from', to: 'Reported to', reset: 'Clear filters',
  },
  list: {
    title: 'Cases', total: '{{count}} cases', loading: 'Loading…', empty: 'No case matches',
    error: 'Could not load cases: {{message}}', number: 'Case no.', category: 'Category', source: 'Source', status: 'Status',
    grid: 'Grid', department: 'Department', reportedAt: 'Reported', deadline: 'Deadline', overdue: 'Overdue',
    previous: 'Previous', next: 'Next', page: 'Page {{page}} of {{pages}}',
  },
  detail: {
    hint: 'Pick a case in the list or on the map to see it, its history and the steps you may take.', title: 'Case', close: 'Close', loading: 'Loading…', missing: 'The case does not exist or you may not see it',
    error: 'Could not load the case: {{message}}', externalId: 'External id', category: 'Category', source: 'Source',
    description: 'Description', location: 'Location', grid: 'Grid', gridNone: 'In no grid', community: 'Community', street: 'Street',
    responsible: 'Grid owner', segment: 'Back-street segment', segmentValue: '{{name}} segment {{seq}} ({{distance}} m)',
    segmentNone: 'No segment within 30 m', department: 'Department', timeLimit: 'Time limit', deadline: 'Deadline',
    overdue: 'Overdue', onTime: 'On time', rework: 'Reworked {{count}} times', timeline: 'History', derived: ' (from recorded times)',
    noActions: 'Your role has nothing to do on this case now', actions: 'Actions', noteRequired: '{{action}} needs a reason in the note', note: 'Note', passed: 'Check passed',
    failed: 'Check failed (rework)', chooseDepartment: 'Department', routedDepartment: 'By routing ({{name}})',
    closureType: 'Closure type', closureAuto: 'From the clock (on time / late)', submit: 'Submit: {{action}}',
    done: '{{action}}: done', coordinates: 'Coordinates {{lon}}, {{lat}}',
  },
  map: { label: 'Case map', error: 'Map error: {{message}}' },
  import: {
    title: 'Import cases', intro: 'CSV (UTF-8 or GBK), XLSX, GeoJSON and Open311 GeoReport v2 JSON. Use CSV for large files: it is read in chunks and can be cancelled.',
    demoFile: 'Download the demo hotline file (12319 export, GBK, GCJ-02, with bad rows)',
    chooseFile: 'Choose a file', reading: 'Reading {{name}}…', fileInfo: '{{name}} · {{size}} · {{format}}{{encoding}}',
    columns: '{{count}} columns', notReady: 'Loading grids, segments and routing rules…', referenceError: 'Could not load the reference data: {{message}}',
    step1: '1. File', step2: '2. Columns', step3: '3. Check and preview', step4: '4. Commit',
    preset: 'Mapping preset', presetCustom: '(custom)', savePreset: 'Save as preset', presetName: 'Preset name',
    presetSaved: 'Saved preset "{{name}}"', presetNameRequired: 'Name the preset',
    field: {
      externalId: 'External id', lon: 'Longitude', lat: 'Latitude', category: 'Category', source: 'Source', description: 'Description',
      reportedAt: 'Reported at', address: 'Address',
    },
    fromGeometry: '(from the geometry)', notMapped: '(not imported)', required: 'required',
    crs: 'Coordinate system', defaultSource: 'Default source', outside: 'Points outside the district', outsideError: 'Refuse them', outsideKeep: 'Import them (no grid)',
    mappingProblem: 'Column mapping incomplete: {{problems}}',
    check: 'Check and assign', checking: 'Checking and assigning: {{done}} / {{total}} ({{rows}} rows read)', cancel: 'Cancel',
    cancelled: 'Cancelled', sample: 'First {{count}} rows',
    summary: '{{rows}} rows read: {{valid}} to import, {{errors}} refused, {{warnings}} warnings',
    timing: 'Checked and assigned in {{check}} ms (grid/segment/department/deadline: {{place}} ms)',
    onSegment: '{{count}} rows matched a back-street segment',
    crsWarning: 'Coordinate system: {{message}}', useSuggested: 'Check again as {{crs}}',
    perGrid: 'By grid (top 10)', perDepartment: 'By department', noGrid: 'In no grid', noDepartment: 'Not routed',
    aliasHint: 'Map each unknown phrase to a matter code and check again to import those rows; save a preset to keep the mapping.', aliasFor: 'Matter code for "{{text}}"', aliasNone: '(do not import these rows)', recheck: 'Check again with these mappings', unknownCategories: 'Unknown categories ({{count}})', unknownCategory: '"{{text}}" × {{count}} (rows {{rows}}…)',
    errors: 'Refused rows (first {{count}})', warnings: 'Warnings', row: 'Row', fieldName: 'Field', value: 'Value', reason: 'Reason',
    downloadErrors: 'Download the error report (CSV)', commit: 'Commit {{count}} rows', committing: 'Committing: {{done}} / {{total}}',
    stop: 'Stop',
    committed: 'Done: {{inserted}} new cases, {{duplicates}} duplicates (already there, not imported twice), {{refused}} refused by the database',
    stopped: 'Stopped: {{done}} of {{total}} rows committed',
    commitError: 'Commit failed: {{message}} (committed batches stay; importing again recognises duplicates)',
    nothingToCommit: 'Nothing to import', again: 'Import another file', fileError: 'Cannot read the file: {{message}}',
    previewLegend: 'The map shows the rows to import (converted to WGS84)',
  },
}
