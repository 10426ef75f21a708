/**
 * balance(input): lines split into K contiguous beats of even workload (issue 18 item 4).
 * Pure and deterministic given `seed`; the app runs it in a Web Worker, the CLI in Node.
 *
 *   1. measure and check the input (prepare.ts); cut the lines into small units at junctions,
 *      gaps, current piece boundaries and a grid of about a fiftieth of a beat (graph.ts);
 *   2. components: beats per component minimising the spread, and the lower bound that follows
 *      (lower-bound.ts); with fewer beats than components, walking links join them (links.ts)
 *      and the beats that use one are reported connected = false;
 *   3. fresh: recursive bisection on spanning trees (partition.ts); repair (with `current`):
 *      the current beats, absorbed and split where needed (repair.ts);
 *   4. local boundary moves until every beat is within the band (refine.ts); beats still outside
 *      the tolerance: the region of beats around each carved afresh (regions.ts);
 *   5. beats paired with owners (Hungarian on overlap, hungarian.ts), pieces merged per line;
 *   6. repair asked: the fresh result instead when it meets the tolerance and the repair does not,
 *      or it leaves fewer beats disconnected or moves less (stats.method, stats.fallback).
 */
import { forEachNeighbour, type Network, buildNetwork } from './graph.ts'
import { hungarian } from './hungarian.ts'
import { linkAllGroups, lineEnds, linkToNearestGroups } from './links.ts'
import { allocateBeats } from './lower-bound.ts'
import { slice } from './measure.ts'
import { carve } from './partition.ts'
import { prepareInput, type PreparedInput } from './prepare.ts'
import { beatState, refine } from './refine.ts'
import { pathMoves } from './paths.ts'
import { recarveRegions } from './regions.ts'
import { repairBeats } from './repair.ts'
import { MIN_PIECE_M, type BalanceBeat, type BalanceInput, type BalancePiece, type BalanceResult } from './types.ts'

export * from './types.ts'
export { hungarian } from './hungarian.ts'
export { allocateBeats } from './lower-bound.ts'
export { haversineM, cumulativeMeasures } from './measure.ts'

/** units per beat: moving one changes a beat by about 2 % */
const UNITS_PER_BEAT = 30
const MAX_PASSES = 100
const PATH_ROUNDS_PER_BEAT = 5
/** the regional re-carving handles at most this many times the network's units */
const RECARVE_WORK = 5

/**
 * Repair mode falls back to a fresh partition (paired with the owners by overlap) when the repair
 * misses the tolerance, leaves more beats disconnected, or moves more length than the fresh plan
 * would: `stats.method` says which result came back and `stats.fallback` why.
 */
export function balance(input: BalanceInput): BalanceResult {
  const started = now()
  const repairAsked = (input.current?.length ?? 0) > 0 && (input.mode ?? 'repair') === 'repair'
  if (!repairAsked) return balanceOnce(input, started)
  const repaired = balanceOnce(input, started)
  const fresh = balanceOnce({ ...input, mode: 'fresh' }, now())
  const tolerance = input.tolerance ?? 0.1
  const meets = (result: BalanceResult) => worstDeviation(result) <= tolerance + 1e-9
  const disconnected = (result: BalanceResult) => result.beats.filter((beat) => !beat.connected).length
  let fallback: BalanceResult['stats']['fallback'] = null
  if (meets(fresh)) {
    if (!meets(repaired)) fallback = 'tolerance'
    else if (disconnected(repaired) > disconnected(fresh)) fallback = 'connected'
    else if (repaired.stats.movedLengthM > fresh.stats.movedLengthM) fallback = 'moved'
  } else if (!meets(repaired) && disconnected(fresh) <= disconnected(repaired)) {
    // neither meets it: the one nearer the tolerance, or as near and moving less
    if (worstDeviation(fresh) < worstDeviation(repaired) - 1e-9) fallback = 'tolerance'
    else if (worstDeviation(fresh) <= worstDeviation(repaired) + 1e-9 && fresh.stats.movedLengthM < repaired.stats.movedLengthM) fallback = 'moved'
  }
  const chosen = fallback ? fresh : repaired
  chosen.stats.method = fallback ? 'fresh' : 'repair'
  chosen.stats.fallback = fallback
  chosen.stats.ms = now() - started
  return chosen
}

function worstDeviation(result: BalanceResult): number {
  let worst = 0
  for (const beat of result.beats) worst = Math.max(worst, Math.abs(beat.weight / result.stats.mean - 1))
  return worst
}

function balanceOnce(input: BalanceInput, started: number): BalanceResult {
  const prepared = prepareInput(input)
  const { lines, beats: K } = prepared
  const current = input.current ?? []
  const repairMode = current.length > 0 && (input.mode ?? 'repair') === 'repair'

  const extraCuts = new Map<number, number[]>()
  for (const piece of current) {
    const i = prepared.lineIndex.get(String(piece.lineId))!
    const list = extraCuts.get(i) ?? []
    list.push(piece.fromM, piece.toM)
    extraCuts.set(i, list)
  }
  const beatLength = prepared.totalLength / K
  const beatWeight = prepared.totalWeight / K
  const unitM = (i: number) => {
    const density = lines[i].weight / lines[i].length
    const byWeight = density > 0 ? beatWeight / UNITS_PER_BEAT / density : Infinity
    return Math.max(MIN_PIECE_M, Math.min(beatLength / UNITS_PER_BEAT, byWeight))
  }
  const network = buildNetwork(lines, prepared.gapM, extraCuts, unitM)
  const components = network.components

  // groups of components carved together: a component without workload, or (isolated =
  // 'join') too light to be a beat of its own within the tolerance, is linked to its nearest
  // neighbour; the beat that takes it is reported connected = false
  const componentWeight = new Float64Array(components)
  network.units.forEach((unit, u) => (componentWeight[network.unitComponent[u]] += unit.weight))
  const parent = Int32Array.from({ length: components }, (_unused, c) => c)
  const find = (c: number): number => {
    while (parent[c] !== c) c = parent[c] = parent[parent[c]]
    return c
  }
  const ends = lineEnds(network)
  const joinLight = (input.isolated ?? 'join') === 'join'
  const light = beatWeight * (1 - prepared.tolerance)
  let joinedComponents = 0
  // in rounds: every group too light links to its nearest neighbour, then weights are redone
  for (;;) {
    const groupWeight = new Map<number, number>()
    for (let c = 0; c < components; c++) groupWeight.set(find(c), (groupWeight.get(find(c)) ?? 0) + componentWeight[c])
    if (groupWeight.size < 2) break
    const candidates = [...groupWeight.entries()].filter(([, w]) => !(w > 0) || (joinLight && w < light)).sort((p, q) => p[1] - q[1] || p[0] - q[0])
    if (candidates.length === 0) break
    const pairs = linkToNearestGroups(
      network,
      ends,
      find,
      candidates.map(([group]) => group),
    )
    let joined = 0
    for (const [group, other] of pairs) {
      const p = find(group)
      const q = find(other)
      if (p === q) continue
      parent[Math.max(p, q)] = Math.min(p, q)
      joined += 1
    }
    joinedComponents += joined
    if (joined === 0) break
  }
  const roots = [...new Set(Array.from({ length: components }, (_unused, c) => find(c)))].sort((p, q) => p - q)
  let groupBeats: number[] = []
  let connectedLowerBound: number | null = null
  const groupIndex = new Map<number, number>()
  if (K >= roots.length) {
    roots.forEach((root, g) => groupIndex.set(root, g))
    const weights = roots.map(() => 0)
    for (let c = 0; c < components; c++) weights[groupIndex.get(find(c))!] += componentWeight[c]
    const allocation = allocateBeats(weights, K)
    groupBeats = allocation.beats
    connectedLowerBound = allocation.lowerBound
  }
  // beats must span groups: fewer beats than groups, or (isolated = 'join') groups too uneven
  // for any connected partition to meet the tolerance
  const spanning = connectedLowerBound === null || (joinLight && connectedLowerBound > 2 * prepared.tolerance)
  const lowerBound = spanning ? 0 : connectedLowerBound!
  if (spanning) {
    linkAllGroups(network, ends, find)
    roots.forEach((root) => groupIndex.set(root, 0))
    groupBeats = [K]
  }
  const groupUnits: number[][] = groupBeats.map(() => [])
  network.units.forEach((_unit, u) => groupUnits[groupIndex.get(find(network.unitComponent[u]))!].push(u))

  // owners: given, or the current owners in order of appearance (the K with most length)
  const ownerNames = ownersFor(input, prepared, K)
  const beatOf = new Int32Array(network.units.length).fill(-1)
  const target = new Float64Array(K)
  const currentOwner = currentOwners(network, prepared, current)
  if (repairMode) {
    const ownerBeat = new Map<string, number>()
    ownerNames.forEach((owner, b) => owner !== null && ownerBeat.set(owner, b))
    currentOwner.forEach((owner, u) => {
      if (owner !== null && ownerBeat.has(owner)) beatOf[u] = ownerBeat.get(owner)!
    })
    repairBeats(network, beatOf, K, prepared.seed)
    target.fill(beatWeight)
  } else {
    let next = 0
    groupBeats.forEach((k, g) => {
      const groupWeight = groupUnits[g].reduce((sum, u) => sum + network.units[u].weight, 0)
      const parts = carve(network, groupUnits[g], k, groupWeight / k, prepared.seed)
      for (const part of parts) {
        for (const u of part) beatOf[u] = next
        target[next] = groupWeight / k
        next += 1
      }
    })
  }
  const state = beatState(network, beatOf, K)
  const band = repairMode ? prepared.tolerance * 0.9 : Math.min(prepared.tolerance / 2, 0.02)
  refine(network, state, { target, band, maxPasses: MAX_PASSES, diffuse: !repairMode })
  if (pathMoves(network, state, target, band, PATH_ROUNDS_PER_BEAT * K) > 0 && !repairMode) {
    refine(network, state, { target, band, maxPasses: MAX_PASSES, diffuse: true })
  }

  // beats still outside the tolerance: re-carve the region of beats around each (regions.ts)
  const outside = () => target.some((t, b) => Math.abs(state.weight[b] / t - 1) > prepared.tolerance)
  if (outside()) {
    const recarved = recarveRegions(network, state, { target, band: prepared.tolerance * 0.9, seed: prepared.seed, maxRounds: 4 * K, budget: RECARVE_WORK * network.units.length })
    if (recarved > 0) refine(network, state, { target, band, maxPasses: MAX_PASSES, diffuse: !repairMode })
  }
  // beat → owner: repair keeps its owners; fresh pairs by overlap with the current owners
  let beatOwner: (string | null)[]
  let beatNumber: number[]
  if (repairMode) {
    beatOwner = ownerNames
    beatNumber = ownerNames.map((_owner, b) => b + 1)
  } else if (ownerNames.some((owner) => owner !== null)) {
    const overlap = Array.from({ length: K }, () => new Array<number>(K).fill(0))
    const ownerIndex = new Map<string, number>()
    ownerNames.forEach((owner, j) => owner !== null && ownerIndex.set(owner, j))
    currentOwner.forEach((owner, u) => {
      const j = owner === null ? undefined : ownerIndex.get(owner)
      if (j !== undefined) overlap[beatOf[u]][j] += network.units[u].length
    })
    const pairing = hungarian(overlap.map((row) => row.map((value) => -value)))
    beatOwner = pairing.map((j) => ownerNames[j])
    beatNumber = pairing.map((j) => j + 1)
  } else {
    beatOwner = new Array<string | null>(K).fill(null)
    beatNumber = Array.from({ length: K }, (_unused, b) => b + 1)
  }

  const pieces = buildPieces(network, prepared, beatOf, beatNumber, beatOwner)
  const resultBeats = summariseBeats(network, beatOf, beatNumber, beatOwner, pieces)
  const weights = resultBeats.map((beat) => beat.weight)
  const min = Math.min(...weights)
  const max = Math.max(...weights)
  const mean = prepared.totalWeight / K
  let movedLengthM = 0
  let movedPieces = 0
  if (current.length > 0) {
    currentOwner.forEach((owner, u) => {
      if (owner !== beatOwner[beatOf[u]]) movedLengthM += network.units[u].length
    })
    for (const piece of pieces) if (pieceMoved(network, prepared, currentOwner, piece)) movedPieces += 1
  }
  return {
    pieces,
    beats: resultBeats,
    stats: {
      beats: K,
      min,
      mean,
      max,
      spread: (max - min) / mean,
      lowerBound,
      connectedLowerBound,
      components,
      beatsSpanComponents: spanning || joinedComponents > 0,
      joinedComponents,
      movedLengthM,
      movedPieces,
      method: repairMode ? 'repair' : 'fresh',
      fallback: null,
      ms: now() - started,
    },
  }
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now()
}

function ownersFor(input: BalanceInput, prepared: PreparedInput, K: number): (string | null)[] {
  if (input.owners) return [...input.owners]
  const lengthOf = new Map<string, number>()
  for (const piece of input.current ?? []) lengthOf.set(piece.owner, (lengthOf.get(piece.owner) ?? 0) + piece.toM - piece.fromM)
  const inOrder = [...lengthOf.keys()]
  const kept = new Set([...inOrder].sort((p, q) => lengthOf.get(q)! - lengthOf.get(p)! || inOrder.indexOf(p) - inOrder.indexOf(q)).slice(0, K))
  const owners: (string | null)[] = inOrder.filter((owner) => kept.has(owner))
  void prepared
  while (owners.length < K) owners.push(null)
  return owners
}

/** The current owner of each unit (at its middle), or null. */
function currentOwners(network: Network, prepared: PreparedInput, current: BalanceInput['current'] & object): (string | null)[] {
  const byLine = new Map<number, { fromM: number; toM: number; owner: string }[]>()
  for (const piece of current) {
    const i = prepared.lineIndex.get(String(piece.lineId))!
    const list = byLine.get(i) ?? []
    list.push(piece)
    byLine.set(i, list)
  }
  return network.units.map((unit) => {
    const middle = (unit.fromM + unit.toM) / 2
    const found = byLine.get(unit.line)?.find((piece) => piece.fromM <= middle && middle < piece.toM)
    return found ? found.owner : null
  })
}

function buildPieces(network: Network, prepared: PreparedInput, beatOf: Int32Array, beatNumber: number[], beatOwner: (string | null)[]): BalancePiece[] {
  const pieces: BalancePiece[] = []
  prepared.lines.forEach((line, i) => {
    const first = network.lineFirstUnit[i]
    const last = network.lineFirstUnit[i + 1]
    let start = first
    for (let u = first + 1; u <= last; u++) {
      if (u < last && beatOf[u] === beatOf[start]) continue
      const fromM = network.units[start].fromM
      const toM = network.units[u - 1].toM
      const b = beatOf[start]
      pieces.push({
        lineId: line.id,
        fromM,
        toM,
        beat: beatNumber[b],
        owner: beatOwner[b],
        weight: (line.weight * (toM - fromM)) / line.length,
        coordinates: slice(line.coordinates, line.measures, fromM, toM),
      })
      start = u
    }
  })
  return pieces
}

function summariseBeats(network: Network, beatOf: Int32Array, beatNumber: number[], beatOwner: (string | null)[], pieces: BalancePiece[]): BalanceBeat[] {
  const K = beatNumber.length
  const beats: BalanceBeat[] = beatNumber.map((number, b) => ({ beat: number, owner: beatOwner[b], weight: 0, lengthM: 0, pieces: 0, connected: true }))
  const byNumber = new Map<number, BalanceBeat>(beats.map((beat) => [beat.beat, beat]))
  for (const piece of pieces) {
    const beat = byNumber.get(piece.beat)!
    beat.weight += piece.weight
    beat.lengthM += piece.toM - piece.fromM
    beat.pieces += 1
  }
  // connected: every unit of the beat reached from its first through real connections
  const seen = new Uint8Array(network.units.length)
  const firstUnit = new Int32Array(K).fill(-1)
  const unitCount = new Int32Array(K)
  network.units.forEach((_unit, u) => {
    unitCount[beatOf[u]] += 1
    if (firstUnit[beatOf[u]] < 0) firstUnit[beatOf[u]] = u
  })
  for (let b = 0; b < K; b++) {
    if (firstUnit[b] < 0) continue
    let reached = 1
    seen[firstUnit[b]] = 1
    const stack = [firstUnit[b]]
    while (stack.length > 0) {
      const u = stack.pop()!
      forEachNeighbour(
        network,
        u,
        (v) => {
          if (seen[v] || beatOf[v] !== b) return
          seen[v] = 1
          reached += 1
          stack.push(v)
        },
        false,
      )
    }
    beats[b].connected = reached === unitCount[b]
  }
  return beats.sort((p, q) => p.beat - q.beat)
}

function pieceMoved(network: Network, prepared: PreparedInput, currentOwner: (string | null)[], piece: BalancePiece): boolean {
  const i = prepared.lineIndex.get(piece.lineId)!
  for (let u = network.lineFirstUnit[i]; u < network.lineFirstUnit[i + 1]; u++) {
    const unit = network.units[u]
    if (unit.toM <= piece.fromM || unit.fromM >= piece.toM) continue
    if (currentOwner[u] !== piece.owner) return true
  }
  return false
}
export { readBalanceLines, type ReadLines, type ReadLinesOptions, type LineProblem } from './read-lines.ts'
