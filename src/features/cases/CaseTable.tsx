/**
 * One page of the case list: number, category, source, status, grid, department, report
 * time and deadline, overdue cases flagged. Rows are buttons for the keyboard as well.
 */
import { useTranslation } from 'react-i18next'
import { caseStatusLabel } from '../../i18n/case-labels.ts'
import type { CaseList } from '../../data/schemas.ts'
import { formatDateTime } from '../../i18n/format.ts'

export interface CaseTableProps {
  list: CaseList | undefined
  loading: boolean
  error: string | null
  selectedId: number | null
  onSelect: (id: number) => void
  onPage: (offset: number) => void
}

export function CaseTable({ list, loading, error, selectedId, onSelect, onPage }: CaseTableProps) {
  const { t, i18n } = useTranslation('cases')
  const pages = list ? Math.max(1, Math.ceil(list.total / list.limit)) : 1
  const page = list ? Math.floor(list.offset / list.limit) + 1 : 1
  return (
    <section className="cases-list" aria-labelledby="cases-list-title" data-testid="case-list">
      <header className="cases-list-header">
        <h2 id="cases-list-title">{t('list.title')}</h2>
        {list && <span data-testid="case-total">{t('list.total', { count: list.total })}</span>}
        {loading && <span className="muted">{t('list.loading')}</span>}
      </header>
      {error && (
        <p className="form-error" role="alert">
          {t('list.error', { message: error })}
        </p>
      )}
      <div className="cases-table-scroll">
        <table className="cases-table">
          <thead>
            <tr>
              <th>{t('list.number')}</th>
              <th>{t('list.category')}</th>
              <th>{t('list.source')}</th>
              <th>{t('list.status')}</th>
              <th>{t('list.grid')}</th>
              <th>{t('list.department')}</th>
              <th>{t('list.reportedAt')}</th>
              <th>{t('list.deadline')}</th>
            </tr>
          </thead>
          <tbody>
            {list?.rows.map((row) => (
              <tr
                key={row.id}
                className={row.id === selectedId ? 'selected' : undefined}
                tabIndex={0}
                aria-selected={row.id === selectedId}
                data-case-id={row.id}
                onClick={() => onSelect(row.id)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter' || event.key === ' ') {
                    event.preventDefault()
                    onSelect(row.id)
                  }
                }}
              >
                <td className="mono">{row.case_number}</td>
                <td>{row.category_name}</td>
                <td>{t(`source.${row.source}`)}</td>
                <td>
                  <span className={`case-status case-status-${row.status}`}>{caseStatusLabel(row.status)}</span>
                  {row.overdue && <span className="case-overdue">{t('list.overdue')}</span>}
                </td>
                <td className="mono">{row.grid_code ?? '—'}</td>
                <td>{row.department_name ?? '—'}</td>
                <td className="mono">{formatDateTime(row.reported_at, i18n.language)}</td>
                <td className="mono">{formatDateTime(row.deadline_at, i18n.language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {list && list.rows.length === 0 && <p className="muted cases-empty">{t('list.empty')}</p>}
      </div>
      {list && list.total > list.limit && (
        <nav className="cases-pager">
          <button type="button" disabled={page <= 1} onClick={() => onPage(Math.max(0, list.offset - list.limit))}>
            {t('list.previous')}
          </button>
          <span>{t('list.page', { page, pages })}</span>
          <button type="button" disabled={page >= pages} onClick={() => onPage(list.offset + list.limit)}>
            {t('list.next')}
          </button>
        </nav>
      )}
    </section>
  )
}
