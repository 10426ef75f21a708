/**
 * The page's handle on the import worker. One worker per import workspace; comlink turns the
 * session's methods into promises.
 */
import { proxy, wrap, type Remote } from 'comlink'
import type { CheckOptions, CheckProgress, FindExisting, ImportSession } from './import-session.ts'

export interface ImportWorker {
  session: Remote<ImportSession>
  terminate(): void
}

export function startImportWorker(): ImportWorker {
  const worker = new Worker(new URL('./case-import.worker.ts', import.meta.url), { type: 'module', name: 'urbangrid-import' })
  return { session: wrap<ImportSession>(worker), terminate: () => worker.terminate() }
}

/**
 * check() with the callbacks that cross the worker boundary: progress, and the question to
 * the database (asked on the page, where the Repository lives).
 */
export function checkWithProgress(
  worker: ImportWorker,
  options: CheckOptions,
  onProgress: (progress: CheckProgress) => void,
  findExisting?: FindExisting,
) {
  return worker.session.check(options, proxy(onProgress), findExisting ? proxy(findExisting) : undefined)
}
