/**
 * Rows refused only for their location (no coordinates and an address the district's names
 * do not place, or no address at all): the dispatcher clicks the map to place each, then
 * checks again. Chosen locations are kept until another file is opened; rows still without
 * one stay refused, with their reason.
 */
import { useTranslation } from 'react-i18next'
import type { ManualPoint, UnplacedRow } from './import-session.ts'

export interface ImportUnplacedViewProps {
  unplaced: UnplacedRow[]
  unplacedCount: number
  /** locations chosen so far, by file row */
  chosen: ReadonlyMap<number, ManualPoint>
  /** the row being placed on the map, if any */
  placingRow: number | null
  disabled: boolean
  onPlace: (row: number) => void
  onForget: (row: number) => void
  onRecheck: () => void
}

export function ImportUnplacedView({ unplaced, unplacedCount, chosen, placingRow, disabled, onPlace, onForget, onRecheck }: ImportUnplacedViewProps) {
  const { t, i18n } = useTranslation('cases')
  const n = (value: number) => new Intl.NumberFormat(i18n.language).format(value)
  // Chosen for rows this check still refused: they take effect when checked again.
  const pending = unplaced.filter((row) => chosen.has(row.row)).length
  if (unplacedCount === 0 && chosen.size === 0) return null
  return (
    <div className="import-unplaced" data-testid="import-unplaced">
      <h4>{t('import.unplaced.title', { count: unplacedCount })}</h4>
      <p className="muted">{t('import.unplaced.hint')}</p>
      {unplacedCount > unplaced.length && <p className="muted">{t('import.unplaced.listed', { listed: n(unplaced.length), count: n(unplacedCount) })}</p>}
      {unplaced.length > 0 && (
        <div className="import-table-scroll">
          <table className="cases-table">
            <thead>
              <tr>
                <th>{t('import.row')}</th>
                <th>{t('import.field.address')}</th>
                <th>{t('import.reason')}</th>
                <th>{t('import.unplaced.location')}</th>
              </tr>
            </thead>
            <tbody>
              {unplaced.map((row) => {
                const point = chosen.get(row.row)
                return (
                  <tr key={row.row} data-unplaced-row={row.row} className={placingRow === row.row ? 'active' : undefined}>
                    <td className="mono">{row.row}</td>
                    <td title={row.description}>{row.address || <span className="muted">{t('import.unplaced.noAddress')}</span>}</td>
                    <td>{row.reason}</td>
                    <td>
                      {point && (
                        <span className="mono" data-testid="import-unplaced-chosen">
                          {point.lon.toFixed(6)}, {point.lat.toFixed(6)}{' '}
                        </span>
                      )}
                      <button type="button" disabled={disabled} onClick={() => onPlace(row.row)} data-testid="import-place-on-map">
                        {placingRow === row.row ? t('import.unplaced.placing') : point ? t('import.unplaced.again') : t('import.unplaced.place')}
                      </button>
                      {point && (
                        <button type="button" className="link-button" disabled={disabled} onClick={() => onForget(row.row)}>
                          {t('import.unplaced.forget')}
                        </button>
                      )}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
      {pending > 0 && (
        <button type="button" className="primary" disabled={disabled} onClick={onRecheck} data-testid="import-recheck-placed">
          {t('import.unplaced.recheck', { count: pending })}
        </button>
      )}
    </div>
  )
}
