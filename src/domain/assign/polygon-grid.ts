/**
 * The uniform grid behind PolygonIndex. Each cell of a regular grid over the polygons' extent
 * is either
 *   - plain: no edge touches it, so one answer holds for all of it (a polygon, or none); or
 *   - a record: the edges touching the cell, grouped per polygon part in id order, and a
 *     reference point r inside the cell with each part's even-odd parity at r.
 * A query point q in a record cell gets each part's parity by counting how many of that
 * part's edges (all of which are listed in the cell, since segment r→q stays inside it) the
 * segment r→q crosses — see segment-crossing.ts for why that count is exact.
 *
 * Parities at the reference points are carried along each row of cells from a point west of
 * everything (where every parity is 0), one step per cell, so the build never runs a
 * point-in-polygon test from scratch. The same monotone floor() maps coordinates to cells at
 * build and at query time, so "which edges can matter for this point" never disagrees between
 * the two through rounding.
 */
import { orient2d } from 'robust-predicates'
import { crossesEdge } from './segment-crossing.ts'
import type { FlatPolygons } from './polygon-input.ts'

export interface PolygonGridOptions {
  /** grid cells per polygon edge (default 2): more cells, fewer edge tests per point, more memory */
  cellsPerEdge?: number
  /** hard cap on the number of cells (default 16 Mi) */
  maxCells?: number
}

export interface PolygonGrid {
  minX: number
  minY: number
  maxX: number
  maxY: number
  columns: number
  rows: number
  inverseCellWidth: number
  inverseCellHeight: number
  /** ≥ 0: the only feature covering the whole cell; -1: none; ≤ -2: record at offset -2 - value */
  cellValue: Int32Array
  /**
   * Records, each contiguous so a query touches a few adjacent cache lines:
   *   rx, ry, groupCount, then per group (in id order): feature, parity at r (0/1), edgeCount,
   *   then per edge ax, ay, bx, by — stored with r on its positive side (orient2d(a, b, r) > 0),
   *   which saves keeping r's side per edge.
   */
  recordData: Float64Array
  recordCount: number
  entryCount: number
}

const DEFAULT_CELLS_PER_EDGE = 2
const DEFAULT_MAX_CELLS = 16 * 1024 * 1024
/** Fractions (x, y) of a cell tried, in turn, for a reference point on none of its edges' lines. */
const REFERENCE_FRACTIONS = [
  0.5, 0.5, 0.381966, 0.618034, 0.618034, 0.381966, 0.236068, 0.763932, 0.763932, 0.236068, 0.145898, 0.854102, 0.854102,
  0.145898, 0.427051, 0.290983,
]

export function buildPolygonGrid(flat: FlatPolygons, options: PolygonGridOptions = {}): PolygonGrid {
  const { edges, edgeUnit, edgeCount, unitCount } = flat
  const minX = edgeCount > 0 ? flat.minX : 0
  const minY = edgeCount > 0 ? flat.minY : 0
  const maxX = edgeCount > 0 ? flat.maxX : 0
  const maxY = edgeCount > 0 ? flat.maxY : 0
  const width = maxX - minX
  const height = maxY - minY
  const targetCells = Math.min(options.maxCells ?? DEFAULT_MAX_CELLS, Math.max(1, edgeCount * (options.cellsPerEdge ?? DEFAULT_CELLS_PER_EDGE)))
  let columns: number
  let rows: number
  if (width > 0 && height > 0) {
    columns = Math.max(1, Math.round(Math.sqrt((targetCells * width) / height)))
    rows = Math.max(1, Math.round(targetCells / columns))
  } else {
    columns = width > 0 ? targetCells : 1
    rows = height > 0 ? targetCells : 1
  }
  const inverseCellWidth = width > 0 ? columns / width : 0
  const inverseCellHeight = height > 0 ? rows / height : 0
  const cellWidth = width > 0 ? width / columns : 1
  const cellHeight = height > 0 ? height / rows : 1
  // Truncation is floor here (arguments are never below the minimum); queries use the same map.
  const column = (x: number) => {
    const i = ((x - minX) * inverseCellWidth) | 0
    return i < columns ? i : columns - 1
  }
  const row = (y: number) => {
    const j = ((y - minY) * inverseCellHeight) | 0
    return j < rows ? j : rows - 1
  }
  const cellCount = columns * rows

  // Edges into cells by bounding box (a superset of the cells they touch), counting sort by
  // cell; edges are numbered in part order, so each cell's list comes out grouped by part.
  const cellStart = new Int32Array(cellCount + 1)
  const edgeCells = new Int32Array(edgeCount * 4)
  for (let e = 0; e < edgeCount; e++) {
    const o = e * 4
    const ax = edges[o]
    const ay = edges[o + 1]
    const bx = edges[o + 2]
    const by = edges[o + 3]
    const i0 = column(ax < bx ? ax : bx)
    const i1 = column(ax < bx ? bx : ax)
    const j0 = row(ay < by ? ay : by)
    const j1 = row(ay < by ? by : ay)
    edgeCells[o] = i0
    edgeCells[o + 1] = i1
    edgeCells[o + 2] = j0
    edgeCells[o + 3] = j1
    for (let j = j0; j <= j1; j++) for (let i = i0; i <= i1; i++) cellStart[j * columns + i + 1] += 1
  }
  for (let c = 0; c < cellCount; c++) cellStart[c + 1] += cellStart[c]
  const entryEdge = new Int32Array(cellStart[cellCount])
  const fill = cellStart.slice(0, cellCount)
  for (let e = 0; e < edgeCount; e++) {
    const o = e * 4
    for (let j = edgeCells[o + 2]; j <= edgeCells[o + 3]; j++) {
      for (let i = edgeCells[o]; i <= edgeCells[o + 1]; i++) entryEdge[fill[j * columns + i]++] = e
    }
  }

  const cellValue = new Int32Array(cellCount)
  // Records are appended to one buffer, grown by doubling; sized up front for the usual case.
  let recordData = new Float64Array(Math.max(1024, entryEdge.length * 7 + 64))
  let recordLength = 0
  let recordCount = 0
  const reserve = (size: number) => {
    if (recordLength + size <= recordData.length) return
    const grown = new Float64Array(Math.max(recordData.length * 2, recordLength + size))
    grown.set(recordData.subarray(0, recordLength))
    recordData = grown
  }

  const parity = new Uint8Array(unitCount)
  const oddList = new Int32Array(unitCount)
  const oddPosition = new Int32Array(unitCount)
  const oddOnly = new Int32Array(unitCount)
  let oddCount = 0
  const toggle = (unit: number) => {
    if (parity[unit] === 0) {
      parity[unit] = 1
      oddPosition[unit] = oddCount
      oddList[oddCount++] = unit
    } else {
      parity[unit] = 0
      const last = oddList[--oddCount]
      oddList[oddPosition[unit]] = last
      oddPosition[last] = oddPosition[unit]
    }
  }
  const edgeStamp = new Int32Array(edgeCount)
  const unitStamp = new Int32Array(unitCount)
  let stamp = 0

  // Toggle the parts whose edges segment p→p' crosses, among the edges of cells a and b.
  const carry = (px: number, py: number, qx: number, qy: number, cellA: number, cellB: number) => {
    stamp += 1
    for (let pass = 0; pass < 2; pass++) {
      const cell = pass === 0 ? cellA : cellB
      if (cell < 0) continue
      for (let k = cellStart[cell]; k < cellStart[cell + 1]; k++) {
        const e = entryEdge[k]
        if (edgeStamp[e] === stamp) continue
        edgeStamp[e] = stamp
        const o = e * 4
        const ax = edges[o]
        const ay = edges[o + 1]
        const bx = edges[o + 2]
        const by = edges[o + 3]
        const sideOfP = orient2d(ax, ay, bx, by, px, py)
        const sideOfQ = orient2d(ax, ay, bx, by, qx, qy)
        if (sideOfP !== 0 && crossesEdge(px, py, qx, qy, ax, ay, bx, by, sideOfP, sideOfQ)) toggle(edgeUnit[e])
      }
    }
  }

  // The reference point chosen by pickReference (kept in variables: no allocation per cell).
  let referenceX = 0
  let referenceY = 0
  const pickReference = (cell: number, i: number, j: number) => {
    for (let attempt = 0; attempt < REFERENCE_FRACTIONS.length; attempt += 2) {
      const x = minX + (i + REFERENCE_FRACTIONS[attempt]) * cellWidth
      const y = minY + (j + REFERENCE_FRACTIONS[attempt + 1]) * cellHeight
      if (column(x) !== i || row(y) !== j) continue
      let clear = true
      for (let k = cellStart[cell]; k < cellStart[cell + 1] && clear; k++) {
        const o = entryEdge[k] * 4
        if (orient2d(edges[o], edges[o + 1], edges[o + 2], edges[o + 3], x, y) === 0) clear = false
      }
      if (clear) {
        referenceX = x
        referenceY = y
        return
      }
    }
    throw new Error(`无法为网格单元 ${i},${j} 选出参考点（多边形顶点过于密集）`)
  }

  for (let j = 0; j < rows; j++) {
    // West of every vertex all parities are 0.
    let px = minX - cellWidth
    let py = minY + (j + 0.5) * cellHeight
    let previous = -1
    let previousHasEdges = false
    for (let i = 0; i < columns; i++) {
      const cell = j * columns + i
      const hasEdges = cellStart[cell + 1] > cellStart[cell]
      let qx: number
      let qy: number
      if (hasEdges) {
        pickReference(cell, i, j)
        qx = referenceX
        qy = referenceY
      } else {
        qx = minX + (i + 0.5) * cellWidth
        qy = minY + (j + 0.5) * cellHeight
      }
      if (hasEdges || previousHasEdges) carry(px, py, qx, qy, previousHasEdges ? previous : -1, hasEdges ? cell : -1)
      px = qx
      py = qy
      previous = cell
      previousHasEdges = hasEdges
      if (!hasEdges && oddCount < 2) {
        cellValue[cell] = oddCount === 1 ? flat.unitFeature[oddList[0]] : -1
        continue
      }
      stamp += 1
      const end = cellStart[cell + 1]
      let k = cellStart[cell]
      // Parts odd at r without an edge in the cell, in part order, merged with the cell's groups.
      for (let m = k; m < end; m++) unitStamp[edgeUnit[entryEdge[m]]] = stamp
      let oddOnlyCount = 0
      for (let m = 0; m < oddCount; m++) if (unitStamp[oddList[m]] !== stamp) oddOnly[oddOnlyCount++] = oddList[m]
      if (oddOnlyCount > 1) oddOnly.subarray(0, oddOnlyCount).sort()
      reserve(3 + 7 * (end - k) + 3 * oddOnlyCount)
      const data = recordData
      recordCount += 1
      cellValue[cell] = -2 - recordLength
      data[recordLength++] = qx
      data[recordLength++] = qy
      const groupCountAt = recordLength++
      let groupCount = 0
      let nextOdd = 0
      while (k < end || nextOdd < oddOnlyCount) {
        const unit = k < end ? edgeUnit[entryEdge[k]] : unitCount
        groupCount += 1
        if (nextOdd < oddOnlyCount && oddOnly[nextOdd] < unit) {
          data[recordLength++] = flat.unitFeature[oddOnly[nextOdd++]]
          data[recordLength++] = 1
          data[recordLength++] = 0
          continue
        }
        data[recordLength++] = flat.unitFeature[unit]
        data[recordLength++] = parity[unit]
        const edgeCountAt = recordLength++
        const groupStart = k
        while (k < end && edgeUnit[entryEdge[k]] === unit) {
          const o = entryEdge[k] * 4
          const ax = edges[o]
          const ay = edges[o + 1]
          const bx = edges[o + 2]
          const by = edges[o + 3]
          const forward = orient2d(ax, ay, bx, by, qx, qy) > 0
          data[recordLength++] = forward ? ax : bx
          data[recordLength++] = forward ? ay : by
          data[recordLength++] = forward ? bx : ax
          data[recordLength++] = forward ? by : ay
          k += 1
        }
        data[edgeCountAt] = k - groupStart
      }
      data[groupCountAt] = groupCount
    }
    while (oddCount > 0) toggle(oddList[oddCount - 1])
  }
  return {
    minX,
    minY,
    maxX,
    maxY,
    columns,
    rows,
    inverseCellWidth,
    inverseCellHeight,
    cellValue,
    // A view, not a copy: the spare capacity is cheaper to keep than to copy away.
    recordData: recordData.subarray(0, recordLength),
    recordCount,
    entryCount: entryEdge.length,
  }
}
