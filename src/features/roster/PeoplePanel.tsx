/**
 * 人员: the team being looked at (name, target workload, area) and its cleaners — add and edit
 * (roster_save_cleaner), deactivate and reactivate from the day shown (roster_set_cleaner_active;
 * deactivating leaves the cleaner's segments and facilities uncovered, which the confirmation
 * says with the count), import from XLSX with a per-row error report (roster_import_cleaners,
 * sent only when every row is valid), and the shifts' hours (roster_save_shifts). A refusal of
 * the database is shown as it words it; nothing is written then.
 */
import { useMemo, useState } from 'react'
import { Alert, Button, Descriptions, Form, Input, Modal, Popconfirm, Select, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useTranslation } from 'react-i18next'
import { useSessionRole } from '../../app/use-operation.ts'
import { useAreas, useRead } from '../../data/hooks.ts'
import { ROSTER_ASSIGNMENTS_READ, ROSTER_RPC } from '../../data/roster-reads.ts'
import type { RosterCleaner, ShiftCode, ShiftDef } from '../../domain/roster/types.ts'
import { SHIFT_CODES } from '../../domain/roster/types.ts'
import { formatNumber } from '../../i18n/format.ts'
import './i18n.ts'
import type { RosterPanelProps } from './panel-props.ts'
import {
  cleanerPayload,
  cleanerRowsFromTable,
  isClock,
  readRosterSheet,
  segmentsHeldBy,
  shiftsPayload,
  type CleanerForm,
  type CleanerImportPayload,
  type ImportResult,
} from './people-import.ts'
import { useRosterWrite } from './people-write.ts'
import { Guarded, ImportButton, ImportPreview, importPreviewText } from './ImportPreview.tsx'

type T = (key: string, options?: Record<string, unknown>) => string

// The side panel is narrow: cells keep to one line (the table scrolls sideways if it must).
const NOWRAP: React.CSSProperties = { whiteSpace: 'nowrap' }
const LINK: React.CSSProperties = { padding: 0, height: 'auto' }


export function PeoplePanel(props: RosterPanelProps) {
  const { t, i18n } = useTranslation('roster')
  const { data, team, day, canEdit, editReason } = props
  const write = useRosterWrite()
  const [showInactive, setShowInactive] = useState(false)
  const [editing, setEditing] = useState<RosterCleaner | 'new' | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [preview, setPreview] = useState<{ file: string; result: ImportResult<CleanerImportPayload> } | null>(null)
  const [readError, setReadError] = useState<string | null>(null)
  const assignments = useRead(ROSTER_ASSIGNMENTS_READ, [day])
  // Shift hours are district settings: roster_save_shifts takes them from an admin only.
  const shiftsBlocked = useSessionRole() === 'admin' ? null : t('people.shifts.adminOnly')

  const noEdit = canEdit ? null : (editReason ?? t('people.chooseTeam'))
  const noTeamEdit = noEdit ?? (team ? null : t('people.chooseTeam'))
  const shiftName = (code: ShiftCode | null) => (code === null ? t('people.anyShift') : (data.shifts.find((shift) => shift.code === code)?.name ?? code))

  const cleaners = useMemo(
    () =>
      data.cleaners
        .filter((cleaner) => (team ? cleaner.teamId === team.id : true))
        .sort((a, b) => Number(b.active) - Number(a.active) || a.employeeNo.localeCompare(b.employeeNo, 'zh-CN', { numeric: true })),
    [data.cleaners, team],
  )
  const shown = showInactive ? cleaners : cleaners.filter((cleaner) => cleaner.active)
  const activeCount = cleaners.filter((cleaner) => cleaner.active).length
  const held = (cleanerId: number) => (assignments.data ? segmentsHeldBy(assignments.data, cleanerId) : null)

  const setActive = async (cleaner: RosterCleaner, active: boolean) => {
    setNotice(null)
    const result = await write.run(ROSTER_RPC.setCleanerActive, { p_cleaner_id: cleaner.id, p_active: active, p_day: day })
    if (result === undefined) return
    if (active) setNotice(t('people.reactivated', { name: cleaner.name }))
    else {
      const ended = (result as { assignments_ended?: unknown }).assignments_ended
      setNotice(typeof ended === 'number' ? t('people.deactivated', { name: cleaner.name, count: ended, day }) : t('people.deactivatedPlain', { name: cleaner.name }))
    }
  }

  const choose = async (file: File) => {
    setPreview(null)
    setReadError(null)
    setNotice(null)
    write.clear()
    try {
      const table = await readRosterSheet(file)
      setPreview({ file: file.name, result: cleanerRowsFromTable(table, data.shifts, team?.name ?? null) })
    } catch (caught) {
      setReadError(t('people.readFailed', { message: caught instanceof Error ? caught.message : String(caught) }))
    }
  }

  const importRows = async () => {
    if (!preview || preview.result.errors.length > 0 || preview.result.rows.length === 0) return
    const result = await write.run(ROSTER_RPC.importCleaners, { p_rows: preview.result.rows })
    if (result === undefined) return
    setNotice(t('people.preview.done', { count: preview.result.rows.length }))
    setPreview(null)
  }

  const columns: ColumnsType<RosterCleaner> = [
    { title: t('people.column.employeeNo'), dataIndex: 'employeeNo' },
    { title: t('people.column.name'), dataIndex: 'name' },
    { title: t('people.column.shift'), dataIndex: 'shift', render: (shift: ShiftCode | null) => shiftName(shift) },
    { title: t('people.column.phone'), dataIndex: 'phone' },
    {
      title: t('people.column.status'),
      dataIndex: 'active',
      render: (active: boolean) => (active ? <Tag color="green">{t('people.active')}</Tag> : <Tag>{t('people.inactive')}</Tag>),
    },
    { title: t('people.column.segments'), key: 'segments', align: 'right', render: (_, cleaner) => held(cleaner.id) ?? '…' },
    {
      title: t('people.column.actions'),
      key: 'actions',
      render: (_, cleaner) => (
        <Space size={8}>
          <Guarded reason={noEdit}>
            <Button size="small" type="link" style={LINK} disabled={noEdit !== null} onClick={() => setEditing(cleaner)} data-testid={`cleaner-edit-${cleaner.employeeNo}`}>
              {t('people.edit')}
            </Button>
          </Guarded>
          {noEdit !== null ? (
            // Read-only: the button says why; no confirmation to open.
            <Tooltip title={noEdit}>
              <Button size="small" type="link" style={LINK} danger={cleaner.active} disabled data-testid={`cleaner-${cleaner.active ? 'deactivate' : 'reactivate'}-${cleaner.employeeNo}`}>
                {t(cleaner.active ? 'people.deactivate' : 'people.reactivate')}
              </Button>
            </Tooltip>
          ) : cleaner.active ? (
            <Popconfirm
              title={t('people.deactivateTitle', { name: cleaner.name, employeeNo: cleaner.employeeNo })}
              description={held(cleaner.id) === null ? t('people.deactivateBodyUnknown', { day }) : t('people.deactivateBody', { day, count: held(cleaner.id) })}
              okText={t('people.confirm')}
              cancelText={t('people.cancel')}
              okButtonProps={{ danger: true, 'data-testid': 'cleaner-deactivate-confirm' }}
              onConfirm={() => setActive(cleaner, false)}
            >
              <Button size="small" type="link" style={LINK} danger disabled={write.pending} data-testid={`cleaner-deactivate-${cleaner.employeeNo}`}>
                {t('people.deactivate')}
              </Button>
            </Popconfirm>
          ) : (
            <Popconfirm
              title={t('people.reactivateTitle', { name: cleaner.name, employeeNo: cleaner.employeeNo, day })}
              description={t('people.reactivateBody')}
              okText={t('people.confirm')}
              cancelText={t('people.cancel')}
              okButtonProps={{ 'data-testid': 'cleaner-reactivate-confirm' }}
              onConfirm={() => setActive(cleaner, true)}
            >
              <Button size="small" type="link" style={LINK} disabled={write.pending} data-testid={`cleaner-reactivate-${cleaner.employeeNo}`}>
                {t('people.reactivate')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ]

  return (
    <div className="roster-people-panel" data-testid="people-panel">
      {team ? <TeamCard team={team} language={i18n.language} t={t} /> : <Alert type="info" showIcon title={t('people.noTeam')} />}
      {noEdit && <Alert type="warning" showIcon title={noEdit} data-testid="people-readonly" style={{ marginTop: 8 }} />}

      <Space wrap style={{ margin: '12px 0 8px' }}>
        <Typography.Text strong>{t('people.cleaners', { active: activeCount, count: cleaners.length })}</Typography.Text>
        <Guarded reason={noTeamEdit}>
          <Button size="small" type="primary" disabled={noTeamEdit !== null} onClick={() => setEditing('new')} data-testid="cleaner-add">
            {t('people.add')}
          </Button>
        </Guarded>
        <ImportButton label={t('people.import')} refused={noTeamEdit} pending={write.pending} onFile={(file) => void choose(file)} testId="cleaners-import" />
        <Space size={4}>
          <Switch size="small" checked={showInactive} onChange={setShowInactive} data-testid="cleaners-show-inactive" />
          <span>{t('people.showInactive')}</span>
        </Space>
      </Space>
      <p className="muted">{t('people.importHelp')}</p>

      {write.error && editing === null && <Alert type="error" showIcon closable={{ onClose: write.clear }} title={write.error} data-testid="people-error" style={{ marginBottom: 8 }} />}
      {readError && <Alert type="error" showIcon title={readError} data-testid="cleaners-import-read-error" style={{ marginBottom: 8 }} />}
      {notice && <Alert type="success" showIcon closable={{ onClose: () => setNotice(null) }} title={notice} data-testid="people-notice" style={{ marginBottom: 8 }} />}

      {preview && (
        <ImportPreview<CleanerImportPayload>
          testId="cleaners-import"
          result={preview.result}
          pending={write.pending}
          onImport={() => void importRows()}
          onDiscard={() => setPreview(null)}
          text={importPreviewText(t, 'people', preview.file, preview.result, noTeamEdit)}
          columns={[
            { title: t('people.column.row'), dataIndex: 'row', width: 50 },
            { title: t('people.column.employeeNo'), dataIndex: 'employee_no' },
            { title: t('people.column.name'), dataIndex: 'name' },
            { title: t('people.column.team'), dataIndex: 'team' },
            { title: t('people.column.phone'), dataIndex: 'phone' },
            { title: t('people.column.shift'), dataIndex: 'shift', render: (shift?: ShiftCode | null) => (shift === undefined ? '—' : shiftName(shift)) },
          ]}
        />
      )}

      <Table<RosterCleaner>
        size="small"
        rowKey="id"
        columns={columns.map((column) => ({ ...column, onCell: () => ({ style: NOWRAP }) }))}
        dataSource={shown}
        scroll={{ x: 'max-content' }}
        pagination={shown.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        data-testid="cleaners-table"
        onRow={(cleaner) => ({ 'data-testid': `cleaner-row-${cleaner.employeeNo}` }) as React.HTMLAttributes<HTMLElement>}
      />

      {editing !== null && team && (
        <CleanerModal
          cleaner={editing === 'new' ? null : editing}
          shifts={data.shifts}
          pending={write.pending}
          error={write.error}
          t={t}
          onCancel={() => {
            write.clear()
            setEditing(null)
          }}
          onSave={async (values) => {
            const id = editing === 'new' ? null : editing.id
            const teamId = editing === 'new' ? team.id : editing.teamId
            const result = await write.run(ROSTER_RPC.saveCleaner, { p: cleanerPayload(values, teamId, id) })
            if (result === undefined) return
            setEditing(null)
            setNotice(t('people.saved', { name: values.name.trim() }))
          }}
        />
      )}

      <ShiftsEditor key={JSON.stringify(data.shifts)} shifts={data.shifts} blockedReason={shiftsBlocked} t={t} onSaved={() => setNotice(t('people.shifts.saved'))} />
    </div>
  )
}

function TeamCard({ team, language, t }: { team: NonNullable<RosterPanelProps['team']>; language: string; t: T }) {
  const hasArea = team.areaStreetIds.length + team.areaCommunityIds.length > 0
  const streets = useAreas('street', {}, { enabled: team.areaStreetIds.length > 0 })
  const communities = useAreas('community', {}, { enabled: team.areaCommunityIds.length > 0 })
  const nameOf = (features: { properties: { id: number; name: string } }[] | undefined, id: number) => features?.find((feature) => feature.properties.id === id)?.properties.name ?? `#${id}`
  const area = [
    ...team.areaStreetIds.map((id) => t('people.streetWhole', { name: nameOf(streets.data?.features, id) })),
    ...team.areaCommunityIds.map((id) => nameOf(communities.data?.features, id)),
  ]
  return (
    <Descriptions size="small" column={1} bordered data-testid="team-card">
      <Descriptions.Item label={t('people.team')}>{team.name}</Descriptions.Item>
      <Descriptions.Item label={t('people.target')}>
        {team.targetWorkload === null ? t('people.targetMean') : t('people.targetValue', { value: formatNumber(Math.round(team.targetWorkload), language) })}
      </Descriptions.Item>
      <Descriptions.Item label={t('people.area')}>{hasArea ? area.join('、') : t('people.areaNone')}</Descriptions.Item>
    </Descriptions>
  )
}


interface FormValues {
  name: string
  employeeNo: string
  shift: ShiftCode | 'any'
  phone?: string
}

function CleanerModal({
  cleaner,
  shifts,
  pending,
  error,
  t,
  onCancel,
  onSave,
}: {
  cleaner: RosterCleaner | null
  shifts: ShiftDef[]
  pending: boolean
  error: string | null
  t: T
  onCancel: () => void
  onSave: (values: CleanerForm) => Promise<void>
}) {
  const [form] = Form.useForm<FormValues>()
  const initial: FormValues = cleaner
    ? { name: cleaner.name, employeeNo: cleaner.employeeNo, shift: cleaner.shift ?? 'any', phone: cleaner.phone }
    : { name: '', employeeNo: '', shift: 'any', phone: '' }
  const shiftOptions = [
    ...SHIFT_CODES.map((code) => ({ value: code, label: shifts.find((shift) => shift.code === code)?.name ?? code })),
    { value: 'any', label: t('people.anyShift') },
  ]
  const required = (field: string, max: number) => [
    { required: true, whitespace: true, message: t('people.form.required', { field }) },
    { max, message: t('people.form.tooLong', { field, max }) },
  ]
  return (
    <Modal
      open
      title={cleaner ? t('people.form.editTitle', { name: cleaner.name }) : t('people.form.addTitle')}
      onCancel={onCancel}
      footer={[
        <Button key="cancel" onClick={onCancel} data-testid="cleaner-cancel">
          {t('people.cancel')}
        </Button>,
        <Button key="save" type="primary" loading={pending} onClick={() => form.submit()} data-testid="cleaner-save">
          {t('people.form.save')}
        </Button>,
      ]}
      data-testid="cleaner-modal"
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(values) => void onSave(values)}>
        <Form.Item name="name" label={t('people.form.name')} rules={required(t('people.form.name'), 40)}>
          <Input data-testid="cleaner-name" autoFocus />
        </Form.Item>
        <Form.Item name="employeeNo" label={t('people.form.employeeNo')} rules={required(t('people.form.employeeNo'), 20)}>
          <Input data-testid="cleaner-employee-no" />
        </Form.Item>
        <Form.Item name="shift" label={t('people.form.shift')}>
          <Select options={shiftOptions} data-testid="cleaner-shift" />
        </Form.Item>
        <Form.Item name="phone" label={t('people.form.phone')} rules={[{ pattern: /^[0-9+\-\s()]{0,20}$/, message: t('people.form.badPhone') }]}>
          <Input data-testid="cleaner-phone" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} data-testid="cleaner-save-error" />}
    </Modal>
  )
}

/** The shifts' names and hours, edited as a draft and saved together (roster_save_shifts). */
function ShiftsEditor({ shifts, blockedReason, t, onSaved }: { shifts: ShiftDef[]; blockedReason: string | null; t: T; onSaved: () => void }) {
  const write = useRosterWrite()
  const [draft, setDraft] = useState<ShiftDef[]>(shifts)
  const changed = JSON.stringify(draft) !== JSON.stringify(shifts)
  const badName = draft.find((shift) => shift.name.trim() === '')
  const badClock = draft.find((shift) => !isClock(shift.starts) || !isClock(shift.ends))
  const problem =
    blockedReason ??
    (badName ? t('people.shifts.noName') : badClock ? t('people.shifts.badClock', { name: badClock.name }) : changed ? null : t('people.shifts.unchanged'))
  const set = (code: ShiftCode, patch: Partial<ShiftDef>) => setDraft(draft.map((shift) => (shift.code === code ? { ...shift, ...patch } : shift)))
  const save = async () => {
    const result = await write.run(ROSTER_RPC.saveShifts, { p: shiftsPayload(draft) })
    if (result !== undefined) onSaved()
  }
  return (
    <div className="roster-shifts" data-testid="shifts-editor" style={{ marginTop: 16 }}>
      <Typography.Title level={5}>{t('people.shifts.title')}</Typography.Title>
      <Table<ShiftDef>
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={draft}
        columns={[
          {
            title: t('people.shifts.name'),
            dataIndex: 'name',
            render: (name: string, shift) => (
              <Input size="small" value={name} disabled={blockedReason !== null} onChange={(event) => set(shift.code, { name: event.target.value })} maxLength={10} data-testid={`shift-name-${shift.code}`} />
            ),
          },
          {
            title: t('people.shifts.starts'),
            dataIndex: 'starts',
            render: (starts: string, shift) => (
              <Input size="small" value={starts} disabled={blockedReason !== null} status={isClock(starts) ? undefined : 'error'} placeholder="HH:MM" onChange={(event) => set(shift.code, { starts: event.target.value })} data-testid={`shift-starts-${shift.code}`} />
            ),
          },
          {
            title: t('people.shifts.ends'),
            dataIndex: 'ends',
            render: (ends: string, shift) => (
              <Input size="small" value={ends} disabled={blockedReason !== null} status={isClock(ends) ? undefined : 'error'} placeholder="HH:MM" onChange={(event) => set(shift.code, { ends: event.target.value })} data-testid={`shift-ends-${shift.code}`} />
            ),
          },
        ]}
      />
      <Space style={{ marginTop: 8 }}>
        <Guarded reason={problem}>
          <Button size="small" type="primary" disabled={problem !== null} loading={write.pending} onClick={() => void save()} data-testid="shifts-save">
            {t('people.shifts.save')}
          </Button>
        </Guarded>
      </Space>
      {write.error && <Alert type="error" showIcon title={write.error} data-testid="shifts-error" style={{ marginTop: 8 }} />}
    </div>
  )
}
