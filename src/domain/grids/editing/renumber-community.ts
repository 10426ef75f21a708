/**
 * renumberCommunity: gives a community's grids sequences in reading order — rows north to
 * south, west to east within a row — as people look for a number on a map. Position = a point
 * inside each grid (ST_PointOnSurface's scan line); going south from the northernmost grid, a
 * grid starts a new row when it lies more than half a median grid height (bounding box) below
 * the first grid of the current row, so grids of one row whose points differ by a little
 * latitude stay together. With `keepUntouched`, the grids in `untouched` keep their
 * codes and the others take the free sequences in that order (smallest first).
 *
 * A changed code is a retirement and a creation in the database (the code is the grid's
 * identity: cases refer to a code's versions), so every renumbered grid is deleted under its
 * old code and created under the new one with version null. When two grids swap codes the same
 * code is both deleted and created: apply the deletes before the creates.
 */
import { closedParts, pointOnSurface } from '../validation/geometry.ts'
import { codeFor, SEQUENCE_MAX, sequenceOf } from './codes.ts'
import { refuse, RENUMBER_FULL, RENUMBER_NOTHING } from './reasons.ts'
import { boxOf, verticesOf } from './rings.ts'
import type { EditableGrid, GridOperationOutcome, GridSet } from './types.ts'

export interface RenumberOptions {
  keepUntouched: boolean
  untouched?: ReadonlySet<string>
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? 0
}

/** The community's grids in reading order (rows north→south, west→east in a row). */
export function readingOrder(grids: readonly EditableGrid[]): EditableGrid[] {
  const placed = grids.map((grid) => {
    const box = boxOf(verticesOf(grid.geometry))
    return { grid, point: pointOnSurface(closedParts(grid.geometry)), height: box.maxY - box.minY }
  })
  const rowHeight = median(placed.map((p) => p.height))
  // Going south, a grid starts a new row once it is more than half a median grid height below
  // the first (northernmost) grid of the current row.
  placed.sort((a, b) => b.point[1] - a.point[1])
  const rows: (typeof placed)[] = []
  for (const p of placed) {
    const current = rows[rows.length - 1]
    if (current && current[0].point[1] - p.point[1] <= rowHeight / 2) current.push(p)
    else rows.push([p])
  }
  return rows.flatMap((row) => row.sort((a, b) => a.point[0] - b.point[0] || (a.grid.code < b.grid.code ? -1 : 1)).map((p) => p.grid))
}

export function renumberCommunity(grids: GridSet, communityCode: string, options: RenumberOptions): GridOperationOutcome {
  const members = [...grids.values()].filter((grid) => grid.communityCode === communityCode)
  if (members.length > SEQUENCE_MAX) return refuse(RENUMBER_FULL)
  const kept = new Set(options.keepUntouched ? members.filter((grid) => options.untouched?.has(grid.code)).map((grid) => grid.code) : [])
  const taken = new Set([...kept].map(sequenceOf))
  let next = 1
  const deletes: string[] = []
  const creates: EditableGrid[] = []
  const selection: string[] = []
  for (const grid of readingOrder(members)) {
    if (kept.has(grid.code)) continue
    while (taken.has(next)) next++
    const code = codeFor(communityCode, next++)
    if (code === grid.code) continue
    deletes.push(grid.code)
    creates.push({ ...grid, code, version: null })
    selection.push(code)
  }
  if (creates.length === 0) return refuse(RENUMBER_NOTHING)
  return { ok: true, label: `重新编号 ${communityCode}`, puts: [], creates, deletes, selection }
}
