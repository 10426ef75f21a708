/**
 * 我的待办: the open cases (处置中, 待核查) dispatched to the signed-in handler by name,
 * the earliest deadline first. A click opens the case like a row of the list does.
 */
import { useTranslation } from 'react-i18next'
import { caseStatusLabel } from '../../i18n/case-labels.ts'
import { formatDateTime } from '../../i18n/format.ts'
import { useMyCases } from '../../data/hooks.ts'

export interface MyCasesProps {
  selectedId: number | null
  onSelect: (id: number) => void
}

export function MyCases({ selectedId, onSelect }: MyCasesProps) {
  const { t, i18n } = useTranslation('cases')
  const mine = useMyCases()
  if (!mine.data) return null
  return (
    <section className="cases-mine" data-testid="cases-mine" aria-labelledby="cases-mine-title">
      <h3 id="cases-mine-title">
        {t('mine.title')}（{mine.data.length.toLocaleString(i18n.language)}）
      </h3>
      {mine.data.length === 0 ? (
        <p className="muted">{t('mine.empty')}</p>
      ) : (
        <ul>
          {mine.data.map((row) => (
            <li key={row.id}>
              <button type="button" className={row.id === selectedId ? 'active' : undefined} onClick={() => onSelect(row.id)} data-case={row.id}>
                <span className="mono">{row.case_number}</span> {row.category_name} · {caseStatusLabel(row.status)}
                <br />
                <span className={row.overdue ? 'case-overdue' : 'muted'}>
                  {formatDateTime(row.deadline_at, i18n.language)}
                  {row.overdue && ` ${t('mine.overdue')}`}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
