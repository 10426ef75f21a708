/**
 * 自动均衡: splits the team's (or one community's) segments on this shift into one contiguous
 * beat per cleaner with workloads as even as possible, in a Web Worker. The plan is shown on
 * the map and as a table (each cleaner's workload before → after, what moves) with the
 * spread and its lower bound, before it is applied as one undo step; saving sends it with the
 * stored versions it was based on, so a plan made stale by someone else is refused.
 */
import { useMemo, useState } from 'react'
import { Alert, Button, Checkbox, InputNumber, Radio, Select, Space, Statistic, Table, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { BalanceResult } from '../../domain/roster/balance/index.ts'
import { cleanerWorkloads } from '../../domain/roster/workload.ts'
import type { RosterSegment, SegmentRoster } from '../../domain/roster/types.ts'
import { shiftCleaners } from './AssignPanel.tsx'
import { balanceInput, balanceInWorker, planRosters } from './balance-client.ts'
import { formatMetres, formatWorkload } from './format.ts'
import type { RosterPanelProps } from './panel-props.ts'
import { cleanerColour } from './roster-layers.ts'
import type { RosterEditor } from './use-roster-editor.ts'

export interface BalancePanelProps extends RosterPanelProps {
  editor: RosterEditor
  teamSegments: readonly RosterSegment[]
  onPreview: (rosters: ReadonlyMap<number, SegmentRoster> | null) => void
  communityNames: ReadonlyMap<number, string>
}

interface Plan {
  result: BalanceResult
  rosters: Map<number, SegmentRoster>
  scope: number | 'team'
}

export function BalancePanel(props: BalancePanelProps) {
  const { t } = useTranslation('roster')
  const { editor, data, team, shift, canEdit, editReason, teamSegments, onPreview, communityNames } = props
  const [scope, setScope] = useState<number | 'team'>('team')
  const [gapM, setGapM] = useState(30)
  const [mode, setMode] = useState<'repair' | 'fresh'>('repair')
  const [excluded, setExcluded] = useState<ReadonlySet<number>>(new Set())
  const [plan, setPlan] = useState<Plan | null>(null)
  const [running, setRunning] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [previewing, setPreviewing] = useState(false)

  const cleaners = useMemo(() => (team ? shiftCleaners(data.cleaners, team.id, shift) : []), [data.cleaners, team, shift])
  const chosen = cleaners.filter((cleaner) => !excluded.has(cleaner.id))
  const communities = useMemo(() => [...new Set(teamSegments.map((segment) => segment.communityId).filter((id): id is number => id !== null))], [teamSegments])
  const scoped = useMemo(() => (scope === 'team' ? teamSegments : teamSegments.filter((segment) => segment.communityId === scope)), [scope, teamSegments])
  const cleanerName = (id: number) => data.cleaners.find((cleaner) => cleaner.id === id)?.name ?? String(id)

  const preview = (next: Plan | null, on: boolean) => {
    setPreviewing(on && next !== null)
    if (!on || !next) {
      onPreview(null)
      return
    }
    const merged = new Map(editor.values)
    for (const [id, roster] of next.rosters) merged.set(id, roster)
    onPreview(merged)
  }

  const run = async () => {
    setError(null)
    setRunning(true)
    try {
      const input = balanceInput({ segments: scoped, rosters: editor.values, grades: data.grades, cleanerIds: chosen.map((cleaner) => cleaner.id), gapM, mode })
      const result = await balanceInWorker(input)
      const next = { result, rosters: planRosters(result, scoped, editor.values), scope }
      setPlan(next)
      preview(next, true)
    } catch (cause) {
      setPlan(null)
      preview(null, false)
      setError((cause as Error).message)
    } finally {
      setRunning(false)
    }
  }

  const apply = () => {
    if (!plan) return
    const changed = editor.replace(t('balance.label', { count: plan.rosters.size, beats: plan.result.stats.beats }), [...plan.rosters.values()])
    editor.setMessage({ kind: 'info', text: changed ? t('balance.applied') : t('balance.unchanged') })
    setPlan(null)
    preview(null, false)
  }

  const diff = useMemo(() => {
    if (!plan) return []
    const current = [...plan.rosters.keys()].map((id) => editor.values.get(id)).filter((roster): roster is SegmentRoster => roster !== undefined)
    const before = cleanerWorkloads(current, editor.segments, data.grades)
    const after = cleanerWorkloads(plan.rosters.values(), editor.segments, data.grades)
    const ids = [...new Set([...before.keys(), ...after.keys()])]
    return ids
      .map((id) => ({ key: id, cleanerId: id, before: before.get(id)?.workload ?? 0, after: after.get(id)?.workload ?? 0, lengthAfter: after.get(id)?.lengthM ?? 0 }))
      .sort((a, b) => b.after - a.after)
  }, [plan, editor.values, editor.segments, data.grades])

  const stats = plan?.result.stats
  const disconnected = plan ? plan.result.beats.filter((beat) => !beat.connected).length : 0

  return (
    <div className="roster-panel" data-testid="balance-panel">
      {!canEdit && editReason && <Alert type="info" showIcon title={editReason} />}
      <p className="muted">{t('balance.intro')}</p>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <span>{t('balance.scope')}</span>
          <Select
            style={{ width: 220 }}
            value={scope}
            onChange={(value: number | 'team') => setScope(value)}
            options={[{ value: 'team' as const, label: t('balance.wholeTeam') }, ...communities.map((id) => ({ value: id, label: communityNames.get(id) ?? String(id) }))]}
            data-testid="balance-scope"
          />
          <span>{t('balance.gap')}</span>
          <InputNumber min={0} max={200} value={gapM} onChange={(value) => setGapM(Number(value ?? 30))} addonAfter={t('unit.m')} style={{ width: 110 }} />
        </Space>
        <Radio.Group value={mode} onChange={(event) => setMode(event.target.value)}>
          <Radio value="repair">{t('balance.repair')}</Radio>
          <Radio value="fresh">{t('balance.fresh')}</Radio>
        </Radio.Group>
        <Typography.Text>{t('balance.cleaners', { count: chosen.length, segments: scoped.length, metres: formatMetres(scoped.reduce((sum, segment) => sum + segment.lengthM, 0)) })}</Typography.Text>
        <Checkbox.Group
          className="roster-cleaner-checks"
          value={chosen.map((cleaner) => cleaner.id)}
          onChange={(values) => setExcluded(new Set(cleaners.map((cleaner) => cleaner.id).filter((id) => !(values as number[]).includes(id))))}
          options={cleaners.map((cleaner) => ({ value: cleaner.id, label: `${cleaner.name}（${cleaner.employeeNo}）` }))}
        />
        <Space>
          <Button type="primary" onClick={() => void run()} loading={running} disabled={!canEdit || chosen.length === 0 || scoped.length === 0} data-testid="balance-run">
            {t('balance.run')}
          </Button>
          {plan && (
            <>
              <Checkbox checked={previewing} onChange={(event) => preview(plan, event.target.checked)} data-testid="balance-preview">
                {t('balance.preview')}
              </Checkbox>
              <Button type="primary" onClick={apply} data-testid="balance-apply">
                {t('balance.apply')}
              </Button>
              <Button
                onClick={() => {
                  setPlan(null)
                  preview(null, false)
                }}
              >
                {t('balance.discard')}
              </Button>
            </>
          )}
        </Space>
      </Space>
      {error && <Alert type="error" showIcon title={error} data-testid="balance-error" />}
      {plan && stats && (
        <div data-testid="balance-result">
          <div className="roster-stats">
            <Statistic title={t('balance.min')} value={formatWorkload(stats.min)} />
            <Statistic title={t('balance.mean')} value={formatWorkload(stats.mean)} />
            <Statistic title={t('balance.max')} value={formatWorkload(stats.max)} />
            <Statistic title={t('balance.spread')} value={`${(100 * stats.spread).toFixed(1)}%`} data-testid="balance-spread" />
            <Statistic title={t('balance.lowerBound')} value={`${(100 * stats.lowerBound).toFixed(1)}%`} />
          </div>
          <p className="muted">
            {t('balance.summary', { moved: formatMetres(stats.movedLengthM), pieces: stats.movedPieces, components: stats.components, ms: Math.round(stats.ms) })}
          </p>
          {disconnected > 0 && <Alert type="warning" showIcon title={t('balance.disconnected', { count: disconnected })} />}
          <Table
            size="small"
            pagination={false}
            scroll={{ y: 280 }}
            dataSource={diff}
            data-testid="balance-diff"
            columns={[
              {
                title: t('beats.cleaner'),
                dataIndex: 'cleanerId',
                render: (id: number) => (
                  <span>
                    <span className="roster-swatch" style={{ background: cleanerColour(data.cleaners, id) }} />
                    {cleanerName(id)}
                  </span>
                ),
              },
              { title: t('balance.before'), dataIndex: 'before', align: 'right', render: (value: number) => formatWorkload(value) },
              { title: t('balance.after'), dataIndex: 'after', align: 'right', render: (value: number) => formatWorkload(value) },
              { title: t('beats.length'), dataIndex: 'lengthAfter', align: 'right', render: (value: number) => formatMetres(value) },
            ]}
          />
        </div>
      )}
    </div>
  )
}
