/**
 * The assignment problem (Kuhn–Munkres with potentials, O(n²m)): rows to distinct columns at
 * the least total cost, rows ≤ columns. Pairs beats with owners by the most overlap (cost =
 * −overlap). Written here rather than taken from `munkres` (not installed): forty lines, with
 * tests against brute force.
 */
export function hungarian(cost: readonly (readonly number[])[]): number[] {
  const n = cost.length
  if (n === 0) return []
  const m = cost[0].length
  if (m < n) throw new Error('hungarian: more rows than columns')
  const u = new Float64Array(n + 1)
  const v = new Float64Array(m + 1)
  const p = new Int32Array(m + 1) // p[j]: row (1-based) matched to column j
  const way = new Int32Array(m + 1)
  for (let i = 1; i <= n; i++) {
    p[0] = i
    let j0 = 0
    const minv = new Float64Array(m + 1).fill(Infinity)
    const used = new Uint8Array(m + 1)
    do {
      used[j0] = 1
      const i0 = p[j0]
      let delta = Infinity
      let j1 = 0
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue
        const current = cost[i0 - 1][j - 1] - u[i0] - v[j]
        if (current < minv[j]) {
          minv[j] = current
          way[j] = j0
        }
        if (minv[j] < delta) {
          delta = minv[j]
          j1 = j
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[p[j]] += delta
          v[j] -= delta
        } else minv[j] -= delta
      }
      j0 = j1
    } while (p[j0] !== 0)
    do {
      const j1 = way[j0]
      p[j0] = p[j1]
      j0 = j1
    } while (j0 !== 0)
  }
  const rowToColumn = new Array<number>(n).fill(-1)
  for (let j = 1; j <= m; j++) if (p[j] > 0) rowToColumn[p[j] - 1] = j - 1
  return rowToColumn
}
