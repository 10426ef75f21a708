/**
 * The side panel for the selected feature: its attributes in the UI language, as text.
 * For a unit grid it also asks the API for the grid's incident count under the current
 * incident filters.
 */
import { useTranslation } from 'react-i18next'
import { useIncidentCountsByGrid } from '../../data/hooks.ts'
import type { IncidentQuery } from '../../data/repository.ts'
import { inspectRows, inspectTitle } from './inspect-rows.ts'
import type { SelectionKind } from './overview-layers.ts'
import type { SelectedFeature } from './use-selected-feature.ts'
import { geometryBbox } from '../../domain/geometry/geometry-bbox.ts'
import { useWorkspaceNavigation } from '../../app/workspace-navigation.ts'

export interface InspectPanelProps {
  kind: SelectionKind
  features: SelectedFeature[]
  loading: boolean
  incidentFilter: Pick<IncidentQuery, 'from' | 'to' | 'categories'>
  onClose: () => void
}

export function InspectPanel({ kind, features, loading, incidentFilter, onClose }: InspectPanelProps) {
  const { t, i18n } = useTranslation('overview')
  const grid = kind === 'grid' ? features[0] : undefined
  const counts = useIncidentCountsByGrid(
    { ...incidentFilter, bbox: grid ? geometryBbox(grid.geometry) : null },
    { enabled: grid !== undefined },
  )
  const gridIncidentCount = grid && counts.data ? (counts.data.find((row) => row.grid_code === grid.properties.code)?.count ?? 0) : undefined
  const navigation = useWorkspaceNavigation()
  const caseId = kind === 'incident' && features[0] ? features[0].id : null
  const rows = features.length > 0 ? inspectRows(kind, features, { t, language: i18n.language, gridIncidentCount }) : []

  return (
    <aside className="overview-inspect" aria-labelledby="overview-inspect-title" data-testid="inspect-panel">
      <header>
        <div>
          <span className="inspect-kind">{t(`inspect.kind.${kind}` as never)}</span>
          <h2 id="overview-inspect-title">{features.length > 0 ? inspectTitle(kind, features) : t('inspect.title')}</h2>
        </div>
        <button type="button" className="inspect-close" onClick={onClose} aria-label={t('inspect.close')}>
          ×
        </button>
      </header>
      {features.length === 0 ? (
        <p className="muted">{loading ? t('inspect.loading') : t('inspect.notFound')}</p>
      ) : (
        <dl>
          {rows.map((row) => (
            <div key={row.key} className={row.alert ? 'inspect-row alert' : 'inspect-row'} data-field={row.key}>
              <dt>{row.label}</dt>
              <dd>{row.value}</dd>
            </div>
          ))}
        </dl>
      )}
      {navigation && caseId !== null && Number.isSafeInteger(caseId) && (
        <button type="button" className="inspect-open-case" onClick={() => navigation.openCase(caseId)} data-testid="inspect-open-case">
          {t('inspect.openCase')}
        </button>
      )}
    </aside>
  )
}
