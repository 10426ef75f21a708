/**
 * The street network as the balancer sees it: every line cut into small units (runs of one
 * line between two nodes), units adjacent when they share a node. Nodes are
 *   - line end points, merged when within gapM of each other (a short walk connects them);
 *   - T-junctions: an end point within gapM of another line's interior joins that line at the
 *     nearest point (OSM ways meet mid-way);
 *   - crossings: an interior vertex shared (within 0.5 m) by two lines;
 *   - cut points: extra measures (the current assignment's piece boundaries) and the unit grid.
 * Units are at most `unitM(line)` long, so moving one changes a beat by a few percent at most.
 */
import { localPlane } from './measure.ts'
import type { PreparedLine } from './prepare.ts'

export interface Unit {
  line: number
  fromM: number
  toM: number
  a: number
  b: number
  weight: number
  length: number
}

export interface Network {
  units: Unit[]
  /** CSR: units at node n are nodeUnits[nodeStart[n] .. nodeStart[n + 1]) */
  nodeStart: Int32Array
  nodeUnits: Int32Array
  nodeX: Float64Array
  nodeY: Float64Array
  /** component of each unit (0-based, in order of first unit) */
  unitComponent: Int32Array
  components: number
  /** first unit of each line; units of a line are consecutive, in measure order */
  lineFirstUnit: Int32Array
  /** walking links added between components when beats must span them (unit → units) */
  links: Map<number, number[]>
}

const CROSSING_M = 0.5
const MERGE_M = 0.01

class UnionFind {
  parent: number[] = []
  add(): number {
    this.parent.push(this.parent.length)
    return this.parent.length - 1
  }
  find(x: number): number {
    while (this.parent[x] !== x) {
      this.parent[x] = this.parent[this.parent[x]]
      x = this.parent[x]
    }
    return x
  }
  union(a: number, b: number): void {
    const ra = this.find(a)
    const rb = this.find(b)
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb)
  }
}

class Buckets {
  private readonly map = new Map<number, number[]>()
  constructor(private readonly size: number) {}
  private key(cx: number, cy: number): number {
    return cx * 4194304 + cy
  }
  add(x: number, y: number, value: number): void {
    const key = this.key(Math.floor(x / this.size), Math.floor(y / this.size))
    const list = this.map.get(key)
    if (list) list.push(value)
    else this.map.set(key, [value])
  }
  addBox(x0: number, y0: number, x1: number, y1: number, value: number): void {
    for (let cx = Math.floor(Math.min(x0, x1) / this.size); cx <= Math.floor(Math.max(x0, x1) / this.size); cx++) {
      for (let cy = Math.floor(Math.min(y0, y1) / this.size); cy <= Math.floor(Math.max(y0, y1) / this.size); cy++) {
        const key = this.key(cx, cy)
        const list = this.map.get(key)
        if (list) list.push(value)
        else this.map.set(key, [value])
      }
    }
  }
  /** values in the cells within `radius` of (x, y), possibly repeated */
  near(x: number, y: number, radius: number, visit: (value: number) => void): void {
    for (let cx = Math.floor((x - radius) / this.size); cx <= Math.floor((x + radius) / this.size); cx++) {
      for (let cy = Math.floor((y - radius) / this.size); cy <= Math.floor((y + radius) / this.size); cy++) {
        const list = this.map.get(this.key(cx, cy))
        if (list) for (const value of list) visit(value)
      }
    }
  }
}

interface Cut {
  m: number
  element: number
}

export function buildNetwork(lines: PreparedLine[], gapM: number, extraCuts: Map<number, number[]>, unitM: (line: number) => number): Network {
  let latitudeSum = 0
  let vertexCount = 0
  for (const line of lines) for (const p of line.coordinates) {
    latitudeSum += p[1]
    vertexCount += 1
  }
  const plane = localPlane(latitudeSum / Math.max(1, vertexCount))
  const xs = lines.map((line) => Float64Array.from(line.coordinates, (p) => plane.x(p[0])))
  const ys = lines.map((line) => Float64Array.from(line.coordinates, (p) => plane.y(p[1])))

  const elements = new UnionFind()
  const elementX: number[] = []
  const elementY: number[] = []
  const newElement = (x: number, y: number) => {
    elementX.push(x)
    elementY.push(y)
    return elements.add()
  }
  const cuts: Cut[][] = lines.map(() => [])
  // end points: element 2i (start) and 2i + 1 (end) of line i
  lines.forEach((line, i) => {
    const last = line.coordinates.length - 1
    cuts[i].push({ m: 0, element: newElement(xs[i][0], ys[i][0]) })
    cuts[i].push({ m: line.length, element: newElement(xs[i][last], ys[i][last]) })
  })

  const cell = Math.max(gapM, 25)
  const endBuckets = new Buckets(cell)
  for (let e = 0; e < 2 * lines.length; e++) endBuckets.add(elementX[e], elementY[e], e)
  for (let e = 0; e < 2 * lines.length; e++) {
    endBuckets.near(elementX[e], elementY[e], gapM, (other) => {
      if (other > e && Math.hypot(elementX[other] - elementX[e], elementY[other] - elementY[e]) <= gapM) elements.union(e, other)
    })
  }

  // T-junctions: an end point within gapM of another line's interior
  const segmentBuckets = new Buckets(cell)
  const segmentLine: number[] = []
  const segmentIndex: number[] = []
  lines.forEach((line, i) => {
    for (let k = 0; k + 1 < line.coordinates.length; k++) {
      segmentBuckets.addBox(xs[i][k], ys[i][k], xs[i][k + 1], ys[i][k + 1], segmentLine.length)
      segmentLine.push(i)
      segmentIndex.push(k)
    }
  })
  const seen = new Set<number>()
  for (let e = 0; e < 2 * lines.length; e++) {
    const own = e >> 1
    const px = elementX[e]
    const py = elementY[e]
    const best = new Map<number, { distance: number; m: number }>()
    seen.clear()
    segmentBuckets.near(px, py, gapM, (s) => {
      if (seen.has(s)) return
      seen.add(s)
      const j = segmentLine[s]
      if (j === own) return
      const k = segmentIndex[s]
      const ax = xs[j][k]
      const ay = ys[j][k]
      const dx = xs[j][k + 1] - ax
      const dy = ys[j][k + 1] - ay
      const span = dx * dx + dy * dy
      const t = span > 0 ? Math.min(1, Math.max(0, ((px - ax) * dx + (py - ay) * dy) / span)) : 0
      const distance = Math.hypot(ax + t * dx - px, ay + t * dy - py)
      if (distance > gapM) return
      const measures = lines[j].measures
      const m = measures[k] + t * (measures[k + 1] - measures[k])
      const previous = best.get(j)
      if (!previous || distance < previous.distance) best.set(j, { distance, m })
    })
    for (const [j, { m }] of [...best.entries()].sort((p, q) => p[0] - q[0])) {
      const length = lines[j].length
      if (m <= CROSSING_M) elements.union(e, cuts[j][0].element)
      else if (m >= length - CROSSING_M) elements.union(e, cuts[j][1].element)
      else cuts[j].push({ m, element: e })
    }
  }

  // crossings: interior vertices shared by two lines
  const vertexBuckets = new Buckets(cell)
  const vertexLine: number[] = []
  const vertexIndex: number[] = []
  lines.forEach((line, i) => {
    for (let k = 1; k + 1 < line.coordinates.length; k++) {
      vertexBuckets.add(xs[i][k], ys[i][k], vertexLine.length)
      vertexLine.push(i)
      vertexIndex.push(k)
    }
  })
  const vertexElement = new Map<number, number>()
  const elementOfVertex = (v: number) => {
    let element = vertexElement.get(v)
    if (element === undefined) {
      const i = vertexLine[v]
      const k = vertexIndex[v]
      element = newElement(xs[i][k], ys[i][k])
      vertexElement.set(v, element)
      cuts[i].push({ m: lines[i].measures[k], element })
    }
    return element
  }
  for (let v = 0; v < vertexLine.length; v++) {
    const i = vertexLine[v]
    const x = xs[i][vertexIndex[v]]
    const y = ys[i][vertexIndex[v]]
    vertexBuckets.near(x, y, CROSSING_M, (w) => {
      if (w <= v || vertexLine[w] === i) return
      if (Math.hypot(xs[vertexLine[w]][vertexIndex[w]] - x, ys[vertexLine[w]][vertexIndex[w]] - y) > CROSSING_M) return
      elements.union(elementOfVertex(v), elementOfVertex(w))
    })
  }

  // crossings between vertices: two lines' segments that cross (streets digitised without a
  // shared node at a crossing still meet there; shared vertices are handled above)
  for (let s = 0; s < segmentLine.length; s++) {
    const i = segmentLine[s]
    const k = segmentIndex[s]
    const ax = xs[i][k]
    const ay = ys[i][k]
    const bx = xs[i][k + 1]
    const by = ys[i][k + 1]
    seen.clear()
    segmentBuckets.near((ax + bx) / 2, (ay + by) / 2, Math.hypot(bx - ax, by - ay) / 2, (t) => {
      if (t <= s || seen.has(t)) return
      seen.add(t)
      const j = segmentLine[t]
      if (j === i) return
      const l = segmentIndex[t]
      const cx = xs[j][l]
      const cy = ys[j][l]
      const dx = xs[j][l + 1]
      const dy = ys[j][l + 1]
      const denominator = (bx - ax) * (dy - cy) - (by - ay) * (dx - cx)
      if (denominator === 0) return
      const p = ((cx - ax) * (dy - cy) - (cy - ay) * (dx - cx)) / denominator
      const q = ((cx - ax) * (by - ay) - (cy - ay) * (bx - ax)) / denominator
      // strictly inside both segments: end points and shared vertices are joined elsewhere
      if (!(p > 1e-9 && p < 1 - 1e-9 && q > 1e-9 && q < 1 - 1e-9)) return
      const mi = lines[i].measures[k] + p * (lines[i].measures[k + 1] - lines[i].measures[k])
      const mj = lines[j].measures[l] + q * (lines[j].measures[l + 1] - lines[j].measures[l])
      const element = newElement(ax + p * (bx - ax), ay + p * (by - ay))
      cuts[i].push({ m: mi, element })
      cuts[j].push({ m: mj, element })
    })
  }

  // cut points that coincide on one line are one node
  for (const list of cuts) {
    list.sort((p, q) => p.m - q.m || p.element - q.element)
    for (let k = 1; k < list.length; k++) if (list[k].m - list[k - 1].m < MERGE_M) elements.union(list[k].element, list[k - 1].element)
  }

  // nodes: one per element class, then fresh ones for cut points and the unit grid
  const nodeOfRoot = new Map<number, number>()
  const nodeX: number[] = []
  const nodeY: number[] = []
  const nodeOfElement = (element: number) => {
    const root = elements.find(element)
    let node = nodeOfRoot.get(root)
    if (node === undefined) {
      node = nodeX.length
      nodeOfRoot.set(root, node)
      nodeX.push(elementX[root])
      nodeY.push(elementY[root])
    }
    return node
  }
  const units: Unit[] = []
  const lineFirstUnit = new Int32Array(lines.length + 1)
  lines.forEach((line, i) => {
    lineFirstUnit[i] = units.length
    const points: { m: number; node: number | null }[] = cuts[i].map((cut) => ({ m: cut.m, node: nodeOfElement(cut.element) }))
    for (const m of extraCuts.get(i) ?? []) if (m > 0 && m < line.length) points.push({ m, node: null })
    points.sort((p, q) => p.m - q.m || (p.node ?? -1) - (q.node ?? -1))
    // merge points closer than MERGE_M; the ends stay exactly 0 and length
    const merged: { m: number; node: number | null }[] = []
    for (const point of points) {
      const last = merged[merged.length - 1]
      if (last && point.m - last.m < MERGE_M) {
        if (last.node === null) last.node = point.node
        continue
      }
      merged.push({ ...point })
    }
    merged[0].m = 0
    if (merged[merged.length - 1].m < line.length - MERGE_M || merged.length === 1) merged.push({ m: line.length, node: nodeOfElement(cuts[i][1].element) })
    merged[merged.length - 1].m = line.length
    const freshNode = (m: number) => {
      const node = nodeX.length
      const k = Math.min(line.coordinates.length - 2, Math.max(0, upperVertex(line.measures, m)))
      const span = line.measures[k + 1] - line.measures[k]
      const t = span > 0 ? (m - line.measures[k]) / span : 0
      nodeX.push(xs[i][k] + t * (xs[i][k + 1] - xs[i][k]))
      nodeY.push(ys[i][k] + t * (ys[i][k + 1] - ys[i][k]))
      return node
    }
    for (const point of merged) if (point.node === null) point.node = freshNode(point.m)
    const density = line.length > 0 ? line.weight / line.length : 0
    const maxUnit = unitM(i)
    for (let p = 0; p + 1 < merged.length; p++) {
      const from = merged[p].m
      const to = merged[p + 1].m
      const parts = Math.max(1, Math.ceil((to - from) / maxUnit - 1e-9))
      let previousNode = merged[p].node!
      for (let q = 0; q < parts; q++) {
        const unitFrom = from + ((to - from) * q) / parts
        const unitTo = q === parts - 1 ? to : from + ((to - from) * (q + 1)) / parts
        const nextNode = q === parts - 1 ? merged[p + 1].node! : freshNode(unitTo)
        units.push({ line: i, fromM: unitFrom, toM: unitTo, a: previousNode, b: nextNode, weight: density * (unitTo - unitFrom), length: unitTo - unitFrom })
        previousNode = nextNode
      }
    }
  })
  lineFirstUnit[lines.length] = units.length

  const nodeCount = nodeX.length
  const nodeStart = new Int32Array(nodeCount + 1)
  for (const unit of units) {
    nodeStart[unit.a + 1] += 1
    if (unit.b !== unit.a) nodeStart[unit.b + 1] += 1
  }
  for (let n = 0; n < nodeCount; n++) nodeStart[n + 1] += nodeStart[n]
  const fill = nodeStart.slice(0, nodeCount)
  const nodeUnits = new Int32Array(nodeStart[nodeCount])
  units.forEach((unit, u) => {
    nodeUnits[fill[unit.a]++] = u
    if (unit.b !== unit.a) nodeUnits[fill[unit.b]++] = u
  })

  const unitComponent = new Int32Array(units.length).fill(-1)
  let components = 0
  const stack: number[] = []
  for (let start = 0; start < units.length; start++) {
    if (unitComponent[start] >= 0) continue
    unitComponent[start] = components
    stack.push(start)
    while (stack.length > 0) {
      const u = stack.pop()!
      for (const node of [units[u].a, units[u].b]) {
        for (let k = nodeStart[node]; k < nodeStart[node + 1]; k++) {
          const v = nodeUnits[k]
          if (unitComponent[v] < 0) {
            unitComponent[v] = components
            stack.push(v)
          }
        }
      }
    }
    components += 1
  }
  return {
    units,
    nodeStart,
    nodeUnits,
    nodeX: Float64Array.from(nodeX),
    nodeY: Float64Array.from(nodeY),
    unitComponent,
    components,
    lineFirstUnit,
    links: new Map(),
  }
}

function upperVertex(measures: Float64Array, m: number): number {
  let low = 0
  let high = measures.length - 2
  while (low < high) {
    const middle = (low + high + 1) >> 1
    if (measures[middle] <= m) low = middle
    else high = middle - 1
  }
  return low
}

/**
 * Calls visit for every unit sharing a node with u (u itself excluded; repeats possible),
 * and, with `links`, the units linked to u across components.
 */
export function forEachNeighbour(network: Network, u: number, visit: (v: number) => void, links = true): void {
  const unit = network.units[u]
  if (links) for (const v of network.links.get(u) ?? []) visit(v)
  for (let k = network.nodeStart[unit.a]; k < network.nodeStart[unit.a + 1]; k++) if (network.nodeUnits[k] !== u) visit(network.nodeUnits[k])
  if (unit.b === unit.a) return
  for (let k = network.nodeStart[unit.b]; k < network.nodeStart[unit.b + 1]; k++) if (network.nodeUnits[k] !== u) visit(network.nodeUnits[k])
}
