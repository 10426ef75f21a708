/**
 * 排班: what is selected on the map and who has it; assign it to a cleaner of the team, or to
 * nobody, as one undo step — a whole segment, or (one segment selected) a run of it from/to a
 * measure, which is how a long segment is split between cleaners (the 拆分 tool's click sets
 * the split point). Below, the team's beats on this shift: each cleaner's length and
 * workload (length × the grade's sweeps) against the team's target; a click shows the beat.
 */
import { useMemo, useState } from 'react'
import { Alert, Button, Empty, InputNumber, Progress, Select, Space, Table, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { cleanerWorkloads, teamWorkloads } from '../../domain/roster/workload.ts'
import type { RosterCleaner } from '../../domain/roster/types.ts'
import { formatMetres, formatWorkload } from './format.ts'
import type { RosterPanelProps } from './panel-props.ts'
import { cleanerColour, UNCOVERED_COLOUR } from './roster-layers.ts'
import type { RosterEditor } from './use-roster-editor.ts'

export interface SplitPoint {
  segmentId: number
  /** metres along the segment */
  atM: number
}

export interface AssignPanelProps extends RosterPanelProps {
  editor: RosterEditor
  split: SplitPoint | null
  onSplit: (split: SplitPoint | null) => void
  highlight: number | null
  onHighlight: (cleanerId: number | null) => void
}

/** The team's cleaners who can take this shift: active, home shift this one or any; this shift's first. */
export function shiftCleaners(cleaners: readonly RosterCleaner[], teamId: number, shift: string): RosterCleaner[] {
  return cleaners
    .filter((cleaner) => cleaner.teamId === teamId && cleaner.active && (cleaner.shift === null || cleaner.shift === shift))
    .sort((a, b) => Number(b.shift === shift) - Number(a.shift === shift) || a.employeeNo.localeCompare(b.employeeNo))
}

export function AssignPanel(props: AssignPanelProps) {
  const { t } = useTranslation('roster')
  const { editor, data, team, shift, canEdit, editReason, selectedSegmentIds, split, onSplit, highlight, onHighlight } = props
  const [cleanerId, setCleanerId] = useState<number | null>(null)
  const [range, setRange] = useState<{ segmentId: number; fromM: number; toM: number } | null>(null)

  const workloads = useMemo(() => cleanerWorkloads(editor.values.values(), editor.segments, data.grades), [editor.values, editor.segments, data.grades])
  const teamLoad = useMemo(() => (team ? teamWorkloads(shift, [team], data.cleaners, workloads)[0] : null), [team, shift, data.cleaners, workloads])
  const candidates = useMemo(() => (team ? shiftCleaners(data.cleaners, team.id, shift) : []), [data.cleaners, team, shift])
  const cleanerById = useMemo(() => new Map(data.cleaners.map((cleaner) => [cleaner.id, cleaner])), [data.cleaners])

  const selected = selectedSegmentIds.map((id) => editor.segments.get(id)).filter((segment) => segment !== undefined)
  const totalLength = selected.reduce((sum, segment) => sum + segment.lengthM, 0)
  const single = selected.length === 1 ? selected[0] : null
  // The run of a single segment: the split tool's point starts it; typed values override.
  const run =
    single && range?.segmentId === single.id
      ? range
      : single && split?.segmentId === single.id
        ? { segmentId: single.id, fromM: Math.round(split.atM * 10) / 10, toM: Math.round(single.lengthM * 10) / 10 }
        : single
          ? { segmentId: single.id, fromM: 0, toM: Math.round(single.lengthM * 10) / 10 }
          : null
  const runProblem = run && single && !(run.fromM >= 0 && run.toM <= single.lengthM + 0.05 && run.toM - run.fromM >= 0.5) ? t('assign.badRun', { length: formatMetres(single.lengthM) }) : null

  const apply = (target: number | null) => {
    if (!canEdit) return
    const edits = selected.map((segment) =>
      run && single && segment.id === single.id ? { segmentId: segment.id, fromM: run.fromM, toM: Math.min(run.toM, segment.lengthM), cleanerId: target } : { segmentId: segment.id, fromM: 0, toM: segment.lengthM, cleanerId: target },
    )
    const name = target === null ? t('assign.nobody') : (cleanerById.get(target)?.name ?? String(target))
    const partial = run && single && (run.fromM > 0 || run.toM < single.lengthM - 0.05)
    const label = partial ? t('assign.labelRun', { name, street: single.backStreetName, seq: single.seq, from: run.fromM, to: run.toM }) : t('assign.label', { name, count: edits.length })
    const changed = editor.paint(label, edits)
    editor.setMessage({ kind: 'info', text: changed ? label : t('assign.unchanged') })
    if (changed) {
      setRange(null)
      onSplit(null)
    }
  }

  const holders = (segmentId: number) => {
    const roster = editor.values.get(segmentId)
    if (!roster) return ''
    return roster.pieces
      .map((piece) =>
        piece.cleanerId === null
          ? t('assign.nobodyRun', { from: Math.round(piece.fromM), to: Math.round(piece.toM) })
          : t('assign.holderRun', { name: cleanerById.get(piece.cleanerId)?.name ?? piece.cleanerId, from: Math.round(piece.fromM), to: Math.round(piece.toM) }),
      )
      .join('；')
  }

  const beatRows = (teamLoad?.cleaners ?? []).map((entry) => {
    const cleaner = cleanerById.get(entry.cleanerId)
    const load = workloads.get(entry.cleanerId)
    return {
      key: entry.cleanerId,
      cleanerId: entry.cleanerId,
      name: cleaner ? `${cleaner.name}（${cleaner.employeeNo}）` : String(entry.cleanerId),
      active: cleaner?.active ?? false,
      segments: load?.segmentIds.length ?? 0,
      lengthM: load?.lengthM ?? 0,
      workload: entry.workload,
      deviation: entry.deviation,
    }
  })

  return (
    <div className="roster-panel" data-testid="assign-panel">
      {!canEdit && editReason && <Alert type="info" showIcon title={editReason} />}
      <Typography.Title level={5}>{t('assign.selection', { count: selected.length, metres: formatMetres(totalLength) })}</Typography.Title>
      {selected.length === 0 ? (
        <p className="muted">{t('assign.empty')}</p>
      ) : (
        <ul className="roster-selection" data-testid="assign-selection">
          {selected.slice(0, 8).map((segment) => (
            <li key={segment.id}>
              <strong>{t('segment.name', { street: segment.backStreetName, seq: segment.seq })}</strong> <span className="muted">{t('segment.length', { metres: formatMetres(segment.lengthM) })}</span>
              <div className="muted">{holders(segment.id)}</div>
            </li>
          ))}
          {selected.length > 8 && <li className="muted">{t('assign.more', { count: selected.length - 8 })}</li>}
        </ul>
      )}
      {single && run && (
        <Space className="roster-run" wrap>
          <span>{t('assign.run')}</span>
          <InputNumber
            min={0}
            max={Math.round(single.lengthM * 10) / 10}
            step={1}
            value={run.fromM}
            onChange={(value) => setRange({ ...run, fromM: Number(value ?? 0) })}
            data-testid="assign-from"
            addonAfter={t('unit.m')}
          />
          <span>—</span>
          <InputNumber
            min={0}
            max={Math.round(single.lengthM * 10) / 10}
            step={1}
            value={run.toM}
            onChange={(value) => setRange({ ...run, toM: Number(value ?? 0) })}
            data-testid="assign-to"
            addonAfter={t('unit.m')}
          />
        </Space>
      )}
      {runProblem && <Alert type="warning" showIcon title={runProblem} data-testid="assign-run-problem" />}
      <Space className="roster-assign-actions" wrap>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 260 }}
          placeholder={t('assign.chooseCleaner')}
          value={cleanerId ?? undefined}
          onChange={(value: number) => setCleanerId(value)}
          options={candidates.map((cleaner) => ({
            value: cleaner.id,
            label: t('assign.cleanerOption', {
              name: cleaner.name,
              no: cleaner.employeeNo,
              workload: formatWorkload(workloads.get(cleaner.id)?.workload ?? 0),
              target: formatWorkload(teamLoad?.targetWorkload ?? 0),
            }),
          }))}
          data-testid="assign-cleaner"
          popupMatchSelectWidth={false}
        />
        <Button type="primary" disabled={!canEdit || selected.length === 0 || cleanerId === null || runProblem !== null} onClick={() => apply(cleanerId)} data-testid="assign-button">
          {t('assign.assign')}
        </Button>
        <Button danger disabled={!canEdit || selected.length === 0 || runProblem !== null} onClick={() => apply(null)} data-testid="unassign-button">
          {t('assign.unassign')}
        </Button>
      </Space>
      <Typography.Title level={5} className="roster-beats-title">
        {t('beats.title', { target: formatWorkload(teamLoad?.targetWorkload ?? 0), spread: formatWorkload(teamLoad?.spread ?? 0) })}
      </Typography.Title>
      {beatRows.length === 0 ? (
        <Empty description={t('beats.none')} />
      ) : (
        <Table
          size="small"
          pagination={false}
          scroll={{ y: 320 }}
          dataSource={beatRows}
          data-testid="beats-table"
          rowClassName={(row) => (row.cleanerId === highlight ? 'roster-row-highlight' : '')}
          onRow={(row) => ({
            onClick: () => {
              const next = highlight === row.cleanerId ? null : row.cleanerId
              onHighlight(next)
              if (next !== null) props.onSelectSegments(workloads.get(next)?.segmentIds ?? [])
            },
          })}
          columns={[
            {
              title: t('beats.cleaner'),
              dataIndex: 'name',
              render: (name: string, row) => (
                <span>
                  <span className="roster-swatch" style={{ background: row.active ? cleanerColour(data.cleaners, row.cleanerId) : UNCOVERED_COLOUR }} />
                  {name}
                </span>
              ),
            },
            { title: t('beats.segments'), dataIndex: 'segments', width: 56, align: 'right' },
            { title: t('beats.length'), dataIndex: 'lengthM', width: 72, align: 'right', render: (value: number) => formatMetres(value) },
            {
              title: t('beats.workload'),
              dataIndex: 'deviation',
              width: 120,
              render: (deviation: number, row) => (
                <Progress
                  percent={Math.round(Math.min(150, 100 * (1 + deviation)) / 1.5)}
                  size="small"
                  status={Math.abs(deviation) > 0.1 ? 'exception' : 'normal'}
                  format={() => `${formatWorkload(row.workload)}`}
                />
              ),
            },
          ]}
        />
      )}
    </div>
  )
}
