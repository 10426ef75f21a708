/**
 * The roster's Chinese messages, as constants (the UI and the tests use the same words). Row
 * errors read 「第 N 行 <字段>：<原因>」, as the SQL functions word theirs.
 */
export const ROSTER_MESSAGES = {
  empty: '为空',
  notNumber: (text: string) => `不是数字（“${text}”）`,
  negative: '不能为负数',
  notPositiveInteger: (text: string) => `应为正整数（“${text}”）`,
  fromNotBeforeTo: (fromM: number, toM: number) => `须大于起点米（${toM} ≤ ${fromM}）`,
  unknownShift: (text: string, known: string) => `未知班次“${text}”（可填：${known}）`,
  notPhone: (text: string) => `不是电话号码（“${text}”）`,
  tooLong: (max: number) => `超过 ${max} 个字符`,
  duplicateEmployeeNo: (firstRow: number) => `工号在文件中重复（与第 ${firstRow} 行相同）`,
  overlappingRun: (firstRow: number) => `与第 ${firstRow} 行重叠（同一后街背巷、同一段、同一班次）`,
  duplicateFacility: (firstRow: number) => `设施在文件中重复（与第 ${firstRow} 行相同）`,
  deputySameAsResponsible: '副责任人不能与责任人相同',
  missingColumn: '文件中没有这一列',
  unknownEmployeeNo: (employeeNo: string) => `未找到工号为“${employeeNo}”的保洁员`,
  inactiveCleaner: (name: string, employeeNo: string) => `保洁员“${name}”（${employeeNo}）已停用`,
  unknownBackStreet: (name: string) => `未找到后街背巷“${name}”`,
  unknownSegment: (name: string, seq: number, count: number) => `“${name}”没有第 ${seq} 段（共 ${count} 段）`,
  beyondSegment: (atM: number, lengthM: number) => `${atM} 米超出路段长度 ${lengthM.toFixed(1)} 米`,
  unknownTeam: (name: string) => `未找到班组“${name}”`,
  unknownFacility: (name: string) => `未找到设施“${name}”`,
  ambiguousFacility: (name: string, count: number) => `有 ${count} 个设施名为“${name}”，请改用唯一的名称`,
  kindAlreadyRead: (sheet: string) => `同类数据已从工作表“${sheet}”读取，此表未读取`,
  unknownKind: '无法识别的表格：表头既不是保洁员、排班，也不是设施包干',
} as const

/** 「第 N 行 <字段>：<原因>」 */
export function rowMessage(row: number, field: string, reason: string): string {
  return `第 ${row} 行 ${field}：${reason}`
}
