/**
 * 设施包干: who answers for each 垃圾装车点, 压缩站, 公厕 and 转运站 of the team's area on the day
 * shown — counts per kind (with a responsible person, with a deputy, nobody in red), the
 * facilities in a filterable table where the responsible person and deputy are chosen among
 * the team's active cleaners (facility_duty_set, based on the version shown), and an XLSX
 * import (facility_duty_import) sent only when every row is valid. A refusal of the database
 * is shown as it words it; nothing is written then.
 */
import { useMemo, useState } from 'react'
import { Alert, Button, Checkbox, Input, Select, Space, Table, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useTranslation } from 'react-i18next'
import { useRead } from '../../data/hooks.ts'
import { FACILITY_DUTIES_READ, ROSTER_RPC, type FacilityDuty } from '../../data/roster-reads.ts'
import {
  DUTY_KINDS,
  dutiesOfTeam,
  dutyPairProblem,
  dutyRowsFromTable,
  dutySetRow,
  dutySummary,
  filterDuties,
  type DutyCounts,
  type DutyImportPayload,
  type DutyKind,
} from './facilities-duties.ts'
import './i18n.ts'
import type { RosterPanelProps } from './panel-props.ts'
import { readRosterSheet, type ImportResult } from './people-import.ts'
import { useRosterWrite } from './people-write.ts'
import { Guarded, ImportButton, ImportPreview, importPreviewText } from './ImportPreview.tsx'

interface Pair {
  cleanerId: number | null
  deputyId: number | null
}


export function FacilitiesPanel(props: RosterPanelProps) {
  const { t } = useTranslation('roster')
  const { data, team, day, canEdit, editReason } = props
  const duties = useRead(FACILITY_DUTIES_READ, [day])
  const write = useRosterWrite()
  const [kind, setKind] = useState<DutyKind | null>(null)
  const [nobodyOnly, setNobodyOnly] = useState(false)
  const [text, setText] = useState('')
  // Unsaved choices per facility; dropped once saved (the read then shows them).
  const [edits, setEdits] = useState<ReadonlyMap<number, Pair>>(new Map())
  const [notice, setNotice] = useState<string | null>(null)
  const [preview, setPreview] = useState<{ file: string; result: ImportResult<DutyImportPayload> } | null>(null)
  const [readError, setReadError] = useState<string | null>(null)

  const noEdit = canEdit ? null : (editReason ?? t('people.chooseTeam'))
  const all = useMemo(() => duties.data ?? [], [duties.data])
  const ofTeam = useMemo(() => dutiesOfTeam(all, team), [all, team])
  const summary = useMemo(() => dutySummary(ofTeam), [ofTeam])
  const shown = useMemo(() => filterDuties(ofTeam, { kind, nobodyOnly, text }), [ofTeam, kind, nobodyOnly, text])

  const candidates = useMemo(
    () =>
      data.cleaners
        .filter((cleaner) => cleaner.active && (team ? cleaner.teamId === team.id : true))
        .sort((a, b) => a.employeeNo.localeCompare(b.employeeNo, 'zh-CN', { numeric: true }))
        .map((cleaner) => ({ value: cleaner.id, label: `${cleaner.name}（${cleaner.employeeNo}）` })),
    [data.cleaners, team],
  )
  // The chosen person shows by name only (the column is narrow); the list shows 姓名（工号）.
  const shortLabel = ({ value, label }: { value: unknown; label?: React.ReactNode }) => data.cleaners.find((cleaner) => cleaner.id === value)?.name ?? label
  const optionsFor = (current: number | null, name: string | null) =>
    current === null || candidates.some((option) => option.value === current) ? candidates : [{ value: current, label: t('facilities.inactiveOrOther', { name: name ?? `#${current}` }) }, ...candidates]

  const pairOf = (duty: FacilityDuty): Pair => edits.get(duty.facilityId) ?? { cleanerId: duty.cleanerId, deputyId: duty.deputyId }
  const isChanged = (duty: FacilityDuty) => {
    const pair = edits.get(duty.facilityId)
    return pair !== undefined && (pair.cleanerId !== duty.cleanerId || pair.deputyId !== duty.deputyId)
  }
  const changed = ofTeam.filter(isChanged)
  const problemOf = (pair: Pair) => {
    const problem = dutyPairProblem(pair.cleanerId, pair.deputyId)
    return problem ? t(`facilities.problem.${problem}`) : null
  }
  const edit = (duty: FacilityDuty, patch: Partial<Pair>) => {
    const next = new Map(edits)
    next.set(duty.facilityId, { ...pairOf(duty), ...patch })
    setEdits(next)
  }

  const save = async (list: FacilityDuty[]) => {
    setNotice(null)
    const rows = list.map((duty) => {
      const pair = pairOf(duty)
      return dutySetRow(duty, pair.cleanerId, pair.deputyId)
    })
    const result = await write.run(ROSTER_RPC.facilityDutySet, { p_day: day, p_rows: rows })
    if (result === undefined) return
    const next = new Map(edits)
    for (const duty of list) next.delete(duty.facilityId)
    setEdits(next)
    setNotice(t('facilities.saved', { count: list.length }))
  }
  const saveAllProblem = noEdit ?? (changed.length === 0 ? t('facilities.problem.unchanged') : (changed.map((duty) => problemOf(pairOf(duty))).find((problem) => problem !== null) ?? null))

  const choose = async (file: File) => {
    setPreview(null)
    setReadError(null)
    setNotice(null)
    write.clear()
    try {
      const table = await readRosterSheet(file)
      setPreview({ file: file.name, result: dutyRowsFromTable(table, duties.data ? new Set(all.map((duty) => duty.name)) : null) })
    } catch (caught) {
      setReadError(t('people.readFailed', { message: caught instanceof Error ? caught.message : String(caught) }))
    }
  }
  const importRows = async () => {
    if (!preview || preview.result.errors.length > 0 || preview.result.rows.length === 0) return
    const result = await write.run(ROSTER_RPC.facilityDutyImport, { p_day: day, p_rows: preview.result.rows })
    if (result === undefined) return
    setNotice(t('facilities.preview.done', { count: preview.result.rows.length }))
    setPreview(null)
  }

  const columns: ColumnsType<FacilityDuty> = [
    {
      title: t('facilities.column.name'),
      dataIndex: 'name',
      render: (name: string, duty) => (
        <div data-testid={`facility-row-${duty.facilityId}`}>
          <div>{name}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`facilities.kind.${duty.kind}`, { defaultValue: duty.kind })}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('facilities.column.responsible'),
      key: 'responsible',
      width: 112,
      render: (_, duty) => {
        const pair = pairOf(duty)
        return (
          <Select<number | null>
            size="small"
            style={{ width: '100%' }}
            popupMatchSelectWidth={false}
            labelRender={shortLabel}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={<Typography.Text type="danger">{t('facilities.nobody')}</Typography.Text>}
            value={pair.cleanerId ?? undefined}
            options={optionsFor(duty.cleanerId, duty.cleanerName)}
            disabled={noEdit !== null}
            onChange={(value) => edit(duty, { cleanerId: value ?? null })}
            data-testid={`facility-responsible-${duty.facilityId}`}
          />
        )
      },
    },
    {
      title: t('facilities.column.deputy'),
      key: 'deputy',
      width: 112,
      render: (_, duty) => {
        const pair = pairOf(duty)
        return (
          <Select<number | null>
            size="small"
            style={{ width: '100%' }}
            popupMatchSelectWidth={false}
            labelRender={shortLabel}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('facilities.nobody')}
            value={pair.deputyId ?? undefined}
            options={optionsFor(duty.deputyId, duty.deputyName)}
            disabled={noEdit !== null}
            onChange={(value) => edit(duty, { deputyId: value ?? null })}
            data-testid={`facility-deputy-${duty.facilityId}`}
          />
        )
      },
    },
    {
      title: t('facilities.column.actions'),
      key: 'actions',
      width: 48,
      render: (_, duty) => {
        const reason = noEdit ?? (isChanged(duty) ? problemOf(pairOf(duty)) : t('facilities.problem.unchanged'))
        return (
          <Guarded reason={reason}>
            <Button size="small" type="link" style={{ padding: 0 }} disabled={reason !== null || write.pending} onClick={() => void save([duty])} data-testid={`facility-duty-save-${duty.facilityId}`}>
              {t('facilities.save')}
            </Button>
          </Guarded>
        )
      },
    },
  ]

  const summaryRows: (DutyCounts & { key: string; label: string })[] = [
    ...DUTY_KINDS.map((value) => ({ key: value, label: t(`facilities.kind.${value}`), ...summary.byKind[value] })),
    { key: 'all', label: t('facilities.summary.all'), ...summary.total },
  ]

  return (
    <div className="roster-facilities-panel" data-testid="facilities-panel">
      <p className="muted">{team ? t('facilities.area', { team: team.name }) : t('facilities.areaAll')}</p>
      {duties.error && <Alert type="error" showIcon title={duties.error.message} data-testid="facilities-read-error" />}
      {duties.isLoading && <p className="muted">{t('facilities.loading')}</p>}
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        loading={duties.isLoading}
        dataSource={summaryRows}
        data-testid="facilities-summary"
        columns={[
          { title: t('facilities.summary.kind'), dataIndex: 'label' },
          { title: t('facilities.summary.total'), dataIndex: 'total', align: 'right' },
          { title: t('facilities.summary.withResponsible'), dataIndex: 'withResponsible', align: 'right' },
          { title: t('facilities.summary.withDeputy'), dataIndex: 'withDeputy', align: 'right' },
          {
            title: t('facilities.summary.nobody'),
            dataIndex: 'nobody',
            align: 'right',
            render: (value: number, row) => (
              <Typography.Text type={value > 0 ? 'danger' : undefined} strong={value > 0} data-testid={row.key === 'all' ? undefined : `facilities-nobody-${row.key}`}>
                {value}
              </Typography.Text>
            ),
          },
        ]}
      />
      {duties.data && (
        <Alert
          style={{ margin: '8px 0' }}
          type={summary.total.nobody > 0 ? 'error' : 'success'}
          showIcon
          title={
            <span>
              {t('facilities.nobodyLabel')}
              <Typography.Text type={summary.total.nobody > 0 ? 'danger' : undefined} strong data-testid="facilities-nobody-count">
                {summary.total.nobody}
              </Typography.Text>
              {t('facilities.nobodyUnit')}
              {summary.total.nobody === 0 && `（${t('facilities.allCovered')}）`}
            </span>
          }
          action={
            summary.total.nobody > 0 ? (
              <Button size="small" onClick={() => setNobodyOnly(true)} data-testid="facilities-show-nobody">
                {t('facilities.filter.nobodyOnly')}
              </Button>
            ) : undefined
          }
        />
      )}

      <Space wrap style={{ margin: '4px 0 8px' }}>
        <Select<DutyKind | null>
          size="small"
          style={{ width: 130 }}
          allowClear
          placeholder={t('facilities.filter.kind')}
          value={kind ?? undefined}
          options={DUTY_KINDS.map((value) => ({ value, label: t(`facilities.kind.${value}`) }))}
          onChange={(value) => setKind(value ?? null)}
          data-testid="facilities-kind-filter"
        />
        <Checkbox checked={nobodyOnly} onChange={(event) => setNobodyOnly(event.target.checked)} data-testid="facilities-nobody-only">
          {t('facilities.filter.nobodyOnly')}
        </Checkbox>
        <Input.Search size="small" allowClear style={{ width: 160 }} placeholder={t('facilities.filter.search')} value={text} onChange={(event) => setText(event.target.value)} data-testid="facilities-search" />
      </Space>

      {write.error && <Alert type="error" showIcon closable={{ onClose: write.clear }} title={write.error} data-testid="facilities-error" style={{ marginBottom: 8 }} />}
      {readError && <Alert type="error" showIcon title={readError} data-testid="facility-duty-import-read-error" style={{ marginBottom: 8 }} />}
      {notice && <Alert type="success" showIcon closable={{ onClose: () => setNotice(null) }} title={notice} data-testid="facilities-notice" style={{ marginBottom: 8 }} />}

      <Table<FacilityDuty>
        size="small"
        rowKey="facilityId"
        tableLayout="fixed"
        loading={duties.isLoading}
        columns={columns}
        dataSource={shown}
        pagination={{ pageSize: 20, showSizeChanger: false, size: 'small' }}
        rowClassName={(duty) => (isChanged(duty) ? 'roster-row-changed' : '')}
        data-testid="facilities-table"
      />
      <Space style={{ marginTop: 8 }}>
        <Guarded reason={saveAllProblem}>
          <Button size="small" type="primary" disabled={saveAllProblem !== null || write.pending} loading={write.pending} onClick={() => void save(changed)} data-testid="facility-duty-save-all">
            {t('facilities.saveAll', { count: changed.length })}
          </Button>
        </Guarded>
        <Button size="small" disabled={edits.size === 0} onClick={() => setEdits(new Map())} data-testid="facility-duty-reset">
          {t('facilities.reset')}
        </Button>
      </Space>

      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('facilities.import')}
      </Typography.Title>
      <p className="muted">{t('facilities.importHelp', { day })}</p>
      <ImportButton label={t('facilities.import')} refused={noEdit} pending={write.pending} onFile={(file) => void choose(file)} testId="facility-duty-import" />
      {preview && (
        <ImportPreview<DutyImportPayload>
          testId="facility-duty-import"
          result={preview.result}
          pending={write.pending}
          onImport={() => void importRows()}
          onDiscard={() => setPreview(null)}
          text={importPreviewText(t, 'facilities', preview.file, preview.result, noEdit)}
          columns={[
            { title: t('facilities.importColumn.row'), dataIndex: 'row', width: 50 },
            { title: t('facilities.importColumn.facility'), dataIndex: 'facility' },
            { title: t('facilities.importColumn.employeeNo'), dataIndex: 'employee_no' },
            { title: t('facilities.importColumn.deputyEmployeeNo'), dataIndex: 'deputy_employee_no' },
          ]}
        />
      )}
    </div>
  )
}

