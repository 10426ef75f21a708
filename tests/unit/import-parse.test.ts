import { describe, expect, it } from 'vitest'
import { fromWgs84, parseCoordinate, parseReportedAt, toWgs84 } from '../../src/domain/import/index.ts'

describe('parseReportedAt', () => {
  it.each([
    ['2026/3/5 8:05', '2026-03-05T08:05:00+08:00'],
    ['2026-03-05 08:05:00', '2026-03-05T08:05:00+08:00'],
    ['2026-03-05T08:05:00', '2026-03-05T08:05:00+08:00'],
    ['2026.3.5', '2026-03-05T00:00:00+08:00'],
    ['2026年3月5日 8时5分', '2026-03-05T08:05:00+08:00'],
    ['2026年3月5日8时5分30秒', '2026-03-05T08:05:30+08:00'],
    ['2026年3月5日 08:05', '2026-03-05T08:05:00+08:00'],
    ['2026年3月5日', '2026-03-05T00:00:00+08:00'],
    ['20260305080500', '2026-03-05T08:05:00+08:00'],
    ['２０２６－０３－０５　０８：０５', '2026-03-05T08:05:00+08:00'],
    // An explicit zone is kept as the same instant, written in local time.
    ['2026-03-05T00:05:00Z', '2026-03-05T08:05:00+08:00'],
    ['2026-03-05T08:05:00-04:00', '2026-03-05T20:05:00+08:00'],
  ])('%s → %s', (text, iso) => {
    expect(parseReportedAt(text)).toEqual({ ok: true, iso })
  })

  it('Excel serial days only when asked (XLSX); 46086.3368… is 2026-03-05 08:05', () => {
    // Excel: =DATE(2026,3,5)+TIME(8,5,0) → 46086.33680555556
    expect(parseReportedAt('46086.33680555556', { excelSerials: true })).toEqual({ ok: true, iso: '2026-03-05T08:05:00+08:00' })
    expect(parseReportedAt('46086.33680555556').ok).toBe(false)
  })

  it.each(['2026-02-30 08:00', '2026-13-01', '2026/3/5 25:00', '昨天下午', '3/5/2026', '2026-03-05 8'])('rejects %s', (text) => {
    const parsed = parseReportedAt(text)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.reason).toMatch(/^无法识别的时间/)
  })

  it('uses the configured offset', () => {
    expect(parseReportedAt('2026-03-05 08:05', { offsetHours: 0 })).toEqual({ ok: true, iso: '2026-03-05T08:05:00+00:00' })
    const parsed = parseReportedAt('2026-03-05 08:05')
    expect(parsed.ok && Date.parse(parsed.iso)).toBe(Date.UTC(2026, 2, 5, 0, 5))
  })
})

describe('parseCoordinate', () => {
  it.each([
    ['119.92015', 119.92015],
    [' 32.4567 ', 32.4567],
    ['１１９．９２', 119.92],
    ['119.92°', 119.92],
    ['119.92E', 119.92],
    ['32.45°N', 32.45],
    ['119°55′12″', 119 + 55 / 60 + 12 / 3600],
    ["32°27'", 32.45],
    ['-0.5', -0.5],
  ])('%s → %s', (text, value) => {
    const parsed = parseCoordinate(text)
    expect(parsed.ok).toBe(true)
    if (parsed.ok) expect(parsed.value).toBeCloseTo(value, 10)
  })

  it('text is not a number, blank is missing', () => {
    expect(parseCoordinate('abc')).toEqual({ ok: false, missing: false })
    expect(parseCoordinate('32.4.5')).toEqual({ ok: false, missing: false })
    expect(parseCoordinate('')).toEqual({ ok: false, missing: true })
    expect(parseCoordinate('   ')).toEqual({ ok: false, missing: true })
  })
})

describe('coordinate systems', () => {
  it('GCJ-02 and BD-09 round trips stay within a centimetre; GCJ-02 is ≈ 510 m off here', () => {
    const [lon, lat] = [119.9, 32.47]
    for (const system of ['gcj02', 'bd09'] as const) {
      const shifted = fromWgs84(lon, lat, system)
      const [backLon, backLat] = toWgs84(shifted[0], shifted[1], system)
      expect(Math.abs(backLon - lon) * 94_000).toBeLessThan(0.1)
      expect(Math.abs(backLat - lat) * 111_000).toBeLessThan(0.1)
    }
    const gcj = fromWgs84(lon, lat, 'gcj02')
    const offsetMetres = Math.hypot((gcj[0] - lon) * 94_000, (gcj[1] - lat) * 111_000)
    expect(offsetMetres).toBeGreaterThan(400)
    expect(offsetMetres).toBeLessThan(600)
  })
})
