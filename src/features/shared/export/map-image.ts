/**
 * The map as a PNG a manager can put in a report: the map as drawn (MapAdapter.captureImage,
 * deck.gl overlays included) with a title, the period, the legend, a north arrow, a scale bar
 * and the data source. Where things go is map-export-layout.ts (pure, tested); this file only
 * draws that layout with the canvas 2D API, so it runs in the browser alone.
 */
import type { LegendEntry } from '../../../layers/layer-module.ts'
import { toCss } from '../../../map/colours.ts'
import type { MapImage } from '../../../map/map-adapter.ts'
import { layoutMapExport, type ExportLegendEntry, type MapExportContent, type MapExportLayout, type Rect, type TextPlacement } from './map-export-layout.ts'

export { layoutMapExport } from './map-export-layout.ts'
export type { ExportLegendEntry, MapExportContent, MapExportLayout } from './map-export-layout.ts'

const INK = '#0f172a'
const MUTED = '#475569'
const RULE = '#94a3b8'

/** A layer module's legend (src/layers) as export entries: the same colours and symbols the map uses. */
export function legendForExport(entries: readonly LegendEntry[]): ExportLegendEntry[] {
  return entries.map((entry) => {
    if ('ramp' in entry) return { ramp: entry.ramp.map((colour) => toCss(colour)), low: entry.low, high: entry.high }
    if ('icon' in entry) return { label: entry.label, symbol: entry.icon }
    return { label: entry.label, colour: toCss(entry.swatch.colour), shape: entry.swatch.shape, dashed: entry.swatch.dashed }
  })
}

/** The export as a canvas, for a preview or for `toBlob`. */
export async function composeMapExport(image: MapImage, content: MapExportContent): Promise<HTMLCanvasElement> {
  // Text measured before the page's fonts have loaded would be laid out in a fallback font.
  await document.fonts?.ready
  const scratch = document.createElement('canvas').getContext('2d')
  if (!scratch) throw new Error('no 2D canvas to draw the map export on')
  const measureText = (text: string, font: string) => {
    scratch.font = font
    return scratch.measureText(text).width
  }
  const layout = layoutMapExport({
    ...content,
    mapWidth: image.canvas.width,
    mapHeight: image.canvas.height,
    pixelRatio: image.pixelRatio,
    zoom: image.view.zoom,
    latitude: image.view.center[1],
    measureText,
  })
  const symbols = await loadSymbols(content.legend)

  const canvas = document.createElement('canvas')
  canvas.width = Math.ceil(layout.width)
  canvas.height = Math.ceil(layout.height)
  const context = canvas.getContext('2d')
  if (!context) throw new Error('no 2D canvas to draw the map export on')
  context.fillStyle = '#ffffff'
  context.fillRect(0, 0, canvas.width, canvas.height)
  drawText(context, layout.title, INK)
  if (layout.period) drawText(context, layout.period, MUTED)
  context.drawImage(image.canvas, layout.map.x, layout.map.y, layout.map.width, layout.map.height)
  context.strokeStyle = RULE
  context.lineWidth = layout.unit
  context.strokeRect(layout.map.x, layout.map.y, layout.map.width, layout.map.height)
  if (layout.legend) drawLegend(context, layout, symbols)
  if (layout.northArrow) drawNorthArrow(context, layout.northArrow, layout.unit)
  drawScaleBar(context, layout)
  drawText(context, layout.source, MUTED)
  return canvas
}

/** The export as PNG bytes, ready for downloadBlob. */
export async function mapExportPng(image: MapImage, content: MapExportContent): Promise<Blob> {
  const canvas = await composeMapExport(image, content)
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the browser could not encode the map as PNG'))), 'image/png'))
}

/**
 * The legend's symbol images, decoded. A symbol that cannot be decoded (a layer without a 2D
 * canvas gives '') leaves its line with the label alone, as the on-screen legend does.
 */
async function loadSymbols(legend: readonly ExportLegendEntry[]): Promise<Map<string, HTMLImageElement>> {
  const sources = new Set(legend.flatMap((entry) => ('symbol' in entry && entry.symbol ? [entry.symbol] : [])))
  const loaded = new Map<string, HTMLImageElement>()
  await Promise.all(
    [...sources].map(async (source) => {
      const image = new Image()
      image.src = source
      try {
        await image.decode()
        loaded.set(source, image)
      } catch {
        // drawn without its symbol (see above)
      }
    }),
  )
  return loaded
}

function drawText(context: CanvasRenderingContext2D, text: TextPlacement, colour: string): void {
  context.font = text.font
  context.fillStyle = colour
  context.textAlign = text.align
  context.textBaseline = 'top'
  context.fillText(text.text, text.x, text.y)
}

function drawLegend(context: CanvasRenderingContext2D, layout: MapExportLayout, symbols: Map<string, HTMLImageElement>): void {
  const { box, title, items } = layout.legend!
  const unit = layout.unit
  context.fillStyle = 'rgba(255, 255, 255, 0.92)'
  context.fillRect(box.x, box.y, box.width, box.height)
  context.strokeStyle = RULE
  context.lineWidth = unit
  context.strokeRect(box.x, box.y, box.width, box.height)
  if (title) drawText(context, title, INK)
  for (const item of items) {
    if (item.kind === 'ramp') {
      const gradient = context.createLinearGradient(item.mark.x, 0, item.mark.x + item.mark.width, 0)
      item.entry.ramp.forEach((colour, index, ramp) => gradient.addColorStop(ramp.length > 1 ? index / (ramp.length - 1) : 0, colour))
      context.fillStyle = gradient
      context.fillRect(item.mark.x, item.mark.y, item.mark.width, item.mark.height)
      drawText(context, item.low, INK)
      drawText(context, item.high, INK)
      continue
    }
    if (item.kind === 'symbol') {
      const symbol = symbols.get(item.entry.symbol)
      if (symbol) drawContained(context, symbol, item.mark)
    } else {
      drawSwatch(context, item.entry, item.mark, unit)
    }
    drawText(context, item.label, INK)
  }
}

function drawSwatch(context: CanvasRenderingContext2D, entry: Extract<ExportLegendEntry, { colour: string }>, mark: Rect, unit: number): void {
  context.save()
  context.fillStyle = entry.colour
  context.strokeStyle = entry.colour
  if (entry.dashed) context.setLineDash([3 * unit, 2 * unit])
  const middle = mark.y + mark.height / 2
  if (entry.shape === 'line') {
    context.lineWidth = 3 * unit
    context.beginPath()
    context.moveTo(mark.x, middle)
    context.lineTo(mark.x + mark.width, middle)
    context.stroke()
  } else if (entry.shape === 'dot') {
    context.beginPath()
    context.arc(mark.x + mark.width / 2, middle, mark.width / 3, 0, 2 * Math.PI)
    context.fill()
  } else {
    context.fillRect(mark.x, mark.y, mark.width, mark.height)
    // a pale colour on white still shows its box
    context.strokeStyle = 'rgba(15, 23, 42, 0.35)'
    context.lineWidth = unit
    context.strokeRect(mark.x, mark.y, mark.width, mark.height)
  }
  context.restore()
}

function drawContained(context: CanvasRenderingContext2D, image: HTMLImageElement, mark: Rect): void {
  const scale = Math.min(mark.width / image.naturalWidth, mark.height / image.naturalHeight)
  const width = image.naturalWidth * scale
  const height = image.naturalHeight * scale
  context.drawImage(image, mark.x + (mark.width - width) / 2, mark.y + (mark.height - height) / 2, width, height)
}

/** An arrow split down its middle, dark on the left, white on the right, the letter under it. */
function drawNorthArrow(context: CanvasRenderingContext2D, arrow: NonNullable<MapExportLayout['northArrow']>, unit: number): void {
  const { box } = arrow
  const centre = box.x + box.width / 2
  const tip = box.y + box.height * 0.04
  const base = box.y + box.height * 0.5
  const notch = box.y + box.height * 0.4
  const half = box.width * 0.2
  context.save()
  context.fillStyle = 'rgba(255, 255, 255, 0.85)'
  context.beginPath()
  context.roundRect(box.x, box.y - 2 * unit, box.width, box.height + 4 * unit, 4 * unit)
  context.fill()
  context.lineWidth = unit
  context.strokeStyle = INK
  context.fillStyle = INK
  context.beginPath()
  context.moveTo(centre, tip)
  context.lineTo(centre - half, base)
  context.lineTo(centre, notch)
  context.closePath()
  context.fill()
  context.stroke()
  context.fillStyle = '#ffffff'
  context.beginPath()
  context.moveTo(centre, tip)
  context.lineTo(centre + half, base)
  context.lineTo(centre, notch)
  context.closePath()
  context.fill()
  context.stroke()
  context.restore()
  drawText(context, arrow.label, INK)
}

/** Two halves, dark then white, in a dark outline: readable on any paper. */
function drawScaleBar(context: CanvasRenderingContext2D, layout: MapExportLayout): void {
  const { bar, label } = layout.scaleBar
  context.save()
  context.fillStyle = INK
  context.fillRect(bar.x, bar.y, bar.width / 2, bar.height)
  context.fillStyle = '#ffffff'
  context.fillRect(bar.x + bar.width / 2, bar.y, bar.width / 2, bar.height)
  context.strokeStyle = INK
  context.lineWidth = layout.unit
  context.strokeRect(bar.x, bar.y, bar.width, bar.height)
  context.restore()
  drawText(context, label, INK)
}
