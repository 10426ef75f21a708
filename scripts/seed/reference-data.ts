/**
 * Local configuration the demo district runs with: departments, category routing, time
 * limits, the work calendar and one demo user per role. These are what a city's office
 * sets up for itself; the values follow DOMAIN.md's examples.
 */
export const DEPARTMENTS = [
  { id: 1, code: 'ZF', name: '区城市管理行政执法局', isDefault: false },
  { id: 2, code: 'HW', name: '区环境卫生管理处', isDefault: false },
  { id: 3, code: 'SZ', name: '区市政设施管理处', isDefault: false },
  { id: 4, code: 'YL', name: '区园林绿化管理所', isDefault: false },
  { id: 5, code: 'ZJ', name: '区住房和城乡建设局（工地监管）', isDefault: false },
  { id: 6, code: 'SJ', name: '区市场监督管理局', isDefault: false },
  { id: 7, code: 'JT', name: '区交通运输局', isDefault: false },
  { id: 8, code: 'JD', name: '属地街道办事处', isDefault: true },
] as const

/** Full 5-digit matter code or 2-digit 大类 → department id; the most specific rule wins. */
export const CATEGORY_ROUTES: [pattern: string, departmentId: number][] = [
  ['01', 3],
  ['02', 7],
  ['03', 2],
  ['04', 4],
  ['05', 8],
  ['06', 2],
  ['06001', 1],
  ['07', 1],
  ['08', 5],
  ['09', 1],
  ['09020', 6],
  ['10', 8],
]

/** [pattern, management level or null for any, amount, unit] */
export const TIME_LIMITS: [string, number | null, number, 'work_hours' | 'work_days' | 'natural_hours'][] = [
  ['01', null, 3, 'work_days'],
  ['02', null, 3, 'work_days'],
  ['03', null, 2, 'work_days'],
  ['04', null, 3, 'work_days'],
  ['05', null, 3, 'work_days'],
  ['06', null, 1, 'work_days'],
  ['06010', 1, 4, 'work_hours'],
  ['06010', null, 1, 'work_days'],
  ['06012', 1, 2, 'work_hours'],
  ['06012', null, 5, 'work_hours'],
  ['06042', null, 2, 'work_hours'],
  ['07', null, 1, 'work_days'],
  ['08', null, 2, 'work_days'],
  ['09', 1, 2, 'work_hours'],
  ['09', null, 4, 'work_hours'],
  ['10', null, 24, 'natural_hours'],
]

/**
 * Public holidays and make-up working days (调休) for the demo period, as announced by the
 * State Council's General Office for 2026. A city loads its own each year.
 */
export const WORK_CALENDAR: [day: string, isWorkday: boolean, note: string][] = [
  ...['2026-01-01', '2026-01-02', '2026-01-03'].map((day) => [day, false, '元旦'] as [string, boolean, string]),
  ['2026-01-04', true, '元旦调休上班'],
  ...['2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23'].map(
    (day) => [day, false, '春节'] as [string, boolean, string],
  ),
  ['2026-02-14', true, '春节调休上班'],
  ['2026-02-28', true, '春节调休上班'],
  ...['2026-04-04', '2026-04-05', '2026-04-06'].map((day) => [day, false, '清明节'] as [string, boolean, string]),
  ...['2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05'].map((day) => [day, false, '劳动节'] as [string, boolean, string]),
  ['2026-05-09', true, '劳动节调休上班'],
  ...['2026-06-19', '2026-06-20', '2026-06-21'].map((day) => [day, false, '端午节'] as [string, boolean, string]),
  ...['2026-09-25', '2026-09-26', '2026-09-27'].map((day) => [day, false, '中秋节'] as [string, boolean, string]),
  ...['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'].map(
    (day) => [day, false, '国庆节'] as [string, boolean, string],
  ),
  ['2026-09-20', true, '国庆节调休上班'],
  ['2026-10-10', true, '国庆节调休上班'],
]

/** One user per role, so the embedded demo (and the RLS tests) can act as each of them. */
export const DEMO_USERS = [
  { id: '00000000-0000-4000-8000-000000000001', email: 'admin@demo.urbangrid.local', name: '系统管理员', role: 'admin' },
  { id: '00000000-0000-4000-8000-000000000002', email: 'planner@demo.urbangrid.local', name: '网格规划员', role: 'planner' },
  { id: '00000000-0000-4000-8000-000000000003', email: 'manager@demo.urbangrid.local', name: '指挥中心', role: 'manager' },
  { id: '00000000-0000-4000-8000-000000000004', email: 'dispatcher@demo.urbangrid.local', name: '受理派遣员', role: 'dispatcher' },
  { id: '00000000-0000-4000-8000-000000000005', email: 'staff@demo.urbangrid.local', name: '环卫作业员', role: 'staff' },
  { id: '00000000-0000-4000-8000-000000000006', email: 'viewer@demo.urbangrid.local', name: '访客', role: 'viewer' },
  // Named handlers (处置人员) in the departments cases are dispatched to most: a case can be
  // dispatched to one of them, who then sees it among their own cases.
  { id: '00000000-0000-4000-8000-000000000011', email: 'wang.jianguo@demo.urbangrid.local', name: '王建国', role: 'staff' },
  { id: '00000000-0000-4000-8000-000000000012', email: 'li.xiuying@demo.urbangrid.local', name: '李秀英', role: 'staff' },
  { id: '00000000-0000-4000-8000-000000000013', email: 'liu.qiang@demo.urbangrid.local', name: '刘强', role: 'staff' },
  { id: '00000000-0000-4000-8000-000000000014', email: 'chen.jing@demo.urbangrid.local', name: '陈静', role: 'staff' },
  { id: '00000000-0000-4000-8000-000000000015', email: 'zhao.lei@demo.urbangrid.local', name: '赵磊', role: 'staff' },
  { id: '00000000-0000-4000-8000-000000000016', email: 'sun.li@demo.urbangrid.local', name: '孙丽', role: 'staff' },
] as const

/** The department each named handler works in (profiles.department_id); the others belong to none. */
export const DEMO_USER_DEPARTMENTS: Readonly<Record<string, number>> = {
  '00000000-0000-4000-8000-000000000011': 2, // 区环境卫生管理处
  '00000000-0000-4000-8000-000000000012': 2,
  '00000000-0000-4000-8000-000000000013': 1, // 区城市管理行政执法局
  '00000000-0000-4000-8000-000000000014': 1,
  '00000000-0000-4000-8000-000000000015': 3, // 区市政设施管理处
  '00000000-0000-4000-8000-000000000016': 8, // 属地街道办事处
}

export type DemoRole = (typeof DEMO_USERS)[number]['role']
