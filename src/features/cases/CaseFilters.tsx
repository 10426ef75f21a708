/**
 * Filters of the case list: number search, status, time limit, grid code prefix, department,
 * category (大类 or 小类), source and the reporting period. Changing any filter returns to
 * the first page.
 */
import { useTranslation } from 'react-i18next'
import { caseStatusLabel } from '../../i18n/case-labels.ts'
import type { CaseListQuery } from '../../data/repository.ts'
import { INCIDENT_STATUSES, type IncidentSource, type IncidentStatus } from '../../data/schemas.ts'
import type { CategoryMajor } from '../../domain/categories/category-tree.ts'
import { localDayStart } from '../../domain/time/local-time.ts'
import { DepartmentOptions, MatterCodeOptions, SourceOptions } from './options.tsx'

export interface CaseFiltersProps {
  query: CaseListQuery
  departments: { id: number; name: string }[]
  categories: CategoryMajor[]
  onChange: (query: CaseListQuery) => void
  /** the database's timezone_offset_hours: the days picked are local days */
  offsetHours: number
}


function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + 1)
  return date.toISOString().slice(0, 10)
}

const dayOf = (instant: string | null | undefined, shiftBack = false): string => {
  if (!instant) return ''
  const day = instant.slice(0, 10)
  if (!shiftBack) return day
  const date = new Date(`${day}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() - 1)
  return date.toISOString().slice(0, 10)
}

export function CaseFilters({ query, departments, categories, onChange, offsetHours }: CaseFiltersProps) {
  // The instant a local day starts, written with its offset so the inputs read the day back.
  const dayStart = (day: string) => localDayStart(day, offsetHours)
  const { t } = useTranslation('cases')
  const set = (patch: Partial<CaseListQuery>) => onChange({ ...query, ...patch, offset: 0 })
  const statuses = new Set(query.statuses ?? [])
  const toggleStatus = (status: IncidentStatus, on: boolean) => {
    const next = new Set(statuses)
    if (on) next.add(status)
    else next.delete(status)
    set({ statuses: next.size > 0 ? INCIDENT_STATUSES.filter((entry) => next.has(entry)) : null })
  }
  const gridInvalid = (query.gridCode ?? '') !== '' && !/^[0-9]{1,15}$/.test(query.gridCode ?? '')

  return (
    <section className="cases-section" aria-labelledby="cases-filters-title">
      <h2 id="cases-filters-title">{t('filters.title')}</h2>
      <label className="cases-field">
        <span>{t('filters.search')}</span>
        <input type="search" value={query.search ?? ''} onChange={(event) => set({ search: event.target.value || null })} data-testid="case-search" />
      </label>
      <fieldset className="cases-statuses">
        <legend>{t('filters.status')}</legend>
        {INCIDENT_STATUSES.map((status) => (
          <label key={status}>
            <input type="checkbox" checked={statuses.has(status)} onChange={(event) => toggleStatus(status, event.target.checked)} />
            {caseStatusLabel(status)}
          </label>
        ))}
      </fieldset>
      <label className="cases-field">
        <span>{t('filters.overdue')}</span>
        <select
          value={query.overdue === true ? 'yes' : query.overdue === false ? 'no' : ''}
          onChange={(event) => set({ overdue: event.target.value === '' ? null : event.target.value === 'yes' })}
          data-testid="case-overdue"
        >
          <option value="">{t('filters.overdueAll')}</option>
          <option value="yes">{t('filters.overdueOnly')}</option>
          <option value="no">{t('filters.overdueNot')}</option>
        </select>
      </label>
      <label className="cases-field">
        <span>{t('filters.grid')}</span>
        <input
          inputMode="numeric"
          value={query.gridCode ?? ''}
          title={t('filters.gridHint')}
          aria-invalid={gridInvalid}
          onChange={(event) => set({ gridCode: event.target.value.trim() || null })}
        />
        <small className={gridInvalid ? 'form-error' : 'muted'}>{t('filters.gridHint')}</small>
      </label>
      <label className="cases-field">
        <span>{t('filters.department')}</span>
        <select value={query.departmentId ?? ''} onChange={(event) => set({ departmentId: event.target.value ? Number(event.target.value) : null })}>
          <option value="">{t('filters.anyDepartment')}</option>
          <DepartmentOptions departments={departments} />
        </select>
      </label>
      <label className="cases-field">
        <span>{t('filters.category')}</span>
        <select value={query.category ?? ''} onChange={(event) => set({ category: event.target.value || null })} data-testid="case-category">
          <option value="">{t('filters.anyCategory')}</option>
          <MatterCodeOptions
            categories={categories}
            majorOption={(major) => <option value={major.code}>{t('filters.wholeMajor', { code: major.code, name: major.name })}</option>}
          />
        </select>
      </label>
      <label className="cases-field">
        <span>{t('filters.source')}</span>
        <select
          value={query.sources?.[0] ?? ''}
          onChange={(event) => set({ sources: event.target.value ? [event.target.value as IncidentSource] : null })}
        >
          <option value="">{t('filters.anySource')}</option>
          <SourceOptions />
        </select>
      </label>
      <div className="cases-range">
        <label className="cases-field">
          <span>{t('filters.from')}</span>
          <input type="date" value={dayOf(query.from)} onChange={(event) => set({ from: event.target.value ? dayStart(event.target.value) : null })} />
        </label>
        <label className="cases-field">
          <span>{t('filters.to')}</span>
          <input
            type="date"
            value={dayOf(query.to, true)}
            onChange={(event) => set({ to: event.target.value ? dayStart(nextDay(event.target.value)) : null })}
          />
        </label>
      </div>
      <button type="button" className="link-button" onClick={() => onChange({ limit: query.limit, offset: 0 })}>
        {t('filters.reset')}
      </button>
    </section>
  )
}
