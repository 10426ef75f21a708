/**
 * One call at a time, most urgent first: the embedded database answers one call at a time
 * (one PostgreSQL backend in one worker), so which waiting call goes next decides what the
 * user sees first. Interactive calls (the map's layers, a selection, a search, the case list,
 * every write) go before background ones (the district summary, the category tree, the
 * placement reference, the gazetteer); within a priority, first come first served, so
 * writes keep their order and a read queued after a write sees it.
 *
 * A call that has started is not interrupted: a long background read delays whatever comes
 * after it. So background calls also wait for `backgroundMayStart` (in the app: until the
 * map's first view is drawn), and the queue takes its next call only once `ready` has
 * resolved, so the calls made while the database boots are ordered by priority rather than
 * by who asked first. Supabase has no such queue: PostgREST answers calls in parallel.
 */
export const CALL_PRIORITIES = ['interactive', 'background'] as const
export type CallPriority = (typeof CALL_PRIORITIES)[number]

export interface CallQueueOptions {
  /** resolves when calls may run (the database and the acting user); a rejection fails one call */
  ready?: () => Promise<unknown>
  /** resolves when a background call may start; asked again before each background call */
  backgroundMayStart?: () => Promise<unknown>
}

interface Job {
  work: () => Promise<unknown>
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

export class CallQueue {
  private readonly waiting: Record<CallPriority, Job[]> = { interactive: [], background: [] }
  private readonly ready: () => Promise<unknown>
  private readonly backgroundMayStart: () => Promise<unknown>
  private busy = false
  /** a background call may take the next turn (asked for once, used once) */
  private backgroundAllowed = false
  private askingForBackground = false

  constructor(options: CallQueueOptions = {}) {
    this.ready = options.ready ?? (() => Promise.resolve())
    this.backgroundMayStart = options.backgroundMayStart ?? (() => Promise.resolve())
  }

  /** Runs `work` when its turn comes; resolves or rejects with it. */
  run<T>(priority: CallPriority, work: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting[priority].push({ work, resolve: resolve as (value: unknown) => void, reject })
      void this.next()
    })
  }

  /** Calls waiting for their turn (not the one running), by priority. */
  pending(): Record<CallPriority, number> {
    return { interactive: this.waiting.interactive.length, background: this.waiting.background.length }
  }

  private take(): Job | undefined {
    const interactive = this.waiting.interactive.shift()
    if (interactive) {
      // What allowed a background call before may have changed (a map started loading).
      this.backgroundAllowed = false
      return interactive
    }
    if (!this.backgroundAllowed) return undefined
    const background = this.waiting.background.shift()
    if (background) this.backgroundAllowed = false
    return background
  }

  private async next(): Promise<void> {
    if (this.busy) return
    if (this.waiting.interactive.length === 0 && this.waiting.background.length === 0) return
    this.busy = true
    let readiness: unknown = null
    try {
      await this.ready()
    } catch (error) {
      readiness = { error }
    }
    // Chosen only now: what was asked for while the database was not ready is in the queue.
    const job = this.take()
    if (!job) {
      this.busy = false
      this.askForBackground()
      return
    }
    try {
      if (readiness) throw (readiness as { error: unknown }).error
      job.resolve(await job.work())
    } catch (error) {
      job.reject(error)
    } finally {
      this.busy = false
      void this.next()
    }
  }

  private askForBackground(): void {
    if (this.askingForBackground || this.backgroundAllowed || this.waiting.background.length === 0) return
    this.askingForBackground = true
    const allow = () => {
      this.askingForBackground = false
      this.backgroundAllowed = true
      void this.next()
    }
    this.backgroundMayStart().then(allow, allow)
  }
}
