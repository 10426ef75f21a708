/**
 * Every stage of a case with its time limit (受理 … 核查): its limit, its deadline on the work
 * calendar, when it ended and whether in time. A stage recorded late stays late (private.case_stages).
 */
import type { HTMLAttributes } from 'react'
import { Table, Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import type { CaseStageTiming } from '../../data/schemas.ts'
import { formatDateTime } from '../../i18n/format.ts'

function resultOf(stage: CaseStageTiming): { key: string; color?: string } {
  switch (stage.state) {
    case 'done':
      return stage.met === false ? { key: 'late', color: 'red' } : { key: 'met', color: 'green' }
    case 'ended':
      return stage.late ? { key: 'late', color: 'red' } : { key: 'ended' }
    case 'open':
      return stage.overdue ? { key: 'overdue', color: 'red' } : { key: 'open', color: 'blue' }
    default:
      return { key: stage.state }
  }
}

export function CaseStages({ stages }: { stages: CaseStageTiming[] }) {
  const { t, i18n } = useTranslation('cases')
  const time = (iso: string | null) => (iso ? formatDateTime(iso, i18n.language) : '—')
  return (
    <div data-testid="case-stages">
    <Table<CaseStageTiming>
      className="case-stages"
      size="small"
      pagination={false}
      rowKey="key"
      dataSource={stages}
      onRow={(stage) => ({ 'data-stage': stage.key, 'data-result': resultOf(stage).key }) as HTMLAttributes<HTMLElement>}
      columns={[
        { key: 'stage', title: t('stages.stage'), width: 56, render: (_, stage) => t(`stage.${stage.key}`) },
        {
          key: 'limit',
          title: t('stages.limit'),
          width: 84,
          render: (_, stage) => (stage.time_limit && stage.state !== 'skipped' ? t(`unit.${stage.time_limit.unit}`, { amount: stage.time_limit.amount }) : '—'),
        },
        {
          key: 'deadline',
          title: t('stages.deadline'),
          className: 'mono',
          render: (_, stage) => <span title={`${t('stages.started')} ${time(stage.started_at)}`}>{time(stage.deadline_at)}</span>,
        },
        { key: 'done', title: t('stages.done'), className: 'mono', render: (_, stage) => time(stage.done_at) },
        {
          key: 'result',
          title: t('stages.result'),
          width: 96,
          render: (_, stage) => {
            const result = resultOf(stage)
            return result.color ? <Tag color={result.color}>{t(`stages.${result.key}`)}</Tag> : <span className="muted">{t(`stages.${result.key}`)}</span>
          },
        },
      ]}
    />
    </div>
  )
}
