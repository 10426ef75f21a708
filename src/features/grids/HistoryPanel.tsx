/**
 * History: the versions of the selected grid, or the community's changes grouped by publish,
 * each with a before/after sketch (the version against the grid now) and a restore into the
 * draft.
 */
import { useMemo } from 'react'
import { Button, Empty, List, Space, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useGridHistory } from '../../data/hooks.ts'
import { formatDateTime } from '../../i18n/format.ts'
import { boxOf } from './editor-features.ts'
import { restoreCommunityAt, restoreVersion, type HistoryVersion } from './history-restore.ts'
import type { GridEditor } from './use-grid-editor.ts'

interface Props {
  editor: GridEditor
  onFly: (bbox: [number, number, number, number]) => void
}

/** Before (dashed red) and now (blue) on one small plan, north up. */
export function BeforeAfter({ before, after }: { before: GeoJSON.Polygon | null; after: GeoJSON.Polygon | null }) {
  const shapes = [before, after].filter((shape): shape is GeoJSON.Polygon => shape !== null)
  const box = boxOf(shapes)
  if (!box) return null
  const [w, s, e, n] = box
  const scale = Math.min(180 / Math.max(e - w, 1e-9), 110 / Math.max(n - s, 1e-9))
  const path = (polygon: GeoJSON.Polygon) =>
    polygon.coordinates.map((ring) => ring.map(([x, y], index) => `${index === 0 ? 'M' : 'L'}${((x - w) * scale + 10).toFixed(1)},${((n - y) * scale + 10).toFixed(1)}`).join('') + 'Z').join('')
  return (
    <svg className="before-after" width={200} height={130} role="img" data-testid="before-after">
      {before && <path d={path(before)} fill="rgba(220,38,38,0.12)" stroke="#dc2626" strokeDasharray="4 2" fillRule="evenodd" />}
      {after && <path d={path(after)} fill="rgba(29,78,216,0.12)" stroke="#1d4ed8" fillRule="evenodd" />}
    </svg>
  )
}

export function HistoryPanel({ editor, onFly }: Props) {
  const { t, i18n } = useTranslation('grids')
  const single = editor.selection.length === 1 ? editor.selection[0] : null
  const community = single ? single.slice(0, 12) : (editor.loaded.editScope.communities[0]?.code ?? null)
  const history = useGridHistory(single ? { code: single } : { community })
  const versions = useMemo((): HistoryVersion[] => history.data?.versions ?? [], [history.data])

  if (history.isLoading) return <p className="muted">{t('common.loading')}</p>
  if (history.error) return <p className="error">{(history.error as Error).message}</p>
  if (versions.length === 0) return <Empty description={t('history.none')} image={Empty.PRESENTED_IMAGE_SIMPLE} />

  if (single) {
    const now = editor.values.get(single)?.geometry ?? null
    return (
      <div className="history-panel" data-testid="history-panel">
        <Typography.Title level={5}>{t('history.grid', { code: single })}</Typography.Title>
        <List
          size="small"
          dataSource={versions}
          renderItem={(version) => (
            <List.Item data-testid="history-version">
              <div>
                <Space size={4} wrap>
                  <Tag color={version.valid_to === null ? 'blue' : 'default'}>{t('history.version', { version: version.version })}</Tag>
                  <span>{formatDateTime(version.valid_from, i18n.language)}</span>
                  {version.valid_to && <span className="muted">→ {formatDateTime(version.valid_to, i18n.language)}</span>}
                </Space>
                <p className="muted">{version.change_reason || t('history.noReason')}{version.created_by_name ? ` · ${version.created_by_name}` : ''}</p>
                <BeforeAfter before={version.geometry} after={now} />
                <Space size={4}>
                  <Button size="small" onClick={() => { const box = boxOf([version.geometry]); if (box) onFly(box) }}>{t('issues.flyTo')}</Button>
                  <Button size="small" disabled={version.valid_to === null || editor.committing} onClick={() => editor.apply(restoreVersion(editor.values, version, t('history.restoreLabel', { code: version.code, version: version.version })))}>
                    {t('history.restore')}
                  </Button>
                </Space>
              </div>
            </List.Item>
          )}
        />
      </div>
    )
  }

  const events = history.data?.events ?? []
  return (
    <div className="history-panel" data-testid="history-panel">
      <Typography.Title level={5}>{t('history.community', { community })}</Typography.Title>
      <List
        size="small"
        dataSource={events}
        renderItem={(event, index) => (
          <List.Item data-testid="history-event">
            <div>
              <Space size={4} wrap>
                <strong>{formatDateTime(event.at, i18n.language)}</strong>
                {event.created.length > 0 && <Tag color="green">{t('history.created', { count: event.created.length })}</Tag>}
                {event.changed.length > 0 && <Tag color="gold">{t('history.changed', { count: event.changed.length })}</Tag>}
                {event.retired.length > 0 && <Tag color="red">{t('history.retired', { count: event.retired.length })}</Tag>}
              </Space>
              <p className="muted">{event.reasons.filter(Boolean).join('；') || t('history.noReason')}{event.by.length > 0 ? ` · ${event.by.join('、')}` : ''}</p>
              {index < events.length - 1 && community && (
                <Button
                  size="small"
                  disabled={editor.committing}
                  onClick={() => {
                    // The community as it stood just before this change.
                    const before = new Date(Date.parse(event.at) - 1).toISOString()
                    editor.apply(restoreCommunityAt(editor.values, community, versions, before, t('history.restoreCommunityLabel', { at: formatDateTime(event.at, i18n.language) })))
                  }}
                >
                  {t('history.restoreBefore')}
                </Button>
              )}
            </div>
          </List.Item>
        )}
      />
    </div>
  )
}
