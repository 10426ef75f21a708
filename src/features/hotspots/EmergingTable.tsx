/**
 * Units with an emerging hot- or cold-spot pattern, grouped by category in ArcGIS's order,
 * with the Mann–Kendall trend of their z series; a click flies the map to the unit.
 */
import { useMemo } from 'react'
import { Table } from 'antd'
import { useTranslation } from 'react-i18next'
import { EMERGING_CATEGORIES } from '../../domain/hotspots/index.ts'
import { formatNumber } from '../../i18n/format.ts'
import type { EmergingOutcome } from './hotspot-analysis.ts'
import { EMERGING_COLOURS } from './hotspot-layers.ts'
import type { UnitSet } from './unit-sets.ts'

interface Row {
  unit: number
  name: string
  category: (typeof EMERGING_CATEGORIES)[number]
  tau: number
  p: number
  hotSteps: number
  coldSteps: number
}

export function EmergingTable({ units, result, onSelect }: { units: UnitSet; result: EmergingOutcome; onSelect: (unit: number) => void }) {
  const { t, i18n } = useTranslation('hotspots')
  const n = (value: number, digits = 0) => formatNumber(value, i18n.language, digits)
  const rows = useMemo(() => {
    const order = new Map(EMERGING_CATEGORIES.map((category, index) => [category, index]))
    return result.units
      .map((entry, unit): Row => ({ unit, name: units.names[unit], category: entry.category, tau: entry.trend.tau, p: entry.trend.p, hotSteps: entry.hotSteps, coldSteps: entry.coldSteps }))
      .filter((row) => row.category !== 'no_pattern')
      .sort((a, b) => order.get(a.category)! - order.get(b.category)! || b.hotSteps - a.hotSteps || a.unit - b.unit)
  }, [result, units])

  return (
    <>
      <p className="muted" data-testid="hotspots-emerging-summary">
        {t('emergingTab.summary', { steps: result.steps.length, kind: t(`stepKind.${result.stepKind}`), units: n(result.summary.units), patterned: n(rows.length) })}
      </p>
      <Table<Row>
        size="small"
        rowKey="unit"
        dataSource={rows}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        onRow={(row) => ({ onClick: () => onSelect(row.unit) })}
        data-testid="hotspots-emerging"
        columns={[
          {
            key: 'category',
            title: t('emergingTab.category'),
            render: (_, row) => (
              <>
                <span className="hotspots-swatch" style={{ background: EMERGING_COLOURS[row.category] }} />
                {t(`emerging.${row.category}`)}
              </>
            ),
          },
          { key: 'name', title: t(`unit.${units.kind}`), dataIndex: 'name', ellipsis: true },
          { key: 'hot', title: t('emergingTab.hotSteps'), align: 'right', render: (_, row) => n(row.category.endsWith('cold') ? row.coldSteps : row.hotSteps) },
          { key: 'trend', title: t('emergingTab.trend'), align: 'right', render: (_, row) => (Number.isFinite(row.tau) ? `τ ${n(row.tau, 2)} · p ${row.p.toPrecision(2)}` : '—') },
        ]}
      />
    </>
  )
}
