/**
 * Exports of the analysis: the map as a PNG with its title, legend, scale, period and data
 * source, and the units' table (counts of both periods, change, rate, Gi* z, p, p_fdr and
 * class, emerging category when computed) as CSV or XLSX. Every export says what it did.
 */
import { useState } from 'react'
import { Button, Space } from 'antd'
import { useTranslation } from 'react-i18next'
import type { MapAdapter } from '../../map/map-adapter.ts'
import { mapExportLabels } from '../shared/export/i18n.ts'
import { mapExportPng } from '../shared/export/map-image.ts'
import { csvBlob, downloadBlob, exportFileName, tableToCsv, tableToXlsx, type ExportColumn, type ExportRow } from '../shared/export/table-export.ts'
import type { HotspotLegend } from './HotspotMap.tsx'

export interface HotspotExportsProps {
  adapter: MapAdapter | null
  /** what the map shows, e.g. 热点分析：Gi* 热点（250 米方格） */
  title: string
  period: { first: string; last: string } | null
  legend: HotspotLegend | null
  synthetic: boolean
  table: { name: string; columns: ExportColumn[]; rows: ExportRow[] } | null
}

export function HotspotExports({ adapter, title, period, legend, synthetic, table }: HotspotExportsProps) {
  const { t } = useTranslation('export')
  const { t: th } = useTranslation('hotspots')
  const [message, setMessage] = useState<{ text: string; failed: boolean } | null>(null)

  const run = async (work: () => Promise<string>) => {
    setMessage({ text: t('actions.working'), failed: false })
    try {
      const file = await work()
      setMessage({ text: t('actions.done', { file }), failed: false })
    } catch (error) {
      setMessage({ text: t('actions.failed', { message: (error as Error).message }), failed: true })
    }
  }

  const exportMap = () =>
    run(async () => {
      if (!adapter) throw new Error(th('export.noMap'))
      const image = await adapter.captureImage()
      const source = th('export.source')
      const blob = await mapExportPng(image, {
        title,
        period: period ? t('map.period', { from: period.first, to: period.last }) : null,
        source: synthetic ? t('map.sourceSynthetic', { source }) : t('map.source', { source }),
        legendTitle: legend?.title ?? null,
        legend: (legend?.entries ?? []).map((entry) => ({ label: entry.label, colour: entry.colour })),
        ...mapExportLabels(t),
      })
      const file = exportFileName(title, 'png')
      downloadBlob(blob, file)
      return file
    })

  const exportTable = (format: 'csv' | 'xlsx') =>
    run(async () => {
      if (!table) throw new Error(th('export.noTable'))
      const blob = format === 'csv' ? csvBlob(tableToCsv(table.columns, table.rows)) : await tableToXlsx(table.name, table.columns, table.rows)
      const file = exportFileName(table.name, format)
      downloadBlob(blob, file)
      return file
    })

  return (
    <section className="hotspots-exports" aria-label={th('export.title')}>
      <Space wrap size={4}>
        <Button size="small" onClick={exportMap} disabled={!adapter} data-testid="hotspots-export-png">
          {t('actions.mapPng')}
        </Button>
        <Button size="small" onClick={() => exportTable('csv')} disabled={!table} data-testid="hotspots-export-csv">
          {t('actions.tableCsv')}
        </Button>
        <Button size="small" onClick={() => exportTable('xlsx')} disabled={!table} data-testid="hotspots-export-xlsx">
          {t('actions.tableXlsx')}
        </Button>
      </Space>
      {message && (
        <p className={message.failed ? 'hotspots-refusal' : 'muted'} role="status" data-testid="hotspots-export-status">
          {message.text}
        </p>
      )}
    </section>
  )
}
