/**
 * 案件: the dispatcher's desk. Left: filters, or the import steps. Middle: the case list
 * (or the import preview). Right: the map with the listed cases (or the rows about to be
 * imported) and the selected case's details, timeline and workflow actions. Lists refresh by
 * themselves when cases change (Supabase realtime, or the embedded database's own writes).
 */
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useAreas, useAssignmentReference, useCaseDetail, useCases, useCategoryDirectory, useInvalidateOnChange } from '../../data/hooks.ts'
import { tablesFeeding } from '../../data/invalidation.ts'
import { useOperation, useSessionRole } from '../../app/use-operation.ts'
import type { CasesIntent } from '../../app/workspace-navigation.ts'
import type { BBox } from '../../domain/geometry/bbox.ts'
import type { CaseListQuery } from '../../data/repository.ts'
import { buildCategoryTree } from '../../domain/categories/category-tree.ts'
import { appSettingsFrom } from '../../domain/settings/app-settings.ts'
import { CaseDetailPanel } from './CaseDetailPanel.tsx'
import { CaseFilters } from './CaseFilters.tsx'
import { CaseMap, type CasePoint } from './CaseMap.tsx'
import { CaseTable } from './CaseTable.tsx'
import { MyCases } from './MyCases.tsx'
import './cases.css'
import './i18n.ts'
import { ImportPanel, type PlaceRequest } from './import/ImportPanel.tsx'
import { AntdScope } from '../shared/AntdScope.tsx'

type Tab = 'list' | 'import'
const PAGE_SIZE = 50
/** The list and the detail follow the tables that feed them (another user's step, an import). */
const CASE_TABLES = tablesFeeding(['cases', 'case'])

export interface CasesWorkspaceProps {
  /** cases handed over by another workspace: listed alone until cleared */
  intent?: CasesIntent | null
  onIntentCleared?: () => void
  /** the open case, from the URL (`?ws=cases&case=<id>`); without the props, kept here */
  caseId?: number | null
  onCase?: (id: number | null) => void
}

export function CasesWorkspace({ intent = null, onIntentCleared, caseId, onCase }: CasesWorkspaceProps = {}) {
  const { t } = useTranslation('cases')
  const [tab, setTab] = useState<Tab>('list')
  const [importOpened, setImportOpened] = useState(false)
  const [query, setQuery] = useState<CaseListQuery>(() => ({ limit: PAGE_SIZE, offset: 0, ...(intent?.ids ? { ids: intent.ids.slice(0, 1000) } : {}), ...(intent?.filters ?? {}) }))
  const [ownSelectedId, setOwnSelectedId] = useState<number | null>(null)
  const selectedId = caseId === undefined ? ownSelectedId : caseId
  const setSelectedId = onCase ?? setOwnSelectedId
  const [importPoints, setImportPoints] = useState<CasePoint[]>([])
  const [placeRequest, setPlaceRequest] = useState<PlaceRequest | null>(null)
  const cases = useCases(query)
  const directory = useCategoryDirectory()
  const categories = useMemo(() => buildCategoryTree(directory.data ?? []), [directory.data])
  const reference = useAssignmentReference()
  const offsetHours = appSettingsFrom(reference.data?.settings).timezone_offset_hours
  const departments = useMemo(() => (reference.data?.departments ?? []).map((entry) => ({ id: entry.id, name: entry.name })), [reference.data])

  useInvalidateOnChange(CASE_TABLES)
  const importing = useOperation('importCases')
  const role = useSessionRole()

  const listPoints: CasePoint[] = useMemo(
    () => (cases.data?.rows ?? []).map((row) => ({ id: row.id, lon: row.lon, lat: row.lat, status: row.status, overdue: row.overdue })),
    [cases.data],
  )
  // The selected case on the map: from the list, or from its detail when the list no longer
  // holds it (a step took it out of a status filter, or it was opened from 我的待办), so the
  // map stays on the case instead of falling back to the whole list.
  const detail = useCaseDetail(selectedId)
  const shown = detail.data && detail.data.id === selectedId ? detail.data : null
  const shownPoint = useMemo(
    (): CasePoint | null => (shown ? { id: shown.id, lon: shown.lon, lat: shown.lat, status: shown.status, overdue: shown.overdue } : null),
    [shown],
  )
  const selectedPoint = tab === 'list' ? (listPoints.find((point) => point.id === selectedId) ?? shownPoint) : null
  // The selected case's grid, to outline on the map: the grids in a small box around it.
  const gridCode = detail.data?.grid?.code ?? null
  const around: BBox | null = selectedPoint
    ? [selectedPoint.lon - 0.003, selectedPoint.lat - 0.003, selectedPoint.lon + 0.003, selectedPoint.lat + 0.003]
    : null
  const nearbyGrids = useAreas('grid', { bbox: around, limit: 100 }, { enabled: around !== null && gridCode !== null })
  const selectedArea = useMemo(
    () => (nearbyGrids.data?.features.find((feature) => feature.properties.code === gridCode) as GeoJSON.Feature | undefined) ?? null,
    [nearbyGrids.data, gridCode],
  )

  // antd lives in this lazily loaded workspace only, in the app's language (AntdScope).
  return (
    <AntdScope>
      <div className="cases" data-testid="workspace-cases">
        <aside className="cases-sidebar">
          <div className="cases-tabs" role="tablist">
            {(['list', 'import'] as const).map((entry) => (
              <button
                key={entry}
                type="button"
                role="tab"
                aria-selected={tab === entry}
                className={tab === entry ? 'active' : undefined}
                // The panel itself says why at the top; the tab says it on hover.
                title={entry === 'import' ? (importing.reason ?? undefined) : undefined}
                onClick={() => {
                  setTab(entry)
                  if (entry === 'import') setImportOpened(true)
                }}
                data-testid={`cases-tab-${entry}`}
              >
                {t(`tabs.${entry}`)}
                {entry === 'import' && importing.reason && <span className="tab-badge">{t('tabs.importCheckOnly')}</span>}
              </button>
            ))}
          </div>
          {tab === 'list' && intent && (query.ids || intent.filters) && (
            <p className="cases-intent" role="status" data-testid="cases-intent">
              {query.ids
                ? t('intent.showing', { from: t(`workspace.${intent.from ?? 'hotspots'}`, { ns: 'translation' }), label: intent.label, count: query.ids.length })
                : t('intent.filtered', { from: t(`workspace.${intent.from ?? 'hotspots'}`, { ns: 'translation' }), label: intent.label })}{' '}
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  // Clearing drops what the other workspace set (its cases or its filters).
                  setQuery((current) => (current.ids ? { ...current, ids: null, offset: 0 } : { limit: current.limit, offset: 0 }))
                  onIntentCleared?.()
                }}
              >
                {t('intent.clear')}
              </button>
            </p>
          )}
          {tab === 'list' && role === 'staff' && <MyCases selectedId={selectedId} onSelect={setSelectedId} />}
          {tab === 'list' && <CaseFilters query={query} departments={departments} categories={categories} onChange={setQuery} offsetHours={offsetHours} newest={cases.data?.rows[0]?.reported_at} />}
          {/* Kept mounted while the list is shown: an import in progress goes on in its worker. */}
          {/* Mounted on the first visit only: its worker builds indexes over every grid. */}
          {importOpened && (
            <div hidden={tab !== 'import'} className="cases-import-host">
              <ImportPanel onPoints={setImportPoints} onPlaceRequest={setPlaceRequest} />
            </div>
          )}
        </aside>
        {tab === 'list' && (
          <CaseTable
            list={cases.data}
            query={query}
            offsetHours={offsetHours}
            loading={cases.isFetching}
            error={cases.error?.message ?? null}
            selectedId={selectedId}
            onSelect={setSelectedId}
            onPage={(offset, limit) => setQuery((current) => ({ ...current, offset, limit }))}
            // A new order starts from the first page; null is the server's default (newest first).
            onSort={(sort) => setQuery((current) => ({ ...current, sort: sort?.key ?? null, descending: sort?.descending ?? null, offset: 0 }))}
          />
        )}
        <div className="cases-side">
          <CaseMap
            points={tab === 'list' ? listPoints : importPoints}
            selected={selectedPoint}
            selectedArea={selectedPoint ? selectedArea : null}
            onPick={(id) => tab === 'list' && id !== null && setSelectedId(id)}
            placing={
              tab === 'import' && placeRequest
                ? { label: t('import.placeLabel', { row: placeRequest.row }), onPlace: placeRequest.onPlace, onCancel: placeRequest.onCancel }
                : null
            }
          />
          {tab === 'list' && selectedId !== null && <CaseDetailPanel id={selectedId} departments={departments} onClose={() => setSelectedId(null)} />}
          {tab === 'list' && selectedId === null && <p className="muted cases-hint">{t('detail.hint')}</p>}
        </div>
      </div>
    </AntdScope>
  )
}
