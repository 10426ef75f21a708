/**
 * The validator's issues beside the map: those the draft introduced first, then those that
 * were already there. Each says what and where, flies the map to it, and offers its one-click
 * fixes (issue-fixes.ts), each one undo step.
 */
import { Button, Empty, List, Space, Tag, Typography } from 'antd'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { formatNumber } from '../../i18n/format.ts'
import type { EditorIssue } from './editor-validation.ts'
import { fixesFor } from './issue-fixes.ts'
import type { GridEditor } from './use-grid-editor.ts'

interface Props {
  editor: GridEditor
  focused: string | null
  onFocus: (issue: EditorIssue) => void
}

export function IssuesPanel({ editor, focused, onFocus }: Props) {
  const { t, i18n } = useTranslation('grids')
  const introduced = editor.issues.filter((issue) => issue.introduced)
  const existing = editor.issues.filter((issue) => !issue.introduced)

  // A gap's fixes draw the gap (a clip): worked out once per draft state, not at every render
  // (the panel stays mounted behind the other tabs and re-renders with every selection).
  const { issues, values, takenCodes } = editor
  const scope = editor.loaded.editScope
  const fixesByIssue = useMemo(() => new Map(issues.map((issue) => [issue.key, fixesFor(issue, values, scope, takenCodes, t)])), [issues, values, scope, takenCodes, t])

  const render = (issue: EditorIssue) => {
    const fixes = fixesByIssue.get(issue.key) ?? []
    return (
      <List.Item className={issue.key === focused ? 'issue focused' : 'issue'} data-testid="grid-issue" data-type={issue.type}>
        <div className="issue-body">
          <Space size={4} wrap>
            <Tag color={issue.severity === 'error' ? 'red' : 'orange'}>{t(`severity.${issue.severity}`)}</Tag>
            <Tag>{t(`issueType.${issue.type}`)}</Tag>
            {issue.area_m2 !== undefined && <span>{formatNumber(Math.round(issue.area_m2 * 10) / 10, i18n.language)} m²</span>}
          </Space>
          <Typography.Paragraph className="issue-message">{issue.message}</Typography.Paragraph>
          <Space size={4} wrap>
            <Button size="small" onClick={() => onFocus(issue)}>
              {t('issues.flyTo')}
            </Button>
            {fixes.map((fix) => (
              <Button key={fix.key} size="small" type="primary" ghost onClick={() => editor.apply(fix.run())} disabled={editor.committing}>
                {fix.label}
              </Button>
            ))}
          </Space>
        </div>
      </List.Item>
    )
  }

  if (editor.issues.length === 0) return <Empty description={t('issues.none')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
  return (
    <div className="issues-panel" data-testid="issues-panel">
      <Typography.Title level={5}>{t('issues.introduced', { count: introduced.length })}</Typography.Title>
      {introduced.length > 0 ? <List size="small" dataSource={introduced} renderItem={render} rowKey="key" /> : <p className="muted">{t('issues.introducedNone')}</p>}
      <Typography.Title level={5}>{t('issues.existing', { count: existing.length })}</Typography.Title>
      {existing.length > 0 ? <List size="small" dataSource={existing} renderItem={render} rowKey="key" /> : <p className="muted">{t('issues.existingNone')}</p>}
    </div>
  )
}
