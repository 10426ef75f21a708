/**
 * The facility symbols, drawn at runtime onto one canvas atlas so no sprite has to be
 * shipped or fetched. Each kind differs by shape as well as colour, so they stay apart for
 * colour-blind users and in greyscale printouts.
 */
import type { FacilityKind } from '../data/schemas.ts'
import { FACILITY_COLOURS, toCss } from './colours.ts'

const ICON_SIZE = 64
export const FACILITY_ICON_ORDER: FacilityKind[] = ['compactor_station', 'transfer_station', 'collection_point', 'public_toilet']

export interface FacilityIconAtlas {
  url: string
  mapping: Record<FacilityKind, { x: number; y: number; width: number; height: number; mask: boolean }>
}

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

let cached: FacilityIconAtlas | null = null

export function facilityIconAtlas(): FacilityIconAtlas {
  if (cached) return cached
  const canvas = document.createElement('canvas')
  canvas.width = ICON_SIZE * FACILITY_ICON_ORDER.length
  canvas.height = ICON_SIZE
  const context = canvas.getContext('2d')
  if (!context) throw new Error('2D canvas unavailable: cannot draw facility symbols')
  const mapping = {} as FacilityIconAtlas['mapping']
  FACILITY_ICON_ORDER.forEach((kind, index) => {
    context.save()
    context.translate(index * ICON_SIZE, 0)
    context.fillStyle = toCss(FACILITY_COLOURS[kind])
    context.strokeStyle = '#ffffff'
    context.lineWidth = 3
    painters[kind](context, ICON_SIZE)
    context.restore()
    mapping[kind] = { x: index * ICON_SIZE, y: 0, width: ICON_SIZE, height: ICON_SIZE, mask: false }
  })
  cached = { url: canvas.toDataURL('image/png'), mapping }
  return cached
}

/** The same symbol as a data URL for the legend, so legend and map cannot disagree. */
export function facilityLegendIcon(kind: FacilityKind): string {
  const canvas = document.createElement('canvas')
  canvas.width = ICON_SIZE
  canvas.height = ICON_SIZE
  const context = canvas.getContext('2d')
  if (!context) return ''
  context.fillStyle = toCss(FACILITY_COLOURS[kind])
  context.strokeStyle = '#ffffff'
  context.lineWidth = 3
  painters[kind](context, ICON_SIZE)
  return canvas.toDataURL('image/png')
}
