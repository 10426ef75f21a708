/**
 * Issue 17 item 8: the exported map's layout. The scale bar is checked against Web Mercator's
 * own numbers (MapLibre's 512-pixel tiles), the rest for what a reader needs: nothing over
 * anything else, nothing off the image.
 */
import { describe, expect, test } from 'vitest'
import {
  approximateTextWidth,
  fitText,
  layoutMapExport,
  roundScaleLength,
  type MapExportLayout,
  type MapExportLayoutInput,
  type Rect,
} from '../../src/features/shared/export/map-export-layout.ts'
import { metresPerPixel } from '../../src/domain/geometry/metres-per-pixel.ts'

const BASE: MapExportLayoutInput = {
  mapWidth: 1200,
  mapHeight: 800,
  pixelRatio: 1,
  zoom: 13,
  latitude: 30.27,
  title: '示范区案件热点分析（Gi*）',
  period: '统计期：2026-01-01 至 2026-03-31',
  source: '数据来源：城市管理指挥中心（合成演示数据）',
  legendTitle: '热点类别',
  legend: [
    { label: '热点（99% 置信）', colour: '#d7191c' },
    { label: '热点（95% 置信）', colour: '#fdae61' },
    { label: '不显著', colour: '#eeeeee', shape: 'box' },
    { label: '冷点（95% 置信）', colour: '#2c7bb6' },
    { label: '垃圾压缩站', symbol: 'data:image/png;base64,' },
    { ramp: ['#ffffb2', '#bd0026'], low: '少', high: '多' },
  ],
  measureText: approximateTextWidth,
}

const inside = (inner: Rect, outer: Rect) =>
  inner.x >= outer.x - 1e-9 && inner.y >= outer.y - 1e-9 && inner.x + inner.width <= outer.x + outer.width + 1e-9 && inner.y + inner.height <= outer.y + outer.height + 1e-9
const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height

function whole(layout: MapExportLayout): Rect {
  return { x: 0, y: 0, width: layout.width, height: layout.height }
}

describe('the scale', () => {
  test('metres per pixel follow Web Mercator at 512-pixel tiles', () => {
    expect(metresPerPixel(0, 0)).toBeCloseTo(78_271.517, 3)
    expect(metresPerPixel(1, 0)).toBeCloseTo(78_271.517 / 2, 3)
    expect(metresPerPixel(13, 60)).toBeCloseTo(78_271.517 / 8192 / 2, 6) // cos 60° = ½
  })

  test('a round length is the longest 1, 2 or 5 × 10ⁿ that fits', () => {
    expect(roundScaleLength(1)).toBe(1)
    expect(roundScaleLength(1.9)).toBe(1)
    expect(roundScaleLength(2)).toBe(2)
    expect(roundScaleLength(4.99)).toBe(2)
    expect(roundScaleLength(5)).toBe(5)
    expect(roundScaleLength(9.99)).toBe(5)
    expect(roundScaleLength(1000)).toBe(1000)
    expect(roundScaleLength(1234)).toBe(1000)
    expect(roundScaleLength(0.37)).toBeCloseTo(0.2, 12)
    expect(roundScaleLength(734_000)).toBe(500_000)
    expect(() => roundScaleLength(0)).toThrow(RangeError)
  })

  test('the bar is as long as its length at the map centre, at most 140 CSS px', () => {
    const { scaleBar } = layoutMapExport(BASE)
    const perPixel = metresPerPixel(13, 30.27) // ≈ 8.26 m
    expect(scaleBar.metres).toBe(1000) // 140 px ≈ 1157 m
    expect(scaleBar.bar.width).toBeCloseTo(1000 / perPixel, 9)
    expect(scaleBar.bar.width).toBeLessThanOrEqual(140)
    expect(scaleBar.label.text).toBe('1 km')
  })

  test('at twice the pixel ratio the same length is twice as many image pixels', () => {
    const single = layoutMapExport(BASE)
    const double = layoutMapExport({ ...BASE, mapWidth: 2400, mapHeight: 1600, pixelRatio: 2 })
    expect(double.scaleBar.metres).toBe(single.scaleBar.metres)
    expect(double.scaleBar.bar.width).toBeCloseTo(2 * single.scaleBar.bar.width, 9)
    expect(double.width).toBeCloseTo(2 * single.width, 9)
    expect(double.height).toBeCloseTo(2 * single.height, 9)
    expect(double.title.font).toContain('44px')
  })

  test('close in, the bar reads in metres, and its label can be translated', () => {
    const layout = layoutMapExport({ ...BASE, zoom: 17, formatDistance: (metres) => `${metres} 米` })
    expect(layout.scaleBar.metres).toBe(50) // 140 px ≈ 72 m at z17
    expect(layout.scaleBar.label.text).toBe('50 米')
  })

  test('on a narrow map the bar takes at most a third of it', () => {
    const layout = layoutMapExport({ ...BASE, mapWidth: 240 })
    expect(layout.scaleBar.bar.width).toBeLessThanOrEqual(80)
    expect(layout.scaleBar.metres).toBe(500)
  })
})

describe('the page', () => {
  test('title and period above the map, scale bar and source below, all on the image', () => {
    const layout = layoutMapExport(BASE)
    expect(layout.width).toBe(1200 + 48)
    expect(layout.map).toMatchObject({ x: 24, width: 1200, height: 800 })
    expect(layout.title.y).toBeLessThan(layout.period!.y)
    expect(layout.period!.y).toBeLessThan(layout.map.y)
    expect(layout.scaleBar.bar.y).toBeGreaterThan(layout.map.y + layout.map.height)
    expect(layout.source.y).toBeGreaterThan(layout.map.y + layout.map.height)
    expect(inside(layout.map, whole(layout))).toBe(true)
    expect(inside(layout.scaleBar.bar, whole(layout))).toBe(true)
    expect(layout.source.y + 20).toBeLessThanOrEqual(layout.height)
  })

  test('the source shares the scale bar’s row, right-aligned, when both fit', () => {
    const layout = layoutMapExport(BASE)
    expect(layout.source).toMatchObject({ align: 'right', x: layout.map.x + layout.map.width, y: layout.scaleBar.label.y })
    expect(layout.source.text).toBe(BASE.source)
  })

  test('on a narrow map the source takes its own line, shortened to fit', () => {
    const layout = layoutMapExport({ ...BASE, mapWidth: 300, source: `数据来源：${'某'.repeat(40)}（合成演示数据）` })
    expect(layout.source.align).toBe('left')
    expect(layout.source.y).toBeGreaterThan(layout.scaleBar.label.y)
    expect(layout.source.text.endsWith('…')).toBe(true)
    expect(approximateTextWidth(layout.source.text, layout.source.font)).toBeLessThanOrEqual(300)
    const wide = layoutMapExport(BASE)
    expect(layout.height - layout.map.height).toBeGreaterThan(wide.height - wide.map.height)
  })

  test('without a period the map moves up', () => {
    const withPeriod = layoutMapExport(BASE)
    const without = layoutMapExport({ ...BASE, period: null })
    expect(without.period).toBeNull()
    expect(without.map.y).toBeLessThan(withPeriod.map.y)
  })

  test('a title too long for the image is shortened with an ellipsis', () => {
    const layout = layoutMapExport({ ...BASE, mapWidth: 200, title: '很长的标题'.repeat(10) })
    expect(layout.title.text.endsWith('…')).toBe(true)
    expect(approximateTextWidth(layout.title.text, layout.title.font)).toBeLessThanOrEqual(200)
  })

  test('an empty map image is refused', () => {
    expect(() => layoutMapExport({ ...BASE, mapWidth: 0 })).toThrow(RangeError)
  })
})

describe('legend and north arrow', () => {
  test('the legend sits in the map’s lower-left corner, one row per entry, clear of the north arrow', () => {
    const layout = layoutMapExport(BASE)
    const legend = layout.legend!
    expect(inside(legend.box, layout.map)).toBe(true)
    expect(legend.box.x).toBe(layout.map.x + 12)
    expect(legend.box.y + legend.box.height).toBe(layout.map.y + layout.map.height - 12)
    expect(legend.items.map((item) => item.kind)).toEqual(['swatch', 'swatch', 'swatch', 'swatch', 'symbol', 'ramp'])
    expect(legend.title!.text).toBe('热点类别')
    const tops = legend.items.map((item) => item.mark.y)
    for (let index = 1; index < tops.length; index++) expect(tops[index]).toBeGreaterThan(tops[index - 1])
    for (const item of legend.items) expect(inside(item.mark, legend.box)).toBe(true)
    expect(overlaps(legend.box, layout.northArrow!.box)).toBe(false)
    expect(inside(layout.northArrow!.box, layout.map)).toBe(true)
  })

  test('every label ends inside the legend box', () => {
    const { legend } = layoutMapExport(BASE)
    const right = legend!.box.x + legend!.box.width
    for (const item of legend!.items) {
      const end = item.kind === 'ramp' ? item.high : item.label
      expect(end.x + approximateTextWidth(end.text, end.font)).toBeLessThanOrEqual(right + 1e-9)
    }
  })

  test('entries that do not fit the map’s height go into more columns', () => {
    const legend = Array.from({ length: 30 }, (_, index) => ({ label: `类别 ${index + 1}`, colour: '#336699' }))
    const layout = layoutMapExport({ ...BASE, mapHeight: 300, legend })
    const box = layout.legend!.box
    expect(inside(box, layout.map)).toBe(true)
    const columns = new Set(layout.legend!.items.map((item) => item.mark.x))
    expect(columns.size).toBeGreaterThan(1)
    expect(layout.legend!.items).toHaveLength(30)
    for (const item of layout.legend!.items) expect(inside(item.mark, box)).toBe(true)
  })

  test('no legend without entries, no north arrow when not asked for', () => {
    const layout = layoutMapExport({ ...BASE, legend: [], northArrow: false })
    expect(layout.legend).toBeNull()
    expect(layout.northArrow).toBeNull()
  })
})

test('fitText keeps a text that fits and shortens one that does not', () => {
  expect(fitText('abc', '10px sans-serif', 100, approximateTextWidth)).toBe('abc')
  expect(fitText('abcdefghij', '10px sans-serif', 30, approximateTextWidth)).toBe('abcd…')
})
