/**
 * When cases happen (热点分析, issue 17): a day-of-week × hour matrix, a series of counts by day
 * or ISO week, and the same series per unit (街道, 社区, grid or square) for playback and
 * emerging hot spots — all in the office's local time, from reported_at in epoch ms.
 *
 * Local time is UTC + a fixed offset (China: +8 all year, no daylight saving since 1991), so a
 * day is always 24 h and a step index is plain arithmetic; no calendar library is needed.
 * Weeks start on Monday, as Chinese calendars and ISO 8601 do; weekday 0 = 周一 … 6 = 周日.
 * Cases whose time is not a finite number are not counted anywhere.
 */
import { HotspotError } from './hotspot-error.ts'

export const DAYS_PER_WEEK = 7
export const HOURS_PER_DAY = 24
/** 北京时间 */
export const CHINA_OFFSET_HOURS = 8
/** More steps than this is a mistake (27 years by day), not a chart. */
export const MAXIMUM_TIME_STEPS = 10_000

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS
const WEEK_MS = 7 * DAY_MS

export type TimeStepUnit = 'day' | 'week'

export interface CaseSubset {
  /** indices of the cases to count (e.g. one 小类); all cases when absent */
  cases?: ArrayLike<number>
}

export interface WeekHourOptions extends CaseSubset {
  /** hours east of UTC; default +8 */
  offsetHours?: number
}

function checkOffset(offsetHours: number): number {
  if (!Number.isFinite(offsetHours) || Math.abs(offsetHours) > 14) throw new HotspotError('bad_period', `时区偏移 ${offsetHours} 小时不在 −14…+14 之间`)
  return offsetHours * HOUR_MS
}

/** Days since 1970-01-01 in local time (that day was a Thursday). */
function localDayNumber(t: number, offsetMs: number): number {
  return Math.floor((t + offsetMs) / DAY_MS)
}

function weekdayOfDayNumber(day: number): number {
  return (((day + 3) % 7) + 7) % 7
}

/** 0 = Monday … 6 = Sunday, local time. */
export function localWeekday(t: number, offsetHours = CHINA_OFFSET_HOURS): number {
  return weekdayOfDayNumber(localDayNumber(t, checkOffset(offsetHours)))
}

/** 0…23, local time. */
export function localHour(t: number, offsetHours = CHINA_OFFSET_HOURS): number {
  const local = t + checkOffset(offsetHours)
  return Math.floor((local - Math.floor(local / DAY_MS) * DAY_MS) / HOUR_MS)
}

/** Where (weekday, hour) sits in a week × hour matrix. */
export function weekHourIndex(weekday: number, hour: number): number {
  return weekday * HOURS_PER_DAY + hour
}

/** Calls `visit(case)` for every case of the subset (or all `count` cases). */
function forEachCase(count: number, subset: ArrayLike<number> | undefined, visit: (index: number) => void): void {
  if (subset === undefined) {
    for (let index = 0; index < count; index++) visit(index)
    return
  }
  for (let k = 0; k < subset.length; k++) {
    const index = subset[k]
    if (!(Number.isInteger(index) && index >= 0 && index < count)) throw new HotspotError('bad_unit_index', `案件序号 ${index} 不在 0…${count - 1} 之间`)
    visit(index)
  }
}

/**
 * Counts per (weekday, hour), 7 × 24, Monday first: `matrix[weekday * 24 + hour]`.
 */
export function weekHourMatrix(t: ArrayLike<number>, options: WeekHourOptions = {}): Int32Array {
  const offsetMs = checkOffset(options.offsetHours ?? CHINA_OFFSET_HOURS)
  const matrix = new Int32Array(DAYS_PER_WEEK * HOURS_PER_DAY)
  forEachCase(t.length, options.cases, (index) => {
    const time = t[index]
    if (!Number.isFinite(time)) return
    const day = localDayNumber(time, offsetMs)
    const hour = Math.floor((time + offsetMs - day * DAY_MS) / HOUR_MS)
    matrix[weekHourIndex(weekdayOfDayNumber(day), hour)] += 1
  })
  return matrix
}

/** The steps of a period: step k covers [starts[k], starts[k] + stepMs) ∩ [from, to). */
export interface TimeSteps {
  unit: TimeStepUnit
  offsetHours: number
  /** the period, epoch ms, half open */
  from: number
  to: number
  stepMs: number
  /** epoch ms of each step's local midnight (its Monday for weeks); the first may be before `from` */
  starts: Float64Array
  /** each step's first local day as YYYY-MM-DD (a Monday for weeks), for labels */
  labels: string[]
}

function isoDate(t: number, offsetMs: number): string {
  const local = new Date(t + offsetMs)
  const month = String(local.getUTCMonth() + 1).padStart(2, '0')
  const day = String(local.getUTCDate()).padStart(2, '0')
  return `${local.getUTCFullYear()}-${month}-${day}`
}

/**
 * The days or ISO weeks (Monday start) that [from, to) touches, in local time. Every step is
 * present, so a day without cases is a 0, not a gap.
 */
export function timeSteps(from: number, to: number, unit: TimeStepUnit, offsetHours = CHINA_OFFSET_HOURS): TimeSteps {
  const offsetMs = checkOffset(offsetHours)
  if (!(Number.isFinite(from) && Number.isFinite(to) && from < to)) throw new HotspotError('bad_period', `起 ${from}，止 ${to}（须为毫秒时间戳且起早于止）`)
  if (unit !== 'day' && unit !== 'week') throw new HotspotError('bad_time_step', `时间步须为 day 或 week，而不是 ${String(unit)}`)
  const firstDay = localDayNumber(from, offsetMs)
  const firstStepDay = unit === 'day' ? firstDay : firstDay - weekdayOfDayNumber(firstDay)
  const first = firstStepDay * DAY_MS - offsetMs
  const stepMs = unit === 'day' ? DAY_MS : WEEK_MS
  const count = Math.ceil((to - first) / stepMs)
  if (count > MAXIMUM_TIME_STEPS) throw new HotspotError('bad_period', `时段含 ${count} 个时间步，超过上限 ${MAXIMUM_TIME_STEPS}`)
  const starts = new Float64Array(count)
  const labels: string[] = []
  for (let step = 0; step < count; step++) {
    starts[step] = first + step * stepMs
    labels.push(isoDate(starts[step], offsetMs))
  }
  return { unit, offsetHours, from, to, stepMs, starts, labels }
}

/** The step a time falls in, or −1 outside [from, to) (or not a number). */
export function stepIndexOf(steps: TimeSteps, t: number): number {
  if (!(t >= steps.from && t < steps.to)) return -1
  return Math.floor((t - steps.starts[0]) / steps.stepMs)
}

/** ISO 8601 week-numbering year and week (1…53) of a time, in local time. */
export function isoWeekOf(t: number, offsetHours = CHINA_OFFSET_HOURS): { year: number; week: number } {
  const offsetMs = checkOffset(offsetHours)
  const day = localDayNumber(t, offsetMs)
  // The week belongs to the year of its Thursday.
  const thursday = day - weekdayOfDayNumber(day) + 3
  const year = new Date(thursday * DAY_MS).getUTCFullYear()
  const januaryFirst = Math.floor(Date.UTC(year, 0, 1) / DAY_MS)
  return { year, week: Math.floor((thursday - januaryFirst) / 7) + 1 }
}

/** Counts per step over [from, to); cases outside the period are left out. */
export function timeSeries(t: ArrayLike<number>, steps: TimeSteps, options: CaseSubset = {}): Int32Array {
  const counts = new Int32Array(steps.starts.length)
  forEachCase(t.length, options.cases, (index) => {
    const step = stepIndexOf(steps, t[index])
    if (step >= 0) counts[step] += 1
  })
  return counts
}

/**
 * Counts per (unit, step) in one flat array, `counts[unit * steps + step]`, given each case's
 * unit (−1 = in none, not counted). One pass over the cases, no allocation per case.
 */
export function unitStepCounts(t: ArrayLike<number>, unitOfCase: ArrayLike<number>, unitCount: number, steps: TimeSteps, options: CaseSubset = {}): Int32Array {
  if (unitOfCase.length !== t.length) throw new HotspotError('unequal_lengths', `时间 ${t.length} 个，所属单元 ${unitOfCase.length} 个`)
  if (!(Number.isInteger(unitCount) && unitCount >= 0)) throw new HotspotError('bad_unit_index', `单元数 ${unitCount}`)
  const stepCount = steps.starts.length
  const counts = new Int32Array(unitCount * stepCount)
  forEachCase(t.length, options.cases, (index) => {
    const unit = unitOfCase[index]
    if (unit === -1) return
    if (!(Number.isInteger(unit) && unit >= 0 && unit < unitCount)) throw new HotspotError('bad_unit_index', `第 ${index} 个案件的单元序号 ${unit} 不在 0…${unitCount - 1} 之间`)
    const step = stepIndexOf(steps, t[index])
    if (step >= 0) counts[unit * stepCount + step] += 1
  })
  return counts
}

/** One unit's series out of unitStepCounts (a view, not a copy). */
export function seriesOfUnit(counts: Int32Array, stepCount: number, unit: number): Int32Array {
  return counts.subarray(unit * stepCount, (unit + 1) * stepCount)
}
