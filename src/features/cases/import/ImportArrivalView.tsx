/**
 * What a commit of this preview would do, said before 提交 (issue 13, item 9): the rows read
 * add up to rows to write + rows the database already has + rows refused; which rows are
 * already there (by external id, by content) and which would arrive overdue, listed and
 * filterable. After the commit the same sum, from the database's answers.
 */
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDateTime } from '../../../i18n/format.ts'
import { caseStatusLabel } from '../../../i18n/case-labels.ts'
import type { ArrivalCheck, ArrivalRow, CommitTally, PreviewTally } from '../../../domain/import/index.ts'

export type ArrivalFilter = 'existing_id' | 'existing_content' | 'overdue'

export interface ImportArrivalViewProps {
  arrival: ArrivalCheck
  tally: PreviewTally
  writeContentMatches: boolean
  onWriteContentMatches: (write: boolean) => void
  choiceLocked: boolean
}

const HOUR_MS = 3_600_000

export function ImportArrivalView({ arrival, tally, writeContentMatches, onWriteContentMatches, choiceLocked }: ImportArrivalViewProps) {
  const { t, i18n } = useTranslation('cases')
  const n = (value: number) => new Intl.NumberFormat(i18n.language).format(value)
  const time = (iso: string | null) => formatDateTime(iso, i18n.language)
  const counts: Record<ArrivalFilter, number> = {
    existing_id: arrival.existingById,
    existing_content: arrival.existingByContent,
    overdue: tally.overdueOnArrival,
  }
  const firstNonEmpty = (['existing_id', 'existing_content', 'overdue'] as const).find((kind) => counts[kind] > 0) ?? 'existing_id'
  const [chosen, setChosen] = useState<ArrivalFilter | null>(null)
  const filter = chosen ?? firstNonEmpty
  const lists: Record<ArrivalFilter, ArrivalRow[]> = {
    existing_id: arrival.listed.existingById,
    existing_content: arrival.listed.existingByContent,
    // Content matches arrive only when they are written anyway.
    overdue: arrival.listed.overdue.filter((row) => row.existing === null || writeContentMatches),
  }
  const listed = lists[filter]

  const late = (row: ArrivalRow) => {
    if (!row.deadlineAt) return ''
    const hours = (Date.parse(arrival.now) - Date.parse(row.deadlineAt)) / HOUR_MS
    return hours >= 48 ? t('import.lateDays', { number: n(Math.floor(hours / 24)) }) : t('import.lateHours', { number: n(Math.max(1, Math.floor(hours))) })
  }
  const explain = (row: ArrivalRow) => {
    const existing = row.existing
    const parts: string[] = []
    if (existing) {
      const status = existing.status ? caseStatusLabel(existing.status) : ''
      parts.push(
        existing.match === 'external_id'
          ? t('import.matchById', { number: existing.caseNumber ?? existing.id, status })
          : t('import.matchByContent', {
              number: existing.caseNumber ?? existing.id,
              externalId: existing.externalId ?? t('import.noExternalId'),
              status,
              distance: existing.distanceM ?? '—',
              seconds: existing.secondsApart === null ? '—' : Math.round(existing.secondsApart),
            }),
      )
    }
    if (row.overdue && (filter === 'overdue' || !existing)) parts.push(t('import.overdueBy', { deadline: time(row.deadlineAt), late: late(row) }))
    return parts.join('；')
  }

  return (
    <div className="import-arrival" data-testid="import-arrival">
      {arrival.checked ? (
        <p className="import-tally" data-testid="import-tally">
          {t('import.tally', { rows: n(tally.rowsRead), write: n(tally.toWrite), there: n(tally.alreadyThere), refused: n(tally.refused) })}
        </p>
      ) : (
        <>
          <p className="import-tally" data-testid="import-tally">
            {t('import.tallyUnchecked', { rows: n(tally.rowsRead), write: n(tally.toWrite), refused: n(tally.refused) })}
          </p>
          {arrival.error && (
            <p className="import-warning" role="alert" data-testid="import-arrival-error">
              {t('import.arrivalUnchecked', { message: arrival.error })}
            </p>
          )}
        </>
      )}
      {tally.unaccounted !== 0 && (
        <p className="form-error" role="alert" data-testid="import-unaccounted">
          {t('import.unaccounted', { number: n(tally.unaccounted) })}
        </p>
      )}
      {arrival.checked && (
        <ul className="import-arrival-facts">
          <li data-testid="import-existing">
            {t('import.existing', { byId: n(arrival.existingById), byContent: n(arrival.existingByContent) })}
            {arrival.existingByContent > 0 && (
              <>
                {' '}
                {writeContentMatches ? t('import.contentWritten') : t('import.contentSkipped')}
              </>
            )}
          </li>
          <li className="muted">{t('import.contentRule')}</li>
          {arrival.existingByContent > 0 && (
            <li>
              <label>
                <input
                  type="checkbox"
                  checked={writeContentMatches}
                  disabled={choiceLocked}
                  onChange={(event) => onWriteContentMatches(event.target.checked)}
                  data-testid="import-write-content-matches"
                />{' '}
                {t('import.writeContentMatches', { number: n(arrival.existingByContent) })}
              </label>
            </li>
          )}
        </ul>
      )}
      <p className={tally.overdueOnArrival > 0 ? 'import-overdue' : 'muted'} data-testid="import-overdue">
        {t('import.overdueOnArrival', { number: n(tally.overdueOnArrival), now: time(arrival.now) })}
      </p>
      {counts.existing_id + counts.existing_content + counts.overdue > 0 && (
        <div>
          <h4>
            {t('import.arrivalList')}{' '}
            <select value={filter} onChange={(event) => setChosen(event.target.value as ArrivalFilter)} aria-label={t('import.arrivalFilter')} data-testid="import-arrival-filter">
              {(['existing_id', 'existing_content', 'overdue'] as const).map((kind) => (
                <option key={kind} value={kind}>
                  {t(`import.arrivalKind.${kind}`, { number: n(counts[kind]) })}
                </option>
              ))}
            </select>
          </h4>
          {listed.length < counts[filter] && <p className="muted">{t('import.arrivalListed', { listed: n(listed.length), number: n(counts[filter]) })}</p>}
          <div className="import-table-scroll">
            <table className="cases-table" data-testid="import-arrival-rows" data-filter={filter}>
              <thead>
                <tr>
                  <th>{t('import.row')}</th>
                  <th>{t('import.field.externalId')}</th>
                  <th>{t('import.field.reportedAt')}</th>
                  <th>{t('import.arrivalWhy')}</th>
                </tr>
              </thead>
              <tbody>
                {listed.map((row) => (
                  <tr key={row.row}>
                    <td className="mono">{row.row}</td>
                    <td className="mono">{row.externalId}</td>
                    <td className="mono">{time(row.reportedAt)}</td>
                    <td>{explain(row)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </div>
  )
}

/** After the commit: the same sum, from what the database answered. */
export function CommitTallyView({ tally }: { tally: CommitTally }) {
  const { t, i18n } = useTranslation('cases')
  const n = (value: number) => new Intl.NumberFormat(i18n.language).format(value)
  return (
    <>
      <p className="import-tally" data-testid="import-commit-tally">
        {t('import.commitTally', {
          rows: n(tally.rowsRead),
          inserted: n(tally.inserted),
          there: n(tally.alreadyThere),
          refused: n(tally.refused),
          checking: n(tally.refusedByChecking),
          database: n(tally.refusedByDatabase),
        })}
        {tally.notSent > 0 && t('import.commitTallyNotSent', { number: n(tally.notSent) })}
      </p>
      {tally.unaccounted !== 0 && (
        <p className="form-error" role="alert">
          {t('import.unaccounted', { number: n(tally.unaccounted) })}
        </p>
      )}
    </>
  )
}
