/**
 * What the manager analyses: the period (presets ending on the newest day the data reach,
 * or custom days), the 大类→小类 tree (several may be ticked), the sources, the unit of
 * analysis, what the map shows, and the Gi* weights and FDR choice.
 */
import { useMemo } from 'react'
import { Checkbox, DatePicker, Form, Radio, Select, Switch, TreeSelect } from 'antd'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { INCIDENT_SOURCES } from '../../data/schemas.ts'
import type { CategoryMajor } from '../../domain/categories/category-tree.ts'
import { PERIOD_PRESETS, type DayRange, type PeriodPreset } from '../../domain/hotspots/analysis-period.ts'
import { UNIT_KINDS, type UnitKind } from './unit-sets.ts'

export const VIEWS = ['density', 'count', 'rate', 'difference', 'gi', 'emerging'] as const
/** Views that can show the previous period beside this one, on the same scale. */
export const SIDE_BY_SIDE_VIEWS: readonly HotspotView[] = ['density', 'count', 'rate', 'gi']
export type HotspotView = (typeof VIEWS)[number]
export const WEIGHT_CHOICES = ['queen', 'rook', 'knn:8', 'distance:1000'] as const

export interface HotspotSettings {
  preset: PeriodPreset
  custom: DayRange | null
  categories: string[]
  sources: string[]
  unit: UnitKind
  view: HotspotView
  weights: (typeof WEIGHT_CHOICES)[number]
  fdr: boolean
  /** the previous period on a second map beside this one */
  sideBySide: boolean
}

export const DEFAULT_SETTINGS: HotspotSettings = {
  preset: 'last90',
  custom: null,
  categories: [],
  sources: [],
  unit: 'square',
  view: 'gi',
  weights: 'queen',
  fdr: true,
  sideBySide: false,
}

const DAY_FORMAT = 'YYYY-MM-DD'

export function HotspotFilters({
  settings,
  onChange,
  categories,
  period,
  anchorNote,
}: {
  settings: HotspotSettings
  onChange: (settings: HotspotSettings) => void
  categories: CategoryMajor[]
  period: { current: DayRange; previous: DayRange } | null
  anchorNote: string | null
}) {
  const { t } = useTranslation('hotspots')
  const set = (patch: Partial<HotspotSettings>) => onChange({ ...settings, ...patch })
  const tree = useMemo(
    () =>
      categories.map((major) => ({
        value: major.code,
        title: `${major.code} ${major.name}`,
        children: major.children.map((child) => ({ value: child.code, title: `${child.code} ${child.name}` })),
      })),
    [categories],
  )

  return (
    <section className="hotspots-section" aria-labelledby="hotspots-filters-title">
      <h2 id="hotspots-filters-title">{t('filters.title')}</h2>
      <Form layout="vertical" size="small" component="div">
        <Form.Item label={t('filters.period')}>
          <Select<PeriodPreset>
            value={settings.preset}
            options={PERIOD_PRESETS.map((preset) => ({ value: preset, label: t(`preset.${preset}`) }))}
            onChange={(preset) => set({ preset, custom: preset === 'custom' ? (settings.custom ?? period?.current ?? null) : null })}
            data-testid="hotspots-preset"
          />
          {settings.preset === 'custom' && (
            <DatePicker.RangePicker
              className="hotspots-range"
              format={DAY_FORMAT}
              allowClear={false}
              value={settings.custom ? [dayjs(settings.custom.first), dayjs(settings.custom.last)] : null}
              onChange={(values) => {
                if (values?.[0] && values[1]) set({ custom: { first: values[0].format(DAY_FORMAT), last: values[1].format(DAY_FORMAT) } })
              }}
            />
          )}
          {period && (
            <p className="muted hotspots-period" data-testid="hotspots-period">
              {t('filters.periodDays', { first: period.current.first, last: period.current.last })}
              <br />
              {t('filters.previousDays', { first: period.previous.first, last: period.previous.last })}
              {anchorNote && (
                <>
                  <br />
                  {anchorNote}
                </>
              )}
            </p>
          )}
        </Form.Item>
        <Form.Item label={t('filters.categories')}>
          <TreeSelect
            multiple
            treeCheckable
            showCheckedStrategy={TreeSelect.SHOW_PARENT}
            allowClear
            placeholder={t('filters.allCategories')}
            treeData={tree}
            value={settings.categories}
            onChange={(values: string[]) => set({ categories: values })}
            maxTagCount={3}
            data-testid="hotspots-categories"
          />
        </Form.Item>
        <Form.Item label={t('filters.sources')}>
          <Checkbox.Group
            className="hotspots-sources"
            value={settings.sources}
            options={INCIDENT_SOURCES.map((source) => ({ value: source, label: t(`source.${source}`) }))}
            onChange={(sources) => set({ sources: sources as string[] })}
          />
        </Form.Item>
        <Form.Item label={t('filters.unit')}>
          <Radio.Group
            optionType="button"
            value={settings.unit}
            options={UNIT_KINDS.map((unit) => ({ value: unit, label: t(`unit.${unit}`) }))}
            onChange={(event) => set({ unit: event.target.value as UnitKind })}
            data-testid="hotspots-unit"
          />
        </Form.Item>
        <Form.Item label={t('filters.view')}>
          <Radio.Group
            value={settings.view}
            className="hotspots-views"
            options={VIEWS.map((view) => ({ value: view, label: t(`view.${view}`) }))}
            onChange={(event) => set({ view: event.target.value as HotspotView })}
            data-testid="hotspots-view"
          />
          <Checkbox
            className="hotspots-side-by-side"
            checked={settings.sideBySide}
            disabled={!SIDE_BY_SIDE_VIEWS.includes(settings.view)}
            onChange={(event) => set({ sideBySide: event.target.checked })}
            data-testid="hotspots-side-by-side"
          >
            {t('filters.sideBySide')}
          </Checkbox>
        </Form.Item>
        <Form.Item label={t('filters.weights')}>
          <Select
            value={settings.weights}
            options={WEIGHT_CHOICES.map((weights) => ({ value: weights, label: t(`weights.${weights.replace(':', '_')}`) }))}
            onChange={(weights) => set({ weights })}
          />
        </Form.Item>
        <Form.Item label={t('filters.fdr')}>
          <Switch checked={settings.fdr} onChange={(fdr) => set({ fdr })} /> <span className="muted">{t(settings.fdr ? 'filters.fdrOn' : 'filters.fdrOff')}</span>
        </Form.Item>
      </Form>
    </section>
  )
}
