/**
 * The editor for one loaded scope: toolbar (tools and operations, each greyed with its
 * reason when unavailable), the map with the active mode, and the tabs beside it
 * (attributes, issues, publish with the what-if, history, files). Every operation is a pure
 * function of src/domain/grids/editing; its outcome becomes one undo step or a refusal shown
 * above the map.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { Alert, Tabs } from 'antd'
import { useTranslation } from 'react-i18next'
import type { MapAdapter } from '../../map/map-adapter.ts'
import type { MapMode } from '../../map/modes.ts'
import type { Position } from '../../map/edit-modes/types.ts'
import { polylineWouldCross } from '../../domain/geometry/segments-cross.ts'
import { deleteGrid, drawGrid, insertVertex, mergeGrids, moveVertex, nextFreeCode, removeVertex, splitGrid } from '../../domain/grids/editing/index.ts'
import type { EditableGrid } from '../../domain/grids/editing/types.ts'
import { contextFeatures, gridFeatures, gridsInBox, issueFeatures, vertexFeatures, boxOf } from './editor-features.ts'
import { buildSnapping, gridsWithVertex, SNAP_PIXELS, snapTo } from './editor-snapping.ts'
import { EditorToolbar, type Tool } from './EditorToolbar.tsx'
import { GridEditorMap } from './GridEditorMap.tsx'
import { AttributePanel } from './AttributePanel.tsx'
import { IssuesPanel } from './IssuesPanel.tsx'
import { PublishPanel } from './PublishPanel.tsx'
import { HistoryPanel } from './HistoryPanel.tsx'
import { FilesPanel } from './FilesPanel.tsx'
import type { GridEditor as Editor } from './use-grid-editor.ts'
import { useDraftPersistence } from './use-draft-persistence.ts'
import type { DraftPayload } from '../../domain/grids/editing/draft.ts'

export interface GridEditorProps {
  editor: Editor
  /** reload the scope and offer this draft on the new versions */
  onRebase: (draft: DraftPayload) => void
}

/** The community a drawn ring belongs to: the one containing most of its points (the first on a tie). */
function communityOfRing(editor: Editor, ring: readonly Position[]): string | null {
  const communities = editor.loaded.editScope.communities
  if (communities.length === 1) return communities[0].code
  const box = (geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon) => boxOf(geometry.type === 'Polygon' ? [geometry] : geometry.coordinates.map((coordinates) => ({ type: 'Polygon', coordinates }) as GeoJSON.Polygon))
  let best: { code: string; count: number } | null = null
  for (const community of communities) {
    const b = box(community.geometry)
    if (!b) continue
    const count = ring.filter(([x, y]) => x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3]).length
    if (!best || count > best.count) best = { code: community.code, count }
  }
  return best?.code ?? null
}

export function GridEditor({ editor, onRebase }: GridEditorProps) {
  const { t } = useTranslation('grids')
  const [tool, setTool] = useState<Tool>('select')
  const [adapter, setAdapter] = useState<MapAdapter | null>(null)
  const [focusedIssue, setFocusedIssue] = useState<string | null>(null)
  const [tab, setTab] = useState('attributes')
  const draftStatus = useDraftPersistence(editor)
  const { loaded, values, base, selection, issues } = editor

  // The map opens on the scope (the editor is mounted per loaded scope).
  const [focus, setFocus] = useState<{ bbox: [number, number, number, number]; key: number } | null>(() => {
    const polygons = loaded.editScope.communities.flatMap((community) =>
      community.geometry.type === 'Polygon' ? [community.geometry] : community.geometry.coordinates.map((coordinates) => ({ type: 'Polygon', coordinates }) as GeoJSON.Polygon),
    )
    const box = boxOf(polygons)
    return box ? { bbox: box, key: 0 } : null
  })

  const snapping = useMemo(() => buildSnapping(values, loaded.editScope, loaded.scopeCommunities), [values, loaded])
  const issueCodes = useMemo(() => new Set(issues.filter((issue) => issue.severity === 'error').flatMap((issue) => issue.ids)), [issues])
  const grids = useMemo(() => gridFeatures(values, base, selection, issueCodes, loaded.scopeCommunities), [values, base, selection, issueCodes, loaded])
  const context = useMemo(() => contextFeatures(loaded.editScope, loaded.neighbours), [loaded])
  const vertices = useMemo(() => (tool === 'vertex' ? vertexFeatures(values, loaded.editScope) : null), [tool, values, loaded])
  const issuePoints = useMemo(() => issueFeatures(issues, focusedIssue), [issues, focusedIssue])

  // The modes live as long as the tool; what they act on is read at the moment of the gesture.
  const latest = useRef({ editor, snapping, grids, adapter })
  useEffect(() => {
    latest.current = { editor, snapping, grids, adapter }
  })

  const mode = useMemo((): MapMode => {
    const tolerance = () => {
      const perPixel = latest.current.adapter?.degreesPerPixel() ?? { x: 1e-5, y: 1e-5 }
      return { x: perPixel.x * SNAP_PIXELS, y: perPixel.y * SNAP_PIXELS }
    }
    const snapAll = (lngLat: Position) => snapTo(latest.current.snapping.all, lngLat, tolerance())
    const refuse = (reason: string) => latest.current.editor.setMessage({ kind: 'error', text: reason })
    if (tool === 'draw' || tool === 'split') {
      const polygon = tool === 'draw'
      return {
        id: 'draw',
        shape: polygon ? 'polygon' : 'line',
        snap: snapAll,
        check: (points, next) => (polylineWouldCross(points, next) ? t('refuse.selfCrossing') : null),
        refusals: { tooFewPoints: polygon ? t('refuse.polygonPoints') : t('refuse.linePoints') },
        onRefuse: refuse,
        onCancel: () => setTool('select'),
        onFinish: (points) => {
          const current = latest.current.editor
          if (polygon) {
            if (polylineWouldCross(points.slice(0, -1), points[points.length - 1], true)) {
              refuse(t('refuse.selfCrossing'))
              return
            }
            const community = communityOfRing(current, points)
            if (!community) return refuse(t('refuse.noCommunity'))
            const code = nextFreeCode(current.takenCodes(), community)
            current.apply(drawGrid(current.values, current.loaded.editScope, points, community, code))
          } else {
            const target = current.selection.length === 1 ? current.selection[0] : null
            if (!target) return refuse(t('refuse.splitSelectOne'))
            const grid = current.values.get(target)
            if (!grid) return
            const code = nextFreeCode(current.takenCodes(), grid.communityCode)
            current.apply(splitGrid(current.values, current.loaded.editScope, target, points, code))
          }
        },
      }
    }
    if (tool === 'vertex') {
      return {
        id: 'vertex',
        findVertex: (lngLat) => {
          const hit = snapTo(latest.current.snapping.draft, lngLat, tolerance())
          return hit?.kind === 'vertex' ? hit.lngLat : null
        },
        findEdge: (lngLat) => {
          const hit = snapTo(latest.current.snapping.draft, lngLat, tolerance())
          return hit?.kind === 'edge' ? hit : null
        },
        snap: (lngLat, dragged) => snapTo(latest.current.snapping.all, lngLat, tolerance(), gridsWithVertex(latest.current.editor.values, dragged)),
        onMove: (from, to) => {
          const current = latest.current.editor
          current.apply(moveVertex(current.values, current.loaded.editScope, from, to))
        },
        onInsert: (edge, at) => {
          const current = latest.current.editor
          current.apply(insertVertex(current.values, current.loaded.editScope, { code: edge.id, ring: edge.ring, index: edge.index }, at))
        },
        onRemove: (at) => {
          const current = latest.current.editor
          current.apply(removeVertex(current.values, current.loaded.editScope, at))
        },
      }
    }
    return {
      id: 'grid-select',
      onPick: (pick, additive) => {
        const current = latest.current
        const code = pick && pick.layer === 'editorGrids' ? current.grids.codes[pick.id] : undefined
        const selected = current.editor.selection
        if (!code) {
          if (!additive) current.editor.setSelection([])
          return
        }
        if (additive) current.editor.setSelection(selected.includes(code) ? selected.filter((each) => each !== code) : [...selected, code])
        else current.editor.setSelection([code])
      },
      onBox: (bbox, additive) => {
        const current = latest.current.editor
        const hits = gridsInBox(current.values, bbox, current.loaded.scopeCommunities)
        current.setSelection(additive ? [...new Set([...current.selection, ...hits])] : hits)
      },
    }
  }, [tool, t])

  // For the e2e suite and benches, like the overview's performance marks: where a position is
  // on screen, and the draft's grids as they are now (read-only copies).
  useEffect(() => {
    const hook = {
      project: (lngLat: [number, number]) => latest.current.adapter?.project(lngLat) ?? null,
      grids: () => [...latest.current.editor.values.values()].filter((grid) => latest.current.editor.loaded.scopeCommunities.has(grid.communityCode)).map((grid) => ({ ...grid })),
      selection: () => [...latest.current.editor.selection],
    }
    const holder = window as unknown as { __urbangrid?: Record<string, unknown> }
    holder.__urbangrid = { ...holder.__urbangrid, gridEditor: hook }
    return () => {
      if (holder.__urbangrid?.gridEditor === hook) holder.__urbangrid = { ...holder.__urbangrid, gridEditor: undefined }
    }
  }, [])

  // Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y anywhere but in a text field.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)) return
      if (!(event.ctrlKey || event.metaKey)) return
      const key = event.key.toLowerCase()
      if (key === 'z' && !event.shiftKey) {
        event.preventDefault()
        latest.current.editor.undo()
      } else if ((key === 'z' && event.shiftKey) || key === 'y') {
        event.preventDefault()
        latest.current.editor.redo()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  const merge = useCallback(
    (keep?: string) => editor.apply(mergeGrids(editor.values, loaded.editScope, [...editor.selection], keep)),
    [editor, loaded],
  )
  const remove = useCallback((to?: string) => editor.selection.length === 1 && editor.apply(deleteGrid(editor.values, loaded.editScope, editor.selection[0], to)), [editor, loaded])
  const flyTo = useCallback((bbox: [number, number, number, number]) => setFocus({ bbox, key: Date.now() }), [])
  const selectedGrids = selection.map((code) => values.get(code)).filter((grid): grid is EditableGrid => grid !== undefined)
  const errors = issues.filter((issue) => issue.severity === 'error').length

  return (
    <div className="grid-editor">
      <EditorToolbar editor={editor} tool={tool} onTool={setTool} onMerge={merge} onDelete={remove} draftStatus={draftStatus} />
      <div className="grid-editor-body">
        <div className="grid-editor-map-column">
          {editor.message && (
            <Alert
              className="grid-editor-message"
              type={editor.message.kind === 'error' ? 'error' : 'success'}
              title={editor.message.text}
              closable={{ onClose: () => editor.setMessage(null) }}
              showIcon
              data-testid="grid-editor-message"
            />
          )}
          <GridEditorMap grids={grids.collection} context={context} vertices={vertices} issues={issuePoints} mode={mode} focus={focus} onAdapter={setAdapter} />
          <div className="grid-editor-hint">{t(`hint.${tool}`)}</div>
        </div>
        <aside className="grid-editor-side">
          <Tabs
            activeKey={tab}
            onChange={setTab}
            size="small"
            items={[
              { key: 'attributes', label: t('tab.attributes'), children: <AttributePanel editor={editor} grids={selectedGrids} /> },
              {
                key: 'issues',
                label: t('tab.issues', { count: errors }),
                children: (
                  <IssuesPanel
                    editor={editor}
                    focused={focusedIssue}
                    onFocus={(issue) => {
                      setFocusedIssue(issue.key)
                      const [x, y] = issue.location
                      flyTo([x - 0.0008, y - 0.0006, x + 0.0008, y + 0.0006])
                    }}
                  />
                ),
              },
              { key: 'publish', label: t('tab.publish'), children: <PublishPanel editor={editor} onRebase={onRebase} /> },
              { key: 'history', label: t('tab.history'), children: <HistoryPanel editor={editor} onFly={flyTo} /> },
              { key: 'files', label: t('tab.files'), children: <FilesPanel editor={editor} /> },
            ]}
          />
        </aside>
      </div>
    </div>
  )
}
