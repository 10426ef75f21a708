/**
 * The department a case goes to, as private.route_department decides: a rule for the full
 * matter code, else one for its 大类, else the default department (属地兜底); null when
 * there is none of these.
 */
import type { CategoryRoute, DepartmentRef } from './work-rules.ts'

export function routeDepartment(
  categoryCode: string,
  routes: readonly CategoryRoute[],
  departments: readonly DepartmentRef[],
): number | null {
  const exact = routes.find((route) => route.categoryPattern === categoryCode)
  if (exact) return exact.departmentId
  const major = routes.find((route) => route.categoryPattern === categoryCode.slice(0, 2))
  if (major) return major.departmentId
  return departments.find((department) => department.isDefault)?.id ?? null
}
