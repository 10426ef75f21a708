/**
 * The workspaces that are not built yet. They say so plainly and show what the database
 * already holds for that job (live figures from district_summary), never a mock screen.
 */
import { useTranslation } from 'react-i18next'
import { useCategoryDirectory, useDistrictSummary } from '../data/hooks.ts'
import type { DistrictSummary } from '../data/schemas.ts'
import { formatDate, formatNumber } from '../i18n/format.ts'
import type { WorkspaceId } from './workspaces.ts'

interface Figure {
  key: string
  label: string
  value: string
}

function figuresFor(workspace: PendingWorkspaceId, summary: DistrictSummary, categories: number | null, language: string, t: (key: string, options?: Record<string, unknown>) => string): Figure[] {
  const n = (value: number) => formatNumber(value, language)
  const range = () => {
    const from = formatDate(summary.incidents_from, language)
    const to = formatDate(summary.incidents_to, language)
    return from && to ? `${from} – ${to}` : t('summary.none')
  }
  switch (workspace) {
    case 'grids':
      return [
        { key: 'streets', label: t('summary.streets'), value: n(summary.streets) },
        { key: 'communities', label: t('summary.communities'), value: n(summary.communities) },
        { key: 'grids', label: t('summary.grids'), value: n(summary.grids) },
      ]
    case 'hotspots':
      return [
        { key: 'incidents', label: t('summary.incidents'), value: n(summary.incidents) },
        { key: 'incidentRange', label: t('summary.incidentRange'), value: range() },
        { key: 'grids', label: t('summary.grids'), value: n(summary.grids) },
        { key: 'categories', label: t('summary.categories'), value: categories === null ? t('common.dash') : n(categories) },
      ]
  }
}

/** The workspaces still shown this way; the overview, 案件, 保洁排班 and 考核 are built. */
export type PendingWorkspaceId = Exclude<WorkspaceId, 'overview' | 'cases' | 'roster' | 'kpi'>

export function PendingWorkspace({ workspace }: { workspace: PendingWorkspaceId }) {
  const { t, i18n } = useTranslation()
  const summary = useDistrictSummary()
  const categories = useCategoryDirectory({ enabled: workspace === 'hotspots' })
  const translate = (key: string, options?: Record<string, unknown>) => t(key, options ?? {}) as string

  return (
    <section className="pending-workspace" data-testid={`workspace-${workspace}`}>
      <div className="card">
        <h1>{t(`workspace.${workspace}`)}</h1>
        <p className="pending-note" data-testid="pending-note">
          <span className="pending-badge">{t('pending.note')}</span>
          {t(`pending.${workspace}`)}
        </p>
        {summary.isPending && <p className="muted">{t('summary.loading')}</p>}
        {summary.isError && (
          <p className="form-error" role="alert">
            {t('summary.error', { message: summary.error.message })}
          </p>
        )}
        {summary.data && (
          <>
            {summary.data.district && (
              <p className="district-line" data-testid="district-line">
                {t('summary.district', {
                  name: summary.data.district.name,
                  code: summary.data.district.code,
                  area: formatNumber(Math.round(summary.data.district.area_m2 / 1e4) / 100, i18n.language),
                })}
                {summary.data.district.is_synthetic && <span className="muted"> {t('summary.syntheticNote')}</span>}
              </p>
            )}
            <dl className="figures">
              {figuresFor(workspace, summary.data, categories.data?.length ?? null, i18n.language, translate).map((figure) => (
                <div key={figure.key} className="figure" data-figure={figure.key}>
                  <dt>{figure.label}</dt>
                  <dd>{figure.value}</dd>
                </div>
              ))}
            </dl>
          </>
        )}
      </div>
    </section>
  )
}
