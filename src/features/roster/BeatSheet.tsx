/**
 * A cleaner's beat sheet (保洁责任区作业单) for one shift, A4 portrait: who, which team,
 * shift and hours, from which day; a map of the beat (its pieces in colour over the team's
 * other segments in grey, drawn as SVG so it prints sharp without a basemap); the back
 * streets with each segment's run, length, grade and workload; totals and signature lines.
 */
import { useTranslation } from 'react-i18next'
import type { BeatSummary } from '../../domain/roster/workload.ts'
import { lineBetween } from '../../domain/roster/split-point.ts'
import type { RosterCleaner, RosterSegment, RosterTeam, SegmentRoster, ShiftDef } from '../../domain/roster/types.ts'
import { formatMetres, formatWorkload } from './format.ts'

export interface BeatSheetProps {
  cleaner: RosterCleaner
  team: RosterTeam
  shift: ShiftDef
  day: string
  beat: BeatSummary
  /** the team's segments (grey context) and their rosters (the beat's pieces in colour) */
  segments: readonly RosterSegment[]
  rosters: ReadonlyMap<number, SegmentRoster>
}

const WIDTH = 680
const HEIGHT = 420
const MARGIN = 16

/** Lon/lat into the drawing: equirectangular at the box's latitude, fitted and centred. */
function projector(bbox: [number, number, number, number]) {
  const [w, s, e, n] = bbox
  const kx = Math.cos((((s + n) / 2) * Math.PI) / 180)
  const spanX = Math.max((e - w) * kx, 1e-6)
  const spanY = Math.max(n - s, 1e-6)
  const scale = Math.min((WIDTH - 2 * MARGIN) / spanX, (HEIGHT - 2 * MARGIN) / spanY)
  const offsetX = (WIDTH - spanX * scale) / 2
  const offsetY = (HEIGHT - spanY * scale) / 2
  return ([x, y]: [number, number]) => [offsetX + (x - w) * kx * scale, HEIGHT - offsetY - (y - s) * scale] as const
}

function path(points: readonly (readonly [number, number])[]): string {
  return points.map(([x, y], index) => `${index === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`).join('')
}

export function BeatSheet({ cleaner, team, shift, day, beat, segments, rosters }: BeatSheetProps) {
  const { t } = useTranslation('roster')
  // Some context around the beat: a fifth of its size on every side.
  const bbox = beat.bbox && ([beat.bbox[0] - (beat.bbox[2] - beat.bbox[0]) * 0.2 - 0.0005, beat.bbox[1] - (beat.bbox[3] - beat.bbox[1]) * 0.2 - 0.0005, beat.bbox[2] + (beat.bbox[2] - beat.bbox[0]) * 0.2 + 0.0005, beat.bbox[3] + (beat.bbox[3] - beat.bbox[1]) * 0.2 + 0.0005] as [number, number, number, number])
  const project = bbox ? projector(bbox) : null
  const inView = (segment: RosterSegment) => bbox !== null && segment.coordinates.some(([x, y]) => x >= bbox[0] && x <= bbox[2] && y >= bbox[1] && y <= bbox[3])
  return (
    <section className="beat-sheet" data-testid="beat-sheet">
      <header>
        <h2>{t('sheet.title')}</h2>
        <div className="beat-sheet-meta">
          <span>{t('sheet.cleaner', { name: cleaner.name, no: cleaner.employeeNo })}</span>
          <span>{t('sheet.team', { team: team.name })}</span>
          <span>{t('sheet.shift', { shift: shift.name, starts: shift.starts, ends: shift.ends })}</span>
          <span>{t('sheet.day', { day })}</span>
        </div>
      </header>
      {project ? (
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="beat-sheet-map" role="img" aria-label={t('sheet.mapLabel')}>
          <rect x={0} y={0} width={WIDTH} height={HEIGHT} fill="#ffffff" stroke="#94a3b8" />
          {segments.filter(inView).map((segment) => (
            <path key={`c${segment.id}`} d={path(segment.coordinates.map(project))} stroke="#cbd5e1" strokeWidth={2} fill="none" />
          ))}
          {segments.filter(inView).flatMap((segment) =>
            (rosters.get(segment.id)?.pieces ?? [])
              .filter((piece) => piece.cleanerId === cleaner.id)
              .map((piece) => (
                <path
                  key={`b${segment.id}-${piece.fromM}`}
                  d={path(lineBetween(segment.coordinates, piece.fromM, piece.toM).map(project))}
                  stroke="#1d4ed8"
                  strokeWidth={4}
                  strokeLinecap="round"
                  fill="none"
                />
              )),
          )}
          {beat.backStreets.map((street) => {
            const segment = segments.find((candidate) => candidate.id === street.pieces[0]?.segmentId)
            if (!segment) return null
            const [x, y] = project(segment.coordinates[Math.floor(segment.coordinates.length / 2)])
            return (
              <text key={`t${street.backStreetId}`} x={x + 4} y={y - 4} fontSize={11} fill="#0f172a" stroke="#ffffff" strokeWidth={3} paintOrder="stroke">
                {street.name}
              </text>
            )
          })}
        </svg>
      ) : (
        <p>{t('sheet.empty')}</p>
      )}
      <table className="beat-sheet-table">
        <thead>
          <tr>
            <th>{t('sheet.street')}</th>
            <th>{t('sheet.seq')}</th>
            <th>{t('sheet.run')}</th>
            <th>{t('sheet.length')}</th>
            <th>{t('sheet.grade')}</th>
            <th>{t('sheet.workload')}</th>
          </tr>
        </thead>
        <tbody>
          {beat.backStreets.flatMap((street) =>
            street.pieces.map((piece, index) => (
              <tr key={`${piece.segmentId}-${piece.fromM}`}>
                <td>{index === 0 ? street.name : ''}</td>
                <td>{piece.seq}</td>
                <td>{piece.wholeSegment ? t('sheet.whole') : t('sheet.runValue', { from: Math.round(piece.fromM), to: Math.round(piece.toM) })}</td>
                <td>{formatMetres(piece.lengthM)}</td>
                <td>{t(`grade.${piece.grade}`)}</td>
                <td>{formatWorkload(piece.workload)}</td>
              </tr>
            )),
          )}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={3}>{t('sheet.total', { streets: beat.backStreets.length, segments: beat.segmentCount })}</td>
            <td>{formatMetres(beat.lengthM)}</td>
            <td />
            <td>{formatWorkload(beat.workload)}</td>
          </tr>
        </tfoot>
      </table>
      <footer className="beat-sheet-sign">
        <span>{t('sheet.signCleaner')}</span>
        <span>{t('sheet.signLeader')}</span>
        <span>{t('sheet.signDate')}</span>
      </footer>
    </section>
  )
}
