/**
 * Step 3 of an import: what will happen if it is committed — how many rows go in and how many
 * the database already has (ImportArrivalView), where they land (per grid, per department),
 * which rows fail and why, and whether the coordinate system looks right. The full error
 * report downloads as CSV.
 */
import { useTranslation } from 'react-i18next'
import { COORDINATE_SYSTEM_SHORT_NAMES, type CoordinateSystem, type PreviewTally } from '../../../domain/import/index.ts'
import type { CategoryMajor } from '../../../domain/categories/category-tree.ts'
import { MatterCodeOptions } from '../options.tsx'
import type { ImportPreview } from './import-session.ts'
import { ImportArrivalView } from './ImportArrivalView.tsx'

export interface ImportPreviewViewProps {
  preview: ImportPreview
  /** rows read = to write + already there + refused, for the current choice on content matches */
  tally: PreviewTally
  writeContentMatches: boolean
  onWriteContentMatches: (write: boolean) => void
  /** the choice on content matches is fixed once a commit runs or ran */
  choiceLocked: boolean
  departments: Map<number, string>
  /** the 大类 → 小类 directory, to map unknown category texts */
  categories: CategoryMajor[]
  /** texts mapped to codes for this import (kept in the preset when it is saved) */
  aliases: Record<string, string>
  onAlias: (text: string, code: string | null) => void
  onRecheck: () => void
  onRecheckAs: (crs: CoordinateSystem) => void
  onDownloadErrors: () => void
}

export function ImportPreviewView({
  preview,
  tally,
  writeContentMatches,
  onWriteContentMatches,
  choiceLocked,
  departments,
  categories,
  aliases,
  onAlias,
  onRecheck,
  onRecheckAs,
  onDownloadErrors,
}: ImportPreviewViewProps) {
  const { t, i18n } = useTranslation('cases')
  const n = (value: number) => new Intl.NumberFormat(i18n.language).format(value)
  const crs = preview.crsCheck
  return (
    <div className="import-preview" data-testid="import-preview">
      <p className="import-summary" data-testid="import-summary">
        {t('import.summary', { rows: n(preview.rowsRead), valid: n(preview.valid), errors: n(preview.refusedRows), warnings: n(preview.warningCount) })}
      </p>
      <ImportArrivalView
        arrival={preview.arrival}
        tally={tally}
        writeContentMatches={writeContentMatches}
        onWriteContentMatches={onWriteContentMatches}
        choiceLocked={choiceLocked}
      />
      <p className="muted" data-testid="import-timing">
        {t('import.timing', { check: Math.round(preview.checkMs), place: Math.round(preview.placeMs) })} ·{' '}
        {t('import.onSegment', { count: preview.onSegment })}
      </p>
      <p className="muted">{t('import.previewLegend')}</p>
      {crs?.warning && (
        <div className="import-warning" role="alert" data-testid="import-crs-warning">
          {t('import.crsWarning', { message: crs.warning })}
          {crs.likely !== crs.declared && (
            <button type="button" onClick={() => onRecheckAs(crs.likely)}>
              {t('import.useSuggested', { crs: COORDINATE_SYSTEM_SHORT_NAMES[crs.likely] })}
            </button>
          )}
        </div>
      )}
      {preview.notes.map((note) => (
        <p key={note.code} className="muted">
          {note.message}
        </p>
      ))}
      <div className="import-counts">
        <div>
          <h4>{t('import.perGrid')}</h4>
          <ol data-testid="import-per-grid">
            {preview.perGrid.slice(0, 10).map((entry) => (
              <li key={entry.key}>
                <span className="mono">{entry.key || t('import.noGrid')}</span> <strong>{n(entry.count)}</strong>
              </li>
            ))}
          </ol>
        </div>
        <div>
          <h4>{t('import.perDepartment')}</h4>
          <ol data-testid="import-per-department">
            {preview.perDepartment.map((entry) => (
              <li key={entry.key}>
                {entry.key ? (departments.get(Number(entry.key)) ?? entry.key) : t('import.noDepartment')} <strong>{n(entry.count)}</strong>
              </li>
            ))}
          </ol>
        </div>
      </div>
      {preview.unknownCategories.length > 0 && (
        <div data-testid="import-unknown-categories">
          <h4>{t('import.unknownCategories', { count: preview.unknownCategories.length })}</h4>
          <p className="muted">{t('import.aliasHint')}</p>
          <ul className="import-aliases">
            {preview.unknownCategories.slice(0, 50).map((entry) => (
              <li key={entry.text}>
                <span>{t('import.unknownCategory', { text: entry.text, count: entry.count, rows: entry.rows.slice(0, 5).join('、') })}</span>
                <select
                  value={aliases[entry.text] ?? ''}
                  aria-label={t('import.aliasFor', { text: entry.text })}
                  onChange={(event) => onAlias(entry.text, event.target.value || null)}
                  data-alias={entry.text}
                >
                  <option value="">{t('import.aliasNone')}</option>
                  <MatterCodeOptions categories={categories} />
                </select>
              </li>
            ))}
          </ul>
          {preview.unknownCategories.some((entry) => aliases[entry.text]) && (
            <button type="button" className="primary" onClick={onRecheck} data-testid="import-recheck">
              {t('import.recheck')}
            </button>
          )}
        </div>
      )}
      {preview.errorCount > 0 && (
        <div>
          <h4>
            {t('import.errors', { count: preview.errors.length })}{' '}
            <button type="button" onClick={onDownloadErrors} data-testid="import-download-errors">
              {t('import.downloadErrors')}
            </button>
          </h4>
          <div className="import-table-scroll">
            <table className="cases-table" data-testid="import-errors">
              <thead>
                <tr>
                  <th>{t('import.row')}</th>
                  <th>{t('import.fieldName')}</th>
                  <th>{t('import.value')}</th>
                  <th>{t('import.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.errors.map((error, index) => (
                  <tr key={`${error.row}-${error.field}-${index}`}>
                    <td className="mono">{error.row}</td>
                    <td>{error.field}</td>
                    <td className="mono">{error.value}</td>
                    <td>{error.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
      {preview.warnings.length > 0 && (
        <div>
          <h4>{t('import.warnings')}</h4>
          <ul className="import-warnings">
            {preview.warnings.slice(0, 50).map((warning, index) => (
              <li key={`${warning.row}-${index}`}>
                {t('import.row')} {warning.row}：{warning.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  )
}
