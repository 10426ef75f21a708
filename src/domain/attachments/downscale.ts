/**
 * How far a photo is scaled down before upload: the long side to at most `maxLongSide`
 * pixels, the aspect ratio kept, never enlarged. A phone's 4000 × 3000 photo of 4–8 MB
 * becomes 1600 × 1200 and a few hundred KB, well inside the 5 MB limit, and still shows
 * what 核查 needs to see.
 */

export const DOWNSCALE_LONG_SIDE = 1600

export interface Size {
  width: number
  height: number
}

export function downscaledSize(size: Size, maxLongSide = DOWNSCALE_LONG_SIDE): Size {
  if (!(size.width > 0 && size.height > 0)) throw new RangeError(`image size must be positive, got ${size.width} × ${size.height}`)
  if (!(maxLongSide >= 1)) throw new RangeError(`maxLongSide must be at least 1, got ${maxLongSide}`)
  const long = Math.max(size.width, size.height)
  if (long <= maxLongSide) return { width: size.width, height: size.height }
  const scale = maxLongSide / long
  // The long side lands exactly on the limit; the short one rounds, and keeps at least a pixel.
  return size.width >= size.height
    ? { width: maxLongSide, height: Math.max(1, Math.round(size.height * scale)) }
    : { width: Math.max(1, Math.round(size.width * scale)), height: maxLongSide }
}

/** Whether the browser should re-encode the image at all. */
export function needsDownscale(size: Size, maxLongSide = DOWNSCALE_LONG_SIDE): boolean {
  return Math.max(size.width, size.height) > maxLongSide
}
