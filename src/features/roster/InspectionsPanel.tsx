/**
 * 以克论净: record a sample weighing (g/m²) for the segment selected on the map, with the
 * limit of its cleaning grade and whether the sample passes it (roster_record_inspection; the
 * database derives who had the segment then); the team's inspections of the last three
 * months; the month's quality per cleaner and per segment (samples, mean, pass rate, score);
 * and the grades' sweeps and limits (roster_save_grades, administrators). A refusal of the
 * database is shown as it words it; nothing is written then.
 */
import { useMemo, useState } from 'react'
import { Alert, Button, DatePicker, Descriptions, Form, Input, InputNumber, Segmented, Space, Table, Tag, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import dayjs, { type Dayjs } from 'dayjs'
import { useTranslation } from 'react-i18next'
import { useSessionRole } from '../../app/use-operation.ts'
import { useRead } from '../../data/hooks.ts'
import { ROSTER_INSPECTIONS_READ, ROSTER_QUALITY_READ, ROSTER_RPC, type Inspection } from '../../data/roster-reads.ts'
import type { CleaningGrade, RosterSegment } from '../../domain/roster/types.ts'
import { formatDateTime, formatNumber, formatPercent } from '../../i18n/format.ts'
import './i18n.ts'
import {
  cleanerQuality,
  gradeOf,
  gradeProblem,
  gradesPayload,
  inspectionPayload,
  inspectionProblem,
  inspectionsOf,
  lastThreeMonths,
  monthOf,
  passes,
  segmentQuality,
  segmentsOfTeam,
  type QualityLine,
} from './inspections-quality.ts'
import type { RosterPanelProps } from './panel-props.ts'
import { useRosterWrite } from './people-write.ts'
import { Guarded } from './ImportPreview.tsx'

type T = (key: string, options?: Record<string, unknown>) => string


/** 'MM-DD HH:mm' in China time: the table's short form (the year is in the row's tooltip). */
function shortTime(iso: string): string {
  const date = new Date(Date.parse(iso) + 8 * 3_600_000)
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().slice(5, 16).replace('T', ' ')
}

/** Today in China time ('YYYY-MM-DD'), the database's local day. */
function todayInChina(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)
}

export function InspectionsPanel(props: RosterPanelProps) {
  const { t, i18n } = useTranslation('roster')
  const { data, team, canEdit, editReason, selectedSegmentIds, onSelectSegments } = props
  const language = i18n.language
  const segmentLabel = (segment: RosterSegment) => t('inspections.segmentLabel', { street: segment.backStreetName, seq: segment.seq })
  const segmentsById = useMemo(() => new Map(data.segments.map((segment) => [segment.id, segment])), [data.segments])
  const cleanersById = useMemo(() => new Map(data.cleaners.map((cleaner) => [cleaner.id, cleaner])), [data.cleaners])
  const labelOf = (segmentId: number) => {
    const segment = segmentsById.get(segmentId)
    return segment ? segmentLabel(segment) : `#${segmentId}`
  }

  // The last three months up to today (or the day shown, when that is later).
  const [today] = useState(todayInChina)
  const period = lastThreeMonths(props.day > today ? props.day : today)
  const inspections = useRead(ROSTER_INSPECTIONS_READ, [period.from, period.to])
  const teamSegmentIds = useMemo(() => new Set(segmentsOfTeam(data.segments, team).map((segment) => segment.id)), [data.segments, team])
  const recent = useMemo(() => inspectionsOf(inspections.data ?? [], teamSegmentIds), [inspections.data, teamSegmentIds])

  const limitOf = (segmentId: number) => gradeOf(data.grades, segmentsById.get(segmentId)?.grade)?.dustLimit ?? null
  const recentColumns: ColumnsType<Inspection> = [
    { title: t('inspections.column.at'), dataIndex: 'at', render: (at: string) => shortTime(at) },
    { title: t('inspections.column.segment'), dataIndex: 'segmentId', render: (id: number) => labelOf(id) },
    { title: t('inspections.column.grams'), dataIndex: 'gramsPerM2', width: 64, align: 'right', render: (grams: number) => formatNumber(grams, language, 1) },
    {
      title: t('inspections.column.result'),
      key: 'result',
      width: 72,
      render: (_, inspection) => {
        const limit = limitOf(inspection.segmentId)
        if (limit === null) return '—'
        return passes(inspection.gramsPerM2, limit) ? <Tag color="green">{t('inspections.pass')}</Tag> : <Tag color="red">{t('inspections.fail')}</Tag>
      },
    },
    {
      title: t('inspections.column.cleaner'),
      dataIndex: 'cleanerId',
      render: (id: number | null) => (id === null ? <Typography.Text type="secondary">{t('inspections.nobody')}</Typography.Text> : (cleanersById.get(id)?.name ?? `#${id}`)),
    },
  ]

  const noEdit = canEdit ? null : (editReason ?? t('people.chooseTeam'))
  const gradesBlocked = useSessionRole() === 'admin' ? null : t('inspections.gradesAdminOnly')
  const segmentId = selectedSegmentIds[0] ?? null
  // Kept here: a save reloads the grades, which starts the editor afresh.
  const [gradesSaved, setGradesSaved] = useState(false)

  return (
    <div className="roster-inspections-panel" data-testid="inspections-panel">
      <Typography.Title level={5}>{t('inspections.record')}</Typography.Title>
      {segmentId === null ? (
        <Alert type="info" showIcon title={t('inspections.chooseSegment')} data-testid="inspection-no-segment" />
      ) : (
        <RecordForm
          key={segmentId}
          segmentId={segmentId}
          segment={segmentsById.get(segmentId) ?? null}
          more={selectedSegmentIds.length}
          grades={data.grades}
          cleanerName={(id) => cleanersById.get(id)?.name ?? null}
          blockedReason={noEdit}
          label={labelOf(segmentId)}
          language={language}
          t={t}
        />
      )}

      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {team ? t('inspections.recent', { count: recent.length }) : t('inspections.recentAll', { count: recent.length })}
      </Typography.Title>
      {inspections.error && <Alert type="error" showIcon title={inspections.error.message} />}
      <Table<Inspection>
        size="small"
        rowKey="id"
        loading={inspections.isLoading}
        columns={recentColumns}
        dataSource={recent}
        pagination={{ pageSize: 10, showSizeChanger: false, size: 'small' }}
        onRow={(inspection) => ({
          onClick: () => onSelectSegments([inspection.segmentId]),
          style: { cursor: 'pointer', whiteSpace: 'nowrap' },
          // The full time, the inspector and the note on hover: the panel is narrow.
          title: [formatDateTime(inspection.at, language), inspection.inspector && `${t('inspections.inspector')}：${inspection.inspector}`, inspection.note].filter(Boolean).join('\n'),
        })}
        scroll={{ x: 'max-content' }}
        data-testid="inspections-recent"
      />

      <MonthlyQuality {...props} labelOf={segmentLabel} language={language} t={t} />

      <GradesEditor key={JSON.stringify(data.grades)} grades={data.grades} blockedReason={gradesBlocked} t={t} onSaved={() => setGradesSaved(true)} />
      {gradesSaved && <Alert type="success" showIcon closable={{ onClose: () => setGradesSaved(false) }} title={t('inspections.gradesSaved')} style={{ marginTop: 8 }} data-testid="grades-saved" />}
    </div>
  )
}

function RecordForm({
  segmentId,
  segment,
  more,
  grades,
  cleanerName,
  blockedReason,
  label,
  language,
  t,
}: {
  segmentId: number
  segment: RosterSegment | null
  more: number
  grades: CleaningGrade[]
  cleanerName: (id: number) => string | null
  blockedReason: string | null
  label: string
  language: string
  t: T
}) {
  const write = useRosterWrite()
  const [grams, setGrams] = useState<number | null>(null)
  const [inspector, setInspector] = useState('')
  const [note, setNote] = useState('')
  const [at, setAt] = useState<Dayjs | null>(() => dayjs())
  const [saved, setSaved] = useState<string | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const grade = gradeOf(grades, segment?.grade)
  const limit = grade?.dustLimit ?? null
  // While typing: this sample against the limit; after 记录: the recorded one, as the database judged it.
  const [recorded, setRecorded] = useState<{ grams: number; limit: number; passed: boolean } | null>(null)
  const judged = grams !== null && limit !== null ? { grams, limit, passed: passes(grams, limit) } : grams === null ? recorded : null
  // What can be told while typing (the time is checked against the clock on 记录, not during render).
  const missing = inspectionProblem({ segmentId, grams, at: at ? at.toDate() : null }, at ? at.toDate() : new Date(0))
  const blocked = blockedReason ?? (missing ? t(`inspections.problem.${missing}`) : null)

  const save = async () => {
    setSaved(null)
    setRecorded(null)
    setProblem(null)
    const when = at ? at.toDate() : null
    const refusal = inspectionProblem({ segmentId, grams, at: when }, new Date())
    if (refusal || grams === null || when === null) {
      setProblem(t(`inspections.problem.${refusal ?? 'noGrams'}`))
      return
    }
    const result = await write.run(ROSTER_RPC.recordInspection, { p: inspectionPayload({ segmentId, grams, at: when, inspector, note }) })
    if (result === undefined) return
    const row = result as { passed?: unknown; cleaner_id?: unknown; cleaner_name?: unknown; grams_per_m2?: unknown; dust_limit?: unknown }
    const passed = typeof row.passed === 'boolean' ? row.passed : limit !== null && passes(grams, limit)
    const name = typeof row.cleaner_name === 'string' ? row.cleaner_name : typeof row.cleaner_id === 'number' ? cleanerName(row.cleaner_id) : null
    setSaved(
      t('inspections.saved', { segment: label, grams: formatNumber(Number(row.grams_per_m2 ?? grams), language), result: t(passed ? 'inspections.pass' : 'inspections.fail') }) +
        (name ? t('inspections.savedCleaner', { name }) : t('inspections.savedNobody')),
    )
    setRecorded({ grams: Number(row.grams_per_m2 ?? grams), limit: typeof row.dust_limit === 'number' ? row.dust_limit : (limit ?? Number.NaN), passed })
    setGrams(null)
    setNote('')
  }

  return (
    <div data-testid="inspection-form">
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('inspections.segment')}>
          <span data-testid="inspection-segment">{label}</span>
          {more > 1 && <Typography.Text type="secondary">{t('inspections.segmentMore', { count: more })}</Typography.Text>}
        </Descriptions.Item>
        <Descriptions.Item label={t('inspections.grade')}>{grade ? grade.name : t('inspections.unknownGrade')}</Descriptions.Item>
        <Descriptions.Item label={t('inspections.limit')}>
          <span data-testid="inspection-limit">{limit === null ? '—' : t('inspections.limitValue', { limit: formatNumber(limit, language) })}</span>
        </Descriptions.Item>
      </Descriptions>
      <Form layout="vertical" size="small" style={{ marginTop: 8 }}>
        <Form.Item label={t('inspections.grams')} required>
          <Space wrap>
            <span data-testid="inspection-grams">
              <InputNumber<number>
                min={0}
                max={999.99}
                step={0.1}
                precision={2}
                value={grams}
                onChange={(value) => setGrams(typeof value === 'number' ? value : null)}
                placeholder={t('inspections.gramsPlaceholder')}
                style={{ width: 180 }}
              />
            </span>
            {judged && (
              <Tag color={judged.passed ? 'green' : 'red'} data-testid="inspection-result" data-passed={judged.passed ? 'true' : 'false'}>
                {t(judged.passed ? 'inspections.passDetail' : 'inspections.failDetail', { grams: formatNumber(judged.grams, language), limit: formatNumber(judged.limit, language) })}
              </Tag>
            )}
          </Space>
        </Form.Item>
        <Form.Item label={t('inspections.inspector')}>
          <Input value={inspector} maxLength={40} onChange={(event) => setInspector(event.target.value)} data-testid="inspection-inspector" />
        </Form.Item>
        <Form.Item label={t('inspections.at')} required>
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            value={at}
            onChange={(value) => setAt(value)}
            disabledDate={(date) => date.isAfter(dayjs(), 'day')}
            data-testid="inspection-at"
          />
        </Form.Item>
        <Form.Item label={t('inspections.note')}>
          <Input.TextArea rows={2} maxLength={200} value={note} onChange={(event) => setNote(event.target.value)} data-testid="inspection-note" />
        </Form.Item>
        <Guarded reason={blocked}>
          <Button type="primary" disabled={blocked !== null} loading={write.pending} onClick={() => void save()} data-testid="inspection-save">
            {t('inspections.save')}
          </Button>
        </Guarded>
      </Form>
      {problem && <Alert type="warning" showIcon title={problem} style={{ marginTop: 8 }} />}
      {write.error && <Alert type="error" showIcon title={write.error} data-testid="inspection-error" style={{ marginTop: 8 }} />}
      {saved && <Alert type="success" showIcon title={saved} data-testid="inspection-saved" style={{ marginTop: 8 }} />}
    </div>
  )
}

function MonthlyQuality({ data, team, day, onSelectSegments, labelOf, language, t }: RosterPanelProps & { labelOf: (segment: RosterSegment) => string; language: string; t: T }) {
  const [month, setMonth] = useState<Dayjs>(() => dayjs(monthOf(day)))
  const [by, setBy] = useState<'cleaners' | 'segments'>('cleaners')
  const quality = useRead(ROSTER_QUALITY_READ, [month.format('YYYY-MM-01')])
  const lines = useMemo(() => {
    if (!quality.data) return []
    return by === 'cleaners' ? cleanerQuality(quality.data.cleaners, data.cleaners, team) : segmentQuality(quality.data.segments, data.segments, team, labelOf)
  }, [quality.data, by, data.cleaners, data.segments, team, labelOf])
  const columns: ColumnsType<QualityLine> = [
    { title: t('inspections.column.name'), dataIndex: 'label' },
    { title: t('inspections.column.samples'), dataIndex: 'samples', width: 64, align: 'right' },
    { title: t('inspections.column.mean'), dataIndex: 'meanG', width: 80, align: 'right', render: (value: number) => formatNumber(value, language, 2) },
    { title: t('inspections.column.passRate'), key: 'passRate', width: 72, align: 'right', render: (_, line) => formatPercent(line.passed, line.samples, language) },
    {
      title: t('inspections.column.score'),
      dataIndex: 'score',
      width: 60,
      align: 'right',
      render: (score: number) => <Typography.Text type={score < 60 ? 'danger' : undefined}>{formatNumber(score, language, 1)}</Typography.Text>,
    },
  ]
  return (
    <div className="roster-quality" style={{ marginTop: 16 }}>
      <Typography.Title level={5}>{t('inspections.quality')}</Typography.Title>
      <Space wrap style={{ marginBottom: 8 }}>
        <DatePicker
          picker="month"
          allowClear={false}
          value={month}
          onChange={(value) => value && setMonth(value)}
          aria-label={t('inspections.month')}
          data-testid="quality-month"
        />
        <Segmented<'cleaners' | 'segments'>
          size="small"
          value={by}
          onChange={setBy}
          options={[
            { value: 'cleaners', label: t('inspections.byCleaner') },
            { value: 'segments', label: t('inspections.bySegment') },
          ]}
          data-testid="quality-by"
        />
      </Space>
      {quality.error && <Alert type="error" showIcon title={quality.error.message} />}
      <Table<QualityLine>
        size="small"
        rowKey="id"
        loading={quality.isLoading}
        columns={columns}
        dataSource={lines}
        locale={{ emptyText: t('inspections.noSamples') }}
        pagination={lines.length > 10 ? { pageSize: 10, showSizeChanger: false, size: 'small' } : false}
        onRow={(line) => (by === 'segments' ? { onClick: () => onSelectSegments([line.id]), style: { cursor: 'pointer' } } : {})}
        data-testid="quality-table"
      />
    </div>
  )
}

function GradesEditor({ grades, blockedReason, t, onSaved }: { grades: CleaningGrade[]; blockedReason: string | null; t: T; onSaved: () => void }) {
  const write = useRosterWrite()
  const [draft, setDraft] = useState<CleaningGrade[]>(grades)
  const changed = JSON.stringify(draft) !== JSON.stringify(grades)
  const bad = draft.map((grade) => ({ grade, problem: gradeProblem(grade) })).find((entry) => entry.problem !== null)
  const blocked = blockedReason ?? (bad ? t(`inspections.gradeProblem.${bad.problem}`, { name: bad.grade.name }) : changed ? null : t('inspections.gradeProblem.unchanged'))
  const set = (grade: CleaningGrade['grade'], patch: Partial<CleaningGrade>) => {
    setDraft(draft.map((row) => (row.grade === grade ? { ...row, ...patch } : row)))
  }
  const save = async () => {
    const result = await write.run(ROSTER_RPC.saveGrades, { p: gradesPayload(draft) })
    if (result !== undefined) onSaved()
  }
  return (
    <div className="roster-grades" style={{ marginTop: 16 }} data-testid="grades-editor">
      <Typography.Title level={5}>{t('inspections.grades')}</Typography.Title>
      <Table<CleaningGrade>
        size="small"
        rowKey="grade"
        pagination={false}
        dataSource={draft}
        columns={[
          { title: t('inspections.column.grade'), dataIndex: 'name' },
          {
            title: t('inspections.column.frequency'),
            dataIndex: 'frequency',
            render: (value: number, grade) => (
              <InputNumber<number>
                size="small"
                min={0.1}
                max={24}
                step={0.5}
                value={value}
                disabled={blockedReason !== null}
                onChange={(next) => set(grade.grade, { frequency: typeof next === 'number' ? next : Number.NaN })}
                data-testid={`grade-frequency-${grade.grade}`}
              />
            ),
          },
          {
            title: t('inspections.column.dustLimit'),
            dataIndex: 'dustLimit',
            render: (value: number, grade) => (
              <InputNumber<number>
                size="small"
                min={0.1}
                max={999}
                step={1}
                value={value}
                disabled={blockedReason !== null}
                onChange={(next) => set(grade.grade, { dustLimit: typeof next === 'number' ? next : Number.NaN })}
                data-testid={`grade-dust-limit-${grade.grade}`}
              />
            ),
          },
        ]}
      />
      <Guarded reason={blocked}>
        <Button size="small" type="primary" style={{ marginTop: 8 }} disabled={blocked !== null} loading={write.pending} onClick={() => void save()} data-testid="grades-save">
          {t('inspections.saveGrades')}
        </Button>
      </Guarded>
      {write.error && <Alert type="error" showIcon title={write.error} data-testid="grades-error" style={{ marginTop: 8 }} />}
    </div>
  )
}
