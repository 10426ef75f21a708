/**
 * When incidents are reported and how far each case has moved through the workflow
 * (上报 → 受理 → 核实 → 立案 → 派遣 → 处置 → 核查 → 结案) by the end of the demo year.
 */
import type { IncidentSource, IncidentStatus } from './model.ts'
import { Rng, WeightedTable } from './prng.ts'

/** 2025-11-01T00:00+08:00 as epoch milliseconds */
export const WINDOW_START_MS = Date.UTC(2025, 9, 31, 16, 0, 0)
export const WINDOW_DAYS = 365
/** The demo's "now": cases are cut off at the end of 2026-10-31 (+08:00). */
export const SNAPSHOT_S = WINDOW_DAYS * 86400
const EIGHT_HOURS_MS = 8 * 3600 * 1000

/** ISO-8601 local time with +08:00 for a number of seconds since the window start. */
export function isoAt(seconds: number): string {
  return new Date(WINDOW_START_MS + seconds * 1000 + EIGHT_HOURS_MS).toISOString().slice(0, 19) + '+08:00'
}

// Summer peaks (heat, night markets, litter), a Spring Festival dip in February.
const MONTH_WEIGHT = [0.9, 0.85, 0.85, 0.7, 0.95, 1.0, 1.05, 1.2, 1.25, 1.2, 1.05, 0.95] // Jan … Dec
const WEEKDAY_WEIGHT = [0.75, 1.08, 1.1, 1.1, 1.08, 1.05, 0.85] // Sun … Sat
const HOUR_WEIGHT = [0.2, 0.12, 0.08, 0.08, 0.1, 0.3, 0.8, 1.6, 2.4, 2.8, 2.7, 2.2, 1.5, 1.6, 2.3, 2.5, 2.4, 2.0, 1.5, 1.3, 1.1, 0.8, 0.5, 0.3]

export function reportTimeTable(): { days: WeightedTable; hours: WeightedTable } {
  const weights: number[] = []
  for (let d = 0; d < WINDOW_DAYS; d++) {
    const date = new Date(WINDOW_START_MS + EIGHT_HOURS_MS + d * 86400 * 1000)
    weights.push(MONTH_WEIGHT[date.getUTCMonth()] * WEEKDAY_WEIGHT[date.getUTCDay()])
  }
  return { days: new WeightedTable(weights), hours: new WeightedTable(HOUR_WEIGHT) }
}

const PUBLIC_SOURCES: IncidentSource[] = ['hotline_12319', 'public_report', 'media']

/** A duration in seconds, log-uniform between `min` and `max` minutes. */
function minutes(rng: Rng, min: number, max: number): number {
  return Math.round(60 * Math.exp(rng.range(Math.log(min), Math.log(max))))
}

/**
 * A duration in seconds from one draw (the stream stays where it was): mostly log-uniform in
 * `onTime` minutes, with share `late` log-uniform in `slow` minutes. Used for the stages with
 * a time limit (docs/decisions.md, "Stage time limit defaults") so that a few percent of
 * cases miss each stage's limit, as in a working office, rather than most of them.
 */
function minutesMix(rng: Rng, onTime: [number, number], slow: [number, number], late: number): number {
  const u = rng.next()
  const [min, max] = u < late ? slow : onTime
  const v = u < late ? u / late : (u - late) / (1 - late)
  return Math.round(60 * Math.exp(Math.log(min) + (Math.log(max) - Math.log(min)) * v))
}

export interface Workflow {
  status: IncidentStatus
  /** seconds since window start, or null when not reached: accepted … closed */
  stages: (number | null)[]
  /** a 核查 that failed before the case was handled again (返工), when it happened by the demo's day */
  rework: Rework | null
}

/** The first 处置 and the failed 核查 of a reworked case; `stages` carry the second 处置 and what followed. */
export interface Rework {
  firstHandledS: number
  failedCheckS: number
  reasonCode: string
}

/**
 * 返工: of the cases handled, this share fails its first 核查 and is handled again (typical
 * 返工率 of a district platform are a few percent). Decided from a stream of its own
 * (`STREAM.rework`), so the main stream's draws — and every other case — stay as they were.
 */
const REWORK_SHARE = 0.035
/** the rework reason codes of public.case_reasons (20261208000400_case_reasons.sql), with their weights */
const REWORK_REASONS = ['incomplete', 'not_as_required', 'recurred', 'photo_mismatch', 'no_photo'] as const
const REWORK_REASON_WEIGHTS = [50, 20, 15, 10, 5]

/** Stage order of `Workflow.stages` */
export const STAGES: IncidentStatus[] = ['accepted', 'verified', 'registered', 'dispatched', 'handled', 'checked', 'closed']

/**
 * How many of the cases a draw would leave stuck stay stuck. The main stream's draws are
 * kept exactly (sources and every later draw depend on them); a second stream decides, so
 * the demo reads like a live office on the day after its last case: a handful of
 * long-overdue cases and a few queued ones, not thousands (issue 15).
 */
const KEEP_OLD_STUCK = 0.0005
const KEEP_RECENT_QUEUED = 0.3
/**
 * Only the evening's reports wait in the queue overnight, at 上报 or 受理: the desk clears its
 * queue by the end of a working day (issue 15: with a three-day queue a third of the open cases
 * the demo opened on were past a stage limit).
 */
const RECENT_QUEUE_S = 6 * 3600
const RECENT_GOOD_WEEK_S = 14 * 86400

/**
 * `performance` is how the case's community works, as a multiple of the district's late and
 * rework shares (1 = the district's own; scripts/demo/incidents.ts draws one per community), so
 * the monthly evaluation ranks units that differ, as real ones do. It moves thresholds of draws
 * that are made anyway, so the streams stay as they were.
 */
export function workflow(rng: Rng, reportedS: number, source: IncidentSource, majorCode: string, live?: Rng, reworkRng?: Rng, performance = 1): Workflow {
  const isPublic = PUBLIC_SOURCES.includes(source)
  const planned: (number | null)[] = []
  let t = reportedS
  const quick = source === 'patrol' || source === 'video' || source === 'drone'
  t += quick ? minutes(rng, 1, 15) : minutesMix(rng, [3, 50], [60, 300], 0.04)
  planned.push(t) // accepted
  if (isPublic) {
    // 核实 30 minutes (DOMAIN.md): a supervisor near the place goes at once
    t += minutesMix(rng, [8, 28], [30, 360], 0.05)
    planned.push(t) // verified: public reports are checked on site by a supervisor first
  } else planned.push(null)
  const rejected = rng.chance(isPublic ? 0.07 : 0.012)
  let rework: Rework | null = null
  // Index of the last stage a case gets through: a few old cases are stuck after dispatch or
  // handling (overdue); cases from the last two weeks are often still queued at some stage.
  let stopAfter = rng.chance(0.012) ? 3 : rng.chance(0.005) ? 4 : Infinity
  if (live && stopAfter !== Infinity && !live.chance(KEEP_OLD_STUCK)) stopAfter = Infinity
  if (reportedS > SNAPSHOT_S - 14 * 86400 && rng.chance(0.35)) {
    const queuedAfter = rng.int(-1, 5)
    if (!live) stopAfter = queuedAfter
    else if (reportedS > SNAPSHOT_S - RECENT_QUEUE_S && live.chance(KEEP_RECENT_QUEUED)) stopAfter = Math.min(queuedAfter, 0)
  }
  if (!rejected) {
    // A supervisor's own patrol report is registered on acceptance (DOMAIN.md: 监督员巡查
    // cases skip 核实 and are 立案 directly); other sources wait for a dispatcher.
    if (source !== 'patrol') t += minutesMix(rng, [3, 55], [60, 300], 0.04)
    planned.push(t) // registered
    t += minutes(rng, 2, 40)
    planned.push(t) // dispatched
    // street-level matters are fixed within hours to days; construction and facility repairs take longer
    // Most cases are handled within their time limit (按期处置率 around 85–90% is typical);
    // the rest drag on and show up as overdue.
    // The last two weeks before the demo's day are good ones (97 %), so the desk it opens on is
    // not mostly red; the same one draw either way.
    const onTime = rng.chance(1 - (reportedS > SNAPSHOT_S - RECENT_GOOD_WEEK_S ? 0.03 : 0.13) * performance)
    // A late case is finished within days, not weeks: offices chase what runs over (the
    // tails were 3–10 days; an open desk was mostly red). One draw either way.
    const handling =
      majorCode === '06' || majorCode === '09'
        ? onTime ? [20, 200] : [200, 2160]
        : majorCode === '08'
          ? onTime ? [120, 900] : [900, 2880]
          : onTime ? [240, 1400] : [1400, 4320]
    t += minutes(rng, handling[0], handling[1])
    if (reworkRng?.chance(REWORK_SHARE * performance)) {
      // 核查 on site finds the job not done: back to the department, handled again the same day
      const firstHandledS = t
      const failedCheckS = firstHandledS + minutes(reworkRng, 8, 120)
      const reasonCode = REWORK_REASONS[reworkRng.weighted(REWORK_REASON_WEIGHTS)]
      t = failedCheckS + minutes(reworkRng, 30, 480)
      rework = { firstHandledS, failedCheckS, reasonCode }
    }
    planned.push(t) // handled
    // 核查 30 minutes (DOMAIN.md), on site like 核实; a late one is done within hours (a tail of
    // two days left a 核查 queue in the open cases that every morning counted as late)
    t += minutesMix(rng, [8, 28], [30, 240], 0.05)
    planned.push(t) // checked
    // 结案 within a day; a few wait days for the desk's review (more where the unit works slowly),
    // so some cases due in a month close in the next and 结案率 is not always 100 %. One draw.
    t += minutesMix(rng, [30, 1440], [2880, 20160], 0.04 * performance)
    planned.push(t) // closed
  }
  const stages: (number | null)[] = STAGES.map(() => null)
  let status: IncidentStatus = 'reported'
  let decided = reportedS
  for (let k = 0; k < planned.length; k++) {
    const at = planned[k]
    if (at === null) continue
    if (at >= SNAPSHOT_S || k > stopAfter) break
    stages[k] = at
    status = STAGES[k]
    decided = at
  }
  // A rejected case (不予立案) is decided right after acceptance or verification.
  if (rejected && status !== 'reported' && decided + 600 < SNAPSHOT_S) status = 'rejected'
  // The rework happened when the case got as far as its failed 核查 (dispatched, not stuck
  // before 处置): a case cut off after it is 处置中 again.
  const dispatchedIndex = STAGES.indexOf('dispatched')
  const reworked = rework !== null && stages[dispatchedIndex] !== null && stopAfter > dispatchedIndex && rework.failedCheckS < SNAPSHOT_S
  return { status, stages, rework: reworked ? rework : null }
}
