/**
 * How the month's 综合得分 is made: the weight of each figure in the set in force for that month
 * (public.kpi_weights), the preset it came from and since when — a month is always scored with
 * the weights of its own time. Admins change them with set_kpi_weights (docs/evaluation.md).
 */
import { useTranslation } from 'react-i18next'
import { KPI_WEIGHT_KEYS } from '../../domain/kpi/kpi-score.ts'
import { monthLabel, type Month } from './kpi-figures.ts'
import { KPI_NAMESPACE } from './i18n.ts'
import { useKpiWeights } from './use-kpi.ts'

export function KpiWeights({ month, enabled }: { month: Month; enabled: boolean }) {
  const { t, i18n } = useTranslation(KPI_NAMESPACE)
  const weights = useKpiWeights(month, enabled)
  const answer = weights.data
  if (!enabled || !answer?.weights) return null
  const preset = answer.presets.find((entry) => entry.code === answer.preset)
  return (
    <section className="kpi-field kpi-weights" data-testid="kpi-weights">
      <h2>{t('weights.title')}</h2>
      <ul>
        {KPI_WEIGHT_KEYS.filter((key) => answer.weights![key] > 0).map((key) => (
          <li key={key}>
            <span>{t(`weights.${key}`)}</span>
            <b>{answer.weights![key]}%</b>
          </li>
        ))}
      </ul>
      <p className="muted kpi-small">
        {t('weights.source', {
          preset: preset ? preset.label : t('weights.custom'),
          since: answer.effective_month ? monthLabel(`${answer.effective_month.slice(0, 7)}-01`, i18n.language) : '—',
        })}
      </p>
    </section>
  )
}
