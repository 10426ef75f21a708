/**
 * Road network on full lattice lines. Roads use the very same node and wiggle vertices as the grid
 * edges, so grid, community and street boundaries that run along a road coincide with it exactly.
 */
import type { DemoDistrict, Position } from './model.ts'
import { Rng, STREAM } from './prng.ts'
import { E, N, NX, NY, type Lattice, type RoadKind, type RoadLines } from './lattice.ts'
import { ROAD_WORDS } from './names.ts'

/** Main roads every 8–12 lattice lines, and a secondary road halfway between most pairs of them. */
export function chooseRoadLines(seed: number): RoadLines {
  const rng = new Rng(seed, STREAM.roads)
  const pick = (size: number): Map<number, RoadKind> => {
    const lines = new Map<number, RoadKind>()
    const mains: number[] = []
    for (let k = rng.int(5, 9); k < size - 3; k += rng.int(8, 12)) mains.push(k)
    for (let m = 0; m < mains.length; m++) {
      lines.set(mains[m], 'main')
      if (m + 1 < mains.length && rng.chance(0.7)) lines.set(Math.round((mains[m] + mains[m + 1]) / 2), 'secondary')
    }
    return lines
  }
  return { vertical: pick(NX), horizontal: pick(NY) }
}

/** True when the edge between node (i,j) and its neighbour in direction d touches a district cell. */
function edgeInDistrict(lattice: Lattice, mask: Uint8Array, i: number, j: number, d: number): boolean {
  const inMask = (ci: number, cj: number) => lattice.inLattice(ci, cj) && mask[lattice.cell(ci, cj)] === 1
  if (d === E) return inMask(i, j) || inMask(i, j - 1)
  return inMask(i, j) || inMask(i - 1, j)
}

export function buildRoads(seed: number, lattice: Lattice, mask: Uint8Array): DemoDistrict['roads'] {
  const rng = new Rng(seed, STREAM.roads + 100)
  const words = rng.shuffle([...ROAD_WORDS])
  const lines: { vertical: boolean; index: number; kind: RoadKind }[] = []
  for (const [index, kind] of [...lattice.roads.vertical].sort((p, q) => p[0] - q[0])) lines.push({ vertical: true, index, kind })
  for (const [index, kind] of [...lattice.roads.horizontal].sort((p, q) => p[0] - q[0])) lines.push({ vertical: false, index, kind })
  // The two longest main lines become 大道 (avenues); the rest are 路.
  const mainLines = lines.filter((l) => l.kind === 'main')
  const avenue = new Set([mainLines[Math.floor(mainLines.length / 4)], mainLines[Math.floor((3 * mainLines.length) / 4)]])

  const roads: DemoDistrict['roads'] = []
  let wordIndex = 0
  for (const line of lines) {
    const name = words[wordIndex++ % words.length] + (avenue.has(line) ? '大道' : line.kind === 'main' ? '路' : '街')
    const steps = line.vertical ? NY : NX
    let run: Position[] = []
    const flush = () => {
      if (run.length >= 3) roads.push({ id: roads.length + 1, name, kind: line.kind, geometry: { type: 'LineString', coordinates: run } })
      run = []
    }
    for (let s = 0; s < steps; s++) {
      const i = line.vertical ? line.index : s
      const j = line.vertical ? s : line.index
      const d = line.vertical ? N : E
      if (!edgeInDistrict(lattice, mask, i, j, d)) {
        flush()
        continue
      }
      const vertices = lattice.edgeVertices(i, j, d)
      if (run.length > 0) run.pop() // the previous edge ended at this node; avoid a repeated vertex
      run.push(...vertices, lattice.nodePos[lattice.node(i + (line.vertical ? 0 : 1), j + (line.vertical ? 1 : 0))])
    }
    flush()
  }
  return roads
}
