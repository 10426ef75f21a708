/**
 * Marks the benchmarks read: when the map first drew, and when every default layer had
 * drawn. Merged into `window.__urbangrid` so other modules' marks survive.
 */
declare global {
  interface Window {
    __urbangrid?: Record<string, unknown>
  }
}

export function markOnce(name: 'firstFrameAt' | 'layersReadyAt'): void {
  if (window.__urbangrid?.[name] !== undefined) return
  window.__urbangrid = { ...window.__urbangrid, [name]: performance.now() }
}
