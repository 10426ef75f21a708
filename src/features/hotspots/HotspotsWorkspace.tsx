/**
 * 热点分析: the manager's desk. Left: what to analyse (period, categories, sources, unit,
 * view, weights). Middle: the map with the chosen view and its fixed legend. Right: the
 * analysis — what Gi* found and every choice it made, the selected unit, rankings against
 * the previous period and emerging hot spots. Every figure is computed in the browser from
 * the cases of the two periods (one read each), with the statistics of src/domain/hotspots.
 */
import { useMemo, useState } from 'react'
import type { MapAdapter } from '../../map/map-adapter.ts'
import type { ExportColumn, ExportRow } from '../shared/export/table-export.ts'
import { HotspotExports } from './HotspotExports.tsx'
import '../shared/export/i18n.ts'
import { Tabs } from 'antd'
import { useTranslation } from 'react-i18next'
import { useAreas, useAssignmentReference, useCategoryDirectory, useDistrictSummary, useRead } from '../../data/hooks.ts'
import { PERIOD_CASES_READ, type PeriodCasesQuery } from '../../data/hotspot-reads.ts'
import { buildCategoryTree } from '../../domain/categories/category-tree.ts'
import { analysisPeriod, presetAnchor, type AnalysisPeriod } from '../../domain/hotspots/analysis-period.ts'
import { parseWeightsSpec, type PolygonGeometry } from '../../domain/hotspots/index.ts'
import { densityCellPolygon } from '../../domain/hotspots/kernel-density.ts'
import { appSettingsFrom } from '../../domain/settings/app-settings.ts'
import { dayRangeToInstants } from '../../domain/time/day-range-to-instants.ts'
import { localDayOf } from '../../domain/time/local-time.ts'
import { formatNumber } from '../../i18n/format.ts'
import { AntdScope } from '../shared/AntdScope.tsx'
import { classBreaks } from './class-breaks.ts'
import { HotspotFilters, DEFAULT_SETTINGS, type HotspotSettings } from './HotspotFilters.tsx'
import { HotspotMap, type HotspotLegend } from './HotspotMap.tsx'
import type { Said } from './hotspot-analysis.ts'
import { DENSITY_RADIUS_METRES, useHotspotAnalysis } from './use-hotspot-analysis.ts'
import { EMERGING_COLOURS, GI_BIN_COLOURS, SEQUENTIAL_COLOURS } from './hotspot-layers.ts'
import { AnalysisPanel } from './AnalysisPanel.tsx'
import { RankingTable } from './RankingTable.tsx'
import { EmergingTable } from './EmergingTable.tsx'
import { codedUnitSet, squareUnitSet, type UnitSet } from './unit-sets.ts'
import './hotspots.css'
import './i18n.ts'

const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] }

function caseQuery(first: string, last: string, settings: HotspotSettings, offsetHours: number): PeriodCasesQuery {
  const { from, to } = dayRangeToInstants(first, last, offsetHours)
  return {
    from: from!,
    to: to!,
    categories: settings.categories.length > 0 ? [...settings.categories].sort() : null,
    sources: settings.sources.length > 0 ? [...settings.sources].sort() : null,
  }
}

function periodOf(settings: HotspotSettings, anchor: string): { period: AnalysisPeriod } | { error: string } {
  try {
    return { period: analysisPeriod(settings.preset, anchor, settings.custom) }
  } catch (error) {
    return { error: (error as Error).message }
  }
}

function useUnitSet(kind: HotspotSettings['unit']): UnitSet | null {
  const grids = useAreas('grid', { limit: 10000 }, { enabled: kind === 'grid' })
  const communities = useAreas('community', {}, { enabled: kind === 'community' })
  const streets = useAreas('street', {}, { enabled: kind === 'street' })
  const district = useAreas('district', {})
  return useMemo(() => {
    if (kind === 'grid') return grids.data ? codedUnitSet('grid', grids.data.features as GeoJSON.Feature[]) : null
    if (kind === 'community') return communities.data ? codedUnitSet('community', communities.data.features as GeoJSON.Feature[]) : null
    if (kind === 'street') return streets.data ? codedUnitSet('street', streets.data.features as GeoJSON.Feature[]) : null
    const outline = district.data?.features[0]?.geometry as PolygonGeometry | undefined
    return outline ? squareUnitSet(outline) : null
  }, [kind, grids.data, communities.data, streets.data, district.data])
}

export function HotspotsWorkspace() {
  const { t, i18n } = useTranslation('hotspots')
  const [settings, setSettings] = useState<HotspotSettings>(DEFAULT_SETTINGS)
  const [selected, setSelected] = useState<number | null>(null)
  const [adapter, setAdapter] = useState<MapAdapter | null>(null)
  const [focus, setFocus] = useState<{ bbox: [number, number, number, number]; key: number } | null>(null)
  const summary = useDistrictSummary()
  const directory = useCategoryDirectory()
  const categories = useMemo(() => buildCategoryTree(directory.data ?? []), [directory.data])
  const reference = useAssignmentReference()
  const offsetHours = appSettingsFrom(reference.data?.settings).timezone_offset_hours
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
  const units = useUnitSet(settings.unit)
  const weights = useMemo(() => parseWeightsSpec(settings.weights), [settings.weights])

  const districtBbox = summary.data?.district?.bbox ?? null
  const { counted, previousCounted, rates, previousRates, gi, emerging, density } = useHotspotAnalysis({
    units,
    current: current.data ?? null,
    previous: previous.data ?? null,
    weights,
    fdr: settings.fdr,
    view: settings.view,
    firstDay,
    lastDay,
    offsetHours,
    districtBbox,
    countLabel: t('value.count'),
    rateLabel: t('value.rate'),
  })

  const language = i18n.language
  const n = (value: number, digits = 0) => formatNumber(value, language, digits)
  const sequentialLegend = (breaks: number[], digits: number): HotspotLegend['entries'] => {
    const entries = [{ colour: 'rgba(242,242,242,0.6)', label: '0' }]
    let low = 0
    breaks.forEach((high, index) => {
      entries.push({ colour: SEQUENTIAL_COLOURS[index + 1], label: `${n(low, digits)} – ${n(high, digits)}` })
      low = high
    })
    entries.push({ colour: SEQUENTIAL_COLOURS[Math.min(breaks.length + 1, SEQUENTIAL_COLOURS.length - 1)], label: `> ${n(low, digits)}` })
    return entries
  }

  // The units as the chosen view colours them, with the legend that says what the colours mean.
  const { unitFeatures, densityFeatures, legend } = useMemo(() => {
    const none = { unitFeatures: EMPTY, densityFeatures: EMPTY, legend: null as HotspotLegend | null }
    if (!units) return none
    const colourOf: (unit: number) => string | null = (() => {
      if (settings.view === 'count' && counted && previousCounted) {
        const classes = classBreaks([counted.counts, previousCounted.counts])
        none.legend = { title: t('legend.count'), entries: sequentialLegend(classes.breaks, 0), note: t('legend.fixedNote') }
        return (unit) => (classes.classOf(counted.counts[unit]) === 0 ? null : SEQUENTIAL_COLOURS[classes.classOf(counted.counts[unit])])
      }
      if (settings.view === 'rate' && rates && previousRates) {
        const classes = classBreaks([rates, previousRates])
        none.legend = { title: t('legend.rate'), entries: sequentialLegend(classes.breaks, 1), note: t('legend.fixedNote') }
        return (unit) => (classes.classOf(rates[unit]) === 0 ? null : SEQUENTIAL_COLOURS[classes.classOf(rates[unit])])
      }
      if (settings.view === 'gi' && gi?.ok) {
        none.legend = {
          title: t('legend.gi'),
          entries: [3, 2, 1, 0, -1, -2, -3].map((bin) => ({ colour: GI_BIN_COLOURS[bin], label: t(`bin.${bin}`) })),
          note: t(settings.fdr ? 'legend.giNoteFdr' : 'legend.giNote'),
        }
        const bins = gi.value.result.bin
        return (unit) => (bins[unit] === 0 ? null : GI_BIN_COLOURS[bins[unit]])
      }
      if (settings.view === 'emerging' && emerging?.ok) {
        const present = new Set(emerging.value.units.map((unit) => unit.category))
        none.legend = {
          title: t('legend.emerging', { steps: emerging.value.steps.length, kind: t(`stepKind.${emerging.value.stepKind}`) }),
          entries: Object.keys(EMERGING_COLOURS)
            .filter((category) => present.has(category as never) && category !== 'no_pattern')
            .map((category) => ({ colour: EMERGING_COLOURS[category], label: t(`emerging.${category}`) })),
        }
        return (unit) => (emerging.value.units[unit].category === 'no_pattern' ? null : EMERGING_COLOURS[emerging.value.units[unit].category])
      }
      return () => null
    })()
    const unitFeatures: GeoJSON.FeatureCollection = {
      type: 'FeatureCollection',
      features: units.geometries.map((geometry, unit) => ({
        type: 'Feature',
        id: unit,
        geometry,
        properties: { colour: colourOf(unit), name: units.names[unit] },
      })),
    }
    let densityFeatures = EMPTY
    if (settings.view === 'density' && density) {
      const { now, classes } = density
      const features: GeoJSON.Feature[] = []
      for (let cell = 0; cell < now.values.length; cell++) {
        const level = classes.classOf(now.values[cell])
        if (level > 1) features.push({ type: 'Feature', id: cell, geometry: densityCellPolygon(now, cell), properties: { colour: SEQUENTIAL_COLOURS[level] } })
      }
      densityFeatures = { type: 'FeatureCollection', features }
      const entries = sequentialLegend(classes.breaks, 0).slice(2)
      none.legend = { title: t('legend.density', { radius: DENSITY_RADIUS_METRES }), entries, note: t('legend.densityNote') }
    }
    return { unitFeatures, densityFeatures, legend: none.legend }
    // sequentialLegend and n follow the language, which t follows.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [units, settings.view, settings.fdr, counted, previousCounted, rates, previousRates, gi, emerging, density, t])

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
        <HotspotMap
          units={settings.view === 'density' ? EMPTY : unitFeatures}
          density={densityFeatures}
          legend={legend}
          selected={settings.view === 'density' ? null : selected}
          onSelect={setSelected}
          focus={focus}
          status={status}
          onAdapter={setAdapter}
        />
        <aside className="hotspots-side">
          <HotspotExports
            adapter={adapter}
            title={t('export.mapTitle', { view: t(`view.${settings.view}`), unit: t(`unit.${settings.unit}`) })}
            period={period?.current ?? null}
            legend={legend}
            synthetic={summary.data?.district?.is_synthetic ?? true}
            table={table}
          />
          <Tabs
            size="small"
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
                children:
                  units && counted && previousCounted && rates ? (
                    <RankingTable units={units} counts={counted.counts} previousCounts={previousCounted.counts} rates={rates} selected={selected} onSelect={flyTo} />
                  ) : (
                    <p className="muted">{t('status.loading')}</p>
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
