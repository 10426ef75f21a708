/**
 * Where everything of an exported map goes, as numbers: the title and period above the map,
 * the legend in the map's lower-left corner, the north arrow in its upper-right corner, the
 * scale bar and data source below it. Pure (text is measured by a function handed in), so
 * the layout is tested without a browser; map-image.ts draws it.
 *
 * Sizes are CSS pixels times the map image's pixel ratio, so text in the export is as large
 * relative to the map as it is on screen, and a high-DPI capture gives a high-DPI print.
 */
import { metresPerPixel } from '../../../domain/geometry/metres-per-pixel.ts'

/** A legend line: a colour swatch, a symbol image (e.g. a data: URL), or a colour ramp. */
export type ExportLegendEntry =
  | { label: string; colour: string; shape?: 'box' | 'line' | 'dot'; dashed?: boolean }
  | { label: string; symbol: string }
  | { ramp: readonly string[]; low: string; high: string }

export interface MapExportContent {
  title: string
  /** e.g. 统计期：2026-01-01 至 2026-03-31; omitted when null or empty */
  period?: string | null
  /** e.g. 数据来源：城市管理指挥中心（合成演示数据） */
  source: string
  legendTitle?: string | null
  legend: readonly ExportLegendEntry[]
  /** the map cannot rotate (map-adapter.ts), so north is always up; true when absent */
  northArrow?: boolean
  /** the letter on the north arrow; 'N' when absent */
  northLabel?: string
  /** the scale bar's label for a length; `500 m`, `2 km` when absent */
  formatDistance?: (metres: number) => string
}

export interface MapExportLayoutInput extends MapExportContent {
  /** the map image, in its own pixels */
  mapWidth: number
  mapHeight: number
  /** image pixels per CSS pixel (the screen's devicePixelRatio at capture) */
  pixelRatio: number
  zoom: number
  /** latitude of the map's centre, where the scale holds */
  latitude: number
  /** the width in pixels of `text` drawn in `font` (a CSS font shorthand) */
  measureText: (text: string, font: string) => number
}

export interface TextPlacement {
  text: string
  x: number
  /** the top of the text's line box (textBaseline 'top') */
  y: number
  font: string
  align: 'left' | 'right'
}

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export type LegendItemPlacement =
  | { kind: 'swatch'; entry: Extract<ExportLegendEntry, { colour: string }>; mark: Rect; label: TextPlacement }
  | { kind: 'symbol'; entry: Extract<ExportLegendEntry, { symbol: string }>; mark: Rect; label: TextPlacement }
  | { kind: 'ramp'; entry: Extract<ExportLegendEntry, { ramp: readonly string[] }>; mark: Rect; low: TextPlacement; high: TextPlacement }

export interface ScaleBarPlacement {
  /** the bar itself, its left end at `x`; its ends and middle get ticks */
  bar: Rect
  metres: number
  label: TextPlacement
}

export interface MapExportLayout {
  width: number
  height: number
  /** scale of all sizes: image pixels per CSS pixel */
  unit: number
  map: Rect
  title: TextPlacement
  period: TextPlacement | null
  legend: { box: Rect; title: TextPlacement | null; items: LegendItemPlacement[] } | null
  northArrow: { box: Rect; label: TextPlacement } | null
  scaleBar: ScaleBarPlacement
  source: TextPlacement
}

export const EXPORT_FONT_FAMILY = "system-ui, -apple-system, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif"

// In CSS pixels; multiplied by the pixel ratio.
const MARGIN = 24
const TITLE_SIZE = 22
const TITLE_LINE = 30
const PERIOD_SIZE = 14
const PERIOD_LINE = 20
const GAP = 12
const LEGEND_INSET = 12
const LEGEND_PADDING = 10
const LEGEND_SIZE = 13
const LEGEND_ROW = 22
const LEGEND_MARK = 14
const LEGEND_MARK_GAP = 6
const LEGEND_COLUMN_GAP = 16
const RAMP_WIDTH = 96
const NORTH_SIZE = 40
const SCALE_MAX = 140
const SCALE_BAR_HEIGHT = 6
const SCALE_LABEL_GAP = 8
const FOOTER_SIZE = 13
const FOOTER_LINE = 20


/** The longest length of the form 1, 2 or 5 × 10ⁿ metres that is at most `maxMetres`. */
export function roundScaleLength(maxMetres: number): number {
  if (!(maxMetres > 0) || !Number.isFinite(maxMetres)) throw new RangeError(`a scale bar needs a positive length, got ${maxMetres}`)
  let power = 10 ** Math.floor(Math.log10(maxMetres))
  // log10 can land a hair under an exact power (log10(1000) is 2.9999999999999996)
  if (power * 10 <= maxMetres) power *= 10
  for (const step of [5, 2, 1]) if (step * power <= maxMetres * (1 + 1e-12)) return step * power
  return power
}

export function defaultDistance(metres: number): string {
  return metres >= 1000 ? `${metres / 1000} km` : `${metres} m`
}

export function font(size: number, unit: number, bold = false): string {
  return `${bold ? 'bold ' : ''}${Math.round(size * unit * 100) / 100}px ${EXPORT_FONT_FAMILY}`
}

/** The text, shortened with an ellipsis until it fits `maxWidth`. */
export function fitText(text: string, fontSpec: string, maxWidth: number, measure: MapExportLayoutInput['measureText']): string {
  if (measure(text, fontSpec) <= maxWidth) return text
  const characters = Array.from(text)
  while (characters.length > 0 && measure(`${characters.join('')}…`, fontSpec) > maxWidth) characters.pop()
  return `${characters.join('')}…`
}

/**
 * A text width without a canvas, for tests and as a stand-in: wide (CJK) characters one em,
 * others ~0.6 em. Browsers measure with the canvas instead (map-image.ts).
 */
export function approximateTextWidth(text: string, fontSpec: string): number {
  const size = Number(/([\d.]+)px/.exec(fontSpec)?.[1] ?? 16)
  let width = 0
  for (const character of text) width += /[\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/.test(character) ? size : size * 0.6
  return width
}

export function layoutMapExport(input: MapExportLayoutInput): MapExportLayout {
  const { mapWidth, mapHeight, measureText: measure } = input
  if (!(mapWidth > 0 && mapHeight > 0)) throw new RangeError(`the map image is empty (${mapWidth}×${mapHeight})`)
  const unit = input.pixelRatio > 0 ? input.pixelRatio : 1
  const margin = MARGIN * unit
  const width = mapWidth + 2 * margin
  const textWidth = mapWidth

  const titleFont = font(TITLE_SIZE, unit, true)
  const title: TextPlacement = { text: fitText(input.title, titleFont, textWidth, measure), x: margin, y: margin, font: titleFont, align: 'left' }
  let top = margin + TITLE_LINE * unit
  let period: TextPlacement | null = null
  if (input.period) {
    const periodFont = font(PERIOD_SIZE, unit)
    period = { text: fitText(input.period, periodFont, textWidth, measure), x: margin, y: top, font: periodFont, align: 'left' }
    top += PERIOD_LINE * unit
  }
  const map: Rect = { x: margin, y: top + GAP * unit, width: mapWidth, height: mapHeight }

  const scaleBar = layoutScaleBar(input, map, unit)
  const footerTop = map.y + map.height + GAP * unit
  const footerFont = font(FOOTER_SIZE, unit)
  const scaleWidth = scaleBar.bar.width + SCALE_LABEL_GAP * unit + measure(scaleBar.label.text, scaleBar.label.font)
  const sourceWidth = measure(input.source, footerFont)
  const rowHeight = FOOTER_LINE * unit
  // The source shares the scale bar's row when both fit with a gap; otherwise it takes the next line.
  const sameRow = scaleWidth + 2 * GAP * unit + sourceWidth <= mapWidth
  const source: TextPlacement = sameRow
    ? { text: input.source, x: map.x + map.width, y: footerTop, font: footerFont, align: 'right' }
    : { text: fitText(input.source, footerFont, textWidth, measure), x: margin, y: footerTop + rowHeight, font: footerFont, align: 'left' }
  const height = footerTop + (sameRow ? rowHeight : 2 * rowHeight) + margin

  return {
    width,
    height,
    unit,
    map,
    title,
    period,
    legend: layoutLegend(input, map, unit),
    northArrow: input.northArrow === false ? null : layoutNorthArrow(input, map, unit),
    scaleBar,
    source,
  }
}

function layoutScaleBar(input: MapExportLayoutInput, map: Rect, unit: number): ScaleBarPlacement {
  const metresPerImagePixel = metresPerPixel(input.zoom, input.latitude) / unit
  // At most SCALE_MAX CSS px, and never more than a third of a small map.
  const maxPixels = Math.min(SCALE_MAX * unit, map.width / 3)
  const metres = roundScaleLength(maxPixels * metresPerImagePixel)
  const length = metres / metresPerImagePixel
  const top = map.y + map.height + GAP * unit
  const barHeight = SCALE_BAR_HEIGHT * unit
  const barTop = top + (FOOTER_LINE * unit - barHeight) / 2
  const labelFont = font(FOOTER_SIZE, unit)
  return {
    bar: { x: map.x, y: barTop, width: length, height: barHeight },
    metres,
    label: { text: (input.formatDistance ?? defaultDistance)(metres), x: map.x + length + SCALE_LABEL_GAP * unit, y: top, font: labelFont, align: 'left' },
  }
}

function layoutNorthArrow(input: MapExportLayoutInput, map: Rect, unit: number): { box: Rect; label: TextPlacement } {
  const size = NORTH_SIZE * unit
  const box: Rect = { x: map.x + map.width - LEGEND_INSET * unit - size, y: map.y + LEGEND_INSET * unit, width: size, height: size }
  const labelFont = font(LEGEND_SIZE, unit, true)
  const text = input.northLabel ?? 'N'
  // The letter sits in the lower part of the box, under the arrow's point.
  return { box, label: { text, x: box.x + (size - input.measureText(text, labelFont)) / 2, y: box.y + size * 0.55, font: labelFont, align: 'left' } }
}

/**
 * The legend as columns of rows in a box over the map's lower-left corner: one column while
 * the rows fit the map's height, more (side by side) when they do not.
 */
function layoutLegend(input: MapExportLayoutInput, map: Rect, unit: number): MapExportLayout['legend'] {
  if (input.legend.length === 0) return null
  const measure = input.measureText
  const padding = LEGEND_PADDING * unit
  const row = LEGEND_ROW * unit
  const mark = LEGEND_MARK * unit
  const markGap = LEGEND_MARK_GAP * unit
  const labelFont = font(LEGEND_SIZE, unit)
  const titleFont = font(LEGEND_SIZE, unit, true)
  const maxLabel = map.width / 2 - 2 * padding - mark - markGap

  const titleHeight = input.legendTitle ? row : 0
  const available = map.height - 2 * LEGEND_INSET * unit - 2 * padding - titleHeight
  const perColumn = Math.max(1, Math.floor(available / row))
  const columns: ExportLegendEntry[][] = []
  input.legend.forEach((entry, index) => (columns[Math.floor(index / perColumn)] ??= []).push(entry))

  const itemWidth = (entry: ExportLegendEntry): number =>
    'ramp' in entry
      ? measure(entry.low, labelFont) + RAMP_WIDTH * unit + measure(entry.high, labelFont) + 2 * markGap
      : mark + markGap + Math.min(maxLabel, measure(entry.label, labelFont))
  const columnWidths = columns.map((entries) => Math.max(...entries.map(itemWidth)))
  const contentWidth = columnWidths.reduce((sum, each) => sum + each, 0) + (columns.length - 1) * LEGEND_COLUMN_GAP * unit
  const titleWidth = input.legendTitle ? measure(input.legendTitle, titleFont) : 0
  const rows = Math.min(perColumn, input.legend.length)
  const boxWidth = Math.min(map.width - 2 * LEGEND_INSET * unit, Math.max(contentWidth, titleWidth) + 2 * padding)
  const boxHeight = titleHeight + rows * row + 2 * padding
  const box: Rect = { x: map.x + LEGEND_INSET * unit, y: map.y + map.height - LEGEND_INSET * unit - boxHeight, width: boxWidth, height: boxHeight }

  const textOffset = (row - LEGEND_SIZE * unit) / 2
  const title: TextPlacement | null = input.legendTitle
    ? { text: fitText(input.legendTitle, titleFont, boxWidth - 2 * padding, measure), x: box.x + padding, y: box.y + padding + textOffset, font: titleFont, align: 'left' }
    : null
  const items: LegendItemPlacement[] = []
  let left = box.x + padding
  columns.forEach((entries, column) => {
    entries.forEach((entry, index) => {
      const top = box.y + padding + titleHeight + index * row
      const textTop = top + textOffset
      if ('ramp' in entry) {
        const lowWidth = measure(entry.low, labelFont)
        const bar: Rect = { x: left + lowWidth + markGap, y: top + (row - mark) / 2, width: RAMP_WIDTH * unit, height: mark }
        items.push({
          kind: 'ramp',
          entry,
          mark: bar,
          low: { text: entry.low, x: left, y: textTop, font: labelFont, align: 'left' },
          high: { text: entry.high, x: bar.x + bar.width + markGap, y: textTop, font: labelFont, align: 'left' },
        })
        return
      }
      const markRect: Rect = { x: left, y: top + (row - mark) / 2, width: mark, height: mark }
      const label: TextPlacement = { text: fitText(entry.label, labelFont, maxLabel, measure), x: left + mark + markGap, y: textTop, font: labelFont, align: 'left' }
      if ('symbol' in entry) items.push({ kind: 'symbol', entry, mark: markRect, label })
      else items.push({ kind: 'swatch', entry, mark: markRect, label })
    })
    left += columnWidths[column] + LEGEND_COLUMN_GAP * unit
  })
  return { box, title, items }
}
