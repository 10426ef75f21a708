/**
 * Pixel checks on map screenshots, done inside the page (the browser decodes PNG; no image
 * library needed in Node): how many distinct colours a picture has, and how many pixels
 * differ between two pictures of the same view.
 */
import type { Page } from 'playwright-core'

export const MAP_CANVAS = '[data-testid=map] canvas.maplibregl-canvas'

export async function mapScreenshot(page: Page, path?: string): Promise<Buffer> {
  return page.locator(MAP_CANVAS).screenshot(path ? { path } : {})
}

/**
 * Installs (once per page) a function that decodes a base64 PNG into its RGBA bytes (the
 * ImageData), so each check below is one evaluate without repeating the decoding.
 */
async function installDecoder(page: Page): Promise<void> {
  await page.evaluate(() => {
    const scope = window as unknown as { __decodePng?: (base64: string) => Promise<ImageData> }
    scope.__decodePng ??= async (base64: string) => {
      const image = new Image()
      image.src = `data:image/png;base64,${base64}`
      await image.decode()
      const canvas = document.createElement('canvas')
      canvas.width = image.width
      canvas.height = image.height
      const context = canvas.getContext('2d')!
      context.drawImage(image, 0, 0)
      return context.getImageData(0, 0, canvas.width, canvas.height)
    }
  })
}

type Decoder = { __decodePng: (base64: string) => Promise<ImageData> }

/** Distinct colours after quantising to 5 bits per channel (anti-aliasing noise removed). */
export async function distinctColours(page: Page, png: Buffer): Promise<number> {
  await installDecoder(page)
  return page.evaluate(async (base64) => {
    const { data } = await (window as unknown as Decoder).__decodePng(base64)
    const colours = new Set<number>()
    for (let index = 0; index < data.length; index += 4) {
      colours.add(((data[index] >> 3) << 10) | ((data[index + 1] >> 3) << 5) | (data[index + 2] >> 3))
    }
    return colours.size
  }, png.toString('base64'))
}

/** Pixels whose colour differs noticeably (sum of channel differences > 60). */
export async function differingPixels(page: Page, first: Buffer, second: Buffer): Promise<number> {
  await installDecoder(page)
  return page.evaluate(
    async ([a, b]) => {
      const decode = (window as unknown as Decoder).__decodePng
      const [{ data: left }, { data: right }] = await Promise.all([decode(a), decode(b)])
      if (left.length !== right.length) return Number.POSITIVE_INFINITY
      let count = 0
      for (let index = 0; index < left.length; index += 4) {
        const delta = Math.abs(left[index] - right[index]) + Math.abs(left[index + 1] - right[index + 1]) + Math.abs(left[index + 2] - right[index + 2])
        if (delta > 60) count += 1
      }
      return count
    },
    [first.toString('base64'), second.toString('base64')] as const,
  )
}

/** Pixels within a small distance (sum of channel differences < 40) of `colour`. */
export async function pixelsNear(page: Page, png: Buffer, colour: [number, number, number]): Promise<number> {
  await installDecoder(page)
  return page.evaluate(
    async ([base64, [red, green, blue]]) => {
      const { data } = await (window as unknown as Decoder).__decodePng(base64)
      let count = 0
      for (let index = 0; index < data.length; index += 4) {
        if (Math.abs(data[index] - red) + Math.abs(data[index + 1] - green) + Math.abs(data[index + 2] - blue) < 40) count += 1
      }
      return count
    },
    [png.toString('base64'), colour] as const,
  )
}

/**
 * A pixel `gap` px to the right of a pixel of `colour`, itself clearly not that colour (and
 * with none of it in between): a point near a thin line but not on it. Canvas pixels.
 */
export async function pointBesideColour(page: Page, png: Buffer, colour: [number, number, number], gap: number): Promise<{ x: number; y: number } | null> {
  await installDecoder(page)
  return page.evaluate(
    async ([base64, [red, green, blue], offset]) => {
      const image = await (window as unknown as Decoder).__decodePng(base64)
      const data = image.data
      const near = (x: number, y: number) => {
        const index = (y * image.width + x) * 4
        return Math.abs(data[index] - red) + Math.abs(data[index + 1] - green) + Math.abs(data[index + 2] - blue) < 40
      }
      const margin = 40
      for (let y = margin; y < image.height - margin; y += 3) {
        for (let x = margin; x < image.width - margin - offset; x += 1) {
          if (!near(x, y)) continue
          let clear = true
          for (let step = 1; step <= offset + 3 && clear; step += 1) clear = !near(x + step, y)
          if (clear) return { x: x + offset, y }
        }
      }
      return null
    },
    [png.toString('base64'), colour, gap] as const,
  )
}

/** The first pixel (row by row, away from the edges) of `colour`: a point on a symbol. Canvas pixels. */
export async function pointOfColour(page: Page, png: Buffer, colour: [number, number, number]): Promise<{ x: number; y: number } | null> {
  await installDecoder(page)
  return page.evaluate(
    async ([base64, [red, green, blue]]) => {
      const image = await (window as unknown as Decoder).__decodePng(base64)
      const data = image.data
      const margin = 60
      for (let y = margin; y < image.height - margin; y += 2) {
        for (let x = margin; x < image.width - margin; x += 1) {
          const index = (y * image.width + x) * 4
          if (Math.abs(data[index] - red) + Math.abs(data[index + 1] - green) + Math.abs(data[index + 2] - blue) < 30) return { x, y: y + 1 }
        }
      }
      return null
    },
    [png.toString('base64'), colour] as const,
  )
}

/**
 * The median colour (per channel) of the pixels within `radius` of (x, y), canvas pixels: the
 * colour a feature is filled with there, robust to a label or an outline crossing the window.
 */
export async function medianColourAround(page: Page, png: Buffer, x: number, y: number, radius: number): Promise<[number, number, number]> {
  await installDecoder(page)
  return page.evaluate(
    async ([base64, cx, cy, r]) => {
      const image = await (window as unknown as Decoder).__decodePng(base64)
      const channels: number[][] = [[], [], []]
      for (let row = Math.max(0, cy - r); row <= Math.min(image.height - 1, cy + r); row++) {
        for (let column = Math.max(0, cx - r); column <= Math.min(image.width - 1, cx + r); column++) {
          const index = (row * image.width + column) * 4
          for (let channel = 0; channel < 3; channel++) channels[channel].push(image.data[index + channel])
        }
      }
      return channels.map((values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]) as [number, number, number]
    },
    [png.toString('base64'), Math.round(x), Math.round(y), radius] as const,
  )
}
