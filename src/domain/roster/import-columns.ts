/**
 * The three roster imports' columns (保洁员, 排班, 设施包干), their Chinese labels and the header
 * spellings accepted for each (Chinese and English, any case, with or without units or spaces).
 */
export type RosterImportKind = 'cleaners' | 'assignments' | 'facilityDuties'

export interface ImportColumn {
  field: string
  /** the label messages use, and the header an export writes */
  label: string
  required: boolean
  aliases: string[]
}

export const ROSTER_IMPORT_COLUMNS: Record<RosterImportKind, ImportColumn[]> = {
  cleaners: [
    { field: 'employeeNo', label: '工号', required: true, aliases: ['工号', '员工号', '员工编号', '职工号', 'employee_no', 'employeeno', 'employee number', 'staff no'] },
    { field: 'name', label: '姓名', required: true, aliases: ['姓名', '名字', '保洁员', '保洁员姓名', 'name'] },
    { field: 'team', label: '班组', required: true, aliases: ['班组', '班组名称', '所属班组', '作业班组', 'team', 'team name'] },
    { field: 'phone', label: '电话', required: false, aliases: ['电话', '手机', '手机号', '手机号码', '联系电话', '电话号码', 'phone', 'mobile', 'tel'] },
    { field: 'shift', label: '班次', required: false, aliases: ['班次', '默认班次', 'shift'] },
  ],
  assignments: [
    { field: 'employeeNo', label: '工号', required: true, aliases: ['工号', '员工号', '员工编号', '保洁员工号', 'employee_no', 'employeeno', 'employee number'] },
    { field: 'backStreet', label: '后街背巷', required: true, aliases: ['后街背巷', '背街小巷', '后街', '街巷', '街巷名称', '后街背巷名称', 'back_street', 'backstreet', 'back street', 'street'] },
    { field: 'seq', label: '段号', required: true, aliases: ['段号', '分段', '段', '分段号', '路段号', 'seq', 'segment', 'segment no', 'segment_no'] },
    { field: 'shift', label: '班次', required: true, aliases: ['班次', 'shift'] },
    { field: 'fromM', label: '起点米', required: false, aliases: ['起点米', '起点(米)', '起点', '起始米', '起点(m)', 'from_m', 'from', 'from m'] },
    { field: 'toM', label: '终点米', required: false, aliases: ['终点米', '终点(米)', '终点', '结束米', '终点(m)', 'to_m', 'to', 'to m'] },
  ],
  facilityDuties: [
    { field: 'facility', label: '设施名称', required: true, aliases: ['设施名称', '设施', '设施名', '装车点', '垃圾装车点', 'facility', 'facility name', 'facility_name'] },
    { field: 'employeeNo', label: '责任人工号', required: true, aliases: ['责任人工号', '责任人', '包干人工号', '工号', 'employee_no', 'responsible', 'responsible employee no'] },
    { field: 'deputyEmployeeNo', label: '副责任人工号', required: false, aliases: ['副责任人工号', '副责任人', '备岗人工号', 'deputy_employee_no', 'deputy', 'deputy employee no'] },
  ],
}

/** Header text as compared: no spaces or underscores, half-width brackets, lower case. */
export function normaliseHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/^\uFEFF/, '')
    .replace(/[\s_]+/g, '')
    .toLowerCase()
}

/** Which file column feeds each field (first matching column wins), and the required labels missing. */
export function mapColumns(kind: RosterImportKind, columns: readonly string[]): { byField: Map<string, string>; missing: string[] } {
  const byField = new Map<string, string>()
  const normalised = columns.map(normaliseHeader)
  for (const column of ROSTER_IMPORT_COLUMNS[kind]) {
    const aliases = column.aliases.map(normaliseHeader)
    // An exact alias wins over a later, looser one (e.g. 工号 before 责任人 in 设施包干).
    for (const alias of aliases) {
      const index = normalised.indexOf(alias)
      if (index >= 0 && ![...byField.values()].includes(columns[index])) {
        byField.set(column.field, columns[index])
        break
      }
    }
  }
  const missing = ROSTER_IMPORT_COLUMNS[kind].filter((column) => column.required && !byField.has(column.field)).map((column) => column.label)
  return { byField, missing }
}

/** The kind whose required columns the header has (the most specific first); null when none fits. */
export function detectRosterKind(columns: readonly string[]): RosterImportKind | null {
  for (const kind of ['facilityDuties', 'assignments', 'cleaners'] as const) {
    if (mapColumns(kind, columns).missing.length === 0) return kind
  }
  return null
}

export function labelOf(kind: RosterImportKind, field: string): string {
  return ROSTER_IMPORT_COLUMNS[kind].find((column) => column.field === field)?.label ?? field
}
