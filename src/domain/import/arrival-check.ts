/**
 * What the import preview says before anything is written (issue 13, item 9): which valid
 * rows the database already has — by external id, or by content (public.existing_incidents:
 * same matter code, reported within 60 s, within 5 m) — and which would arrive already
 * overdue (their deadline, placed in the browser with the trigger's rules, is past).
 *
 * The counts add up: every row read is to be written, already there, or refused. Rows found
 * by content are already there unless the user chooses to write them anyway; rows found by
 * external id are sent all the same, and intake_incidents answers them as duplicates, so the
 * database confirms at commit what the preview said.
 */
import { isOverdue } from '../cases/case-overdue.ts'
import type { IntakeRow, RowError } from './intake-row.ts'

/** Rows per call of public.existing_incidents (the function refuses more). */
export const EXISTING_CHECK_BATCH = 1000
/** Rows kept per list in the preview (the counts cover every row). */
export const LISTED_ARRIVALS = 200

export type ExistingMatchKind = 'external_id' | 'content'

/** What existing_incidents is asked about one row. */
export interface ExistingQueryRow {
  external_id: string
  lon: number
  lat: number
  category_code: string
  reported_at: string
}

/** One answer of existing_incidents; structurally the Repository's ExistingIncident. */
export interface ExistingAnswer {
  index: number
  match: ExistingMatchKind | null
  id: number | null
  case_number?: string | null
  external_id?: string | null
  status?: string | null
  reported_at?: string | null
  distance_m?: number | null
  seconds_apart?: number | null
}

/** The case a row matched. */
export interface ExistingCase {
  match: ExistingMatchKind
  id: number
  caseNumber: string | null
  externalId: string | null
  status: string | null
  reportedAt: string | null
  distanceM: number | null
  secondsApart: number | null
}

export interface ArrivalRow {
  /** the file's row number */
  row: number
  externalId: string
  categoryCode: string
  reportedAt: string
  /** placed in the browser; null when no time limit applies */
  deadlineAt: string | null
  overdue: boolean
  existing: ExistingCase | null
}

export interface ArrivalCheck {
  /** whether the database was asked about every valid row */
  checked: boolean
  /** why it could not be asked (then nothing is known to be there) */
  error: string | null
  /** the instant overdue is measured against: when the check started */
  now: string
  existingById: number
  existingByContent: number
  /** rows not in the database whose deadline is already past */
  overdueNew: number
  /** rows found by content whose deadline is past: overdue on arrival if written anyway */
  overdueContent: number
  listed: {
    existingById: ArrivalRow[]
    existingByContent: ArrivalRow[]
    /** new rows and content matches, each with its `existing` */
    overdue: ArrivalRow[]
  }
}

export const existingQuery = (row: IntakeRow): ExistingQueryRow => ({
  external_id: row.external_id,
  lon: row.lon,
  lat: row.lat,
  category_code: row.category_code,
  reported_at: row.reported_at,
})

/**
 * The answers to `asked` rows, back in input order (null: not there). An answer set that
 * does not fit the question — missing, repeated or unknown index, a match without a case —
 * is refused rather than read as "not there".
 */
export function alignExistingAnswers(asked: number, answers: readonly ExistingAnswer[]): (ExistingCase | null)[] {
  if (answers.length !== asked) throw new Error(`数据库核对结果行数不符：询问 ${asked} 行，答复 ${answers.length} 行`)
  const aligned: (ExistingCase | null | undefined)[] = new Array(asked).fill(undefined)
  for (const answer of answers) {
    if (!Number.isInteger(answer.index) || answer.index < 0 || answer.index >= asked || aligned[answer.index] !== undefined) {
      throw new Error(`数据库核对结果的行序号不符：${answer.index}`)
    }
    if (answer.match !== null && answer.id === null) throw new Error(`数据库核对结果第 ${answer.index} 行有匹配但没有案件编号`)
    aligned[answer.index] =
      answer.match === null || answer.id === null
        ? null
        : {
            match: answer.match,
            id: answer.id,
            caseNumber: answer.case_number ?? null,
            externalId: answer.external_id ?? null,
            status: answer.status ?? null,
            reportedAt: answer.reported_at ?? null,
            distanceM: answer.distance_m ?? null,
            secondsApart: answer.seconds_apart ?? null,
          }
  }
  return aligned as (ExistingCase | null)[]
}

/** Whether a case taken in now would already be late: the trigger's rule for a new case. */
export const overdueOnArrival = (deadlineAt: Date | null, now: Date): boolean =>
  isOverdue({ status: 'reported', deadlineAt, handledAt: null, closedAt: null }, now)

/** Collects the arrival facts of valid rows as they are checked, slice by slice. */
export class ArrivalTally {
  private readonly now: Date
  private readonly limit: number
  private checked = true
  private error: string | null = null
  private existingById = 0
  private existingByContent = 0
  private overdueNew = 0
  private overdueContent = 0
  private readonly listed: ArrivalCheck['listed'] = { existingById: [], existingByContent: [], overdue: [] }

  constructor(now: Date, limit = LISTED_ARRIVALS) {
    this.now = now
    this.limit = limit
  }

  /** Whether the database is still being asked (it is not after a failure). */
  get asking(): boolean {
    return this.checked
  }

  /** The database could not be asked: nothing found so far or later counts as there. */
  fail(message: string): void {
    this.checked = false
    this.error ??= message
  }

  /** There is no database to ask (a check without one): nothing counts as there. */
  unasked(): void {
    this.checked = false
  }

  add(row: Omit<ArrivalRow, 'overdue'> & { deadlineAt: string | null }): ArrivalRow {
    const entry: ArrivalRow = { ...row, overdue: overdueOnArrival(row.deadlineAt === null ? null : new Date(row.deadlineAt), this.now) }
    const push = (list: ArrivalRow[]) => {
      if (list.length < this.limit) list.push(entry)
    }
    if (entry.existing?.match === 'external_id') {
      this.existingById++
      push(this.listed.existingById)
    } else if (entry.existing?.match === 'content') {
      this.existingByContent++
      push(this.listed.existingByContent)
      if (entry.overdue) {
        this.overdueContent++
        push(this.listed.overdue)
      }
    } else if (entry.overdue) {
      this.overdueNew++
      push(this.listed.overdue)
    }
    return entry
  }

  result(): ArrivalCheck {
    const known = this.checked
    return {
      checked: known,
      error: this.error,
      now: this.now.toISOString(),
      // After a failure part of the file was never asked: no "already there" count is given
      // rather than one that covers an unknown part of it.
      existingById: known ? this.existingById : 0,
      existingByContent: known ? this.existingByContent : 0,
      overdueNew: known ? this.overdueNew : this.overdueNew + this.overdueContent,
      overdueContent: known ? this.overdueContent : 0,
      listed: known ? this.listed : { existingById: [], existingByContent: [], overdue: this.listed.overdue },
    }
  }
}

/** Refused rows, not problems: one row may break several rules. */
export const refusedRowCount = (errors: readonly Pick<RowError, 'row'>[]): number => new Set(errors.map((error) => error.row)).size

export interface PreviewTally {
  rowsRead: number
  /** rows a commit would insert */
  toWrite: number
  /** rows the database already has and a commit would not insert */
  alreadyThere: number
  alreadyById: number
  /** found by content and left out (0 when the user writes them anyway) */
  alreadyByContent: number
  refused: number
  /** of `toWrite`, those whose deadline is already past */
  overdueOnArrival: number
  /** rows read that are none of the above; never expected, shown rather than hidden */
  unaccounted: number
}

export function tallyPreview(
  preview: { rowsRead: number; valid: number; refusedRows: number; arrival: Pick<ArrivalCheck, 'existingById' | 'existingByContent' | 'overdueNew' | 'overdueContent'> },
  writeContentMatches: boolean,
): PreviewTally {
  const { arrival } = preview
  const alreadyByContent = writeContentMatches ? 0 : arrival.existingByContent
  const alreadyThere = arrival.existingById + alreadyByContent
  const toWrite = preview.valid - alreadyThere
  return {
    rowsRead: preview.rowsRead,
    toWrite,
    alreadyThere,
    alreadyById: arrival.existingById,
    alreadyByContent,
    refused: preview.refusedRows,
    overdueOnArrival: arrival.overdueNew + (writeContentMatches ? arrival.overdueContent : 0),
    unaccounted: preview.rowsRead - toWrite - alreadyThere - preview.refusedRows,
  }
}

export interface CommitProgress {
  /** rows the commit meant to send (valid rows less the content matches left out) */
  planned: number
  /** rows sent so far */
  sent: number
  inserted: number
  /** answered by intake_incidents as already there (external id) */
  duplicates: number
  /** content matches left out of the commit */
  skippedContent: number
  /** rows the database refused, a failed batch's rows included */
  refusedByDatabase: number
  /** inserted rows whose deadline was already past when they were written */
  overdueInserted: number
}

export interface CommitTally {
  rowsRead: number
  inserted: number
  alreadyThere: number
  refused: number
  refusedByChecking: number
  refusedByDatabase: number
  overdueInserted: number
  /** planned rows not sent: the commit was stopped */
  notSent: number
  unaccounted: number
}

export function tallyCommit(preview: { rowsRead: number; refusedRows: number }, commit: CommitProgress): CommitTally {
  const alreadyThere = commit.duplicates + commit.skippedContent
  const refused = preview.refusedRows + commit.refusedByDatabase
  const notSent = commit.planned - commit.sent
  return {
    rowsRead: preview.rowsRead,
    inserted: commit.inserted,
    alreadyThere,
    refused,
    refusedByChecking: preview.refusedRows,
    refusedByDatabase: commit.refusedByDatabase,
    overdueInserted: commit.overdueInserted,
    notSent,
    unaccounted: preview.rowsRead - commit.inserted - alreadyThere - refused - notSent,
  }
}
