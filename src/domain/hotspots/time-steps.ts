/**
 * A period of local days cut into calendar steps — days, ISO weeks (Monday first) or calendar
 * months — for emerging hot spots, which need months for periods longer than half a year
 * (time-profile.ts's fixed-length day and week steps cannot hold a month). The first and last steps are cut at the period's
 * ends, so every case of the period falls in exactly one step; `partial` says a step is
 * shorter than its kind (a month to date), which a trend must not read as a drop.
 */
import type { DayRange } from './analysis-period.ts'
import { localDayStartMs } from '../time/local-time.ts'

export type StepKind = 'day' | 'week' | 'month'

export interface TimeStep {
  /** first local day, inclusive */
  first: string
  /** last local day, inclusive */
  last: string
  /** [startMs, endMs) instants */
  startMs: number
  endMs: number
  partial: boolean
}

const DAY_MS = 86_400_000
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10)
const utcDay = (day: string) => Date.parse(`${day}T00:00:00Z`)

function nextBoundary(day: string, kind: StepKind): string {
  const ms = utcDay(day)
  if (kind === 'day') return dayOf(ms + DAY_MS)
  if (kind === 'week') {
    const weekday = (new Date(ms).getUTCDay() + 6) % 7 // Monday 0
    return dayOf(ms + (7 - weekday) * DAY_MS)
  }
  const date = new Date(ms)
  return dayOf(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1))
}

function fullLength(first: string, kind: StepKind): boolean {
  const ms = utcDay(first)
  if (kind === 'day') return true
  if (kind === 'week') return new Date(ms).getUTCDay() === 1
  return new Date(ms).getUTCDate() === 1
}

export function periodSteps(range: DayRange, kind: StepKind, offsetHours: number): TimeStep[] {
  const steps: TimeStep[] = []
  const end = dayOf(utcDay(range.last) + DAY_MS)
  let first = range.first
  while (first < end) {
    const boundary = nextBoundary(first, kind)
    const next = boundary < end ? boundary : end
    const last = dayOf(utcDay(next) - DAY_MS)
    steps.push({
      first,
      last,
      startMs: localDayStartMs(first, offsetHours),
      endMs: localDayStartMs(next, offsetHours),
      partial: !fullLength(first, kind) || next !== boundary,
    })
    first = next
  }
  return steps
}

/** The step each instant falls in (−1 outside the period); instants need not be sorted. */
export function stepOfInstants(times: ArrayLike<number>, steps: readonly TimeStep[]): Int32Array {
  const result = new Int32Array(times.length)
  for (let k = 0; k < times.length; k++) {
    const time = times[k]
    let low = 0
    let high = steps.length - 1
    let found = -1
    while (low <= high) {
      const middle = (low + high) >> 1
      if (time < steps[middle].startMs) high = middle - 1
      else if (time >= steps[middle].endMs) low = middle + 1
      else {
        found = middle
        break
      }
    }
    result[k] = found
  }
  return result
}
