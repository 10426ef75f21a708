/**
 * Option lists shared by the case filters, the workflow form and the import preview: the
 * matter directory as 大类 groups of 小类 codes, the departments, and the case sources.
 */
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { INCIDENT_SOURCES } from '../../data/schemas.ts'
import type { CategoryMajor } from '../../domain/categories/category-tree.ts'

/** 小类 options grouped by 大类; `majorOption` adds an option for a whole 大类 at the top of its group. */
export function MatterCodeOptions({ categories, majorOption }: { categories: CategoryMajor[]; majorOption?: (major: CategoryMajor) => ReactNode }) {
  return categories.map((major) => (
    <optgroup key={major.code} label={`${major.code} ${major.name}`}>
      {majorOption?.(major)}
      {major.children.map((child) => (
        <option key={child.code} value={child.code}>
          {child.code} {child.name}
        </option>
      ))}
    </optgroup>
  ))
}

export function DepartmentOptions({ departments }: { departments: { id: number; name: string }[] }) {
  return departments.map((department) => (
    <option key={department.id} value={department.id}>
      {department.name}
    </option>
  ))
}

/** One option per case source (12319 热线, 巡查上报, 视频监控…), labelled in the UI language. */
export function SourceOptions() {
  const { t } = useTranslation('cases')
  return INCIDENT_SOURCES.map((source) => (
    <option key={source} value={source}>
      {t(`source.${source}`)}
    </option>
  ))
}
