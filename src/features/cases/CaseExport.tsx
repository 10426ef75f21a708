/**
 * 导出 XLSX of the case list: the whole filtered list in the table's order, read 5,000 rows a
 * call with a progress bar and a cancel button, then written and downloaded as
 * 案件列表-YYYYMMDD.xlsx (case-export.ts). Too many rows are refused before anything is read.
 */
import { useRef, useState } from 'react'
import { Button, Progress } from 'antd'
import { useTranslation } from 'react-i18next'
import { useRepository } from '../../data/hooks.ts'
import type { CaseListQuery } from '../../data/repository.ts'
import { caseStatusLabel } from '../../i18n/case-labels.ts'
import { formatNumber } from '../../i18n/format.ts'
import { downloadBlob, tableToXlsx } from '../shared/export/table-export.ts'
import {
  CASE_EXPORT_KEYS,
  ExportCancelled,
  caseExportColumns,
  caseExportFileName,
  caseExportRow,
  exportRefusal,
  fetchAllCases,
  type CaseExportLabels,
} from './case-export.ts'
import { remainingText, remainingTime } from './case-table-columns.ts'
import { useRemainingWords } from './use-remaining-words.ts'

type ExportState =
  | { kind: 'idle' }
  | { kind: 'reading'; done: number; total: number }
  | { kind: 'writing'; total: number }
  | { kind: 'message'; text: string; failed: boolean }

export interface CaseExportProps {
  query: CaseListQuery
  /** the list's total as the table shows it; null while it loads */
  total: number | null
  offsetHours: number
}

export function CaseExport({ query, total, offsetHours }: CaseExportProps) {
  const { t, i18n } = useTranslation('cases')
  const language = i18n.language
  const repository = useRepository()
  const words = useRemainingWords()
  const [state, setState] = useState<ExportState>({ kind: 'idle' })
  const controller = useRef<AbortController | null>(null)
  const busy = state.kind === 'reading' || state.kind === 'writing'

  const start = async () => {
    if (total === null || busy) return
    const refusal = exportRefusal(total)
    if (refusal) {
      setState({
        kind: 'message',
        failed: true,
        text: refusal.kind === 'empty' ? t('export.empty') : t('export.tooMany', { total: formatNumber(refusal.total, language), max: formatNumber(refusal.max, language) }),
      })
      return
    }
    const abort = new AbortController()
    controller.current = abort
    setState({ kind: 'reading', done: 0, total })
    try {
      const rows = await fetchAllCases((offset, limit) => repository.cases({ ...query, offset, limit }), {
        total,
        signal: abort.signal,
        onProgress: (done, all) => setState({ kind: 'reading', done, total: all }),
      })
      setState({ kind: 'writing', total: rows.length })
      const labels: CaseExportLabels = {
        headers: Object.fromEntries(CASE_EXPORT_KEYS.map((key) => [key, t(`export.headers.${key}`)])) as CaseExportLabels['headers'],
        source: (source) => t(`source.${source}`),
        status: (status) => caseStatusLabel(status),
        closure: (closure) => t(`closure.${closure}`),
        yes: t('export.yes'),
        no: t('export.no'),
        remaining: (row, nowMs) => remainingText(remainingTime(row, nowMs), words),
      }
      const now = Date.now()
      const blob = await tableToXlsx(t('export.sheet'), caseExportColumns(labels), rows.map((row) => caseExportRow(row, labels, now)), { utcOffsetHours: offsetHours })
      if (abort.signal.aborted) throw new ExportCancelled()
      const file = caseExportFileName(now, offsetHours)
      downloadBlob(blob, file)
      setState({ kind: 'message', failed: false, text: t('export.done', { formatted: formatNumber(rows.length, language), file }) })
    } catch (error) {
      setState(
        error instanceof ExportCancelled
          ? { kind: 'message', failed: false, text: t('export.cancelled') }
          : { kind: 'message', failed: true, text: t('export.failed', { message: (error as Error).message }) },
      )
    } finally {
      controller.current = null
    }
  }

  return (
    <span className="case-export">
      <Button size="small" onClick={start} disabled={total === null || busy} data-testid="case-export">
        {t('export.button')}
      </Button>
      {state.kind === 'reading' && (
        <span className="case-export-progress" role="status" data-testid="case-export-progress">
          <Progress size="small" percent={state.total > 0 ? Math.floor((state.done / state.total) * 100) : 0} showInfo={false} />
          <span>{t('export.progress', { done: formatNumber(state.done, language), total: formatNumber(state.total, language) })}</span>
        </span>
      )}
      {state.kind === 'writing' && (
        <span className="case-export-progress" role="status" data-testid="case-export-progress">
          {t('export.writing', { total: formatNumber(state.total, language) })}
        </span>
      )}
      {busy && (
        <Button size="small" danger onClick={() => controller.current?.abort()} data-testid="case-export-cancel">
          {t('export.cancel')}
        </Button>
      )}
      {state.kind === 'message' && (
        <span className={state.failed ? 'form-error case-export-message' : 'form-ok case-export-message'} role={state.failed ? 'alert' : 'status'} data-testid="case-export-message">
          {state.text}
        </span>
      )}
    </span>
  )
}
