/**
 * Snapping for the grid editor (吸附): which vertex or edge of the grids (and lines) on the map
 * is under the pointer. Two flatbush trees, one over the distinct vertices and one over the
 * edges' boxes, answer a lookup from the few candidates within the tolerance box; `snapLinear`
 * answers the same question by scanning everything (the baseline, and the oracle of the tests).
 *
 * Rules, the same in both:
 * - distances are measured on the screen, near enough: longitude scaled by cos(latitude of the
 *   pointer), so a tolerance of n pixels is a circle and not an ellipse 1/cos(lat) wide;
 * - a candidate is within tolerance when (Δlon/x)² + (Δlat/y)² ≤ 1 for the tolerance {x, y}
 *   in degrees (from metres or pixels: `snapTolerance`);
 * - a vertex within tolerance wins over any edge (the nearest vertex; vertices shared by
 *   several features are one vertex, `ids` lists them all); else the nearest point on an edge,
 *   with `ids` every feature having that same segment (either direction: a shared edge);
 * - equal distances go to the vertex or edge met first in input order (features, parts,
 *   rings, vertices), so the answer never depends on the tree;
 * - `excludeIds` (e.g. the grid being reshaped) are not snapped to and not listed in `ids`.
 */
import Flatbush from 'flatbush'
import { metresPerPixel } from './metres-per-pixel.ts'

export type LngLat = [number, number]

export interface SnapPolygon {
  id: string
  geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon
}

export interface SnapLine {
  id: string
  geometry: GeoJSON.LineString | GeoJSON.MultiLineString
}

/** Half-widths of the snapping box in degrees of longitude (x) and latitude (y). */
export interface SnapTolerance {
  x: number
  y: number
}

export interface SnapOptions {
  excludeIds?: ReadonlySet<string>
}

export type SnapResult =
  | { kind: 'vertex'; point: LngLat; ids: string[] }
  | {
      kind: 'edge'
      /** the pointer projected onto the edge */
      point: LngLat
      /** the feature whose edge this is */
      id: string
      /** part of a MultiPolygon / MultiLineString (0 otherwise) */
      part: number
      /** ring of the polygon part (0 = exterior; 0 for lines) */
      ring: number
      /** index of the edge's first vertex in the ring */
      index: number
      /** every feature having this segment */
      ids: string[]
    }
  | null

export interface SnapIndex {
  readonly vertexCount: number
  readonly edgeCount: number
  /** @internal the flat data both snap functions read */
  readonly data: SnapData
}

interface SnapData {
  /** distinct vertices, x y interleaved */
  vertexXY: Float64Array
  vertexOwners: string[][]
  /** ax ay bx by per edge */
  edgeXY: Float64Array
  edgeFeature: Int32Array
  edgePart: Int32Array
  edgeRing: Int32Array
  edgeIndex: Int32Array
  edgeOwners: string[][]
  featureIds: string[]
  vertexTree: Flatbush | null
  edgeTree: Flatbush | null
}

const METRES_PER_DEGREE_LATITUDE = 111_195

/** A tolerance of `metres` on the ground around latitude `latitude`. */
export function snapToleranceMetres(metres: number, latitude: number): SnapTolerance {
  const y = metres / METRES_PER_DEGREE_LATITUDE
  return { x: y / Math.max(Math.cos((latitude * Math.PI) / 180), 1e-6), y }
}

/** A tolerance of `pixels` on a Web-Mercator map at `zoom` (MapLibre's 512-pixel tiles). */
export function snapTolerancePixels(pixels: number, zoom: number, latitude: number): SnapTolerance {
  return snapToleranceMetres(pixels * metresPerPixel(zoom, latitude), latitude)
}

export function createSnapIndex(polygons: readonly SnapPolygon[], lines: readonly SnapLine[] = []): SnapIndex {
  const featureIds: string[] = []
  const vertexKey = new Map<number, Map<number, number>>()
  const vertexXY: number[] = []
  const vertexOwners: string[][] = []
  const edgeXY: number[] = []
  const edgeFeature: number[] = []
  const edgePart: number[] = []
  const edgeRing: number[] = []
  const edgeIndex: number[] = []
  const segmentOwners = new Map<number, string[]>()
  const edgeOwners: string[][] = []

  const addVertex = (x: number, y: number, id: string): number => {
    // Keyed by the numbers themselves (no text): a shared vertex is the same two doubles.
    let column = vertexKey.get(x)
    if (!column) {
      column = new Map()
      vertexKey.set(x, column)
    }
    let vertex = column.get(y)
    if (vertex === undefined) {
      vertex = vertexOwners.length
      column.set(y, vertex)
      vertexXY.push(x, y)
      vertexOwners.push([])
    }
    const owners = vertexOwners[vertex]
    if (owners[owners.length - 1] !== id && !owners.includes(id)) owners.push(id)
    return vertex
  }

  const addPath = (path: GeoJSON.Position[], feature: number, part: number, ring: number, closed: boolean) => {
    const id = featureIds[feature]
    const positions = path.filter((position) => Number.isFinite(position[0]) && Number.isFinite(position[1]))
    const count = positions.length
    // A closed ring repeats its first vertex; an unclosed ring's closing edge is implied.
    const repeatsFirst = count > 1 && positions[0][0] === positions[count - 1][0] && positions[0][1] === positions[count - 1][1]
    const distinct = closed && repeatsFirst ? count - 1 : count
    // Past `distinct` is only the closing repeat of the first vertex, which no edge starts from.
    const vertices = positions.map((position, k) => (k < distinct ? addVertex(position[0], position[1], id) : -1))
    const edges = closed ? (distinct > 1 ? distinct : 0) : Math.max(0, count - 1)
    for (let k = 0; k < edges; k++) {
      const next = closed ? (k + 1) % distinct : k + 1
      const a = positions[k]
      const b = positions[next]
      if (a[0] === b[0] && a[1] === b[1]) continue
      edgeXY.push(a[0], a[1], b[0], b[1])
      edgeFeature.push(feature)
      edgePart.push(part)
      edgeRing.push(ring)
      edgeIndex.push(k)
      // Distinct vertex numbers name a segment whichever way it runs (2^26 vertices are plenty).
      const va = vertices[k]
      const vb = vertices[next]
      const key = va < vb ? va * 67_108_864 + vb : vb * 67_108_864 + va
      let owners = segmentOwners.get(key)
      if (!owners) {
        owners = []
        segmentOwners.set(key, owners)
      }
      if (!owners.includes(id)) owners.push(id)
      edgeOwners.push(owners)
    }
  }

  for (const polygon of polygons) {
    const feature = featureIds.push(polygon.id) - 1
    const parts = polygon.geometry.type === 'Polygon' ? [polygon.geometry.coordinates] : polygon.geometry.coordinates
    parts.forEach((part, p) => part.forEach((ring, r) => addPath(ring, feature, p, r, true)))
  }
  for (const line of lines) {
    const feature = featureIds.push(line.id) - 1
    const parts = line.geometry.type === 'LineString' ? [line.geometry.coordinates] : line.geometry.coordinates
    parts.forEach((part, p) => addPath(part, feature, p, 0, false))
  }

  const vertexCount = vertexOwners.length
  const edgeCount = edgeFeature.length
  let vertexTree: Flatbush | null = null
  if (vertexCount > 0) {
    vertexTree = new Flatbush(vertexCount)
    for (let v = 0; v < vertexCount; v++) vertexTree.add(vertexXY[2 * v], vertexXY[2 * v + 1], vertexXY[2 * v], vertexXY[2 * v + 1])
    vertexTree.finish()
  }
  let edgeTree: Flatbush | null = null
  if (edgeCount > 0) {
    edgeTree = new Flatbush(edgeCount)
    for (let e = 0; e < edgeCount; e++) {
      const o = 4 * e
      edgeTree.add(Math.min(edgeXY[o], edgeXY[o + 2]), Math.min(edgeXY[o + 1], edgeXY[o + 3]), Math.max(edgeXY[o], edgeXY[o + 2]), Math.max(edgeXY[o + 1], edgeXY[o + 3]))
    }
    edgeTree.finish()
  }
  return {
    vertexCount,
    edgeCount,
    data: {
      vertexXY: Float64Array.from(vertexXY),
      vertexOwners,
      edgeXY: Float64Array.from(edgeXY),
      edgeFeature: Int32Array.from(edgeFeature),
      edgePart: Int32Array.from(edgePart),
      edgeRing: Int32Array.from(edgeRing),
      edgeIndex: Int32Array.from(edgeIndex),
      edgeOwners,
      featureIds,
      vertexTree,
      edgeTree,
    },
  }
}

/** The vertex or edge to snap to, using the trees. */
export function snap(index: SnapIndex, lngLat: LngLat, tolerance: SnapTolerance, options: SnapOptions = {}): SnapResult {
  const { data } = index
  const [x, y] = lngLat
  if (!Number.isFinite(x) || !Number.isFinite(y)) return null
  const search = new Search(data, lngLat, tolerance, options.excludeIds)
  const box = [x - tolerance.x, y - tolerance.y, x + tolerance.x, y + tolerance.y] as const
  if (data.vertexTree) for (const vertex of data.vertexTree.search(...box)) search.vertex(vertex)
  if (search.bestVertex >= 0) return search.result()
  if (data.edgeTree) for (const edge of data.edgeTree.search(...box)) search.edge(edge)
  return search.result()
}

/** The same answer as `snap`, by scanning every vertex and edge (the baseline). */
export function snapLinear(index: SnapIndex, lngLat: LngLat, tolerance: SnapTolerance, options: SnapOptions = {}): SnapResult {
  const { data } = index
  if (!Number.isFinite(lngLat[0]) || !Number.isFinite(lngLat[1])) return null
  const search = new Search(data, lngLat, tolerance, options.excludeIds)
  for (let vertex = 0; vertex < index.vertexCount; vertex++) search.vertex(vertex)
  if (search.bestVertex >= 0) return search.result()
  for (let edge = 0; edge < index.edgeCount; edge++) search.edge(edge)
  return search.result()
}

/** The best candidate so far; the order candidates arrive in does not change the answer. */
class Search {
  bestVertex = -1
  private bestEdge = -1
  private bestDistance = Infinity
  private bestPoint: LngLat = [0, 0]
  private readonly cosine: number

  constructor(
    private readonly data: SnapData,
    private readonly at: LngLat,
    private readonly tolerance: SnapTolerance,
    private readonly excludeIds: ReadonlySet<string> | undefined,
  ) {
    this.cosine = Math.cos((at[1] * Math.PI) / 180)
  }

  private within(px: number, py: number): boolean {
    const dx = (px - this.at[0]) / this.tolerance.x
    const dy = (py - this.at[1]) / this.tolerance.y
    return dx * dx + dy * dy <= 1
  }

  private screenDistance(px: number, py: number): number {
    const dx = (px - this.at[0]) * this.cosine
    const dy = py - this.at[1]
    return dx * dx + dy * dy
  }

  vertex(vertex: number): void {
    const px = this.data.vertexXY[2 * vertex]
    const py = this.data.vertexXY[2 * vertex + 1]
    if (!this.within(px, py)) return
    if (this.excludeIds && this.data.vertexOwners[vertex].every((id) => this.excludeIds!.has(id))) return
    const distance = this.screenDistance(px, py)
    if (distance < this.bestDistance || (distance === this.bestDistance && vertex < this.bestVertex)) {
      this.bestVertex = vertex
      this.bestDistance = distance
      this.bestPoint = [px, py]
    }
  }

  edge(edge: number): void {
    const data = this.data
    if (this.excludeIds && this.excludeIds.has(data.featureIds[data.edgeFeature[edge]])) return
    const o = 4 * edge
    const ax = data.edgeXY[o]
    const ay = data.edgeXY[o + 1]
    const bx = data.edgeXY[o + 2]
    const by = data.edgeXY[o + 3]
    // Projection in screen units, then back to degrees along the edge.
    const ux = (bx - ax) * this.cosine
    const uy = by - ay
    const vx = (this.at[0] - ax) * this.cosine
    const vy = this.at[1] - ay
    const length = ux * ux + uy * uy
    const t = length > 0 ? Math.min(1, Math.max(0, (ux * vx + uy * vy) / length)) : 0
    const px = t === 0 ? ax : t === 1 ? bx : ax + (bx - ax) * t
    const py = t === 0 ? ay : t === 1 ? by : ay + (by - ay) * t
    if (!this.within(px, py)) return
    const distance = this.screenDistance(px, py)
    if (distance < this.bestDistance || (distance === this.bestDistance && edge < this.bestEdge)) {
      this.bestEdge = edge
      this.bestDistance = distance
      this.bestPoint = [px, py]
    }
  }

  result(): SnapResult {
    const data = this.data
    const keep = (ids: string[]) => (this.excludeIds ? ids.filter((id) => !this.excludeIds!.has(id)) : [...ids])
    if (this.bestVertex >= 0) return { kind: 'vertex', point: this.bestPoint, ids: keep(data.vertexOwners[this.bestVertex]) }
    if (this.bestEdge >= 0) {
      const edge = this.bestEdge
      return {
        kind: 'edge',
        point: this.bestPoint,
        id: data.featureIds[data.edgeFeature[edge]],
        part: data.edgePart[edge],
        ring: data.edgeRing[edge],
        index: data.edgeIndex[edge],
        ids: keep(data.edgeOwners[edge]),
      }
    }
    return null
  }
}
