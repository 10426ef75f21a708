/**
 * The roster map's features: one line per piece of every segment of the team's area, with the
 * colour of its cleaner (red: nobody, or a cleaner no longer active), flags for the selection
 * and the highlighted beat; the district's other segments as grey context. A balance plan
 * being previewed is drawn instead of the current pieces.
 */
import { lineBetween } from '../../domain/roster/split-point.ts'
import type { RosterSegment, SegmentRoster } from '../../domain/roster/types.ts'
import { UNCOVERED_COLOUR } from './roster-layers.ts'

export interface RosterFeatureInput {
  segments: readonly RosterSegment[]
  /** segment ids of the team's area */
  inArea: ReadonlySet<number>
  rosters: ReadonlyMap<number, SegmentRoster>
  activeCleanerIds: ReadonlySet<number>
  selected: ReadonlySet<number>
  highlightCleanerId: number | null
  /** the cleaner's label on the line at high zoom */
  cleanerName: (id: number) => string
  colour: (id: number) => string
}

export function rosterFeatures(input: RosterFeatureInput): GeoJSON.FeatureCollection {
  const features: GeoJSON.Feature[] = []
  for (const segment of input.segments) {
    const selected = input.selected.has(segment.id)
    if (!input.inArea.has(segment.id)) {
      features.push({
        type: 'Feature',
        id: segment.id,
        properties: { segmentId: segment.id, colour: '#94a3b8', context: true, uncovered: false, selected: false, beat: false },
        geometry: { type: 'LineString', coordinates: segment.coordinates },
      })
      continue
    }
    const roster = input.rosters.get(segment.id)
    const pieces = roster?.pieces ?? [{ fromM: 0, toM: segment.lengthM, cleanerId: null }]
    for (const piece of pieces) {
      const covered = piece.cleanerId !== null && input.activeCleanerIds.has(piece.cleanerId)
      const whole = piece.fromM <= 0 && piece.toM >= segment.lengthM
      features.push({
        type: 'Feature',
        id: segment.id,
        properties: {
          segmentId: segment.id,
          fromM: piece.fromM,
          toM: piece.toM,
          cleanerId: piece.cleanerId,
          colour: covered ? input.colour(piece.cleanerId as number) : UNCOVERED_COLOUR,
          uncovered: !covered,
          context: false,
          selected,
          beat: input.highlightCleanerId !== null && piece.cleanerId === input.highlightCleanerId,
          ...(covered ? { label: input.cleanerName(piece.cleanerId as number) } : {}),
        },
        geometry: { type: 'LineString', coordinates: whole ? segment.coordinates : lineBetween(segment.coordinates, piece.fromM, piece.toM) },
      })
    }
  }
  return { type: 'FeatureCollection', features }
}
