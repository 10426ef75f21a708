/**
 * Boot progress, shared by the backend (download, open) and the map (layers). A tiny
 * external store so both React and non-React code can report and read it.
 *
 * The map workspace calls `reportLayers('loading')` when it starts fetching its default
 * layers and `reportLayers('ready')` once they are drawn; until the map reports, a booted
 * database counts as ready.
 */
export type BootStage = 'manifest' | 'downloading' | 'opening' | 'layers' | 'ready' | 'error'

export interface BootProgress {
  stage: BootStage
  /** bytes of the snapshot download, when downloading */
  loaded: number
  total: number
  /** true when this start unpacked the snapshot rather than reusing IndexedDB */
  fromSnapshot: boolean | null
  /** embedded: the database is completely saved in IndexedDB (next start needs no download) */
  persisted: boolean
  error: string | null
}

type DatabaseStage = Exclude<BootStage, 'layers'>
type LayersState = 'unknown' | 'loading' | 'ready'

let database: Omit<BootProgress, 'stage'> & { stage: DatabaseStage } = {
  stage: 'manifest',
  loaded: 0,
  total: 0,
  fromSnapshot: null,
  persisted: false,
  error: null,
}
let layers: LayersState = 'unknown'
/** when the map started drawing its first view (performance.now()) */
let layersLoadingSince = 0
let snapshot: BootProgress = compute()
const listeners = new Set<() => void>()

function compute(): BootProgress {
  const stage: BootStage = database.stage === 'ready' && layers === 'loading' ? 'layers' : database.stage
  return { ...database, stage }
}

/** Records performance.now() the first time `name` happens, read by bench/browser.bench.ts. */
function markOnce(name: string): void {
  const marks = ((window as unknown as { __urbangridBoot?: Record<string, number> }).__urbangridBoot ??= {})
  marks[name] ??= performance.now()
}

function publish() {
  snapshot = compute()
  if (typeof document !== 'undefined') {
    // For tests and benchmarks driving a real browser.
    document.documentElement.dataset.bootStage = snapshot.stage
    document.documentElement.dataset.bootPersisted = String(snapshot.persisted)
    markOnce(snapshot.stage)
    if (snapshot.persisted) markOnce('persisted')
  }
  for (const listener of listeners) listener()
}

export function reportDatabase(update: Partial<typeof database>): void {
  database = { ...database, ...update }
  if (update.stage && update.stage !== 'error') database.error = null
  publish()
}

export function reportLayers(state: 'loading' | 'ready'): void {
  if (state === 'loading' && layers !== 'loading') layersLoadingSince = performance.now()
  layers = state
  publish()
}

/**
 * A second start held the database back until the map's first view (embedded/start-gate.ts):
 * when it was let go and why, for tests and benchmarks driving a real browser.
 */
export function reportDatabaseHeld(reason: string): void {
  if (typeof document === 'undefined') return
  document.documentElement.dataset.databaseStart = reason
  markOnce('databaseStart')
}

/** Calls `drawn` once the map has reported its first view drawn (at once if it has). */
export function onFirstViewDrawn(drawn: () => void): () => void {
  if (layers === 'ready') {
    drawn()
    return () => {}
  }
  const listener = () => {
    if (layers !== 'ready') return
    listeners.delete(listener)
    drawn()
  }
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/**
 * A map is drawing its first view: it reported 'loading', not yet 'ready', and less than
 * `withinMs` ago (a map left before it drew, or one that never draws, does not count for
 * ever: what waits for it waits once, not again and again).
 */
export function mapDrawingFirstView(withinMs = Infinity): boolean {
  return layers === 'loading' && performance.now() - layersLoadingSince < withinMs
}

/**
 * Resolves once no map is drawing its first view (at once when none is), counting a map as
 * drawing for at most `withinMs`: what may wait until the first view is on screen
 * (data/call-queue.ts).
 */
export function whenFirstViewSettled(withinMs: number): Promise<void> {
  if (!mapDrawingFirstView(withinMs)) return Promise.resolve()
  const timeoutMs = layersLoadingSince + withinMs - performance.now()
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer)
      listeners.delete(listener)
      resolve()
    }
    const listener = () => {
      if (layers !== 'loading') done()
    }
    // A timer may fire a little before performance.now() says it is due.
    const timer = setTimeout(done, Math.ceil(timeoutMs) + 1)
    listeners.add(listener)
  })
}

export function getBootProgress(): BootProgress {
  return snapshot
}

export function subscribeBootProgress(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
