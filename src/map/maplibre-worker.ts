/**
 * MapLibre 6 parses sources in a Web Worker that it loads by URL. A plain Vite build
 * inlines the library but not its worker, and the map then fails with "Worker failed to
 * load" and draws nothing. Importing the worker module with `?url` makes Vite emit it as
 * its own asset and hands us the hashed URL to pass to `setWorkerUrl`.
 */
import { setWorkerUrl } from 'maplibre-gl'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'

let configured = false

export function configureMapLibreWorker(): void {
  if (configured) return
  setWorkerUrl(workerUrl)
  configured = true
}
