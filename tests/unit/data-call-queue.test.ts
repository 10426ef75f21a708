/**
 * The embedded database's call queue (src/data/call-queue.ts): one call at a time,
 * interactive before background, first come first served within a priority, a failure
 * does not stop the queue, and background calls wait for their gate.
 */
import { describe, expect, test } from 'vitest'
import { mapDrawingFirstView, reportLayers, whenFirstViewSettled } from '../../src/data/boot-progress.ts'
import { CallQueue, type CallPriority } from '../../src/data/call-queue.ts'
import { callPriority, RPC } from '../../src/data/rpc.ts'

/** A call that runs until the test ends it, logging when it starts. */
function controlled(log: string[]) {
  const ends = new Map<string, { resolve: (value: string) => void; reject: (error: Error) => void }>()
  const call = (name: string) => () =>
    new Promise<string>((resolve, reject) => {
      log.push(name)
      ends.set(name, { resolve, reject })
    })
  const finish = async (name: string) => {
    ends.get(name)!.resolve(name)
    await settle()
  }
  const fail = async (name: string) => {
    ends.get(name)!.reject(new Error(`${name} failed`))
    await settle()
  }
  return { call, finish, fail }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

function enqueue(queue: CallQueue, work: (name: string) => () => Promise<string>, calls: [string, CallPriority][]) {
  return calls.map(([name, priority]) => queue.run(priority, work(name)))
}

describe('call queue', () => {
  test('runs one call at a time; interactive calls go before background ones, each in the order asked', async () => {
    const log: string[] = []
    const { call, finish } = controlled(log)
    const queue = new CallQueue()
    const answers = enqueue(queue, call, [
      ['first', 'interactive'],
      ['summary', 'background'],
      ['layer a', 'interactive'],
      ['reference', 'background'],
      ['layer b', 'interactive'],
    ])
    await settle()
    expect(log).toEqual(['first'])
    await finish('first')
    expect(log).toEqual(['first', 'layer a'])
    await finish('layer a')
    await finish('layer b')
    // A call asked for while a background one runs still goes before the background rest.
    expect(log).toEqual(['first', 'layer a', 'layer b', 'summary'])
    const late = queue.run('interactive', call('late'))
    await finish('summary')
    expect(log).toEqual(['first', 'layer a', 'layer b', 'summary', 'late'])
    await finish('late')
    await finish('reference')
    expect(await Promise.all([...answers, late])).toEqual(['first', 'summary', 'layer a', 'reference', 'layer b', 'late'])
  })

  test('a failed call rejects only its caller; the queue goes on', async () => {
    const log: string[] = []
    const { call, finish, fail } = controlled(log)
    const queue = new CallQueue()
    const [broken, next] = enqueue(queue, call, [
      ['broken', 'interactive'],
      ['next', 'interactive'],
    ])
    const thrown = queue.run('interactive', () => {
      throw new Error('threw before it started')
    })
    // Outcomes taken at once: a rejection nobody listens to yet is reported as unhandled.
    const brokenOutcome = broken.catch((error: unknown) => error)
    const thrownOutcome = thrown.catch((error: unknown) => error)
    await settle()
    await fail('broken')
    expect(await brokenOutcome).toMatchObject({ message: 'broken failed' })
    await finish('next')
    expect(await next).toBe('next')
    expect(await thrownOutcome).toMatchObject({ message: 'threw before it started' })
    const after = queue.run('background', call('after'))
    await settle()
    await finish('after')
    expect(await after).toBe('after')
  })

  test('calls asked for before the database is ready run by priority once it is', async () => {
    const log: string[] = []
    const { call, finish } = controlled(log)
    let open: () => void = () => {}
    const ready = new Promise<void>((resolve) => (open = resolve))
    const queue = new CallQueue({ ready: () => ready })
    enqueue(queue, call, [
      ['summary', 'background'],
      ['directory', 'background'],
      ['outline', 'interactive'],
    ])
    await settle()
    expect(log).toEqual([])
    open()
    await settle()
    await finish('outline')
    await finish('summary')
    await finish('directory')
    expect(log).toEqual(['outline', 'summary', 'directory'])
  })

  test('a failed readiness fails the call whose turn it was and is asked again for the next', async () => {
    const log: string[] = []
    const { call, finish } = controlled(log)
    let attempts = 0
    const queue = new CallQueue({
      ready: async () => {
        attempts += 1
        if (attempts === 1) throw new Error('database not booted')
      },
    })
    const [first, second] = enqueue(queue, call, [
      ['first', 'interactive'],
      ['second', 'interactive'],
    ])
    expect(await first.catch((error: unknown) => error)).toMatchObject({ message: 'database not booted' })
    await settle()
    await finish('second')
    expect(await second).toBe('second')
    expect(log).toEqual(['second'])
  })

  test('background calls wait for their gate; interactive calls do not', async () => {
    const log: string[] = []
    const { call, finish } = controlled(log)
    let openGate: () => void = () => {}
    let asked = 0
    const queue = new CallQueue({
      backgroundMayStart: () => {
        asked += 1
        return new Promise<void>((resolve) => (openGate = resolve))
      },
    })
    const [summary] = enqueue(queue, call, [['summary', 'background']])
    await settle()
    expect(log).toEqual([])
    const layer = queue.run('interactive', call('layer'))
    await settle()
    expect(log).toEqual(['layer'])
    await finish('layer')
    expect(await layer).toBe('layer')
    expect(log).toEqual(['layer'])
    expect(asked).toBe(1)
    openGate()
    await settle()
    expect(log).toEqual(['layer', 'summary'])
    await finish('summary')
    expect(await summary).toBe('summary')
  })
})

describe('priorities of the SQL API', () => {
  test('the sidebar figures, the placement reference and the gazetteer are background; map layers and writes are interactive', () => {
    expect(callPriority(RPC.districtSummary)).toBe('background')
    expect(callPriority(RPC.assignmentReference)).toBe('background')
    expect(callPriority(RPC.addressGazetteer)).toBe('background')
    expect(callPriority(RPC.layerGrids)).toBe('interactive')
    expect(callPriority(RPC.listCases)).toBe('interactive')
    expect(callPriority(RPC.transitionCase)).toBe('interactive')
    // A write is never put behind the reads, whatever its spec says.
    expect(callPriority({ ...RPC.editGrids, priority: 'background' })).toBe('interactive')
  })
})

describe('the gate of background calls in the app: a map drawing its first view', () => {
  test('open at once with no map; held while one draws, until it has drawn; a map that never draws holds them once', async () => {
    expect(mapDrawingFirstView()).toBe(false)
    let opened = false
    await whenFirstViewSettled(10_000).then(() => (opened = true))
    expect(opened).toBe(true)

    reportLayers('loading')
    expect(mapDrawingFirstView(10_000)).toBe(true)
    opened = false
    const drawn = whenFirstViewSettled(10_000).then(() => (opened = true))
    await settle()
    expect(opened).toBe(false)
    reportLayers('ready')
    await drawn
    expect(opened).toBe(true)

    // Left before it drew: the wait is bounded from when the map started, not per call.
    reportLayers('loading')
    const started = performance.now()
    await whenFirstViewSettled(60)
    expect(performance.now() - started).toBeGreaterThanOrEqual(50)
    expect(mapDrawingFirstView(60)).toBe(false)
    const again = performance.now()
    await whenFirstViewSettled(60)
    expect(performance.now() - again).toBeLessThan(50)
  })
})
