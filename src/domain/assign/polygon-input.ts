/**
 * Polygons as the assignment engine takes them, and their flattening into typed arrays of
 * edges. A "unit" is one polygon part (a Polygon, or one member of a MultiPolygon): parity is
 * counted per unit and the parts of one feature are OR-ed, which is what ST_MakeValid does to
 * a MultiPolygon whose parts overlap.
 */
export interface PolygonInput {
  id: string
  /** WGS84 lon/lat; rings closed or not (a missing closing vertex is implied) */
  geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon
}

export interface FlatPolygons {
  /** ax, ay, bx, by per edge, zero-length edges dropped */
  edges: Float64Array
  edgeUnit: Int32Array
  /** feature (index into the input array) of each unit; units are numbered in id order */
  unitFeature: Int32Array
  unitCount: number
  edgeCount: number
  minX: number
  minY: number
  maxX: number
  maxY: number
}

export function partsOf(geometry: PolygonInput['geometry']): GeoJSON.Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
}

/** Input indices sorted by id with plain string comparison (the tie-break order). */
export function idOrder(polygons: readonly PolygonInput[]): number[] {
  const order = polygons.map((_, index) => index)
  order.sort((left, right) => {
    const a = polygons[left].id
    const b = polygons[right].id
    return a < b ? -1 : a > b ? 1 : left - right
  })
  return order
}

export function flattenPolygons(polygons: readonly PolygonInput[]): FlatPolygons {
  const order = idOrder(polygons)
  let edgeCapacity = 0
  let unitCapacity = 0
  for (const polygon of polygons) {
    for (const part of partsOf(polygon.geometry)) {
      unitCapacity += 1
      for (const ring of part) edgeCapacity += ring.length
    }
  }
  const edges = new Float64Array(edgeCapacity * 4)
  const edgeUnit = new Int32Array(edgeCapacity)
  const unitFeature = new Int32Array(unitCapacity)
  let edgeCount = 0
  let unitCount = 0
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  for (const feature of order) {
    for (const part of partsOf(polygons[feature].geometry)) {
      const unit = unitCount++
      unitFeature[unit] = feature
      for (const ring of part) {
        const count = ring.length
        if (count === 0) continue
        for (let k = 0; k < count; k++) {
          const a = ring[k]
          // The closing edge back to the first vertex: implied when the ring is left open.
          const b = ring[k + 1 < count ? k + 1 : 0]
          const ax = a[0]
          const ay = a[1]
          const bx = b[0]
          const by = b[1]
          if (!Number.isFinite(ax) || !Number.isFinite(ay)) continue
          if (ax < minX) minX = ax
          if (ax > maxX) maxX = ax
          if (ay < minY) minY = ay
          if (ay > maxY) maxY = ay
          if (ax === bx && ay === by) continue
          if (!Number.isFinite(bx) || !Number.isFinite(by)) continue
          const offset = edgeCount * 4
          edges[offset] = ax
          edges[offset + 1] = ay
          edges[offset + 2] = bx
          edges[offset + 3] = by
          edgeUnit[edgeCount] = unit
          edgeCount += 1
        }
      }
    }
  }
  return {
    edges: edges.subarray(0, edgeCount * 4),
    edgeUnit: edgeUnit.subarray(0, edgeCount),
    unitFeature: unitFeature.subarray(0, unitCount),
    unitCount,
    edgeCount,
    minX,
    minY,
    maxX,
    maxY,
  }
}
