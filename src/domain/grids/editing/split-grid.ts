/**
 * splitGrid: a line drawn across a grid cuts it in two. The line must come from outside the
 * grid, enter its outer boundary once and leave it once (ends outside, no contact with the
 * holes, never along the boundary, not crossing itself); anything else would cut the grid into
 * more than two pieces or none, so it is refused. The entry and exit points become vertices of
 * the grid and of every neighbour sharing those edges (so the tiling keeps shared vertices).
 * The larger part by geodesic area keeps the code, version and attributes; the other is a new
 * grid with `newCode` (the caller takes it from nextFreeCode), the same attributes, version null.
 */
import { checkAffected, MIN_AREA_M2 } from './affected-check.ts'
import { newCodeProblem } from './codes.ts'
import {
  GRID_NOT_FOUND,
  refuse,
  SPLIT_LINE_ALONG_EDGE,
  SPLIT_LINE_CROSSES_MORE_THAN_TWICE,
  SPLIT_LINE_DOES_NOT_CROSS,
  SPLIT_LINE_ENDS_INSIDE,
  SPLIT_LINE_SELF_CROSSING,
  SPLIT_LINE_THROUGH_HOLE,
  SPLIT_LINE_TOO_SHORT,
  SPLIT_PART_TOO_SMALL,
} from './reasons.ts'
import { along, areaM2, keyOf, polygonOf, ringsOf, samePosition } from './rings.ts'
import { locateInRing, orientation, polylineSelfCrosses, segmentsMeet } from './segments.ts'
import { insertIntoEdges, insertIntoNeighbours, type EdgePoint } from './shared-edges.ts'
import type { EditableGrid, EditScope, GridOperationOutcome, GridSet, Position } from './types.ts'

interface Crossing {
  point: Position
  /** the line segment it is on, and how far along it */
  segment: number
  t: number
  /** the ring edge it is inside of (absent when it is a ring vertex) */
  edge?: { a: Position; b: Position }
}

/** Where the line meets the ring, in order along the line; 'along' when it runs on an edge. */
function crossings(path: readonly Position[], ring: readonly Position[]): Crossing[] | 'along' {
  const found = new Map<string, Crossing>()
  const note = (crossing: Crossing) => {
    const key = keyOf(crossing.point)
    if (!found.has(key)) found.set(key, crossing)
  }
  for (let s = 0; s + 1 < path.length; s++) {
    const p = path[s]
    const q = path[s + 1]
    for (let k = 0; k < ring.length; k++) {
      const a = ring[k]
      const b = ring[(k + 1) % ring.length]
      const o1 = orientation(p, q, a)
      const o2 = orientation(p, q, b)
      if (o1 === 0 && o2 === 0) {
        if (segmentsMeet(p, q, a, b) && Math.max(along(p, q, a), along(p, q, b)) > 0 && Math.min(along(p, q, a), along(p, q, b)) < 1) {
          // touching end to end is a vertex contact, seen below; sharing a stretch is running along
          const t1 = Math.max(0, Math.min(along(p, q, a), along(p, q, b)))
          const t2 = Math.min(1, Math.max(along(p, q, a), along(p, q, b)))
          if (t2 > t1) return 'along'
        }
      }
      if (o1 === 0 && segmentsMeet(p, q, a, a)) note({ point: a, segment: s, t: along(p, q, a) })
      if (o1 === 0 || o2 === 0 || o1 === o2) continue
      const o3 = orientation(a, b, p)
      const o4 = orientation(a, b, q)
      if (o3 === 0) note({ point: p, segment: s, t: 0, edge: { a, b } })
      else if (o4 === 0) note({ point: q, segment: s, t: 1, edge: { a, b } })
      else if (o3 !== o4) {
        const ex = b[0] - a[0]
        const ey = b[1] - a[1]
        const lx = q[0] - p[0]
        const ly = q[1] - p[1]
        const u = ((p[0] - a[0]) * ly - (p[1] - a[1]) * lx) / (ex * ly - ey * lx)
        const point: Position = [a[0] + u * ex, a[1] + u * ey]
        // rounding may land on an end of the edge: then it is that vertex
        const at = samePosition(point, a) ? a : samePosition(point, b) ? b : point
        note({ point: at, segment: s, t: along(p, q, at), edge: at === point ? { a, b } : undefined })
      }
    }
  }
  return [...found.values()].sort((x, y) => x.segment - y.segment || x.t - y.t)
}

/** The ring from index `from` forward to index `to`, both included. */
function stretch(ring: readonly Position[], from: number, to: number): Position[] {
  const out: Position[] = []
  for (let k = from; ; k = (k + 1) % ring.length) {
    out.push(ring[k])
    if (k === to) return out
  }
}

export function splitGrid(grids: GridSet, scope: EditScope, code: string, line: readonly Position[], newCode: string): GridOperationOutcome {
  const grid = grids.get(code)
  if (!grid) return refuse(GRID_NOT_FOUND, code)
  const codeProblem = newCodeProblem(grids, scope, newCode, grid.communityCode)
  if (codeProblem) return codeProblem
  const path = line.filter((p, k) => k === 0 || !samePosition(p, line[k - 1])).map((p): Position => [p[0], p[1]])
  if (path.length < 2) return refuse(SPLIT_LINE_TOO_SHORT)
  if (polylineSelfCrosses(path)) return refuse(SPLIT_LINE_SELF_CROSSING)
  const [shell, ...holes] = ringsOf(grid.geometry)
  for (const hole of holes) {
    for (let s = 0; s + 1 < path.length; s++) {
      for (let k = 0; k < hole.length; k++) if (segmentsMeet(path[s], path[s + 1], hole[k], hole[(k + 1) % hole.length])) return refuse(SPLIT_LINE_THROUGH_HOLE)
    }
  }
  if (locateInRing(path[0], shell) !== -1 || locateInRing(path[path.length - 1], shell) !== -1) return refuse(SPLIT_LINE_ENDS_INSIDE)
  const found = crossings(path, shell)
  if (found === 'along') return refuse(SPLIT_LINE_ALONG_EDGE)
  if (found.length > 2) return refuse(SPLIT_LINE_CROSSES_MORE_THAN_TWICE, `相交 ${found.length} 处`)
  if (found.length < 2) return refuse(SPLIT_LINE_DOES_NOT_CROSS)
  const [entry, exit] = found
  // the line's own vertices between the two crossings form the cut together with them
  const inner = path.slice(entry.segment + 1, exit.segment + 1).filter((p) => !samePosition(p, entry.point) && !samePosition(p, exit.point))
  const probeEnd = inner[0] ?? exit.point
  const probe: Position = [(entry.point[0] + probeEnd[0]) / 2, (entry.point[1] + probeEnd[1]) / 2]
  if (locateInRing(probe, shell) !== 1) return refuse(SPLIT_LINE_DOES_NOT_CROSS)

  const edgePoints: EdgePoint[] = found.filter((c) => c.edge).map((c) => ({ a: c.edge!.a, b: c.edge!.b, point: c.point }))
  const noded = ringsOf((insertIntoEdges(grid, edgePoints) ?? grid).geometry)[0]
  const from = noded.findIndex((p) => samePosition(p, entry.point))
  const to = noded.findIndex((p) => samePosition(p, exit.point))
  const first = [...stretch(noded, from, to), ...[...inner].reverse()]
  const second = [...stretch(noded, to, from), ...inner]
  const firstHoles = holes.filter((hole) => locateInRing(hole[0], first) === 1)
  const secondHoles = holes.filter((hole) => locateInRing(hole[0], first) !== 1)
  const firstPolygon = polygonOf([first, ...firstHoles])
  const secondPolygon = polygonOf([second, ...secondHoles])
  const firstArea = areaM2(firstPolygon)
  const secondArea = areaM2(secondPolygon)
  if (Math.min(firstArea, secondArea) < MIN_AREA_M2) return refuse(SPLIT_PART_TOO_SMALL, `${Math.min(firstArea, secondArea).toFixed(2)} 平方米`)
  const [larger, smaller] = firstArea >= secondArea ? [firstPolygon, secondPolygon] : [secondPolygon, firstPolygon]
  const kept: EditableGrid = { ...grid, geometry: larger }
  const created: EditableGrid = { ...grid, code: newCode, version: null, geometry: smaller }
  const neighbours = insertIntoNeighbours(grids, edgePoints, new Set([code]))
  const problem = checkAffected(grids, scope, [kept, created, ...neighbours])
  if (problem) return problem
  return { ok: true, label: `拆分网格 ${code}`, puts: [kept, ...neighbours], creates: [created], deletes: [], selection: [code, newCode] }
}
