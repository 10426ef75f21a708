/**
 * 保洁排班: the staff's desk. Pick a team, a day and a shift; the team's segments load as
 * the base of an edit session (RosterDesk). A banner says, for the team, every shift of the
 * day that is not fully covered (as the database counts it). Changing anything needs the
 * staff role (own team only) or admin; others see the roster read-only and are told why.
 */
import { useMemo, useState } from 'react'
import { Alert, DatePicker, Empty, Modal, Segmented, Select, Space } from 'antd'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { useOperation, useSessionRole } from '../../app/use-operation.ts'
import { useRead } from '../../data/hooks.ts'
import { ROSTER_ASSIGNMENTS_READ, ROSTER_WORKSPACE_READ, type RosterWorkspaceData } from '../../data/roster-reads.ts'
import { SHIFT_CODES, type RosterTeam, type ShiftCode } from '../../domain/roster/types.ts'
import { AntdScope } from '../shared/AntdScope.tsx'
import { CoverageBanner } from './CoverageBanner.tsx'
import { RosterDesk } from './RosterDesk.tsx'
import './roster.css'
import './i18n.ts'

const CHOICE_KEY = 'urbangrid.roster-choice'

interface Choice {
  teamId: number | null
  day: string
  shift: ShiftCode
}

function today(): string {
  return dayjs().format('YYYY-MM-DD')
}

function initialChoice(): Choice {
  try {
    const stored = JSON.parse(sessionStorage.getItem(CHOICE_KEY) ?? 'null') as Partial<Choice> | null
    if (stored && SHIFT_CODES.includes(stored.shift as ShiftCode))
      return { teamId: typeof stored.teamId === 'number' ? stored.teamId : null, day: typeof stored.day === 'string' ? stored.day : today(), shift: stored.shift as ShiftCode }
  } catch {
    // A broken value is just not used.
  }
  return { teamId: null, day: today(), shift: 'early' }
}

export function RosterWorkspace() {
  return (
    <AntdScope>
      <RosterHome />
    </AntdScope>
  )
}

function RosterHome() {
  const { t } = useTranslation('roster')
  const workspace = useRead(ROSTER_WORKSPACE_READ, [null])
  if (workspace.data) return <RosterChooser data={workspace.data} />
  return (
    <div className="roster-workspace" data-testid="roster-workspace">
      {workspace.error ? <Alert type="error" showIcon title={(workspace.error as Error).message} className="roster-error" /> : <p className="muted roster-loading">{t('common.loading')}</p>}
    </div>
  )
}

/** The segments of a team's area: those whose community, or whose street, the team's area lists. */
export function segmentsOfTeam(data: RosterWorkspaceData, team: RosterTeam | null) {
  if (!team) return data.segments
  const communities = new Set(team.areaCommunityIds)
  const streets = new Set(team.areaStreetIds)
  return data.segments.filter((segment) => (segment.communityId !== null && communities.has(segment.communityId)) || (segment.streetId !== null && streets.has(segment.streetId)))
}

function RosterChooser({ data }: { data: RosterWorkspaceData }) {
  const { t } = useTranslation('roster')
  const permission = useOperation('editRoster')
  const role = useSessionRole()
  const [choice, setChoiceState] = useState<Choice>(initialChoice)
  const teamId = choice.teamId ?? data.myTeamId ?? data.teams[0]?.id ?? null
  const team = data.teams.find((candidate) => candidate.id === teamId) ?? null
  const assignments = useRead(ROSTER_ASSIGNMENTS_READ, [choice.day])
  const teamSegments = useMemo(() => segmentsOfTeam(data, team), [data, team])

  // Unsaved segments of the desk: switching team, day or shift would drop them, so it asks first.
  const [pending, setPending] = useState(0)
  const setChoice = (next: Partial<Choice>) => {
    if (pending === 0) {
      applyChoice(next)
      return
    }
    Modal.confirm({
      title: t('switch.title', { count: pending }),
      content: t('switch.content'),
      okText: t('switch.discard'),
      okButtonProps: { danger: true, 'data-testid': 'roster-switch-discard' } as never,
      cancelText: t('switch.stay'),
      onOk: () => {
        setPending(0)
        applyChoice(next)
      },
    })
  }
  const applyChoice = (next: Partial<Choice>) => {
    const value = { ...choice, teamId, ...next }
    try {
      sessionStorage.setItem(CHOICE_KEY, JSON.stringify(value))
    } catch {
      // The choice just is not remembered.
    }
    setChoiceState(value)
  }

  // Staff change their own team only (the database checks it too: roster_apply).
  const ownTeam = team !== null && (role === 'admin' || data.canEditTeamIds.includes(team.id))
  const canEdit = permission.available && ownTeam
  const editReason = !permission.available ? permission.reason : !ownTeam && team ? t('access.otherTeam', { team: team.name }) : null

  const teamOptions = data.teams.map((candidate) => ({ value: candidate.id, label: candidate.active ? candidate.name : t('team.inactive', { name: candidate.name }) }))
  const shiftOptions = data.shifts.map((shift) => ({ value: shift.code, label: `${shift.name} ${shift.starts}–${shift.ends}` }))

  return (
    <div className="roster-workspace" data-testid="roster-workspace">
      <div className="roster-bar">
        <span className="roster-title">{t('title')}</span>
        <Space wrap>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 260 }}
            value={teamId ?? undefined}
            onChange={(value: number) => setChoice({ teamId: value })}
            options={teamOptions}
            placeholder={t('team.choose')}
            data-testid="roster-team"
            popupMatchSelectWidth={false}
          />
          <DatePicker
            value={dayjs(choice.day)}
            allowClear={false}
            onChange={(value) => value && setChoice({ day: value.format('YYYY-MM-DD') })}
            data-testid="roster-day"
          />
          <Segmented value={choice.shift} onChange={(value) => setChoice({ shift: value as ShiftCode })} options={shiftOptions} data-testid="roster-shift" />
        </Space>
      </div>
      {team && <CoverageBanner day={choice.day} team={team} data={data} shift={choice.shift} onShift={(shift) => setChoice({ shift })} />}
      {editReason && <Alert type="info" showIcon title={editReason} className="roster-permission" data-testid="roster-permission" />}
      {!team ? (
        <Empty description={t('team.none')} />
      ) : assignments.error ? (
        <Alert type="error" showIcon title={(assignments.error as Error).message} />
      ) : !assignments.data || assignments.isPlaceholderData ? (
        <p className="muted roster-loading">{t('common.loading')}</p>
      ) : (
        <RosterDesk
          key={`${team.id}#${choice.day}#${choice.shift}`}
          data={data}
          team={team}
          teamSegments={teamSegments}
          assignments={assignments.data}
          day={choice.day}
          shift={choice.shift}
          canEdit={canEdit}
          editReason={editReason}
          onPendingChange={setPending}
        />
      )}
    </div>
  )
}
