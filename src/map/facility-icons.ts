/**
 * The facility symbols, drawn at runtime onto canvases and handed to MapLibre as style
 * images, so no sprite has to be shipped or fetched. Each kind differs by shape as well as
 * colour, so they stay apart for colour-blind users and in greyscale printouts.
 */
import type { FacilityKind } from '../domain/facilities/facility-kind.ts'
import { FACILITY_COLOURS, HIGHLIGHT_COLOUR, toCss } from './colours.ts'

const ICON_SIZE = 64
export const FACILITY_ICON_ORDER: FacilityKind[] = ['compactor_station', 'transfer_station', 'collection_point', 'public_toilet']

type Painter = (context: CanvasRenderingContext2D, size: number) => void

const painters: Record<FacilityKind, Painter> = {
  // 压缩站: a square with a downward press arrow.
  compactor_station: (context, size) => {
    context.fillRect(6, 6, size - 12, size - 12)
    context.strokeRect(6, 6, size - 12, size - 12)
    context.fillStyle = '#ffffff'
    context.beginPath()
    context.moveTo(size / 2 - 14, size / 2 - 12)
    context.lineTo(size / 2 + 14, size / 2 - 12)
    context.lineTo(size / 2, size / 2 + 14)
    context.closePath()
    context.fill()
  },
  // 转运站: a diamond with a horizontal double arrow (moves waste on).
  transfer_station: (context, size) => {
    context.beginPath()
    context.moveTo(size / 2, 3)
    context.lineTo(size - 3, size / 2)
    context.lineTo(size / 2, size - 3)
    context.lineTo(3, size / 2)
    context.closePath()
    context.fill()
    context.stroke()
    context.strokeStyle = '#ffffff'
    context.lineWidth = 5
    context.beginPath()
    context.moveTo(size / 2 - 14, size / 2)
    context.lineTo(size / 2 + 14, size / 2)
    context.stroke()
  },
  // 装车点: the most numerous, so the plainest: a filled circle.
  collection_point: (context, size) => {
    context.beginPath()
    context.arc(size / 2, size / 2, size / 2 - 14, 0, Math.PI * 2)
    context.fill()
    context.stroke()
  },
  // 公厕: a rounded square with "WC", the sign used on Chinese street furniture too.
  public_toilet: (context, size) => {
    context.beginPath()
    context.roundRect(6, 10, size - 12, size - 20, 10)
    context.fill()
    context.stroke()
    context.fillStyle = '#ffffff'
    context.font = `bold ${Math.round(size * 0.38)}px sans-serif`
    context.textAlign = 'center'
    context.textBaseline = 'middle'
    context.fillText('WC', size / 2, size / 2 + 1)
  },
}

/** Screen size (CSS px) of each kind's symbol at full scale: collection points outnumber everything else 800:150, so they are drawn smaller. */
export const FACILITY_SIZES: Record<FacilityKind, number> = {
  compactor_station: 26,
  transfer_station: 30,
  collection_point: 14,
  public_toilet: 20,
}

/** The zooms between which symbols grow from 0.45 of their size to full size. */
export const FACILITY_ZOOM_RANGE = [12, 14.75] as const

/** 964 symbols at district zoom would bury the map; they grow to full size by zoom 14.75. */
export function facilitySizeScale(zoom: number): number {
  const [low, high] = FACILITY_ZOOM_RANGE
  return Math.min(1, Math.max(0.45, 0.45 + ((zoom - low) / (high - low)) * 0.55))
}

/** The hover halo behind a symbol, as a multiple of the symbol's size. */
export const FACILITY_HALO_SCALE = 1.7
export const FACILITY_HALO_IMAGE = 'facility-halo'
/** The halo image's size in screen pixels at `icon-size` 1. */
export const FACILITY_HALO_SIZE = 32

export interface FacilityImage {
  /** the image's name in the map style: the facility kind, or FACILITY_HALO_IMAGE */
  name: string
  image: ImageData
  /** image pixels per screen pixel */
  pixelRatio: number
}

/**
 * The map's images: each kind's symbol drawn at its full-scale screen size (times the
 * screen's pixel ratio, so it is sharp and is only ever scaled down, by at most 2.2×), and
 * one halo, a soft disc in the highlight colour, that the hovered symbol gets behind it.
 */
export function facilityImages(pixelRatio: number): FacilityImage[] {
  const ratio = Math.max(1, pixelRatio)
  const styleImage = (name: string, canvas: HTMLCanvasElement): FacilityImage => ({
    name,
    image: canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height),
    pixelRatio: ratio,
  })
  const halo = drawCanvas(Math.ceil(FACILITY_HALO_SIZE * ratio), (context, size) => {
    const gradient = context.createRadialGradient(size / 2, size / 2, 0, size / 2, size / 2, size / 2)
    gradient.addColorStop(0, toCss(HIGHLIGHT_COLOUR))
    gradient.addColorStop(0.7, toCss(HIGHLIGHT_COLOUR))
    gradient.addColorStop(1, toCss(HIGHLIGHT_COLOUR, 0))
    context.fillStyle = gradient
    context.fillRect(0, 0, size, size)
  })
  return [
    ...FACILITY_ICON_ORDER.map((kind) => styleImage(kind, symbolCanvas(kind, Math.ceil(FACILITY_SIZES[kind] * ratio)))),
    styleImage(FACILITY_HALO_IMAGE, halo),
  ]
}

function drawCanvas(size: number, paint: (context: CanvasRenderingContext2D, size: number) => void): HTMLCanvasElement {
  const canvas = document.createElement('canvas')
  canvas.width = size
  canvas.height = size
  const context = canvas.getContext('2d')
  if (!context) throw new Error('2D canvas unavailable: cannot draw facility symbols')
  paint(context, size)
  return canvas
}

/** One kind's symbol, `size` pixels square (the painters draw on a 64-unit square). */
function symbolCanvas(kind: FacilityKind, size: number): HTMLCanvasElement {
  return drawCanvas(size, (context) => {
    context.scale(size / ICON_SIZE, size / ICON_SIZE)
    context.fillStyle = toCss(FACILITY_COLOURS[kind])
    context.strokeStyle = '#ffffff'
    context.lineWidth = 3
    painters[kind](context, ICON_SIZE)
  })
}

/** The same symbol as a data URL for the legend, so legend and map cannot disagree. */
export function facilityLegendIcon(kind: FacilityKind): string {
  try {
    return symbolCanvas(kind, ICON_SIZE).toDataURL('image/png')
  } catch {
    // Without a 2D canvas the legend shows the kind's name alone.
    return ''
  }
}

/**
 * Another layer's point symbol, drawn at runtime like the facilities' (no sprite): `paint`
 * draws on a 64-unit square; the image is `screenSize` px at the screen's pixel ratio.
 */
export function runtimeSymbol(name: string, screenSize: number, pixelRatio: number, paint: (context: CanvasRenderingContext2D) => void): FacilityImage {
  const ratio = Math.max(1, pixelRatio)
  const size = Math.ceil(screenSize * ratio)
  const canvas = drawCanvas(size, (context) => {
    context.scale(size / ICON_SIZE, size / ICON_SIZE)
    paint(context)
  })
  return { name, image: canvas.getContext('2d')!.getImageData(0, 0, size, size), pixelRatio: ratio }
}

/** The same symbol as a data URL for a legend ('' where there is no 2D canvas). */
export function runtimeSymbolDataUrl(paint: (context: CanvasRenderingContext2D) => void): string {
  try {
    return drawCanvas(ICON_SIZE, paint).toDataURL('image/png')
  } catch {
    return ''
  }
}
