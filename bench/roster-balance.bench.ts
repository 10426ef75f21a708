/**
 * Auto-balance (issue 18, Performance): the demo district's back-street segments (~2,100, built
 * by the generator in-process) into 400 beats, in a worker_threads Worker as the app runs it
 * in a Web Worker — the balancer (src/domain/roster/balance) against the baseline, a
 * greedy nearest-first assignment of whole segments (bench/roster-balance-worker.ts), both in
 * the same worker, the same runs, timed the same way (performance.now() around each call; the
 * median of 3 reported, every run listed). Target: ≤ 2 s with the spread and the lower bound.
 */
import { Worker } from 'node:worker_threads'
import { generateDemoDistrict } from '../scripts/demo/generate.ts'
import type { BalanceLine } from '../src/domain/roster/balance/index.ts'
import { result, type Bench } from './bench.ts'

const BEATS = 400
const RUNS = 3

interface WorkerReply {
  engineMs: number[]
  baselineMs: number[]
  engine: { spread: number; lowerBound: number; connectedLowerBound: number | null; components: number; joinedComponents: number; connectedBeats: number; worstDeviation: number; pieces: number }
  baseline: { spread: number; worstDeviation: number }
}

const median = (values: number[]) => [...values].sort((p, q) => p - q)[Math.floor(values.length / 2)]
const round = (value: number, digits = 4) => Math.round(value * 10 ** digits) / 10 ** digits

export const benches: Bench[] = [
  {
    name: 'roster-balance',
    async run(log) {
      log('  generating the demo district…')
      const demo = generateDemoDistrict()
      const lines: BalanceLine[] = demo.segments.map((segment) => ({ id: String(segment.id), coordinates: segment.geometry.coordinates as [number, number][] }))
      log(`  ${lines.length} segments into ${BEATS} beats, ${RUNS} runs each in a worker thread…`)
      const reply = await new Promise<WorkerReply>((resolve, reject) => {
        // Node 20 loads a worker's .ts entry before --import hooks apply: a JS entry registers tsx first
        const entry = new URL('./roster-balance-worker.ts', import.meta.url).href
        const source = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}) })`
        const worker = new Worker(source, { eval: true, workerData: { lines, beats: BEATS, runs: RUNS } })
        worker.once('message', (message: WorkerReply) => {
          resolve(message)
          void worker.terminate()
        })
        worker.once('error', reject)
      })
      const ms = median(reply.engineMs)
      const baselineMs = median(reply.baselineMs)
      log(`  balancer: ${reply.engineMs.map((t) => t.toFixed(0)).join(', ')} ms; spread ${(reply.engine.spread * 100).toFixed(1)} %, lower bound ${(reply.engine.lowerBound * 100).toFixed(1)} %, worst beat ${(reply.engine.worstDeviation * 100).toFixed(1)} % off the mean, ${reply.engine.connectedBeats}/${BEATS} beats connected, ${reply.engine.components} components`)
      log(`  greedy nearest-first: ${reply.baselineMs.map((t) => t.toFixed(1)).join(', ')} ms; spread ${(reply.baseline.spread * 100).toFixed(1)} %, worst beat ${(reply.baseline.worstDeviation * 100).toFixed(1)} % off the mean`)
      return [
        result({
          bench: 'roster-balance-demo-400',
          n: lines.length,
          ms,
          baseline: 'greedy nearest-first (whole segments, in input order)',
          baseline_ms: baselineMs,
          target_ms: 2000,
          runs_ms: reply.engineMs.map((t) => round(t, 1)),
          baseline_runs_ms: reply.baselineMs.map((t) => round(t, 1)),
          spread: round(reply.engine.spread),
          lower_bound: round(reply.engine.lowerBound),
          connected_lower_bound: reply.engine.connectedLowerBound === null ? null : round(reply.engine.connectedLowerBound),
          worst_deviation: round(reply.engine.worstDeviation),
          connected_beats: reply.engine.connectedBeats,
          components: reply.engine.components,
          joined_components: reply.engine.joinedComponents,
          pieces: reply.engine.pieces,
          baseline_spread: round(reply.baseline.spread),
          baseline_worst_deviation: round(reply.baseline.worstDeviation),
          note: 'Node worker_threads Worker; median of 3 runs, both timed with performance.now() inside the worker',
        }),
      ]
    },
  },
]
