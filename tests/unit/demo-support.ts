/** Shared helpers for the demo-district tests: one generation per test file, and a grid lookup. */
import type { DemoDistrict, Position } from '../../scripts/demo/model.ts'
import { distanceToRingMetres, pointInRing } from '../../scripts/demo/geo.ts'

const BUCKET = 0.002

/** Finds the grids containing a point by bucketing grid bounding boxes. */
export class GridIndex {
  private readonly buckets = new Map<string, number[]>()
  constructor(private readonly grids: DemoDistrict['grids']) {
    grids.forEach((g, k) => {
      const ring = g.geometry.coordinates[0]
      const xs = ring.map((p) => p[0])
      const ys = ring.map((p) => p[1])
      for (let bx = Math.floor(Math.min(...xs) / BUCKET); bx <= Math.floor(Math.max(...xs) / BUCKET); bx++) {
        for (let by = Math.floor(Math.min(...ys) / BUCKET); by <= Math.floor(Math.max(...ys) / BUCKET); by++) {
          const key = `${bx}:${by}`
          const list = this.buckets.get(key) ?? []
          list.push(k)
          this.buckets.set(key, list)
        }
      }
    })
  }
  /** ids of grids whose ring strictly contains the point */
  containing(p: Position): number[] {
    const list = this.buckets.get(`${Math.floor(p[0] / BUCKET)}:${Math.floor(p[1] / BUCKET)}`) ?? []
    return list.filter((k) => pointInRing(p[0], p[1], this.grids[k].geometry.coordinates[0])).map((k) => this.grids[k].id)
  }
  clearance(p: Position, gridId: number): number {
    return distanceToRingMetres(p[0], p[1], this.grids[gridId - 1].geometry.coordinates[0])
  }
}

export const key = (p: Position) => `${p[0]},${p[1]}`
