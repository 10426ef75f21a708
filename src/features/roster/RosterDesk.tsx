/**
 * One team, day and shift being rostered: the map of the team's segments and the side panels.
 * The edit session (use-roster-editor.ts) holds the unsaved roster; assigning, splitting and
 * balancing are undo steps; 保存 sends the net change as one roster_apply call, refused as a
 * whole (naming the segments) when someone changed them meanwhile.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import { Alert, Button, Segmented, Space, Tabs, Tooltip } from 'antd'
import { useTranslation } from 'react-i18next'
import { useAreas, useRepository } from '../../data/hooks.ts'
import { invalidateAfterWrite } from '../../data/invalidation.ts'
import { ROSTER_RPC, type RosterWorkspaceData } from '../../data/roster-reads.ts'
import { toApplyPayload, toChange } from '../../domain/roster/change.ts'
import { coverageFromRosters } from '../../domain/roster/coverage.ts'
import { fromAssignments } from '../../domain/roster/pieces.ts'
import { boundingBox } from '../../domain/roster/workload.ts'
import { measureAtPoint } from '../../domain/roster/split-point.ts'
import type { RosterAssignment, RosterSegment, RosterTeam, SegmentRoster, ShiftCode } from '../../domain/roster/types.ts'
import type { MapAdapter } from '../../map/map-adapter.ts'
import type { MapMode } from '../../map/modes.ts'
import { AssignPanel, shiftCleaners, type SplitPoint } from './AssignPanel.tsx'
import { BalancePanel } from './BalancePanel.tsx'
import { CoveragePanel } from './CoveragePanel.tsx'
import { ExportPanel } from './ExportPanel.tsx'
import { FacilitiesPanel } from './FacilitiesPanel.tsx'
import { InspectionsPanel } from './InspectionsPanel.tsx'
import { PeoplePanel } from './PeoplePanel.tsx'
import type { RosterPanelProps } from './panel-props.ts'
import { RosterMap } from './RosterMap.tsx'
import { rosterFeatures } from './roster-features.ts'
import { cleanerColour } from './roster-layers.ts'
import { segmentsInLasso } from './roster-selection.ts'
import { useRosterEditor } from './use-roster-editor.ts'

type Tool = 'select' | 'lasso' | 'split'

export interface RosterDeskProps {
  data: RosterWorkspaceData
  team: RosterTeam
  teamSegments: RosterSegment[]
  assignments: RosterAssignment[]
  day: string
  shift: ShiftCode
  canEdit: boolean
  editReason: string | null
  /** how many segments have unsaved changes, whenever that changes */
  onPendingChange: (count: number) => void
}

export function RosterDesk({ data, team, teamSegments, assignments, day, shift, canEdit, editReason, onPendingChange }: RosterDeskProps) {
  const { t } = useTranslation('roster')
  const repository = useRepository()
  const client = useQueryClient()
  const editor = useRosterEditor(teamSegments, assignments, shift)
  const [tool, setTool] = useState<Tool>('select')
  const [selected, setSelected] = useState<readonly number[]>([])
  const [highlight, setHighlight] = useState<number | null>(null)
  const [split, setSplit] = useState<SplitPoint | null>(null)
  const [preview, setPreview] = useState<ReadonlyMap<number, SegmentRoster> | null>(null)
  const [focus, setFocus] = useState<{ bbox: [number, number, number, number]; key: number } | null>(() => {
    const bbox = boundingBox(teamSegments.flatMap((segment) => segment.coordinates))
    return bbox && { bbox, key: 0 }
  })
  const [tab, setTab] = useState('assign')

  const inArea = useMemo(() => new Set(teamSegments.map((segment) => segment.id)), [teamSegments])
  const activeCleanerIds = useMemo(() => new Set(data.cleaners.filter((cleaner) => cleaner.active).map((cleaner) => cleaner.id)), [data.cleaners])
  const cleanerNames = useMemo(() => new Map(data.cleaners.map((cleaner) => [cleaner.id, cleaner.name])), [data.cleaners])
  const communities = useAreas('community', {})
  const streets = useAreas('street', {})
  const communityNames = useMemo(() => new Map((communities.data?.features ?? []).map((feature) => [feature.properties.id, feature.properties.name])), [communities.data])
  const streetNames = useMemo(() => new Map((streets.data?.features ?? []).map((feature) => [feature.properties.id, feature.properties.name])), [streets.data])

  const rosters = preview ?? editor.values
  const coverage = useMemo(
    () => coverageFromRosters(editor.values, { day, shift, segments: teamSegments, activeCleanerIds, teams: data.teams, communityNames, streetNames }),
    [editor.values, day, shift, teamSegments, activeCleanerIds, data.teams, communityNames, streetNames],
  )
  const selectedSet = useMemo(() => new Set(selected), [selected])
  const pieces = useMemo(
    () =>
      rosterFeatures({
        segments: data.segments,
        inArea,
        rosters,
        activeCleanerIds,
        selected: selectedSet,
        highlightCleanerId: highlight,
        cleanerName: (id) => cleanerNames.get(id) ?? String(id),
        colour: (id) => cleanerColour(data.cleaners, id),
      }),
    [data.segments, data.cleaners, inArea, rosters, activeCleanerIds, selectedSet, highlight, cleanerNames],
  )

  const selectSegments = useCallback(
    (ids: number[]) => {
      setSelected(ids.filter((id) => inArea.has(id)))
      const bbox = boundingBox(ids.flatMap((id) => editor.segments.get(id)?.coordinates ?? []))
      if (bbox) setFocus((previous) => ({ bbox, key: (previous?.key ?? 0) + 1 }))
    },
    [inArea, editor.segments],
  )

  const mode = useMemo<MapMode>(
    () => ({
      id: 'segment-select',
      lasso: tool === 'lasso',
      onPick: (pick, additive, lngLat) => {
        const id = pick && inArea.has(pick.id) ? pick.id : null
        if (tool === 'split') {
          const segment = id === null ? undefined : editor.segments.get(id)
          if (!segment) return
          setSelected([segment.id])
          setSplit({ segmentId: segment.id, atM: measureAtPoint(segment.coordinates, lngLat) })
          return
        }
        if (id === null) {
          if (!additive) setSelected([])
          return
        }
        setSplit(null)
        setSelected((current) => (additive ? (current.includes(id) ? current.filter((value) => value !== id) : [...current, id]) : [id]))
      },
      onLasso: (ring, additive) => {
        const caught = segmentsInLasso(ring, editor.segments.values())
        setSplit(null)
        setSelected((current) => (additive ? [...new Set([...current, ...caught])] : caught))
      },
    }),
    [tool, inArea, editor.segments],
  )

  const save = async () => {
    editor.setMessage(null)
    const outcome = await editor.session.commit(
      async (changes) => {
        const changed = changes.flatMap((change) => (change.kind === 'updated' ? [change.value] : []))
        return repository.rpc(ROSTER_RPC.apply, { p_change: toApplyPayload(toChange(day, shift, changed)) })
      },
      {
        settle: (result, changes) =>
          changes.map((change) => {
            const segment = editor.segments.get(change.key) as RosterSegment
            const stored = result.assignments.filter((row) => row.segmentId === change.key && row.shift === shift)
            return [change.key, fromAssignments(segment, stored)] as const
          }),
      },
    )
    if (outcome.status === 'committed') {
      await invalidateAfterWrite(client, ROSTER_RPC.apply)
      editor.setMessage({ kind: 'success', text: t('save.done', { count: outcome.changes.length }) })
    } else if (outcome.status === 'failed') {
      editor.setMessage({ kind: 'error', text: (outcome.error as Error)?.message ?? String(outcome.error) })
    }
  }

  // For the e2e suite: where a position is on screen, the team's segments, the roster being
  // edited and the selection (read-only copies), like the grid editor's hook.
  const adapter = useRef<MapAdapter | null>(null)
  const latest = useRef({ editor, selected, coverage, data, team, shift })
  useEffect(() => {
    latest.current = { editor, selected, coverage, data, team, shift }
  })
  useEffect(() => {
    const hook = {
      project: (lngLat: [number, number]) => adapter.current?.project(lngLat) ?? null,
      segments: () => [...latest.current.editor.segments.values()].map((segment) => ({ ...segment })),
      rosters: () => [...latest.current.editor.values.values()].map((roster) => ({ ...roster, pieces: roster.pieces.map((piece) => ({ ...piece })) })),
      selection: () => [...latest.current.selected],
      coverage: () => ({ ...latest.current.coverage.totals }),
      /** the assign list's cleaners, in its order */
      cleaners: () => shiftCleaners(latest.current.data.cleaners, latest.current.team.id, latest.current.shift).map((cleaner) => ({ ...cleaner })),
    }
    const holder = window as unknown as { __urbangrid?: Record<string, unknown> }
    holder.__urbangrid = { ...holder.__urbangrid, roster: hook }
    return () => {
      if (holder.__urbangrid?.roster === hook) holder.__urbangrid = { ...holder.__urbangrid, roster: undefined }
    }
  }, [])

  useEffect(() => onPendingChange(editor.changedCount), [onPendingChange, editor.changedCount])

  const panelProps: RosterPanelProps = { data, team, day, shift, canEdit, editReason, selectedSegmentIds: selected, onSelectSegments: selectSegments }

  return (
    <div className="roster-desk">
      <div className="roster-main">
        <div className="roster-toolbar">
          <Segmented
            value={tool}
            onChange={(value) => setTool(value as Tool)}
            options={[
              { value: 'select', label: t('tool.select') },
              { value: 'lasso', label: t('tool.lasso') },
              { value: 'split', label: t('tool.split') },
            ]}
            data-testid="roster-tool"
          />
          <span className="muted roster-hint">{t(`hint.${tool}`)}</span>
          <Space className="roster-save">
            <Tooltip title={editor.undoLabel ? t('toolbar.undoWhat', { label: editor.undoLabel }) : t('toolbar.nothingToUndo')}>
              <Button onClick={editor.undo} disabled={!editor.canUndo || editor.committing} data-testid="roster-undo">
                {t('toolbar.undo')}
              </Button>
            </Tooltip>
            <Tooltip title={editor.redoLabel ? t('toolbar.redoWhat', { label: editor.redoLabel }) : t('toolbar.nothingToRedo')}>
              <Button onClick={editor.redo} disabled={!editor.canRedo || editor.committing} data-testid="roster-redo">
                {t('toolbar.redo')}
              </Button>
            </Tooltip>
            <Button type="primary" onClick={() => void save()} disabled={!canEdit || !editor.dirty} loading={editor.committing} data-testid="roster-save">
              {editor.dirty ? t('save.button', { count: editor.changedCount }) : t('save.saved')}
            </Button>
          </Space>
        </div>
        {editor.message && (
          <Alert
            type={editor.message.kind === 'error' ? 'error' : editor.message.kind === 'success' ? 'success' : 'info'}
            showIcon
            closable={{ onClose: () => editor.setMessage(null) }}
            title={editor.message.text}
            className="roster-message"
            data-testid="roster-message"
          />
        )}
        <RosterMap pieces={pieces} mode={mode} focus={focus} onAdapter={(value) => (adapter.current = value)} />
        {preview && <Alert type="warning" showIcon className="roster-preview-note" title={t('balance.previewing')} data-testid="balance-previewing" />}
      </div>
      <div className="roster-side">
        <Tabs
          tabBarGutter={14}
          activeKey={tab}
          onChange={setTab}
          size="small"
          items={[
            {
              key: 'assign',
              label: t('tab.assign'),
              children: (
                <AssignPanel
                  {...panelProps}
                  editor={editor}
                  split={split}
                  onSplit={setSplit}
                  highlight={highlight}
                  onHighlight={setHighlight}
                />
              ),
            },
            { key: 'coverage', label: t('tab.coverage'), children: <CoveragePanel {...panelProps} coverage={coverage} /> },
            {
              key: 'balance',
              label: t('tab.balance'),
              children: <BalancePanel {...panelProps} editor={editor} teamSegments={teamSegments} onPreview={setPreview} communityNames={communityNames} />,
            },
            { key: 'export', label: t('tab.export'), children: <ExportPanel {...panelProps} editor={editor} teamSegments={teamSegments} /> },
            { key: 'people', label: t('tab.people'), children: <PeoplePanel {...panelProps} /> },
            { key: 'facilities', label: t('tab.facilities'), children: <FacilitiesPanel {...panelProps} /> },
            { key: 'inspections', label: t('tab.inspections'), children: <InspectionsPanel {...panelProps} /> },
          ]}
        />
      </div>
    </div>
  )
}
