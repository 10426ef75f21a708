/**
 * The worker side of bench/roster-balance.bench.ts: runs the balancer and the greedy baseline
 * on the lines it is given, the same number of times, timed the same way (performance.now()
 * around each call inside this worker thread), and posts the figures back.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { balance, cumulativeMeasures, haversineM, type BalanceLine } from '../src/domain/roster/balance/index.ts'

interface Job {
  lines: BalanceLine[]
  beats: number
  runs: number
}

/**
 * The baseline the issue names: segments in input order, each to the open beat (not yet at the
 * mean) whose last piece ends nearest to it; a new beat is opened when no beat is open; once
 * every beat is at the mean, the rest go to the lightest. Whole segments, no splitting.
 */
export function greedyNearestFirst(lines: BalanceLine[], beats: number): { weights: number[]; ms: number } {
  const started = performance.now()
  const lengths = lines.map((line) => {
    const measures = cumulativeMeasures(line.coordinates)
    return measures[measures.length - 1]
  })
  const total = lengths.reduce((sum, length) => sum + length, 0)
  const mean = total / beats
  const weights: number[] = []
  const lastEnd: [number, number][] = []
  lines.forEach((line, k) => {
    const start = line.coordinates[0]
    let best = -1
    let bestDistance = Infinity
    for (let b = 0; b < weights.length; b++) {
      if (weights[b] >= mean) continue
      const d = haversineM(lastEnd[b], start)
      if (d < bestDistance) {
        bestDistance = d
        best = b
      }
    }
    if (best < 0 && weights.length < beats) {
      best = weights.length
      weights.push(0)
      lastEnd.push(start)
    }
    if (best < 0) best = weights.indexOf(Math.min(...weights))
    weights[best] += lengths[k]
    lastEnd[best] = line.coordinates[line.coordinates.length - 1]
  })
  while (weights.length < beats) weights.push(0)
  return { weights, ms: performance.now() - started }
}

const spreadOf = (weights: number[]) => {
  const mean = weights.reduce((sum, w) => sum + w, 0) / weights.length
  return (Math.max(...weights) - Math.min(...weights)) / mean
}

if (parentPort) {
  const { lines, beats, runs } = workerData as Job
  const engineMs: number[] = []
  const baselineMs: number[] = []
  let engine: ReturnType<typeof balance> | null = null
  let baseline: ReturnType<typeof greedyNearestFirst> | null = null
  for (let run = 0; run < runs; run++) {
    const started = performance.now()
    engine = balance({ lines, beats, seed: 1 })
    engineMs.push(performance.now() - started)
    const baselineStarted = performance.now()
    baseline = greedyNearestFirst(lines, beats)
    baselineMs.push(performance.now() - baselineStarted)
  }
  const worst = Math.max(...engine!.beats.map((beat) => Math.abs(beat.weight / engine!.stats.mean - 1)))
  parentPort.postMessage({
    engineMs,
    baselineMs,
    engine: {
      spread: engine!.stats.spread,
      lowerBound: engine!.stats.lowerBound,
      connectedLowerBound: engine!.stats.connectedLowerBound,
      components: engine!.stats.components,
      joinedComponents: engine!.stats.joinedComponents,
      connectedBeats: engine!.beats.filter((beat) => beat.connected).length,
      worstDeviation: worst,
      pieces: engine!.pieces.length,
    },
    baseline: { spread: spreadOf(baseline!.weights), worstDeviation: Math.max(...baseline!.weights.map((w) => Math.abs(w / (baseline!.weights.reduce((s, x) => s + x, 0) / beats) - 1))) },
  })
}
