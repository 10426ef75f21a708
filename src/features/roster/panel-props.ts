/**
 * What the workspace hands every side panel of 保洁排班: the loaded data, the team, day and
 * shift being looked at, whether the signed-in user may change this team (and if not, why),
 * and the map's segment selection (a panel may set it: "show these on the map").
 */
import type { RosterWorkspaceData } from '../../data/roster-reads.ts'
import type { RosterTeam, ShiftCode } from '../../domain/roster/types.ts'

export interface RosterPanelProps {
  data: RosterWorkspaceData
  team: RosterTeam | null
  /** 'YYYY-MM-DD' */
  day: string
  shift: ShiftCode
  canEdit: boolean
  /** why not, in Chinese, when canEdit is false */
  editReason: string | null
  selectedSegmentIds: readonly number[]
  /** select these segments on the map and fit the map to them */
  onSelectSegments: (ids: number[]) => void
}
