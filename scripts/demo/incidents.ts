/**
 * 100,000 incidents over the demo year. Each is drawn around one kind of anchor — back-street
 * segments (most on a few hot back streets), markets, construction sites, sanitation facilities —
 * or from a diffuse background,
 * with matter codes that fit the anchor. Every point is checked against the lattice: it must fall
 * inside a district cell and ≥ 1.5 m from that cell's edges, so which grid it belongs to is never
 * in doubt. The only exceptions are 40 points placed exactly on shared grid vertices on purpose.
 */
import type { DemoDistrict, IncidentSource, Position } from './model.ts'
import { hashUnit, Rng, STREAM, WeightedTable } from './prng.ts'
import { E, N, type Lattice } from './lattice.ts'
import type { Hierarchy } from './hierarchy.ts'
import type { Places } from './places.ts'
import type { BackStreets } from './backstreets.ts'
import type { Facilities } from './facilities.ts'
import type { Matter } from './categories.ts'
import { distanceToRingMetres, pointInRing, toLonLat, toMetres } from './geo.ts'
import { isoAt, reportTimeTable, workflow } from './timeline.ts'

export const INCIDENT_COUNT = 100_000
export const BOUNDARY_NODE_INCIDENTS = 20
export const BOUNDARY_EDGE_INCIDENTS = 20
const MIN_EDGE_CLEARANCE_M = 1.5

const SOURCES: IncidentSource[] = ['patrol', 'hotline_12319', 'public_report', 'video', 'drone', 'superior', 'media']
const SOURCE_WEIGHTS = [45, 25, 15, 10, 2, 2, 1]

type Anchor = 'backStreet' | 'market' | 'site' | 'facility' | 'background'
const ANCHORS: Anchor[] = ['backStreet', 'market', 'site', 'facility', 'background']
const ANCHOR_WEIGHTS = [34, 12, 7, 8, 39]
/** the share of back streets that are hot, and how much more each of their metres draws */
const HOT_BACK_STREET_SHARE = 0.05
const HOT_BACK_STREET_WEIGHT = 20

/** Matter codes typical of each anchor, with weights; codes missing from the directory are skipped. */
const HOTSPOT_CODES: Record<Exclude<Anchor, 'background'>, [string, number][]> = {
  backStreet: [['06012', 30], ['06036', 25], ['06010', 20], ['06011', 12], ['06007', 4], ['09010', 5], ['06020', 2], ['07001', 2]],
  market: [['09020', 30], ['09006', 25], ['09005', 20], ['06010', 15], ['09001', 5], ['06029', 3], ['09009', 2]],
  site: [['08004', 35], ['08012', 25], ['08001', 20], ['08006', 8], ['08007', 6], ['08002', 4], ['06014', 2]],
  facility: [['06042', 55], ['06010', 15], ['06041', 15], ['03005', 10], ['03004', 5]],
}
/** share of the diffuse background per major class (06 市容环境 and 09 街面秩序 dominate) */
const BACKGROUND_MAJOR_WEIGHT: Record<string, number> = { '01': 6, '02': 5, '03': 4, '04': 4, '06': 42, '07': 8, '08': 3, '09': 27, '10': 1 }
const COMMON_CODES = new Set(['06010', '06012', '06036', '06001', '06041', '06011', '09006', '09009', '09010', '09005', '07001', '09001'])

type Incident = DemoDistrict['incidents'][number]

interface Draft {
  lon: number
  lat: number
  matter: Matter
  hint: string
  reportedS: number
}

export function buildIncidents(
  seed: number,
  lattice: Lattice,
  h: Hierarchy,
  places: Places,
  streets: BackStreets,
  facilities: Facilities,
  matters: Matter[],
): Incident[] {
  const rng = new Rng(seed, STREAM.incidents)
  const byCode = new Map(matters.map((m) => [m.code, m]))
  const table = (codes: [string, number][]) => {
    const present = codes.filter(([code]) => byCode.has(code))
    return { matters: present.map(([code]) => byCode.get(code)!), table: new WeightedTable(present.map(([, w]) => w)) }
  }
  const majorSizes = new Map<string, number>()
  for (const m of matters) majorSizes.set(m.majorCode, (majorSizes.get(m.majorCode) ?? 0) + 1)
  const background = table(
    matters.map((m) => [m.code, ((BACKGROUND_MAJOR_WEIGHT[m.majorCode] ?? 0.5) / majorSizes.get(m.majorCode)!) * (COMMON_CODES.has(m.code) ? 8 : 1)]),
  )
  const hotspot = Object.fromEntries(Object.entries(HOTSPOT_CODES).map(([k, codes]) => [k, table(codes)])) as Record<Anchor, ReturnType<typeof table>>
  hotspot.background = background

  const rings: Position[][] = []
  for (const c of h.cells) rings[c] = lattice.cellRing(c)
  /** the district cell strictly containing (x, y) with clearance, or −1 */
  const cellFor = (p: Position): number => {
    const [x, y] = toMetres(p)
    for (const c of lattice.candidateCells(x, y)) {
      const ring = rings[c]
      if (!ring || !pointInRing(p[0], p[1], ring)) continue
      return distanceToRingMetres(p[0], p[1], ring) >= MIN_EDGE_CLEARANCE_M ? c : -1
    }
    return -1
  }
  const gridName = (c: number) => h.grids[h.gridOfCell[c] - 1].name
  // A point on a boundary lies in every grid that shares it, and placement records the one of
  // the smallest code (private.grid_for_case, src/domain/placement/grid-at-time.ts): the text
  // names that grid, so placing the row by its address agrees with placing it by its point.
  const sharedGridName = (cells: number[]) =>
    cells
      .filter((cell) => h.gridOfCell[cell] > 0)
      .map((cell) => h.grids[h.gridOfCell[cell] - 1])
      .reduce((first, grid) => (grid.code < first.code ? grid : first)).name
  const centreOf = (cell: number) => lattice.cellPointXY(cell, 0.5, 0.5)
  const around = (x: number, y: number, radius: number): Position => {
    const r = radius * Math.sqrt(rng.next()) * (rng.chance(0.5) ? 1 : rng.next())
    const a = rng.range(0, 2 * Math.PI)
    return toLonLat(x + r * Math.cos(a), y + r * Math.sin(a))
  }
  const compactors = facilities.facilities.filter((f) => f.kind === 'compactor_station' || f.kind === 'transfer_station')
  const collectionPoints = facilities.facilities.filter((f) => f.kind === 'collection_point')

  // Back-street complaints gather on a few notorious back streets (the demo must show managers hot
  // spots): HOT_BACK_STREET_SHARE of the back streets, drawn on a stream of their own, each get
  // HOT_BACK_STREET_WEIGHT times the per-metre weight of the others. Weighting by length keeps a
  // long back street, cut into many segments, from drawing more per metre than a short one.
  const hotRng = new Rng(seed, STREAM.hotBackStreets)
  const liveRng = new Rng(seed, STREAM.liveOffice)
  const reworkRng = new Rng(seed, STREAM.rework)
  // How each street's and community's departments and desk work: a multiple of the district's
  // late, rework and slow-closure shares — the street's (0.5–2) times the community's (0.6–1.6,
  // most near the low end) — so the evaluation ranks units that differ and has a worst one to
  // find. Hashed per unit, no stream draw.
  const performanceOf = (street: number, community: number) =>
    (0.5 + 1.5 * hashUnit(seed, 90, street)) * (0.6 + hashUnit(seed, 91, community) ** 2)
  const performanceAt = (p: Position): number => {
    const [x, y] = toMetres(p)
    const cell = lattice.candidateCells(x, y).find((c) => rings[c] && pointInRing(p[0], p[1], rings[c]))
    return cell === undefined || h.communityOfCell[cell] === 0 ? 1 : performanceOf(h.streetOfCell[cell], h.communityOfCell[cell])
  }
  const hot = new Set(
    hotRng
      .shuffle(streets.backStreets.map((b) => b.id))
      .slice(0, Math.round(streets.backStreets.length * HOT_BACK_STREET_SHARE)),
  )
  const segmentTable = new WeightedTable(
    streets.segments.map((s, k) => streets.segmentLength[k] * (hot.has(s.backStreetId) ? HOT_BACK_STREET_WEIGHT : 1)),
  )

  /** one candidate location for an anchor kind, with a description hint */
  const propose = (anchor: Anchor): [Position, string] => {
    switch (anchor) {
      case 'backStreet': {
        const segment = streets.segments[segmentTable.draw(rng)]
        const line = segment.geometry.coordinates
        const k = rng.int(0, line.length - 2)
        const [ax, ay] = toMetres(line[k])
        const [bx, by] = toMetres(line[k + 1])
        const t = rng.next()
        const len = Math.hypot(bx - ax, by - ay)
        const off = rng.range(-12, 12)
        const name = streets.backStreets[segment.backStreetId - 1].name
        return [toLonLat(ax + (bx - ax) * t - ((by - ay) / len) * off, ay + (by - ay) * t + ((bx - ax) / len) * off), `${name}第${segment.seq}段`]
      }
      case 'market': {
        const m = rng.int(0, places.markets.length - 1)
        const [x, y] = centreOf(places.marketCells[m])
        return [around(x, y, 150), `${places.markets[m].name}周边`]
      }
      case 'site': {
        const s = rng.int(0, places.constructionSites.length - 1)
        const [x, y] = centreOf(places.siteCells[s])
        return [around(x, y, 120), `${places.constructionSites[s].name}周边`]
      }
      case 'facility': {
        const f = rng.chance(0.3) ? rng.pick(compactors) : rng.pick(collectionPoints)
        const [x, y] = toMetres(f.geometry.coordinates)
        return [around(x, y, 40), `${f.name}旁`]
      }
      default: {
        const c = h.cells[rng.int(0, h.cells.length - 1)]
        return [lattice.cellPoint(c, rng.range(0.02, 0.98), rng.range(0.02, 0.98)), '']
      }
    }
  }

  const times = reportTimeTable()
  const drafts: Draft[] = []
  const sourceTable = new WeightedTable(SOURCE_WEIGHTS)
  const anchorTable = new WeightedTable(ANCHOR_WEIGHTS)
  const reportTime = () => Math.min(times.days.draw(rng) * 86400 + times.hours.draw(rng) * 3600 + rng.int(0, 3599), 365 * 86400 - 60)

  // 40 deliberate boundary points: lattice nodes shared by 3–4 grids, and wiggle vertices shared by two
  const onNode = new Set<number>()
  while (onNode.size < BOUNDARY_NODE_INCIDENTS) {
    const c = h.cells[rng.int(0, h.cells.length - 1)]
    const i = lattice.cellI(c) + 1
    const j = lattice.cellJ(c) + 1
    const around4 = [lattice.cell(i - 1, j - 1), lattice.cell(i, j - 1), lattice.cell(i - 1, j), lattice.cell(i, j)].filter((n) => h.gridOfCell[n] > 0)
    if (around4.length >= 3) onNode.add(lattice.node(i, j))
  }
  for (const node of [...onNode].sort((a, b) => a - b)) {
    const p = lattice.nodePos[node]
    const i = lattice.nodeI(node)
    const j = lattice.nodeJ(node)
    const around4 = [lattice.cell(i - 1, j - 1), lattice.cell(i, j - 1), lattice.cell(i - 1, j), lattice.cell(i, j)]
    drafts.push({ lon: p[0], lat: p[1], matter: background.matters[background.table.draw(rng)], hint: `${sharedGridName(around4)}与相邻网格交界处`, reportedS: reportTime() })
  }
  const usedEdges = new Set<string>()
  while (usedEdges.size < BOUNDARY_EDGE_INCIDENTS) {
    const c = h.cells[rng.int(0, h.cells.length - 1)]
    const d = rng.chance(0.5) ? E : N
    const neighbour = d === E ? c + 1 : c + lattice.cell(0, 1)
    if (h.gridOfCell[neighbour] === 0 || usedEdges.has(`${c}:${d}`)) continue
    usedEdges.add(`${c}:${d}`)
    const wiggles = lattice.sharedEdgeWiggles(c, d)
    const p = wiggles[rng.int(0, wiggles.length - 1)]
    drafts.push({ lon: p[0], lat: p[1], matter: background.matters[background.table.draw(rng)], hint: `${sharedGridName([c, neighbour])}与相邻网格交界处`, reportedS: reportTime() })
  }

  while (drafts.length < INCIDENT_COUNT) {
    const anchor = ANCHORS[anchorTable.draw(rng)]
    let point: Position | null = null
    let hint = ''
    for (let attempt = 0; attempt < 30 && point === null; attempt++) {
      const [p, label] = propose(anchor)
      const cell = cellFor(p)
      if (cell < 0) continue
      point = p
      // The grid is a column of its own; the text says what a caller would say.
      hint = label === '' ? `${gridName(cell)}内` : label
    }
    if (point === null) continue
    const codes = hotspot[anchor]
    drafts.push({ lon: point[0], lat: point[1], matter: codes.matters[codes.table.draw(rng)], hint, reportedS: reportTime() })
  }

  // ids follow report time, so id order is chronological
  const order = drafts.map((_, k) => k).sort((a, b) => drafts[a].reportedS - drafts[b].reportedS || a - b)
  return order.map((k, index) => {
    const draft = drafts[k]
    const source = SOURCES[sourceTable.draw(rng)]
    const flow = workflow(rng, draft.reportedS, source, draft.matter.majorCode, liveRng, reworkRng, performanceAt([draft.lon, draft.lat]))
    const dispatchedS = flow.stages[3]
    const at = (s: number | null) => (s === null ? null : isoAt(s))
    const id = index + 1
    return {
      id,
      externalId: `DEMO-${String(id).padStart(6, '0')}`,
      lon: draft.lon,
      lat: draft.lat,
      categoryCode: draft.matter.code,
      source,
      status: flow.status,
      description: `${draft.matter.name}，${draft.hint}`,
      reportedAt: isoAt(draft.reportedS),
      acceptedAt: at(flow.stages[0]),
      verifiedAt: at(flow.stages[1]),
      registeredAt: at(flow.stages[2]),
      dispatchedAt: at(flow.stages[3]),
      handledAt: at(flow.stages[4]),
      checkedAt: at(flow.stages[5]),
      closedAt: at(flow.stages[6]),
      rework:
        flow.rework && dispatchedS !== null
          ? { handledAfterS: flow.rework.firstHandledS - dispatchedS, failedCheckAfterS: flow.rework.failedCheckS - dispatchedS, reasonCode: flow.rework.reasonCode }
          : null,
    }
  })
}
