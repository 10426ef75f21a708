/**
 * The random-operation runner of the grid editor fuzz tests (grids-editing-fuzz.test.ts on a
 * synthetic community, grids-editing-demo.test.ts on a demo one; the former says what is
 * asserted after each step). Grids are deep-frozen, so an operation writing into its input
 * throws.
 */
import { expect } from 'vitest'
import {
  deleteGrid, drawGrid, insertVertex, mergeGrids, moveVertex, neighbours, nextFreeCode, removeVertex, splitGrid,
  type EditableGrid, type EditScope, type GridOperationOutcome, type Position,
} from '../../src/domain/grids/editing/index.ts'
import { closedParts, pointOnSurface } from '../../src/domain/grids/validation/geometry.ts'
import { apply, mulberry32, tilingProblems } from './grids-editing-support.ts'

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const child of Object.values(value as object)) deepFreeze(child)
  }
  return value
}

type Kind = 'split' | 'merge' | 'delete' | 'move' | 'insert' | 'remove' | 'draw'

export interface FuzzRun {
  start: Map<string, EditableGrid>
  scope: EditScope
  communityCode: string
  steps: number
  seed: number
  /** splits stop above this many grids, merges and deletes below the other */
  maxGrids: number
  minGrids: number
}

/** Runs the operations; throws with the seed, step and operation at the first broken invariant. Returns the tally. */
export function runFuzz({ start, scope, communityCode, steps, seed, maxGrids, minGrids }: FuzzRun): Record<Kind, { accepted: number; refused: number }> {
  const random = mulberry32(seed)
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)]
  for (const g of start.values()) deepFreeze(g)
  deepFreeze(scope)
  let grids: Map<string, EditableGrid> = start
  expect(tilingProblems(grids, scope, 1e-9)).toEqual([])
  const tally: Record<Kind, { accepted: number; refused: number }> = {
    split: { accepted: 0, refused: 0 }, merge: { accepted: 0, refused: 0 }, delete: { accepted: 0, refused: 0 },
    move: { accepted: 0, refused: 0 }, insert: { accepted: 0, refused: 0 }, remove: { accepted: 0, refused: 0 }, draw: { accepted: 0, refused: 0 },
  }
  const reasons = new Map<string, number>()

  for (let step = 0; step < steps; step++) {
    const count = grids.size
    const kinds: Kind[] = ['move', 'move', 'move', 'insert', 'remove', 'draw']
    if (count < maxGrids) kinds.push('split', 'split', 'split')
    if (count > minGrids) kinds.push('merge', 'merge', 'delete')
    const kind = pick(kinds)
    const codes = [...grids.keys()]
    const target = grids.get(pick(codes))!
    const ring = target.geometry.coordinates[0]
    let outcome: GridOperationOutcome
    let before = grids
    let description: string
    switch (kind) {
      case 'split': {
        const xs = ring.map((p) => p[0])
        const ys = ring.map((p) => p[1])
        const size = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys))
        const [cx, cy] = pointOnSurface(closedParts(target.geometry))
        const angle = random() * Math.PI
        const [dx, dy] = [Math.cos(angle) * size, Math.sin(angle) * size]
        const bend = (random() - 0.5) * size * 0.3
        const line: Position[] = random() < 0.5
          ? [[cx - dx, cy - dy], [cx + dx, cy + dy]]
          : [[cx - dx, cy - dy], [cx - dy * bend / size, cy + dx * bend / size], [cx + dx, cy + dy]]
        description = `split ${target.code} ${JSON.stringify(line)}`
        outcome = splitGrid(grids, scope, target.code, line, nextFreeCode(grids.keys(), communityCode))
        break
      }
      case 'merge': {
        const near = neighbours(grids, target.code)
        const other = near.length > 0 ? pick(near).code : pick(codes)
        const keep = random() < 0.3 ? other : undefined
        description = `merge ${target.code} ${other} keep ${keep}`
        outcome = mergeGrids(grids, scope, [target.code, other], keep)
        break
      }
      case 'delete':
        description = `delete ${target.code}`
        outcome = deleteGrid(grids, scope, target.code)
        break
      case 'move': {
        const index = Math.floor(random() * (ring.length - 1))
        const from = ring[index] as Position
        const next = ring[index + 1]
        // a third of the moves slide along the vertex's edge: on the community outline, the only moves allowed there
        const f = random() * 0.6
        const to: Position = random() < 1 / 3
          ? [from[0] + f * (next[0] - from[0]), from[1] + f * (next[1] - from[1])]
          : [from[0] + (random() - 0.5) * 0.0002, from[1] + (random() - 0.5) * 0.0002]
        description = `move ${JSON.stringify(from)} → ${JSON.stringify(to)}`
        outcome = moveVertex(grids, scope, from, to)
        break
      }
      case 'insert': {
        const index = Math.floor(random() * (ring.length - 1))
        const [a, b] = [ring[index], ring[index + 1]]
        const t = 0.1 + random() * 0.8
        const at: Position = [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]
        description = `insert ${target.code}#${index} ${JSON.stringify(at)}`
        outcome = insertVertex(grids, scope, { code: target.code, ring: 0, index }, at)
        break
      }
      case 'remove': {
        const at = pick(ring.slice(0, -1)) as Position
        description = `remove ${JSON.stringify(at)}`
        outcome = removeVertex(grids, scope, at)
        break
      }
      case 'draw': {
        // open a gap (test-only: the editor never deletes without giving the area away), then fill it
        before = new Map(grids)
        before.delete(target.code)
        const xs = ring.map((p) => p[0])
        const ys = ring.map((p) => p[1])
        const margin = 0.00005 + random() * 0.0003
        // a quad around the gap's bounding box, every corner pushed outwards by its own random amount
        const out = () => margin * (1 + random())
        const drawn: Position[] = [
          [Math.min(...xs) - out(), Math.min(...ys) - out()],
          [Math.max(...xs) + out(), Math.min(...ys) - out()],
          [Math.max(...xs) + out(), Math.max(...ys) + out()],
          [Math.min(...xs) - out(), Math.max(...ys) + out()],
        ]
        description = `gap ${target.code}, draw ${JSON.stringify(drawn)}`
        outcome = drawGrid(before, scope, drawn, communityCode, nextFreeCode(before.keys(), communityCode))
        if (!outcome.ok) throw new Error(`step ${step} (seed ${seed}): drawing over a gap was refused: ${outcome.reason}; ${description}`)
        break
      }
    }
    if (!outcome.ok) {
      tally[kind].refused++
      reasons.set(outcome.code, (reasons.get(outcome.code) ?? 0) + 1)
      continue
    }
    tally[kind].accepted++
    for (const g of [...outcome.puts, ...outcome.creates]) deepFreeze(g)
    const next = apply(before, outcome)
    const problems = tilingProblems(next, scope, 1e-9)
    if (problems.length > 0) throw new Error(`step ${step} (seed ${seed}): ${description}\n${problems.slice(0, 5).join('\n')}`)
    grids = next
  }
  console.log(`grid editing fuzz (seed ${seed}, ${steps} steps): ${JSON.stringify(tally)}; refusals ${JSON.stringify(Object.fromEntries(reasons))}; ${grids.size} grids at the end`)
  return tally
}
