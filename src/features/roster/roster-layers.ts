/**
 * The 保洁排班 map's own layers: the team's segments, one line per piece, coloured by the
 * cleaner who has it (a stable colour per cleaner), red where nobody does, purple where two
 * do; the selection and the highlighted beat drawn wider underneath; the rest of the
 * district's segments grey for orientation. Properties carry the state, so an edit is one
 * data update, never a restyle.
 */
import type { MapLayerPart } from '../../map/layer-part.ts'
import { hovered } from '../../map/layer-part.ts'
import { LABEL_FONT } from '../../map/basemap-style.ts'
import type { RosterCleaner } from '../../domain/roster/types.ts'

export const ROSTER_PIECES = 'rosterPieces'

export const UNCOVERED_COLOUR = '#dc2626'
export const DOUBLE_COLOUR = '#7c3aed'

/** 12 colours that stay apart on the light basemap and none of them red. */
const PALETTE = ['#1d4ed8', '#16a34a', '#ea580c', '#9333ea', '#0891b2', '#be185d', '#854d0e', '#4f46e5', '#65a30d', '#0f766e', '#c026d3', '#475569']

const coloursOf = new WeakMap<readonly RosterCleaner[], Map<number, string>>()

/**
 * A cleaner's colour: the same wherever they appear (map, beat list, plan preview), and
 * different from their teammates' on the same shift — the palette is dealt out within each team
 * and home shift by 工号 (a group larger than the palette repeats it).
 */
export function cleanerColour(cleaners: readonly RosterCleaner[], cleanerId: number): string {
  let colours = coloursOf.get(cleaners)
  if (!colours) {
    colours = new Map()
    // Dealt per team and home shift: the cleaners drawn side by side on one shift's map differ.
    const byTeam = new Map<string, RosterCleaner[]>()
    for (const cleaner of cleaners) {
      const key = `${cleaner.teamId}:${cleaner.shift ?? ''}`
      byTeam.set(key, [...(byTeam.get(key) ?? []), cleaner])
    }
    for (const members of byTeam.values()) {
      members.sort((a, b) => a.employeeNo.localeCompare(b.employeeNo, 'zh-CN', { numeric: true }))
      members.forEach((cleaner, index) => colours!.set(cleaner.id, PALETTE[index % PALETTE.length]))
    }
    coloursOf.set(cleaners, colours)
  }
  return colours.get(cleanerId) ?? PALETTE[((cleanerId % PALETTE.length) + PALETTE.length) % PALETTE.length]
}

export const rosterPiecesPart: MapLayerPart = {
  kind: ROSTER_PIECES,
  source: ROSTER_PIECES,
  interactive: [{ layer: 'roster-pieces-line', rank: 5, tolerance: 6 }],
  layers: () => [
    {
      order: 30,
      spec: {
        id: 'roster-pieces-halo',
        type: 'line',
        source: ROSTER_PIECES,
        filter: ['any', ['get', 'selected'], ['get', 'beat']],
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': ['case', ['get', 'selected'], '#facc15', '#0f172a'] as never, 'line-width': 11, 'line-opacity': 0.85 },
      },
    },
    {
      order: 31,
      spec: {
        id: 'roster-pieces-line',
        type: 'line',
        source: ROSTER_PIECES,
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: {
          'line-color': ['get', 'colour'] as never,
          'line-width': ['case', hovered, 7, ['get', 'uncovered'], 5, 4] as never,
          'line-opacity': ['case', ['get', 'context'], 0.35, 1] as never,
        },
      },
    },
    {
      order: 32,
      spec: {
        id: 'roster-pieces-label',
        type: 'symbol',
        source: ROSTER_PIECES,
        filter: ['all', ['!', ['get', 'context']], ['has', 'label']],
        minzoom: 15.5,
        layout: { 'symbol-placement': 'line-center', 'text-field': ['get', 'label'] as never, 'text-font': LABEL_FONT, 'text-size': 11 },
        paint: { 'text-color': '#0f172a', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
      },
    },
  ],
}
