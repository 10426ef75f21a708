/**
 * What the analysis found and how: cases in the period against the previous one, the Gi*
 * classes with their unit counts, every choice the analysis made (as ArcGIS's Optimized Hot
 * Spot Analysis reports them), and the selected unit's figures.
 */
import { useTranslation } from 'react-i18next'
import type { PeriodCases } from '../../data/hotspot-reads.ts'
import { formatNumber } from '../../i18n/format.ts'
import type { EmergingOutcome, GiOutcome, Outcome, Said } from './hotspot-analysis.ts'
import { GI_BIN_COLOURS } from './hotspot-layers.ts'
import type { UnitSet } from './unit-sets.ts'

export interface AnalysisPanelProps {
  units: UnitSet | null
  current: PeriodCases | null
  previous: PeriodCases | null
  counts: Float64Array | null
  previousCounts: Float64Array | null
  outside: number
  rates: Float64Array | null
  gi: Outcome<GiOutcome> | null
  emerging: EmergingOutcome | null
  selected: number | null
  say: (said: string | Said) => string
}

export function AnalysisPanel({ units, current, previous, counts, previousCounts, outside, rates, gi, emerging, selected, say }: AnalysisPanelProps) {
  const { t, i18n } = useTranslation('hotspots')
  const n = (value: number, digits = 0) => formatNumber(value, i18n.language, digits)
  const change = current && previous ? current.length - previous.length : null
  const unit = selected !== null && units && selected < units.ids.length ? selected : null
  const result = gi?.ok ? gi.value.result : null

  return (
    <div className="hotspots-analysis" data-testid="hotspots-analysis">
      <section>
        <h3>{t('analysis.cases')}</h3>
        {current && previous ? (
          <p data-testid="hotspots-case-count">
            {t('analysis.caseCount', { count: current.length, countText: n(current.length), previous: n(previous.length) })}
            {change !== null && previous.length > 0 && (
              <span className={change > 0 ? 'hotspots-up' : 'hotspots-down'}>
                {' '}
                {t('analysis.change', { change: `${change > 0 ? '+' : ''}${n((change / previous.length) * 100, 1)}` })}
              </span>
            )}
            {outside > 0 && <span className="muted"> {t('analysis.outside', { count: outside })}</span>}
          </p>
        ) : (
          <p className="muted">{t('status.loading')}</p>
        )}
      </section>
      <section>
        <h3>{t('analysis.gi')}</h3>
        {gi && !gi.ok && (
          <p className="hotspots-refusal" role="alert" data-testid="hotspots-refusal">
            {say(gi.reason)}
          </p>
        )}
        {result && (
          <>
            <table className="hotspots-bins" data-testid="hotspots-bins">
              <tbody>
                {[3, 2, 1, 0, -1, -2, -3].map((bin) => (
                  <tr key={bin}>
                    <td>
                      <span className="hotspots-swatch" style={{ background: GI_BIN_COLOURS[bin] }} />
                      {t(`bin.${bin}`)}
                    </td>
                    <td className="mono">{n(result.summary.binCounts[bin] ?? 0)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h4>{t('analysis.choices')}</h4>
            <ul className="hotspots-choices" data-testid="hotspots-choices">
              {gi?.ok && gi.value.choices.map((choice) => <li key={choice.key}>{say(choice)}</li>)}
            </ul>
          </>
        )}
      </section>
      {emerging && emerging.summary.notes.length + emerging.flatSteps.length > 0 && (
        <section>
          <h3>{t('analysis.emergingNotes')}</h3>
          <ul className="hotspots-choices">
            {emerging.summary.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
            {emerging.flatSteps.length > 0 && <li>{t('analysis.flatSteps', { count: emerging.flatSteps.length })}</li>}
          </ul>
        </section>
      )}
      <section>
        <h3>{t('analysis.selected')}</h3>
        {unit === null || !units ? (
          <p className="muted">{t('analysis.pickHint')}</p>
        ) : (
          <dl className="hotspots-unit" data-testid="hotspots-unit-detail">
            <dt>{t(`unit.${units.kind}`)}</dt>
            <dd>
              {units.names[unit]}
              {units.names[unit] !== units.ids[unit] && <span className="muted mono"> {units.ids[unit]}</span>}
            </dd>
            <dt>{t('analysis.count')}</dt>
            <dd className="mono">{counts ? n(counts[unit]) : '—'}</dd>
            <dt>{t('analysis.previousCount')}</dt>
            <dd className="mono">{previousCounts ? n(previousCounts[unit]) : '—'}</dd>
            <dt>{t('analysis.rate')}</dt>
            <dd className="mono">{rates ? t('analysis.rateValue', { value: n(rates[unit], 1), area: n(units.areaKm2[unit], 3) }) : '—'}</dd>
            {result && (
              <>
                <dt>{t('analysis.z')}</dt>
                <dd className="mono">{n(result.z[unit], 2)}</dd>
                <dt>{t('analysis.p')}</dt>
                <dd className="mono">
                  {result.p[unit].toPrecision(2)}
                  {Number.isFinite(result.pFdr[unit]) && ` · p_fdr ${result.pFdr[unit].toPrecision(2)}`}
                </dd>
                <dt>{t('analysis.bin')}</dt>
                <dd>{t(`bin.${result.bin[unit]}`)}</dd>
                <dt>{t('analysis.neighbours')}</dt>
                <dd className="mono">{n(result.neighbourCounts[unit])}</dd>
              </>
            )}
            {emerging && (
              <>
                <dt>{t('analysis.emergingCategory')}</dt>
                <dd>{t(`emerging.${emerging.units[unit].category}`)}</dd>
              </>
            )}
          </dl>
        )}
      </section>
    </div>
  )
}
