/**
 * Which lattice cells form the district: a noisy, slightly rotated ellipse, scaled by bisection so
 * the cell count (and hence the area) lands on target, reduced to its largest 4-connected piece with
 * every enclosed gap filled. Filling gaps reachable from outside only diagonally also removes every
 * place where the district would touch itself at a single node, so its outline is one simple ring.
 */
import { Rng, STREAM, hashUnit } from './prng.ts'
import { NX, NY } from './lattice.ts'

export const TARGET_CELLS = 2950

export function districtMask(seed: number): Uint8Array {
  const rng = new Rng(seed, STREAM.shape)
  const harmonics = [2, 3, 4, 6].map((k) => ({ k, amp: rng.range(0.03, 0.09) / Math.sqrt(k / 2), phase: rng.range(0, 2 * Math.PI) }))
  const rotation = rng.range(-0.35, 0.35)
  const a = 1
  const b = 0.74
  const cos = Math.cos(rotation)
  const sin = Math.sin(rotation)

  const build = (scale: number): Uint8Array => {
    const raw = new Uint8Array(NX * NY)
    for (let j = 0; j < NY; j++) {
      for (let i = 0; i < NX; i++) {
        const x0 = i + 0.5 - NX / 2
        const y0 = j + 0.5 - NY / 2
        const x = (x0 * cos + y0 * sin) / a
        const y = (-x0 * sin + y0 * cos) / b
        const theta = Math.atan2(y, x)
        let limit = scale
        for (const h of harmonics) limit *= 1 + h.amp * Math.sin(h.k * theta + h.phase)
        // a little per-cell roughness so the outline is not a smooth curve
        limit += (hashUnit(seed, 7, i, j) - 0.5) * 1.2
        if (Math.sqrt(x * x + y * y) < limit) raw[j * NX + i] = 1
      }
    }
    return fillHoles(largestComponent(raw))
  }

  let lo = 20
  let hi = 45
  let best = build(lo)
  for (let step = 0; step < 30; step++) {
    const mid = (lo + hi) / 2
    const mask = build(mid)
    const count = countCells(mask)
    best = mask
    if (count === TARGET_CELLS) break
    if (count < TARGET_CELLS) lo = mid
    else hi = mid
  }
  return best
}

export function countCells(mask: Uint8Array): number {
  let n = 0
  for (const v of mask) n += v
  return n
}

function neighbours(c: number): number[] {
  const i = c % NX
  const j = Math.floor(c / NX)
  const out: number[] = []
  if (i > 0) out.push(c - 1)
  if (i < NX - 1) out.push(c + 1)
  if (j > 0) out.push(c - NX)
  if (j < NY - 1) out.push(c + NX)
  return out
}

function largestComponent(mask: Uint8Array): Uint8Array {
  const label = new Int32Array(mask.length).fill(-1)
  let bestLabel = -1
  let bestSize = 0
  let next = 0
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || label[start] >= 0) continue
    const queue = [start]
    label[start] = next
    for (let q = 0; q < queue.length; q++) {
      for (const n of neighbours(queue[q])) {
        if (mask[n] && label[n] < 0) {
          label[n] = next
          queue.push(n)
        }
      }
    }
    if (queue.length > bestSize) {
      bestSize = queue.length
      bestLabel = next
    }
    next++
  }
  const out = new Uint8Array(mask.length)
  for (let c = 0; c < mask.length; c++) if (label[c] === bestLabel) out[c] = 1
  return out
}

function fillHoles(mask: Uint8Array): Uint8Array {
  const outside = new Uint8Array(mask.length)
  const queue: number[] = []
  for (let c = 0; c < mask.length; c++) {
    const i = c % NX
    const j = Math.floor(c / NX)
    if ((i === 0 || j === 0 || i === NX - 1 || j === NY - 1) && !mask[c]) {
      outside[c] = 1
      queue.push(c)
    }
  }
  for (let q = 0; q < queue.length; q++) {
    for (const n of neighbours(queue[q])) {
      if (!mask[n] && !outside[n]) {
        outside[n] = 1
        queue.push(n)
      }
    }
  }
  const out = new Uint8Array(mask.length)
  for (let c = 0; c < mask.length; c++) out[c] = outside[c] ? 0 : 1
  return out
}
