/**
 * When a second start lets the embedded database boot (src/data/embedded/start-gate.ts):
 * after the map's first view, or earlier when the screen or the user needs it, or after
 * the safety timeout, and only once.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { createStartGate, type StartReason } from '../../src/data/embedded/start-gate.ts'

const TIMEOUT = 4000

/** The map's "first view drawn" signal, as boot-progress.ts gives it. */
function fakeMap(drawnAlready = false) {
  let listener: (() => void) | null = null
  let drawn = drawnAlready
  return {
    onFirstView(callback: () => void) {
      if (drawn) {
        callback()
        return () => {}
      }
      listener = callback
      return () => {
        listener = null
      }
    },
    draw() {
      drawn = true
      listener?.()
    },
    get listening() {
      return listener !== null
    },
  }
}

/** The gate's reason, or 'still closed' if it has not opened by the next turn of the (fake) clock. */
async function reasonOf(opened: Promise<StartReason>): Promise<StartReason | 'still closed'> {
  const race = Promise.race([opened, new Promise<'still closed'>((resolve) => setTimeout(() => resolve('still closed'), 0))])
  await vi.advanceTimersByTimeAsync(0)
  return race
}

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('the second start gate of the embedded database', () => {
  test('stays closed until the map has drawn its first view, then opens for that reason', async () => {
    const map = fakeMap()
    const gate = createStartGate({ timeoutMs: TIMEOUT, onFirstView: map.onFirstView })
    await vi.advanceTimersByTimeAsync(TIMEOUT - 1)
    expect(await reasonOf(gate.opened)).toBe('still closed')
    expect(gate.reason()).toBeNull()
    map.draw()
    await expect(gate.opened).resolves.toBe('first-view')
    expect(gate.reason()).toBe('first-view')
    expect(map.listening).toBe(false)
  })

  test('opens at once when the map has already drawn', async () => {
    const gate = createStartGate({ timeoutMs: TIMEOUT, onFirstView: fakeMap(true).onFirstView })
    await expect(reasonOf(gate.opened)).resolves.toBe('first-view')
  })

  test('opens when the screen needs the database, and the first reason stays', async () => {
    const map = fakeMap()
    const gate = createStartGate({ timeoutMs: TIMEOUT, onFirstView: map.onFirstView })
    gate.open('needed')
    map.draw()
    gate.open('input')
    await expect(gate.opened).resolves.toBe('needed')
    expect(gate.reason()).toBe('needed')
    expect(map.listening).toBe(false)
  })

  test('opens on a key or pointer press and stops listening for them', async () => {
    for (const type of ['pointerdown', 'keydown']) {
      const input = new EventTarget()
      const remove = vi.spyOn(input, 'removeEventListener')
      const gate = createStartGate({ timeoutMs: TIMEOUT, input, onFirstView: fakeMap().onFirstView })
      input.dispatchEvent(new Event('mousemove'))
      expect(await reasonOf(gate.opened)).toBe('still closed')
      input.dispatchEvent(new Event(type))
      await expect(gate.opened).resolves.toBe('input')
      expect(remove).toHaveBeenCalledTimes(2)
    }
  })

  test('opens after the timeout if nothing else happens', async () => {
    const gate = createStartGate({ timeoutMs: TIMEOUT, onFirstView: fakeMap().onFirstView })
    await vi.advanceTimersByTimeAsync(TIMEOUT)
    await expect(gate.opened).resolves.toBe('timeout')
  })

  test('an opened gate cancels its timeout', async () => {
    const gate = createStartGate({ timeoutMs: TIMEOUT })
    gate.open('needed')
    expect(vi.getTimerCount()).toBe(0)
    await expect(gate.opened).resolves.toBe('needed')
  })
})
