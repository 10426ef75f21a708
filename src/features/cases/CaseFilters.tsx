/**
 * Filters of the case list (antd Form): number search, status, time limit, grid code prefix,
 * department, category (a 大类 with all its 小类, or one 小类), sources and the reporting
 * period. Changing any filter returns to the first page; clearing them keeps the table's order.
 *
 * The category is one choice, not a checkable set: list_cases takes a single code prefix
 * (p_category), and ticking several would promise a filter the query cannot run
 * (docs/decisions.md, "antd in the 案件 workspace").
 */
import { useMemo } from 'react'
import { Button, Checkbox, DatePicker, Form, Input, Radio, Select, TreeSelect } from 'antd'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { caseStatusLabel } from '../../i18n/case-labels.ts'
import type { CaseListQuery } from '../../data/repository.ts'
import { INCIDENT_SOURCES, INCIDENT_STATUSES, type IncidentSource, type IncidentStatus } from '../../data/schemas.ts'
import type { CategoryMajor } from '../../domain/categories/category-tree.ts'
import { CASE_STAGES, type CaseStage } from '../../domain/cases/stage-deadlines.ts'
import { periodDays, periodQuery } from './case-list-period.ts'

/** Dates are written the same in every language and browser locale. */
export const DAY_FORMAT = 'YYYY-MM-DD'

export interface CaseFiltersProps {
  query: CaseListQuery
  departments: { id: number; name: string }[]
  categories: CategoryMajor[]
  onChange: (query: CaseListQuery) => void
  /** the database's timezone_offset_hours: the days picked are local days */
  offsetHours: number
  /** the newest listed case's report time: the date picker opens on its month, not today's */
  newest?: string | null
}

type Overdue = 'all' | 'yes' | 'no'

export function CaseFilters({ query, departments, categories, onChange, offsetHours, newest }: CaseFiltersProps) {
  const { t } = useTranslation('cases')
  const set = (patch: Partial<CaseListQuery>) => onChange({ ...query, ...patch, offset: 0 })
  const gridInvalid = (query.gridCode ?? '') !== '' && !/^[0-9]{1,15}$/.test(query.gridCode ?? '')

  const categoryTree = useMemo(
    () =>
      categories.map((major) => ({
        value: major.code,
        title: t('filters.wholeMajor', { code: major.code, name: major.name }),
        children: major.children.map((child) => ({ value: child.code, title: `${child.code} ${child.name}` })),
      })),
    [categories, t],
  )
  const [first, last] = periodDays(query.from, query.to)
  const overdue: Overdue = query.overdue === true ? 'yes' : query.overdue === false ? 'no' : 'all'

  return (
    <section className="cases-section cases-filters" aria-labelledby="cases-filters-title">
      <h2 id="cases-filters-title">{t('filters.title')}</h2>
      <Form layout="vertical" size="small" component="div">
        <Form.Item label={t('filters.search')} htmlFor="case-search">
          <Input
            id="case-search"
            type="search"
            allowClear
            value={query.search ?? ''}
            onChange={(event) => set({ search: event.target.value || null })}
            data-testid="case-search"
          />
        </Form.Item>
        <Form.Item label={t('filters.status')}>
          <Checkbox.Group<IncidentStatus>
            className="cases-statuses"
            value={query.statuses ?? []}
            options={INCIDENT_STATUSES.map((status) => ({ value: status, label: caseStatusLabel(status) }))}
            // In the workflow's order, whatever order they were ticked in.
            onChange={(ticked) => set({ statuses: ticked.length > 0 ? INCIDENT_STATUSES.filter((status) => ticked.includes(status)) : null })}
          />
        </Form.Item>
        <Form.Item label={t('filters.overdue')}>
          <Radio.Group
            optionType="button"
            value={overdue}
            options={[
              { value: 'all', label: t('filters.overdueAll') },
              { value: 'yes', label: t('filters.overdueOnly') },
              { value: 'no', label: t('filters.overdueNot') },
            ]}
            onChange={(event) => set({ overdue: event.target.value === 'all' ? null : event.target.value === 'yes' })}
            data-testid="case-overdue"
          />
        </Form.Item>
        <Form.Item label={t('filters.lateStage')}>
          <Select<CaseStage | 'any'>
            allowClear
            placeholder={t('filters.anyLateStage')}
            value={query.lateStage ?? undefined}
            options={(['any', ...CASE_STAGES] as const).map((stage) => ({ value: stage, label: t(`stage.${stage}`) }))}
            onChange={(value) => set({ lateStage: value ?? null })}
            data-testid="case-late-stage"
          />
        </Form.Item>
        <Form.Item label={t('filters.grid')} htmlFor="case-grid" validateStatus={gridInvalid ? 'error' : undefined} help={t('filters.gridHint')}>
          <Input
            id="case-grid"
            inputMode="numeric"
            allowClear
            value={query.gridCode ?? ''}
            aria-invalid={gridInvalid}
            onChange={(event) => set({ gridCode: event.target.value.trim() || null })}
          />
        </Form.Item>
        <Form.Item label={t('filters.department')}>
          <Select<number>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('filters.anyDepartment')}
            value={query.departmentId ?? undefined}
            options={departments.map((department) => ({ value: department.id, label: department.name }))}
            onChange={(value) => set({ departmentId: value ?? null })}
          />
        </Form.Item>
        <Form.Item label={t('filters.category')}>
          <TreeSelect
            allowClear
            showSearch={{ treeNodeFilterProp: 'title' }}
            placeholder={t('filters.anyCategory')}
            value={query.category ?? undefined}
            treeData={categoryTree}
            popupMatchSelectWidth={false}
            listHeight={320}
            onChange={(value: string | undefined) => set({ category: value ?? null })}
            data-testid="case-category"
          />
        </Form.Item>
        <Form.Item label={t('filters.source')}>
          <Select<IncidentSource[]>
            mode="multiple"
            allowClear
            maxTagCount="responsive"
            placeholder={t('filters.anySource')}
            value={query.sources ?? []}
            options={INCIDENT_SOURCES.map((source) => ({ value: source, label: t(`source.${source}`) }))}
            onChange={(sources) => set({ sources: sources.length > 0 ? sources : null })}
            data-testid="case-sources"
          />
        </Form.Item>
        <Form.Item label={t('filters.period')}>
          <DatePicker.RangePicker
            format={DAY_FORMAT}
            allowEmpty={[true, true]}
            placeholder={[t('filters.from'), t('filters.to')]}
            value={[first ? dayjs(first) : null, last ? dayjs(last) : null]}
            // The two panels show the newest case's month and the one before it.
            defaultPickerValue={newest ? dayjs(newest).subtract(1, 'month') : undefined}
            // The days picked are local days at the database's offset (case-list-period.ts).
            onChange={(_dates, [start, end]) => set(periodQuery(start || null, end || null, offsetHours))}
            data-testid="case-period"
          />
        </Form.Item>
      </Form>
      <Button type="link" size="small" className="cases-reset" onClick={() => onChange({ limit: query.limit, offset: 0, sort: query.sort, descending: query.descending })}>
        {t('filters.reset')}
      </Button>
    </section>
  )
}
