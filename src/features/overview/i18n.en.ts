/** 总览 workspace strings, English. Same shape as the Chinese file (checked by the type). */
import type { OverviewStrings } from './i18n.zh-CN.ts'

export const overviewEn: OverviewStrings = {
  layers: {
    title: 'Layers',
    grids: 'Grids',
    segments: 'Back streets',
    markets: 'Farmers markets',
    sites: 'Construction sites',
    facilities: 'Sanitation facilities',
    incidents: 'Incidents',
    show: 'Show {{name}}',
    count: '{{count}}',
    truncated: '{{count}}+ (truncated)',
    loading: 'Loading…',
    error: 'Failed to load: {{message}}',
    heatmapCount: 'Heatmap · {{count}} incidents',
    pointsHint: 'Zoom past {{zoom}} to see individual incidents',
  },
  gridLevel: { label: 'Grid level', auto: 'Auto (by zoom)', street: 'Sub-district', community: 'Community', grid: 'Unit grid', showing: 'Showing: {{level}}' },
  segmentMode: { label: 'Colour by', grade: 'Cleaning grade', assignment: 'Assigned or not' },
  legend: {
    grade1: 'Grade 1', grade2: 'Grade 2', grade3: 'Grade 3',
    assigned: 'Cleaner assigned', unassigned: 'Unassigned',
    active: 'Active', suspended: 'Suspended', completed: 'Completed', expired: 'Working past permit end',
    market: 'Farmers market',
    incidentOpen: 'Open', incidentClosed: 'Closed / rejected', incidentOverdue: 'Overdue',
    heatLow: 'Few', heatHigh: 'Many',
  },
  facilityKind: {
    compactor_station: 'Compactor station', transfer_station: 'Transfer station', collection_point: 'Collection point', public_toilet: 'Public toilet',
  },
  filters: {
    title: 'Incident filters',
    from: 'From',
    to: 'To',
    categories: 'Categories',
    allCategories: 'All categories',
    selectedCategories: '{{count}} categories selected',
    clear: 'Clear filters',
    expand: 'Expand',
  },
  search: {
    placeholder: 'Search grid code, sub-district, community, back street, facility…',
    label: 'Search',
    none: 'Nothing found for “{{text}}”',
    searching: 'Searching…',
  },
  searchLayer: {
    grid: 'Unit grid', street: 'Sub-district', community: 'Community', back_street: 'Back street', facility: 'Facility', market: 'Market', construction_site: 'Construction site',
  },
  inspect: {
    title: 'Details',
    close: 'Close',
    notFound: 'This feature is not in the current view',
    loading: 'Loading…',
    kind: {
      grid: 'Unit grid', street: 'Sub-district', community: 'Community', back_street: 'Back street', segment: 'Cleaning segment',
      market: 'Farmers market', construction_site: 'Construction site', facility: 'Sanitation facility', incident: 'Incident',
    },
    field: {
      code: 'Code', name: 'Name', street: 'Sub-district', community: 'Community', responsiblePerson: 'Responsible person',
      responsibleBody: 'Responsible body', landUse: 'Land use', managementLevel: 'Management level', area: 'Area',
      version: 'Version', validFrom: 'Valid from', incidentCount: 'Incidents (current filters)',
      backStreet: 'Back street', seq: 'Segment no.', length: 'Length', grade: 'Cleaning grade', grid: 'Grid', cleaners: 'Cleaners',
      segments: 'Segments', unassignedSegments: 'Unassigned segments',
      stalls: 'Stalls', operator: 'Operator', componentCode: 'Component code', localExtension: 'Local extension',
      status: 'Status', permitStart: 'Permit start', permitEnd: 'Permit end', permitExpired: 'Permit expired', contractor: 'Contractor',
      enclosure: 'Hoarding', wheelWash: 'Wheel wash', facilityKind: 'Kind',
      externalId: 'Case no.', category: 'Category', source: 'Source', reportedAt: 'Reported', deadlineAt: 'Deadline',
      closedAt: 'Closed', department: 'Department', overdue: 'Overdue',
    },
    yes: 'Yes', no: 'No', none: 'None', unassigned: 'Unassigned',
    squareMeters: '{{value}} m²', hectares: '{{value}} ha', meters: '{{value}} m', gradeValue: 'Grade {{grade}}',
  },
  siteStatus: { active: 'Active', suspended: 'Suspended', completed: 'Completed' },
  incidentStatus: {
    reported: 'Reported', accepted: 'Accepted', verified: 'Verified', registered: 'Registered', dispatched: 'Dispatched',
    handled: 'Handled', checked: 'Checked', closed: 'Closed', rejected: 'Rejected',
  },
  incidentSource: {
    patrol: 'Patrol', hotline_12319: '12319 hotline', public_report: 'Public report', video: 'Video', drone: 'Drone', superior: 'From superiors', media: 'Media',
  },
  map: {
    error: 'Map error: {{message}}',
    label: 'Map',
  },
}
