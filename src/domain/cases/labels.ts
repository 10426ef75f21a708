/**
 * The Chinese names the database uses in its workflow messages (private.case_status_label,
 * case_action_label, role_label), for domain messages that must read the same. The UI's own
 * strings go through i18n.
 */
import type { CaseAction, CaseStatus, ClosureType, WorkflowRole } from './workflow.ts'

export const STATUS_LABELS: Record<CaseStatus, string> = {
  reported: '已上报（待受理）',
  accepted: '已受理',
  verified: '已核实',
  registered: '已立案',
  dispatched: '已派遣（处置中）',
  handled: '已处置（待核查）',
  checked: '已核查（待结案）',
  closed: '已结案',
  rejected: '不予立案',
}

export const ACTION_LABELS: Record<CaseAction | 'report', string> = {
  report: '上报',
  accept: '受理',
  verify: '核实',
  register: '立案',
  reject: '不予立案',
  dispatch: '派遣',
  redispatch: '改派',
  handle: '处置完成',
  check: '核查',
  close: '结案',
}

export const ROLE_LABELS: Record<WorkflowRole, string> = {
  admin: '系统管理员',
  planner: '网格规划员',
  manager: '指挥中心',
  dispatcher: '受理派遣员',
  staff: '作业人员',
  viewer: '访客',
}

export const CLOSURE_TYPE_LABELS: Record<ClosureType, string> = {
  normal: '正常结案',
  overdue: '超时结案',
  error: '差错结案',
  special: '特殊结案',
}
