/**
 * 导出: the team's roster of this shift as an XLSX workbook (cleaner, segments with street
 * names and lengths, workload, a subtotal per cleaner), and printable A4 beat sheets — one
 * cleaner's or every cleaner's of the shift, one per page — shown first, then printed with
 * the browser (a printer or "save as PDF"). What is exported is the roster as it stands in
 * the editor; unsaved changes are said to be in it.
 */
import { useMemo, useState } from 'react'
import { Alert, Button, Modal, Select, Space, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { beatSummary } from '../../domain/roster/workload.ts'
import { buildRosterWorkbook } from '../../domain/roster/xlsx-export.ts'
import type { RosterSegment } from '../../domain/roster/types.ts'
import { downloadBlob, exportFileName } from '../shared/export/table-export.ts'
import { shiftCleaners } from './AssignPanel.tsx'
import { BeatSheet } from './BeatSheet.tsx'
import type { RosterPanelProps } from './panel-props.ts'
import type { RosterEditor } from './use-roster-editor.ts'

export interface ExportPanelProps extends RosterPanelProps {
  editor: RosterEditor
  teamSegments: readonly RosterSegment[]
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export function ExportPanel(props: ExportPanelProps) {
  const { t } = useTranslation('roster')
  const { editor, data, team, shift, day, teamSegments } = props
  const [sheetsFor, setSheetsFor] = useState<number | 'all' | null>(null)
  const [choice, setChoice] = useState<number | 'all'>('all')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const shiftDef = data.shifts.find((candidate) => candidate.code === shift)
  // Everyone holding a piece on this shift, and the shift's cleaners without one (an empty sheet says so).
  const cleaners = useMemo(() => {
    if (!team) return []
    const holding = new Set<number>()
    for (const roster of editor.values.values()) for (const piece of roster.pieces) if (piece.cleanerId !== null) holding.add(piece.cleanerId)
    const listed = new Map(shiftCleaners(data.cleaners, team.id, shift).map((cleaner) => [cleaner.id, cleaner]))
    for (const cleaner of data.cleaners) if (holding.has(cleaner.id)) listed.set(cleaner.id, cleaner)
    return [...listed.values()].sort((a, b) => a.employeeNo.localeCompare(b.employeeNo))
  }, [data.cleaners, team, shift, editor.values])

  const exportXlsx = async () => {
    if (!team || !shiftDef) return
    setError(null)
    setBusy(true)
    try {
      const bytes = await buildRosterWorkbook({
        teams: [team],
        cleaners: data.cleaners,
        segments: editor.segments,
        grades: data.grades,
        shifts: [shiftDef],
        rostersByShift: { [shift]: editor.values.values() },
      })
      downloadBlob(new Blob([bytes as BlobPart], { type: XLSX_TYPE }), exportFileName(t('export.fileName', { team: team.name, shift: shiftDef.name, day }), 'xlsx'))
    } catch (cause) {
      setError((cause as Error).message)
    } finally {
      setBusy(false)
    }
  }

  const sheets = sheetsFor === null || !team || !shiftDef ? [] : cleaners.filter((cleaner) => sheetsFor === 'all' || cleaner.id === sheetsFor)

  return (
    <div className="roster-panel" data-testid="export-panel">
      {editor.dirty && <Alert type="warning" showIcon title={t('export.unsaved')} />}
      <Typography.Title level={5}>{t('export.xlsxTitle')}</Typography.Title>
      <p className="muted">{t('export.xlsxHelp')}</p>
      <Button onClick={() => void exportXlsx()} loading={busy} disabled={!team || !shiftDef} data-testid="export-xlsx">
        {t('export.xlsx')}
      </Button>
      {error && <Alert type="error" showIcon title={error} />}
      <Typography.Title level={5}>{t('export.sheetsTitle')}</Typography.Title>
      <p className="muted">{t('export.sheetsHelp')}</p>
      <Space wrap>
        <Select
          style={{ width: 240 }}
          value={choice}
          onChange={(value: number | 'all') => setChoice(value)}
          options={[{ value: 'all' as const, label: t('export.allCleaners', { count: cleaners.length }) }, ...cleaners.map((cleaner) => ({ value: cleaner.id, label: `${cleaner.name}（${cleaner.employeeNo}）` }))]}
          data-testid="export-sheet-cleaner"
          showSearch={{ optionFilterProp: 'label' }}
        />
        <Button onClick={() => setSheetsFor(choice)} disabled={!team || cleaners.length === 0} data-testid="export-sheets">
          {t('export.sheets')}
        </Button>
      </Space>
      <Modal
        open={sheetsFor !== null}
        onCancel={() => setSheetsFor(null)}
        width={820}
        title={t('export.sheetsTitle')}
        footer={[
          <Button key="close" onClick={() => setSheetsFor(null)}>
            {t('export.close')}
          </Button>,
          <Button key="print" type="primary" onClick={() => window.print()} data-testid="export-print">
            {t('export.print')}
          </Button>,
        ]}
      >
        <div className="beat-sheets" data-testid="beat-sheets">
          {team &&
            shiftDef &&
            sheets.map((cleaner) => (
              <BeatSheet
                key={cleaner.id}
                cleaner={cleaner}
                team={team}
                shift={shiftDef}
                day={day}
                beat={beatSummary(cleaner.id, editor.values.values(), editor.segments, data.grades)}
                segments={teamSegments}
                rosters={editor.values}
              />
            ))}
        </div>
      </Modal>
    </div>
  )
}
