/**
 * Marks the benchmarks read: when the map first drew, and when every default layer had
 * drawn; and a way for them to make the map draw one more frame (bench/browser.bench.ts
 * times it). Merged into `window.__urbangrid` so other modules' marks survive.
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

/** Lets a benchmark ask the map for a repaint of everything it shows (nothing else changes). */
export function exposeRepaint(repaint: (() => void) | null): void {
  window.__urbangrid = { ...window.__urbangrid, repaint: repaint ?? undefined }
}
