/**
 * Report times as Chinese systems and Excel write them → ISO-8601 with an explicit offset.
 * Accepted: 2026-03-05 08:05[:00], 2026/3/5 8:05, 2026.3.5, 2026年3月5日 8时5分[3秒] (or
 * 8:05), 20260305080500, ISO with T and Z/offset, and Excel serial day numbers (from XLSX cells
 * not formatted as dates). A time without a zone is local time at `offsetHours` (China: +8).
 */
import { APP_SETTING_DEFAULTS } from '../settings/app-settings.ts'
import { formatAt } from '../time/local-time.ts'

export { formatAt }

export type DateParse = { ok: true; iso: string } | { ok: false; reason: string }

export interface DateOptions {
  /** offset of local time from UTC, hours; the database's timezone_offset_hours setting */
  offsetHours?: number
  /** accept bare numbers as Excel serial days (only sensible for XLSX input) */
  excelSerials?: boolean
}

const PATTERNS: RegExp[] = [
  // 2026-03-05 08:05:00 / 2026/3/5 8:05 / 2026.3.5 / 2026-03-05T08:05:00.123
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]+(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.\d+)?)?)?$/,
  // 2026年3月5日 8时5分3秒 / 2026年3月5日 08:05 / 2026年3月5日8点
  /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?(?:\s*(\d{1,2})[时点:](?:(\d{1,2})分?(?::?(\d{1,2})秒?)?)?)?$/,
  // 20260305080500 / 202603050805 / 20260305
  /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?$/,
]

const ZONED = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i

export function parseReportedAt(text: string, options: DateOptions = {}): DateParse {
  const offsetHours = options.offsetHours ?? APP_SETTING_DEFAULTS.timezone_offset_hours
  const value = text.normalize('NFKC').trim()
  if (value === '') return { ok: false, reason: '时间为空' }

  const zoned = ZONED.exec(value)
  if (zoned) {
    const instant = Date.parse(value)
    if (Number.isNaN(instant) || !validParts(+zoned[1], +zoned[2], +zoned[3], +zoned[4], +zoned[5], +(zoned[6] ?? 0))) {
      return { ok: false, reason: `无法识别的时间“${text.trim()}”：日期或时刻超出范围` }
    }
    return { ok: true, iso: formatAt(instant, offsetHours) }
  }

  if (options.excelSerials && /^\d{5}(\.\d+)?$/.test(value)) {
    const serial = Number(value)
    // Excel's day 0 is 1899-12-30 (its 1900 leap-year bug folded in); the fraction is the time of day.
    const localMs = Date.UTC(1899, 11, 30) + Math.round(serial * 86_400_000 / 1000) * 1000
    return { ok: true, iso: formatAt(localMs - offsetHours * 3_600_000, offsetHours) }
  }

  for (const pattern of PATTERNS) {
    const match = pattern.exec(value)
    if (!match) continue
    const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => (part === undefined ? 0 : Number(part)))
    if (!validParts(year, month, day, hour, minute, second)) {
      return { ok: false, reason: `无法识别的时间“${text.trim()}”：日期或时刻超出范围` }
    }
    const localMs = Date.UTC(year, month - 1, day, hour, minute, second)
    return { ok: true, iso: formatAt(localMs - offsetHours * 3_600_000, offsetHours) }
  }
  return {
    ok: false,
    reason: `无法识别的时间“${text.trim()}”：请使用如 2026-03-05 08:05、2026/3/5 8:05 或 2026年3月5日 8时5分 的格式`,
  }
}

function validParts(year: number, month: number, day: number, hour: number, minute: number, second: number): boolean {
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return false
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return day >= 1 && day <= daysInMonth
}

