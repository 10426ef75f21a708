/**
 * 全覆盖、无缝隙: for the team and day chosen, every shift whose stored roster leaves length
 * with nobody — how much, on how many segments — as the database counts it (roster_coverage),
 * so a cleaner deactivated or an assignment ended shows here at once. Each shift named is a
 * link to it. Nothing is shown when every shift is fully covered.
 */
import { Alert, Button, Space } from 'antd'
import { useTranslation } from 'react-i18next'
import { useRead } from '../../data/hooks.ts'
import { ROSTER_COVERAGE_READ, type RosterWorkspaceData } from '../../data/roster-reads.ts'
import type { CoverageReport, RosterTeam, ShiftCode } from '../../domain/roster/types.ts'
import { formatMetres, formatPercent } from './format.ts'
import { segmentsOfTeam } from './RosterWorkspace.tsx'

export interface ShiftShortfall {
  shift: ShiftCode
  percent: number
  uncoveredM: number
  segments: number
}

/** The team's shortfall on one shift (null when fully covered); segments with < 5 cm uncovered do not count. */
export function teamShortfall(report: CoverageReport, teamSegmentIds: ReadonlySet<number>): ShiftShortfall | null {
  let length = 0
  let uncovered = 0
  let segments = 0
  for (const segment of report.segments) {
    if (!teamSegmentIds.has(segment.segmentId)) continue
    length += segment.lengthM
    uncovered += segment.uncoveredM
    if (segment.uncoveredM > 0.05) segments++
  }
  if (segments === 0) return null
  return { shift: report.shift, percent: length > 0 ? (100 * (length - uncovered)) / length : 100, uncoveredM: uncovered, segments }
}

export function CoverageBanner({ day, team, data, shift, onShift }: { day: string; team: RosterTeam; data: RosterWorkspaceData; shift: ShiftCode; onShift: (shift: ShiftCode) => void }) {
  const { t } = useTranslation('roster')
  const early = useRead(ROSTER_COVERAGE_READ, [day, 'early'])
  const dayShift = useRead(ROSTER_COVERAGE_READ, [day, 'day'])
  const late = useRead(ROSTER_COVERAGE_READ, [day, 'late'])
  const reports = [early.data, dayShift.data, late.data]
  if (reports.some((report) => !report)) return null
  const ids = new Set(segmentsOfTeam(data, team).map((segment) => segment.id))
  const shortfalls = reports.map((report) => teamShortfall(report as CoverageReport, ids)).filter((value): value is ShiftShortfall => value !== null)
  if (shortfalls.length === 0) return null
  const name = (code: ShiftCode) => data.shifts.find((candidate) => candidate.code === code)?.name ?? code
  return (
    <Alert
      type="error"
      showIcon
      className="roster-banner"
      data-testid="coverage-banner"
      title={t('banner.title', { team: team.name })}
      description={
        <Space orientation="vertical" size={2}>
          {shortfalls.map((value) => (
            <span key={value.shift} data-testid={`coverage-banner-${value.shift}`}>
              <Button type="link" size="small" onClick={() => onShift(value.shift)} disabled={value.shift === shift} className="roster-banner-shift">
                {name(value.shift)}
              </Button>
              {t('banner.shift', { percent: formatPercent(value.percent), metres: formatMetres(value.uncoveredM), segments: value.segments })}
            </span>
          ))}
        </Space>
      }
    />
  )
}
