/**
 * 热点分析: the manager's desk. Left: what to analyse (period, categories, sources, unit,
 * view, weights). Middle: the map with the chosen view and its fixed legend. Right: the
 * analysis — what Gi* found and every choice it made, the selected unit, rankings against
 * the previous period and emerging hot spots. Every figure is computed in the browser from
 * the cases of the two periods (one read each), with the statistics of src/domain/hotspots.
 */
import { useMemo, useState } from 'react'
import { Tabs } from 'antd'
import { useTranslation } from 'react-i18next'
import { useWorkspaceNavigation } from '../../app/workspace-navigation.ts'
import type { MapAdapter } from '../../map/map-adapter.ts'
import { useAreas, useCategoryDirectory, useDistrictSummary, useLocalOffsetHours, useRead } from '../../data/hooks.ts'
import { PERIOD_CASES_READ, type PeriodCases, type PeriodCasesQuery } from '../../data/hotspot-reads.ts'
import { buildCategoryTree } from '../../domain/categories/category-tree.ts'
import { analysisPeriod, presetAnchor, type AnalysisPeriod } from '../../domain/hotspots/analysis-period.ts'
import { DEFAULT_PLACE_BUFFER_METRES, parseWeightsSpec, RECURRING_DEFAULTS, type PolygonGeometry } from '../../domain/hotspots/index.ts'
import { dayRangeToInstants } from '../../domain/time/day-range-to-instants.ts'
import { formatAt, localDayOf } from '../../domain/time/local-time.ts'
import { AntdScope } from '../shared/AntdScope.tsx'
import '../shared/export/i18n.ts'
import type { ExportColumn, ExportRow } from '../shared/export/table-export.ts'
import { HotspotExports } from './HotspotExports.tsx'
import { HotspotFilters, DEFAULT_SETTINGS, SIDE_BY_SIDE_VIEWS, type HotspotSettings } from './HotspotFilters.tsx'
import { paintMap, paintStep } from './map-paint.ts'
import { HotspotMap, type MapCamera } from './HotspotMap.tsx'
import type { Said } from './hotspot-analysis.ts'
import { useHotspotAnalysis } from './use-hotspot-analysis.ts'
import { AnalysisPanel } from './AnalysisPanel.tsx'
import { RankingTable } from './RankingTable.tsx'
import type { RankingTarget } from './ranking-targets.ts'
import { useRanking } from './use-ranking.ts'
import { PLAYBACK_OFF, usePlayback, type PlaybackState } from './use-playback.ts'
import { TimePanel } from './TimePanel.tsx'
import { findRecurring, RecurringPanel } from './RecurringPanel.tsx'
import { EmergingTable } from './EmergingTable.tsx'
import { codedUnitSet, hexagonUnitSet, squareUnitSet, type UnitSet } from './unit-sets.ts'
import './hotspots.css'
import './i18n.ts'

function caseQuery(first: string, last: string, settings: HotspotSettings, offsetHours: number): PeriodCasesQuery {
  const { from, to } = dayRangeToInstants(first, last, offsetHours)
  return {
    from: from!,
    to: to!,
    categories: settings.categories.length > 0 ? [...settings.categories].sort() : null,
    sources: settings.sources.length > 0 ? [...settings.sources].sort() : null,
    cells: settings.unit === 'hexagon',
  }
}

function periodOf(settings: HotspotSettings, anchor: string): { period: AnalysisPeriod } | { error: string } {
  try {
    return { period: analysisPeriod(settings.preset, anchor, settings.custom) }
  } catch (error) {
    return { error: (error as Error).message }
  }
}

function useUnitSet(kind: HotspotSettings['unit'], current: PeriodCases | undefined, previous: PeriodCases | undefined): UnitSet | null {
  const grids = useAreas('grid', { limit: 10000 }, { enabled: kind === 'grid' })
  const communities = useAreas('community', {}, { enabled: kind === 'community' })
  const streets = useAreas('street', {}, { enabled: kind === 'street' })
  const district = useAreas('district', {})
  const outline = district.data?.features[0]?.geometry as PolygonGeometry | undefined
  // Fixed units (and their weights, cached with them) outlive a change of period…
  const fixed = useMemo(() => {
    if (kind === 'grid') return grids.data ? codedUnitSet('grid', grids.data.features as GeoJSON.Feature[]) : null
    if (kind === 'community') return communities.data ? codedUnitSet('community', communities.data.features as GeoJSON.Feature[]) : null
    if (kind === 'street') return streets.data ? codedUnitSet('street', streets.data.features as GeoJSON.Feature[]) : null
    if (kind === 'square') return outline ? squareUnitSet(outline) : null
    return null
  }, [kind, grids.data, communities.data, streets.data, outline])
  // …hexagons include the cells of both periods' cases, so they follow the periods.
  const hexagons = useMemo(
    () => (kind === 'hexagon' && outline && current?.h3 && previous?.h3 ? hexagonUnitSet(outline, [current, previous]) : null),
    [kind, outline, current, previous],
  )
  return kind === 'hexagon' ? hexagons : fixed
}

export function HotspotsWorkspace() {
  const { t, i18n } = useTranslation('hotspots')
  const [settings, setSettings] = useState<HotspotSettings>(DEFAULT_SETTINGS)
  const [selected, setSelected] = useState<number | null>(null)
  const [adapter, setAdapter] = useState<MapAdapter | null>(null)
  // The camera both maps follow when the periods are side by side (who moved it last, where to).
  const [camera, setCamera] = useState<MapCamera | null>(null)
  const [focus, setFocus] = useState<{ bbox: [number, number, number, number]; key: number } | null>(null)
  const summary = useDistrictSummary()
  const directory = useCategoryDirectory()
  const categories = useMemo(() => buildCategoryTree(directory.data ?? []), [directory.data])
  const offsetHours = useLocalOffsetHours()
  const say = (said: string | Said) => (typeof said === 'string' ? said : t(said.key, said.values))

  // The presets end today, or on the newest case's day when the data stop earlier.
  const newest = summary.data?.incidents_to ?? null
  const today = localDayOf(new Date().toISOString(), offsetHours)
  const { anchor, limitedByData } = presetAnchor(today, newest ? localDayOf(newest, offsetHours) : null)
  const periodOutcome = periodOf(settings, anchor)
  const period = 'period' in periodOutcome ? periodOutcome.period : null
  const firstDay = period?.current.first ?? null
  const lastDay = period?.current.last ?? null
  const previousFirst = period?.previous.first ?? null
  const previousLast = period?.previous.last ?? null

  const currentQuery = firstDay && lastDay ? caseQuery(firstDay, lastDay, settings, offsetHours) : null
  const previousQuery = previousFirst && previousLast ? caseQuery(previousFirst, previousLast, settings, offsetHours) : null
  const current = useRead(PERIOD_CASES_READ, [currentQuery!], { enabled: currentQuery !== null && summary.isSuccess })
  const previous = useRead(PERIOD_CASES_READ, [previousQuery!], { enabled: previousQuery !== null && summary.isSuccess })
  const units = useUnitSet(settings.unit, current.data, previous.data)
  const weights = useMemo(() => parseWeightsSpec(settings.weights), [settings.weights])

  const districtBbox = summary.data?.district?.bbox ?? null
  const { counted, previousCounted, rates, previousRates, gi, previousGi, emerging, density } = useHotspotAnalysis({
    units,
    current: current.data ?? null,
    previous: previous.data ?? null,
    weights,
    fdr: settings.fdr,
    view: settings.view,
    previousGi: settings.sideBySide && settings.view === 'gi',
    firstDay,
    lastDay,
    offsetHours,
    districtBbox,
    countLabel: t('value.count'),
    rateLabel: t('value.rate'),
  })

  const paintInput = {
    units,
    counts: counted?.counts ?? null,
    previousCounts: previousCounted?.counts ?? null,
    rates,
    previousRates,
    density,
    fdr: settings.fdr,
    t,
    language: i18n.language,
  }
  const { unitFeatures, densityFeatures, legend } = useMemo(
    () => paintMap({ ...paintInput, view: settings.view, side: 'current', gi: gi?.ok ? gi.value.result : null, emerging: emerging?.ok ? emerging.value : null }),
    // paintInput's parts are listed one by one.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [units, settings.view, settings.fdr, counted, previousCounted, rates, previousRates, gi, emerging, density, t, i18n.language],
  )
  const sideBySide = settings.sideBySide && SIDE_BY_SIDE_VIEWS.includes(settings.view)
  const previousPaint = useMemo(
    () =>
      sideBySide
        ? paintMap({ ...paintInput, view: settings.view, side: 'previous', gi: previousGi?.ok ? previousGi.value.result : null, emerging: null })
        : null,
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [sideBySide, units, settings.view, settings.fdr, counted, previousCounted, rates, previousRates, previousGi, density, t, i18n.language],
  )

  const loading = current.isFetching || previous.isFetching || !units
  const error = current.error?.message ?? previous.error?.message ?? ('error' in periodOutcome ? periodOutcome.error : null)
  const status = error
    ? t('status.error', { message: error })
    : loading
      ? t('status.loading')
      : settings.view === 'gi' && gi && !gi.ok
        ? say(gi.reason)
        : settings.view === 'emerging' && emerging && !emerging.ok
          ? say(emerging.reason)
          : null

  // One table of every unit for the CSV/XLSX export: what the ranking, Gi* and emerging tabs show.
  const table = useMemo(() => {
    if (!units || !counted || !previousCounted || !rates) return null
    const result = gi?.ok ? gi.value.result : null
    const pattern = emerging?.ok ? emerging.value.units : null
    const columns: ExportColumn[] = [
      { key: 'id', title: t('columns.id') },
      { key: 'name', title: t('columns.name') },
      { key: 'count', title: t('columns.count'), type: 'number' },
      { key: 'previous', title: t('columns.previous'), type: 'number' },
      { key: 'change', title: t('columns.change'), type: 'percent' },
      { key: 'area', title: t('columns.area'), type: 'number' },
      { key: 'rate', title: t('columns.rate'), type: 'number' },
      ...(result
        ? ([
            { key: 'z', title: 'z', type: 'number' },
            { key: 'p', title: 'p', type: 'number' },
            { key: 'p_fdr', title: 'p_fdr', type: 'number' },
            { key: 'bin', title: t('columns.bin'), type: 'number' },
            { key: 'class', title: t('columns.class') },
            { key: 'neighbours', title: t('columns.neighbours'), type: 'number' },
          ] satisfies ExportColumn[])
        : []),
      ...(pattern ? [{ key: 'emerging', title: t('columns.emerging') }] : []),
    ]
    const rows: ExportRow[] = units.ids.map((id, unit) => ({
      id,
      name: units.names[unit],
      count: counted.counts[unit],
      previous: previousCounted.counts[unit],
      change: previousCounted.counts[unit] > 0 ? (counted.counts[unit] - previousCounted.counts[unit]) / previousCounted.counts[unit] : null,
      area: Math.round(units.areaKm2[unit] * 10_000) / 10_000,
      rate: Math.round(rates[unit] * 100) / 100,
      ...(result
        ? {
            z: result.z[unit],
            p: result.p[unit],
            p_fdr: Number.isFinite(result.pFdr[unit]) ? result.pFdr[unit] : null,
            bin: result.bin[unit],
            class: t(`bin.${result.bin[unit]}`),
            neighbours: result.neighbourCounts[unit],
          }
        : {}),
      ...(pattern ? { emerging: t(`emerging.${pattern[unit].category}`) } : {}),
    }))
    return { name: t('export.tableName', { unit: t(`unit.${units.kind}`) }), columns, rows }
  }, [units, counted, previousCounted, rates, gi, emerging, t])

  // What the 排名 tab ranks.
  const [rankingTarget, setRankingTarget] = useState<RankingTarget>('units')
  const [bufferMetres, setBufferMetres] = useState(DEFAULT_PLACE_BUFFER_METRES)
  const [rankedSelected, setRankedSelected] = useState<string | null>(null)
  const ranked = useRanking({
    target: rankingTarget,
    bufferMetres,
    current: current.data ?? null,
    previous: previous.data ?? null,
    from: currentQuery?.from ?? null,
    to: currentQuery?.to ?? null,
    offsetHours,
    units,
    unitOfCase: counted?.unitOfCase ?? null,
    previousUnitOfCase: previousCounted?.unitOfCase ?? null,
    t,
  })

  // Time: playback and the charts of the 时间 tab.
  const [tab, setTab] = useState('analysis')
  const [playbackState, setPlaybackState] = useState<PlaybackState>(PLAYBACK_OFF)
  const playback = usePlayback({
    state: playbackState,
    onState: setPlaybackState,
    visible: tab === 'time',
    current: current.data ?? null,
    from: currentQuery?.from ?? null,
    to: currentQuery?.to ?? null,
    offsetHours,
    unitCount: units?.ids.length ?? 0,
    unitOfCase: counted?.unitOfCase ?? null,
    selected,
  })
  const stepPaint = useMemo(() => {
    if (!playbackState.on || !units || !playback.perUnit || !playback.steps) return null
    return paintStep(units, playback.perUnit.counts, playback.steps.starts.length, playback.step, playback.perUnit.domain, t('time.playbackLegend'), i18n.language, t('time.playbackNote'))
  }, [playbackState.on, units, playback.perUnit, playback.steps, playback.step, t, i18n.language])

  // Recurring problems: N cases of one 小类 within 50 m in 30 days; their cases open in 案件.
  const [recurringMinimum, setRecurringMinimum] = useState<number>(RECURRING_DEFAULTS.minimumCount)
  const navigation = useWorkspaceNavigation()
  const categoryNames = useMemo(() => new Map((directory.data ?? []).map((category) => [category.code, category.name])), [directory.data])

  const recurringCases = tab === 'recurring' ? (current.data ?? null) : null
  const recurring = useMemo(() => findRecurring(recurringCases, recurringMinimum), [recurringCases, recurringMinimum])

  // The table the export writes: the ranking as shown (units, segments, markets or sites) on
  // the 排名 tab, the recurring problems on theirs, the units' full figures everywhere else.
  const exportTable = useMemo(() => {
    if (tab === 'recurring' && recurring && 'rows' in recurring) {
      const day = (ms: number) => formatAt(ms, offsetHours).slice(0, 10)
      const columns: ExportColumn[] = [
        { key: 'category', title: t('recurring.category') },
        { key: 'name', title: t('columns.name') },
        { key: 'window', title: t('recurring.window'), type: 'number' },
        { key: 'all', title: t('recurring.all'), type: 'number' },
        { key: 'first', title: t('columns.first'), type: 'date' },
        { key: 'last', title: t('columns.last'), type: 'date' },
        { key: 'lon', title: t('columns.lon'), type: 'number' },
        { key: 'lat', title: t('columns.lat'), type: 'number' },
        { key: 'extent', title: t('columns.extent'), type: 'number' },
        { key: 'cases', title: t('columns.cases') },
      ]
      const rows: ExportRow[] = recurring.rows.map((row) => ({
        category: row.category,
        name: categoryNames.get(row.category) ?? '',
        window: row.maximumWindowCount,
        all: row.caseIds.length,
        first: day(row.first),
        last: day(row.last),
        lon: Math.round(row.lon * 1e6) / 1e6,
        lat: Math.round(row.lat * 1e6) / 1e6,
        extent: Math.round(row.extentMetres),
        cases: row.caseIds.join(' '),
      }))
      return { name: t('export.recurringTableName', { count: recurringMinimum }), columns, rows }
    }
    if (tab !== 'ranking' || rankingTarget === 'units' || !ranked) return table
    const columns: ExportColumn[] = [
      { key: 'rank', title: t('ranking.rank'), type: 'number' },
      { key: 'id', title: t('columns.id') },
      { key: 'name', title: t('columns.name') },
      { key: 'count', title: t('columns.count'), type: 'number' },
      { key: 'previous', title: t('columns.previous'), type: 'number' },
      { key: 'change', title: t('columns.change'), type: 'percent' },
      ...(ranked.measure ? [{ key: 'rate', title: t(`ranking.rate_${ranked.measure}`), type: 'number' as const }] : []),
    ]
    const rows: ExportRow[] = ranked.rows.map((row) => ({
      rank: row.rank,
      id: ranked.ids[row.unit],
      name: ranked.names[row.unit],
      count: row.count,
      previous: row.previous,
      change: row.changePercent === null ? null : row.changePercent / 100,
      rate: row.rate === null ? null : Math.round(row.rate * 100) / 100,
    }))
    const name = rankingTarget === 'markets' || rankingTarget === 'sites' ? t('export.placeTableName', { target: t(`rankingTarget.${rankingTarget}`), metres: bufferMetres }) : t('export.rankingTableName', { target: t(`rankingTarget.${rankingTarget}`) })
    return { name, columns, rows }
  }, [tab, rankingTarget, ranked, table, bufferMetres, recurring, recurringMinimum, categoryNames, offsetHours, t])

  const flyTo = (unit: number) => {
    if (!units) return
    setSelected(unit)
    setFocus({ bbox: units.bboxes[unit], key: Date.now() })
  }

  return (
    <AntdScope>
      <div className="hotspots" data-testid="workspace-hotspots">
        <aside className="hotspots-sidebar">
          <HotspotFilters
            settings={settings}
            onChange={(next) => {
              if (next.unit !== settings.unit) setSelected(null)
              setSettings(next)
            }}
            categories={categories}
            period={period}
            anchorNote={limitedByData ? t('filters.anchorLimited', { day: anchor }) : null}
          />
        </aside>
        <div className={sideBySide ? 'hotspots-maps hotspots-maps-two' : 'hotspots-maps'}>
          <HotspotMap
            units={stepPaint?.unitFeatures ?? unitFeatures}
            density={stepPaint ? stepPaint.densityFeatures : densityFeatures}
            legend={stepPaint?.legend ?? legend}
            selected={settings.view === 'density' ? null : selected}
            onSelect={setSelected}
            focus={focus}
            status={status}
            onAdapter={setAdapter}
            caption={sideBySide && period ? t('map.current', { first: period.current.first, last: period.current.last }) : null}
            camera={camera}
            onCamera={setCamera}
            name="current"
          />
          {sideBySide && previousPaint && (
            <HotspotMap
              units={previousPaint.unitFeatures}
              density={previousPaint.densityFeatures}
              legend={previousPaint.legend}
              selected={settings.view === 'density' ? null : selected}
              onSelect={setSelected}
              focus={focus}
              status={settings.view === 'gi' && previousGi && !previousGi.ok ? say(previousGi.reason) : null}
              caption={period ? t('map.previous', { first: period.previous.first, last: period.previous.last }) : null}
              camera={camera}
              onCamera={setCamera}
              name="previous"
            />
          )}
        </div>
        <aside className="hotspots-side">
          <HotspotExports
            adapter={adapter}
            title={t('export.mapTitle', { view: t(`view.${settings.view}`), unit: t(`unit.${settings.unit}`) })}
            period={period?.current ?? null}
            legend={legend}
            synthetic={summary.data?.district?.is_synthetic ?? true}
            table={exportTable}
          />
          <Tabs
            size="small"
            activeKey={tab}
            onChange={setTab}
            items={[
              {
                key: 'analysis',
                label: t('tabs.analysis'),
                children: (
                  <AnalysisPanel
                    units={units}
                    current={current.data ?? null}
                    previous={previous.data ?? null}
                    counts={counted?.counts ?? null}
                    previousCounts={previousCounted?.counts ?? null}
                    outside={counted?.outside ?? 0}
                    rates={rates}
                    gi={gi}
                    emerging={emerging?.ok ? emerging.value : null}
                    selected={selected}
                    say={say}
                  />
                ),
              },
              {
                key: 'ranking',
                label: t('tabs.ranking'),
                children: (
                  <RankingTable
                    target={rankingTarget}
                    onTarget={setRankingTarget}
                    bufferMetres={bufferMetres}
                    onBuffer={setBufferMetres}
                    unitLabel={t(`unit.${settings.unit}`)}
                    ranked={ranked}
                    loading={ranked === null}
                    selected={rankingTarget === 'units' ? (selected !== null && units ? (units.ids[selected] ?? null) : null) : rankedSelected}
                    onSelect={(index) => {
                      if (rankingTarget === 'units') flyTo(index)
                      else if (ranked) {
                        setRankedSelected(ranked.ids[index])
                        setFocus({ bbox: ranked.bboxes[index], key: Date.now() })
                      }
                    }}
                  />
                ),
              },
              {
                key: 'time',
                label: t('tabs.time'),
                children: (
                  <TimePanel
                    state={playbackState}
                    onState={setPlaybackState}
                    steps={playback.steps}
                    step={playback.step}
                    trend={playback.trend}
                    matrix={playback.matrix}
                    selection={selected !== null && units ? (units.names[selected] ?? t('time.district')) : t('time.district')}
                  />
                ),
              },
              {
                key: 'recurring',
                label: t('tabs.recurring'),
                children: (
                  <RecurringPanel
                    outcome={recurring}
                    minimumCount={recurringMinimum}
                    onMinimumCount={setRecurringMinimum}
                    categoryName={(code) => categoryNames.get(code) ?? ''}
                    offsetHours={offsetHours}
                    onFly={(bbox) => setFocus({ bbox, key: Date.now() })}
                    onOpenCases={(ids, label) => navigation?.openCases({ ids, label })}
                  />
                ),
              },
              {
                key: 'emerging',
                label: t('tabs.emerging'),
                children:
                  settings.view !== 'emerging' ? (
                    <p className="muted">
                      {t('emergingTab.pick')}{' '}
                      <button type="button" className="link-button" onClick={() => setSettings({ ...settings, view: 'emerging' })} data-testid="hotspots-run-emerging">
                        {t('emergingTab.run')}
                      </button>
                    </p>
                  ) : emerging?.ok && units ? (
                    <EmergingTable units={units} result={emerging.value} onSelect={flyTo} />
                  ) : (
                    <p className="muted">{emerging ? say(emerging.ok ? '' : emerging.reason) : t('status.loading')}</p>
                  ),
              },
            ]}
          />
        </aside>
      </div>
    </AntdScope>
  )
}
