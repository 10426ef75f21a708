/**
 * When a second start boots the embedded database.
 *
 * On a second start the map draws its last view from the layer cache
 * (layer-persistence.ts) while the database boots. Both need the CPU at the same time: the
 * database's boot is ~2 s of WebAssembly compile, IndexedDB reads and PostgreSQL start-up,
 * and the map's first view is tiling and drawing. On two cores, running them together
 * slowed both: the layers were drawn ~1.3 s later, and the database was ready only ~0.5 s
 * sooner than when it waits (docs/benchmarks.md, "Sixth pass").
 *
 * So a second start opens the database through this gate. The gate opens on the first of:
 * - the map has drawn its first view (`first-view`);
 * - something on screen waits for the database (`needed`): a query with no answer to show,
 *   e.g. a view the cache does not have, a search, an inspect, another workspace;
 * - the user presses a key or a pointer anywhere (`input`): they are about to ask for
 *   something;
 * - `timeoutMs` has passed (`timeout`): a safety net if nothing else fires.
 *
 * A first start does not use the gate: its download is network-bound and nothing is cached.
 * A retry after a failure does not use it either.
 */
export type StartReason = 'first-view' | 'needed' | 'input' | 'timeout'

export interface StartGate {
  /** resolves, with the reason, once the gate is open */
  readonly opened: Promise<StartReason>
  /** why it opened, or null while it is closed */
  reason(): StartReason | null
  open(reason: StartReason): void
}

export interface StartGateOptions {
  timeoutMs: number
  /** where key and pointer presses are watched (the window in the app) */
  input?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>
  /** calls `drawn` once the map has drawn its first view; returns the unsubscribe */
  onFirstView?: (drawn: () => void) => () => void
}

const INPUT_EVENTS = ['pointerdown', 'keydown'] as const

export function createStartGate(options: StartGateOptions): StartGate {
  let reason: StartReason | null = null
  let resolve: (why: StartReason) => void = () => {}
  const opened = new Promise<StartReason>((done) => {
    resolve = done
  })
  const onInput = () => open('input')
  const timer = setTimeout(() => open('timeout'), options.timeoutMs)
  for (const type of INPUT_EVENTS) options.input?.addEventListener(type, onInput, { capture: true })
  let stopWatchingMap: () => void = () => {}
  function open(why: StartReason) {
    if (reason !== null) return
    reason = why
    clearTimeout(timer)
    for (const type of INPUT_EVENTS) options.input?.removeEventListener(type, onInput, { capture: true })
    stopWatchingMap()
    resolve(why)
  }
  // Subscribed last: a map that has already drawn opens the gate at once.
  if (options.onFirstView) {
    const unsubscribe = options.onFirstView(() => open('first-view'))
    if (reason === null) stopWatchingMap = unsubscribe
    else unsubscribe()
  }
  return { opened, reason: () => reason, open }
}
