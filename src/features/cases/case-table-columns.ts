/**
 * The case table's columns as data: which there are, the server sort key each one orders by,
 * their default widths (all nine fit the list pane of a 1440 px window, cases.css), and the
 * dispatcher's own widths and hidden columns, kept in localStorage. No React here: the
 * table (CaseTable.tsx) renders what these say, and the unit tests check them.
 */
import { z } from 'zod'
import type { CaseSortKey } from '../../data/repository.ts'

export const CASE_COLUMNS = ['number', 'category', 'source', 'status', 'grid', 'department', 'reported_at', 'deadline_at', 'remaining'] as const
export type CaseColumn = (typeof CASE_COLUMNS)[number]

/** The number identifies the row: it cannot be hidden. */
export const ALWAYS_SHOWN: readonly CaseColumn[] = ['number']

/**
 * The server key each column orders by. 来源 has no order a dispatcher asked for; 剩余/超期 is
 * measured on the deadline, so 截止时间 gives its order (two headers sharing one key would
 * both claim the arrow, and the second click on either would be ambiguous).
 */
export const COLUMN_SORT: Readonly<Record<CaseColumn, CaseSortKey | null>> = {
  number: 'number',
  category: 'category',
  source: null,
  status: 'status',
  grid: 'grid',
  department: 'department',
  reported_at: 'reported_at',
  deadline_at: 'deadline_at',
  remaining: null,
}

/**
 * Widths in px at the table's 12 px type with 4 px cell padding, measured in Chromium: the
 * number, grid code and times whole (tabular digits), 剩余/超期 whole up to "超 9天23时", the
 * names cut with an ellipsis and read in full on hover. Their sum (DEFAULT_TABLE_WIDTH, 844)
 * and a 15 px scrollbar fit the 860 px list pane of a 1440 px window (cases.css).
 */
export const DEFAULT_WIDTHS: Readonly<Record<CaseColumn, number>> = {
  number: 122,
  category: 72,
  source: 76,
  status: 64,
  grid: 126,
  department: 72,
  reported_at: 116,
  deadline_at: 116,
  remaining: 80,
}
export const DEFAULT_TABLE_WIDTH = CASE_COLUMNS.reduce((sum, column) => sum + DEFAULT_WIDTHS[column], 0)

export const MIN_WIDTH = 48
export const MAX_WIDTH = 480

export function clampWidth(width: number): number {
  if (!Number.isFinite(width)) return MIN_WIDTH
  return Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, width)))
}

export interface ColumnPreferences {
  /** widths the dispatcher dragged to; the others keep their default */
  widths: Partial<Record<CaseColumn, number>>
  hidden: CaseColumn[]
}

export const DEFAULT_PREFERENCES: ColumnPreferences = { widths: {}, hidden: [] }
export const PREFERENCES_KEY = 'urbangrid.cases.table.columns.v1'

const column = z.enum(CASE_COLUMNS)
const stored = z.object({
  widths: z.record(z.string(), z.number()).catch({}),
  hidden: z.array(z.string()).catch([]),
})

/**
 * Preferences read back from storage: anything unreadable (another version, a hand edit) is
 * dropped rather than trusted, unknown columns are ignored, widths are clamped, and the
 * number is never hidden.
 */
export function parsePreferences(text: string | null): ColumnPreferences {
  if (!text) return DEFAULT_PREFERENCES
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return DEFAULT_PREFERENCES
  }
  const parsed = stored.safeParse(value)
  if (!parsed.success) return DEFAULT_PREFERENCES
  const widths: Partial<Record<CaseColumn, number>> = {}
  for (const [key, width] of Object.entries(parsed.data.widths)) {
    const known = column.safeParse(key)
    if (known.success) widths[known.data] = clampWidth(width)
  }
  const hidden = CASE_COLUMNS.filter((key) => parsed.data.hidden.includes(key) && !ALWAYS_SHOWN.includes(key))
  return { widths, hidden }
}

export function loadPreferences(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): ColumnPreferences {
  try {
    return parsePreferences(storage?.getItem(PREFERENCES_KEY) ?? null)
  } catch {
    // Storage refused (private mode, a sandboxed frame): the defaults.
    return DEFAULT_PREFERENCES
  }
}

export function savePreferences(preferences: ColumnPreferences, storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(PREFERENCES_KEY, JSON.stringify(preferences))
  } catch {
    // A full or refused storage only loses the memory of the layout, not the layout.
  }
}

export function columnWidth(preferences: ColumnPreferences, key: CaseColumn): number {
  return preferences.widths[key] ?? DEFAULT_WIDTHS[key]
}

export function visibleColumns(preferences: ColumnPreferences): CaseColumn[] {
  return CASE_COLUMNS.filter((key) => !preferences.hidden.includes(key))
}

export function withWidth(preferences: ColumnPreferences, key: CaseColumn, width: number): ColumnPreferences {
  return { ...preferences, widths: { ...preferences.widths, [key]: clampWidth(width) } }
}

export function withShown(preferences: ColumnPreferences, shown: readonly CaseColumn[]): ColumnPreferences {
  return { ...preferences, hidden: CASE_COLUMNS.filter((key) => !shown.includes(key) && !ALWAYS_SHOWN.includes(key)) }
}

/** The time left before the deadline, or how late the case is (or was, once 处置 ended). */
export type Remaining =
  | { kind: 'none' }
  /** open and not yet due: minutes left */
  | { kind: 'left'; minutes: number }
  /** late: minutes past the deadline, counted to now while it runs, to the end of 处置 once handled */
  | { kind: 'late'; minutes: number; running: boolean }
  /** handled or closed within the deadline */
  | { kind: 'met' }

const MINUTE_MS = 60_000
/** Statuses at which the 处置 clock has stopped: handled_at (or closed_at) ends it. */
const STOPPED = new Set(['handled', 'checked', 'closed'])

/**
 * 剩余/超期 for one row, measured as the overdue flag is (docs/workflow.md): the deadline
 * against the end of 处置 (handled_at, else closed_at) or, while it runs, now. A rejected case
 * or one without a deadline has none.
 */
export function remainingTime(
  row: { status: string; deadline_at: string | null; handled_at?: string | null; closed_at: string | null; overdue: boolean },
  nowMs: number,
): Remaining {
  if (row.status === 'rejected' || !row.deadline_at) return { kind: 'none' }
  const deadline = Date.parse(row.deadline_at)
  if (Number.isNaN(deadline)) return { kind: 'none' }
  const endedAt = row.handled_at ?? row.closed_at ?? null
  const stopped = STOPPED.has(row.status) && endedAt !== null
  const end = stopped ? Date.parse(endedAt) : nowMs
  const minutes = Math.floor(Math.abs(end - deadline) / MINUTE_MS)
  if (end > deadline) return { kind: 'late', minutes, running: !stopped }
  return stopped ? { kind: 'met' } : { kind: 'left', minutes }
}

/** A duration in the largest two units that matter: days and hours, or hours and minutes. */
export function durationParts(minutes: number): { days: number; hours: number; minutes: number } {
  const whole = Math.max(0, Math.floor(minutes))
  return { days: Math.floor(whole / 1440), hours: Math.floor((whole % 1440) / 60), minutes: whole % 60 }
}

/** The words 剩余/超期 is written with, in the UI language (CaseTable's i18n). */
export interface RemainingWords {
  /** ≥ 10 days: the days alone */
  days: (days: number) => string
  daysHours: (days: number, hours: number) => string
  hoursMinutes: (hours: number, minutes: number) => string
  minutes: (minutes: number) => string
  left: (duration: string) => string
  late: (duration: string) => string
  met: string
  none: string
}

/** The largest two units that matter: 12 天, 3 天 4 小时, 5 小时 20 分, 12 分钟. */
export function durationText(minutes: number, words: RemainingWords): string {
  const parts = durationParts(minutes)
  if (parts.days >= 10) return words.days(parts.days)
  if (parts.days > 0) return words.daysHours(parts.days, parts.hours)
  if (parts.hours > 0) return words.hoursMinutes(parts.hours, parts.minutes)
  return words.minutes(parts.minutes)
}

export function remainingText(remaining: Remaining, words: RemainingWords): string {
  switch (remaining.kind) {
    case 'none':
      return words.none
    case 'met':
      return words.met
    case 'left':
      return words.left(durationText(remaining.minutes, words))
    case 'late':
      return words.late(durationText(remaining.minutes, words))
  }
}
