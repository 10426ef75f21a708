/**
 * The editor's toolbar: the tool (select, draw, split, vertices), the operations on the
 * selection (merge with a preview of what survives, delete giving the area to a neighbour,
 * renumber), undo and redo with what they would take back, and where the draft is saved.
 * Every button that cannot act now is greyed and says why (iD's `disabled()` reasons).
 */
import { useState } from 'react'
import { Button, Popover, Segmented, Select, Space, Switch, Tooltip } from 'antd'
import { useTranslation } from 'react-i18next'
import { deleteAvailability, mergeAvailability, neighbours, previewMerge, renumberCommunity, splitAvailability } from '../../domain/grids/editing/index.ts'
import { formatNumber } from '../../i18n/format.ts'
import type { GridEditor } from './use-grid-editor.ts'
import type { DraftStatus } from './use-draft-persistence.ts'

export type Tool = 'select' | 'draw' | 'split' | 'vertex'

interface Props {
  editor: GridEditor
  tool: Tool
  onTool: (tool: Tool) => void
  onMerge: (keep?: string) => void
  onDelete: (to?: string) => void
  draftStatus: DraftStatus
}

function Gated({ reason, children }: { reason: string | null; children: React.ReactNode }) {
  return reason ? (
    <Tooltip title={reason}>
      <span className="gated" data-reason={reason}>
        {children}
      </span>
    </Tooltip>
  ) : (
    <>{children}</>
  )
}

export function EditorToolbar({ editor, tool, onTool, onMerge, onDelete, draftStatus }: Props) {
  const { t, i18n } = useTranslation('grids')
  const [keep, setKeep] = useState<string | undefined>(undefined)
  const [deleteTo, setDeleteTo] = useState<string | undefined>(undefined)
  const [keepUntouched, setKeepUntouched] = useState(true)
  const { values, selection, loaded } = editor
  const split = splitAvailability(selection)
  const merge = mergeAvailability(values, selection)
  const remove = deleteAvailability(values, selection)
  const busy = editor.committing
  const reason = (availability: { available: boolean; reason?: string }) => (busy ? t('toolbar.committing') : availability.available ? null : (availability.reason ?? null))

  const mergePreview = merge.available ? previewMerge(values, loaded.editScope, [...selection], keep && selection.includes(keep) ? keep : undefined) : null
  const neighbourList = remove.available && selection.length === 1 ? neighbours(values, selection[0]).filter((each) => values.get(each.code)?.communityCode === values.get(selection[0])?.communityCode) : []
  const communities = [...loaded.scopeCommunities].sort()

  const renumber = (community: string) => {
    const untouched = new Set([...values.keys()].filter((code) => editor.base.get(code) === values.get(code)))
    editor.apply(renumberCommunity(values, community, { keepUntouched, untouched }))
  }

  return (
    <div className="grid-editor-toolbar" role="toolbar">
      <Segmented<Tool>
        value={tool}
        onChange={onTool}
        options={[
          { value: 'select', label: t('tool.select') },
          { value: 'draw', label: t('tool.draw') },
          { value: 'split', label: t('tool.split'), disabled: !split.available, title: split.available ? undefined : split.reason },
          { value: 'vertex', label: t('tool.vertex') },
        ]}
      />
      <Space size={4} wrap>
        <Gated reason={reason(merge)}>
          <Popover
            trigger="click"
            title={t('merge.title')}
            content={
              mergePreview && 'keptCode' in mergePreview ? (
                <div className="merge-preview" data-testid="merge-preview">
                  <p>{t('merge.keeps', { code: mergePreview.keptCode, name: mergePreview.kept.name || t('common.unnamed'), person: mergePreview.kept.responsiblePerson || t('common.none') })}</p>
                  <p>{t('merge.removes', { codes: mergePreview.removed.join('、') })}</p>
                  <p>{t('merge.area', { area: formatNumber(Math.round(mergePreview.area_m2), i18n.language) })}</p>
                  <Space>
                    <Select size="small" style={{ width: 190 }} value={mergePreview.keptCode} onChange={setKeep} options={selection.map((code) => ({ value: code, label: t('merge.keepOption', { code }) }))} />
                    <Button type="primary" size="small" onClick={() => onMerge(mergePreview.keptCode)} data-testid="merge-confirm">
                      {t('merge.confirm')}
                    </Button>
                  </Space>
                </div>
              ) : null
            }
          >
            <Button disabled={!merge.available || busy} data-testid="merge-button">{t('toolbar.merge')}</Button>
          </Popover>
        </Gated>
        <Gated reason={reason(remove)}>
          <Popover
            trigger="click"
            title={t('delete.title')}
            content={
              neighbourList.length > 0 ? (
                <div data-testid="delete-preview">
                  <p>{t('delete.gives', { code: selection[0] })}</p>
                  <Space>
                    <Select
                      size="small"
                      style={{ width: 260 }}
                      value={deleteTo ?? neighbourList[0].code}
                      onChange={setDeleteTo}
                      options={neighbourList.map((neighbour) => ({ value: neighbour.code, label: t('delete.option', { code: neighbour.code, metres: formatNumber(Math.round(neighbour.sharedLength_m), i18n.language) }) }))}
                    />
                    <Button danger size="small" onClick={() => onDelete(deleteTo ?? neighbourList[0].code)} data-testid="delete-confirm">
                      {t('delete.confirm')}
                    </Button>
                  </Space>
                </div>
              ) : (
                <p>{t('delete.noNeighbour')}</p>
              )
            }
          >
            <Button disabled={!remove.available || busy} data-testid="delete-button">{t('toolbar.delete')}</Button>
          </Popover>
        </Gated>
        <Popover
          trigger="click"
          title={t('renumber.title')}
          content={
            <div className="renumber">
              <p>{t('renumber.rule')}</p>
              <Space direction="vertical">
                <span>
                  <Switch size="small" checked={keepUntouched} onChange={setKeepUntouched} /> {t('renumber.keepUntouched')}
                </span>
                {communities.map((community) => (
                  <Button key={community} size="small" onClick={() => renumber(community)}>
                    {t('renumber.run', { community })}
                  </Button>
                ))}
              </Space>
            </div>
          }
        >
          <Button disabled={busy} data-testid="renumber-button">{t('toolbar.renumber')}</Button>
        </Popover>
        <Gated reason={editor.canUndo ? null : t('toolbar.nothingToUndo')}>
          <Button disabled={!editor.canUndo} onClick={editor.undo} data-testid="undo-button" title={editor.undoLabel ? t('toolbar.undoWhat', { label: editor.undoLabel }) : undefined}>
            {t('toolbar.undo')}
          </Button>
        </Gated>
        <Gated reason={editor.canRedo ? null : t('toolbar.nothingToRedo')}>
          <Button disabled={!editor.canRedo} onClick={editor.redo} data-testid="redo-button" title={editor.redoLabel ? t('toolbar.redoWhat', { label: editor.redoLabel }) : undefined}>
            {t('toolbar.redo')}
          </Button>
        </Gated>
      </Space>
      <span className="draft-status" data-testid="draft-status" data-state={draftStatus.state}>
        {t(`draft.${draftStatus.state}`, { at: draftStatus.at ?? '' })}
      </span>
    </div>
  )
}
