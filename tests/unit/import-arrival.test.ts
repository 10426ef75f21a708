/**
 * Issue 13, item 9: what the import preview says before 提交 — rows the database already has
 * (by external id, by content), rows overdue on arrival — and that rows read always equal
 * rows to write + already there + refused, before and after the commit. The domain counting
 * (src/domain/import/arrival-check.ts) and the import session that feeds it, with a stand-in
 * for public.existing_incidents (its SQL is tested in tests/db/intake-preview-suite.ts).
 */
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  alignExistingAnswers,
  ArrivalTally,
  existingQuery,
  overdueOnArrival,
  refusedRowCount,
  tallyCommit,
  tallyPreview,
  type ExistingAnswer,
  type ExistingCase,
  type ExistingQueryRow,
  type IntakeRow,
} from '../../src/domain/import/index.ts'
import type { PlacementReference } from '../../src/domain/placement/incident-placer.ts'
import { ImportSession, type CheckOptions } from '../../src/features/cases/import/import-session.ts'

const HOUR = 3_600_000
const NOW = new Date('2026-12-06T10:00:00+08:00')

const intake = (external_id: string, overrides: Partial<IntakeRow> = {}): IntakeRow => ({
  external_id,
  lon: 119.95,
  lat: 32.45,
  category_code: '06010',
  source: 'patrol',
  description: '暴露垃圾',
  reported_at: '2026-12-06T09:00:00+08:00',
  ...overrides,
})

const found = (match: 'external_id' | 'content', id: number): ExistingCase => ({
  match,
  id,
  caseNumber: `20261206-${String(id).padStart(6, '0')}`,
  externalId: `DEMO-${id}`,
  status: 'reported',
  reportedAt: '2026-12-06T01:00:00+00:00',
  distanceM: match === 'content' ? 0.4 : null,
  secondsApart: match === 'content' ? 12 : null,
})

describe('asking the database', () => {
  test('a row is asked about by the keys intake_incidents takes, without its text', () => {
    expect(existingQuery(intake('RX1'))).toEqual({
      external_id: 'RX1',
      lon: 119.95,
      lat: 32.45,
      category_code: '06010',
      reported_at: '2026-12-06T09:00:00+08:00',
    })
  })

  test('answers go back to the rows asked, in order; no match is null', () => {
    const answers: ExistingAnswer[] = [
      { index: 2, match: 'content', id: 9, case_number: '20261206-000009', external_id: null, status: 'closed', reported_at: null, distance_m: 1.5, seconds_apart: 30 },
      { index: 0, match: null, id: null },
      { index: 1, match: 'external_id', id: 4 },
    ]
    const aligned = alignExistingAnswers(3, answers)
    expect(aligned[0]).toBeNull()
    expect(aligned[1]).toMatchObject({ match: 'external_id', id: 4, caseNumber: null, distanceM: null })
    expect(aligned[2]).toEqual({ match: 'content', id: 9, caseNumber: '20261206-000009', externalId: null, status: 'closed', reportedAt: null, distanceM: 1.5, secondsApart: 30 })
  })

  test('an answer that does not fit the question is refused, never read as "not there"', () => {
    const none = (index: number): ExistingAnswer => ({ index, match: null, id: null })
    expect(() => alignExistingAnswers(2, [none(0)])).toThrow('询问 2 行，答复 1 行')
    expect(() => alignExistingAnswers(2, [none(0), none(0)])).toThrow('行序号不符：0')
    expect(() => alignExistingAnswers(2, [none(0), none(2)])).toThrow('行序号不符：2')
    expect(() => alignExistingAnswers(1, [{ index: 0, match: 'content', id: null }])).toThrow('有匹配但没有案件编号')
  })
})

describe('overdue on arrival', () => {
  test('a deadline before now is overdue; at now, after now or without a deadline it is not', () => {
    expect(overdueOnArrival(new Date(NOW.getTime() - 1), NOW)).toBe(true)
    expect(overdueOnArrival(NOW, NOW)).toBe(false)
    expect(overdueOnArrival(new Date(NOW.getTime() + HOUR), NOW)).toBe(false)
    expect(overdueOnArrival(null, NOW)).toBe(false)
  })
})

describe('ArrivalTally', () => {
  const late = new Date(NOW.getTime() - 5 * HOUR).toISOString()
  const inTime = new Date(NOW.getTime() + 5 * HOUR).toISOString()
  const row = (number: number, deadlineAt: string | null, existing: ExistingCase | null) => ({
    row: number,
    externalId: `RX${number}`,
    categoryCode: '06010',
    reportedAt: '2026-12-06T01:00:00Z',
    deadlineAt,
    existing,
  })

  test('counts rows there by id and by content, and overdue rows apart from rows already there', () => {
    const tally = new ArrivalTally(NOW)
    tally.add(row(2, late, found('external_id', 1)))
    tally.add(row(3, late, found('content', 2)))
    tally.add(row(4, inTime, found('content', 3)))
    tally.add(row(5, late, null))
    tally.add(row(6, inTime, null))
    tally.add(row(7, null, null))
    const result = tally.result()
    expect(result).toMatchObject({ checked: true, error: null, now: NOW.toISOString(), existingById: 1, existingByContent: 2, overdueNew: 1, overdueContent: 1 })
    expect(result.listed.existingById.map((entry) => entry.row)).toEqual([2])
    expect(result.listed.existingByContent.map((entry) => entry.row)).toEqual([3, 4])
    // A row there by id never arrives; a content match arrives only if written anyway.
    expect(result.listed.overdue.map((entry) => [entry.row, entry.existing?.match ?? null])).toEqual([
      [3, 'content'],
      [5, null],
    ])
  })

  test('lists at most its limit per kind, counts every row', () => {
    const tally = new ArrivalTally(NOW, 3)
    for (let number = 2; number < 12; number++) tally.add(row(number, late, null))
    const result = tally.result()
    expect(result.overdueNew).toBe(10)
    expect(result.listed.overdue).toHaveLength(3)
  })

  test('after a failure nothing counts as there: the part never asked is unknown', () => {
    const tally = new ArrivalTally(NOW)
    tally.add(row(2, late, found('content', 2)))
    tally.add(row(3, inTime, found('external_id', 3)))
    tally.fail('function public.existing_incidents(jsonb) does not exist')
    tally.fail('a second failure is not the cause')
    expect(tally.asking).toBe(false)
    tally.add(row(4, late, null))
    const result = tally.result()
    expect(result).toMatchObject({ checked: false, error: 'function public.existing_incidents(jsonb) does not exist', existingById: 0, existingByContent: 0, overdueNew: 2, overdueContent: 0 })
    expect(result.listed.existingByContent).toEqual([])
  })

  test('without a database to ask, the check says so and has no error', () => {
    const tally = new ArrivalTally(NOW)
    tally.unasked()
    expect(tally.result()).toMatchObject({ checked: false, error: null })
  })
})

describe('the sum adds up', () => {
  test('refused rows, not problems: a row with two errors is one refused row', () => {
    expect(refusedRowCount([{ row: 5 }, { row: 5 }, { row: 9 }])).toBe(2)
    expect(refusedRowCount([])).toBe(0)
  })

  test('before commit: rows read = to write + already there + refused, whichever way content matches go', () => {
    const preview = { rowsRead: 2000, valid: 1975, refusedRows: 25, arrival: { existingById: 100, existingByContent: 1800, overdueNew: 60, overdueContent: 1700 } }
    expect(tallyPreview(preview, false)).toEqual({
      rowsRead: 2000,
      toWrite: 75,
      alreadyThere: 1900,
      alreadyById: 100,
      alreadyByContent: 1800,
      refused: 25,
      overdueOnArrival: 60,
      unaccounted: 0,
    })
    expect(tallyPreview(preview, true)).toMatchObject({ toWrite: 1875, alreadyThere: 100, alreadyByContent: 0, overdueOnArrival: 1760, unaccounted: 0 })
  })

  test('a row neither valid nor refused is shown as unaccounted, not absorbed', () => {
    const preview = { rowsRead: 10, valid: 7, refusedRows: 2, arrival: { existingById: 0, existingByContent: 0, overdueNew: 0, overdueContent: 0 } }
    expect(tallyPreview(preview, false).unaccounted).toBe(1)
  })

  test('for any file and any answer, before and after commit', () => {
    fc.assert(
      fc.property(
        fc.record({
          valid: fc.nat(5000),
          refusedRows: fc.nat(500),
          byIdShare: fc.double({ min: 0, max: 1, noNaN: true }),
          byContentShare: fc.double({ min: 0, max: 1, noNaN: true }),
          write: fc.boolean(),
          stoppedShare: fc.double({ min: 0, max: 1, noNaN: true }),
          refusedShare: fc.double({ min: 0, max: 1, noNaN: true }),
        }),
        ({ valid, refusedRows, byIdShare, byContentShare, write, stoppedShare, refusedShare }) => {
          const existingById = Math.floor(valid * byIdShare)
          const existingByContent = Math.floor((valid - existingById) * byContentShare)
          const rowsRead = valid + refusedRows
          const before = tallyPreview({ rowsRead, valid, refusedRows, arrival: { existingById, existingByContent, overdueNew: 0, overdueContent: 0 } }, write)
          expect(before.toWrite + before.alreadyThere + before.refused).toBe(rowsRead)
          expect(before.unaccounted).toBe(0)
          expect(before.toWrite).toBeGreaterThanOrEqual(0)

          // The commit sends the rows to write and the rows there by id; it may stop early.
          const planned = before.toWrite + existingById
          const sent = Math.floor(planned * (1 - stoppedShare))
          const refusedByDatabase = Math.floor(sent * refusedShare)
          const duplicates = Math.min(existingById, sent - refusedByDatabase)
          const after = tallyCommit(
            { rowsRead, refusedRows },
            {
              planned,
              sent,
              inserted: sent - refusedByDatabase - duplicates,
              duplicates,
              skippedContent: valid - planned,
              refusedByDatabase,
              overdueInserted: 0,
            },
          )
          expect(after.inserted + after.alreadyThere + after.refused + after.notSent).toBe(rowsRead)
          expect(after.unaccounted).toBe(0)
        },
      ),
    )
  })
})

describe('the import session asks the database while it checks', () => {
  const square = (west: number, south: number, east: number, north: number): GeoJSON.Polygon => ({
    type: 'Polygon',
    coordinates: [
      [
        [west, south],
        [east, south],
        [east, north],
        [west, north],
        [west, south],
      ],
    ],
  })
  const reference: PlacementReference = {
    grids: [{ code: '321002001001001', management_level: 2, geometry: square(119.9, 32.4, 120.0, 32.5) }],
    segments: [{ id: 1, coordinates: [[119.91, 32.41], [119.92, 32.41]] }],
    departments: [{ id: 1, is_default: true }],
    routes: [],
    time_limits: [{ id: 1, category_pattern: '06', management_level: null, amount: 2, unit: 'natural_hours' }],
    calendar: [],
    settings: { segment_match_distance_m: 30, work_hours: [['08:30', '17:30']], timezone_offset_hours: 8 },
  }
  const options: CheckOptions = {
    mapping: { externalId: '编号', lon: '经度', lat: '纬度', category: '类别', reportedAt: '时间' },
    crs: 'wgs84',
    defaultSource: 'patrol',
    outsideDistrict: 'keep',
  }
  const recent = new Date(Date.now() - 10 * 60_000)
  const clock = (date: Date) => new Date(date.getTime() + 8 * HOUR).toISOString().slice(0, 16).replace('T', ' ')

  async function session(lines: string[]) {
    const checking = new ImportSession()
    checking.configure({ reference, directory: [{ code: '06010', name: '暴露垃圾', kind: 'matter' }], district: null })
    await checking.open(new Blob([['编号,经度,纬度,类别,时间', ...lines].join('\n')]), 'cases.csv')
    return checking
  }

  /** Answers as public.existing_incidents would for a database holding these ids and contents. */
  function database(byId: Set<string>, byContent: Set<string>) {
    const calls: number[] = []
    const findExisting = async (rows: ExistingQueryRow[]): Promise<ExistingAnswer[]> => {
      calls.push(rows.length)
      return rows.map((row, index) => ({
        index,
        match: byId.has(row.external_id) ? 'external_id' : byContent.has(row.external_id) ? 'content' : null,
        id: byId.has(row.external_id) || byContent.has(row.external_id) ? 1000 + index : null,
      }))
    }
    return { calls, findExisting }
  }

  test('counts, lists and leaves content matches out of the commit unless they are to be written', async () => {
    const checking = await session([
      `A1,119.95,32.45,06010,${clock(recent)}`,
      'A2,119.95,32.45,06010,2026-01-05 09:00',
      'A3,119.95,32.45,06010,2026-01-05 09:00',
      `A4,119.95,32.45,06010,${clock(recent)}`,
      'A5,东经,32.45,06010,2026-01-05 09:00',
      'A6,东经,32.45,邻里纠纷,2026-01-05 09:00',
    ])
    const { calls, findExisting } = database(new Set(['A1']), new Set(['A2']))
    const preview = await checking.check(options, undefined, findExisting)
    expect(calls).toEqual([4])
    expect(preview).toMatchObject({ rowsRead: 6, valid: 4, refusedRows: 2, errorCount: 3 })
    expect(preview.arrival).toMatchObject({ checked: true, existingById: 1, existingByContent: 1, overdueNew: 1, overdueContent: 1 })
    expect(preview.arrival.listed.overdue.map((row) => row.externalId)).toEqual(['A2', 'A3'])
    expect(preview.points.map((point) => [point.row, point.overdue])).toEqual([
      [2, false],
      [3, true],
      [4, true],
      [5, false],
    ])

    expect(tallyPreview(preview, false)).toMatchObject({ rowsRead: 6, toWrite: 2, alreadyThere: 2, refused: 2, overdueOnArrival: 1, unaccounted: 0 })
    expect(checking.planCommit(false)).toBe(3)
    expect(checking.rows(0, 10)).toEqual({ rows: [expect.objectContaining({ external_id: 'A1' }), expect.objectContaining({ external_id: 'A3' }), expect.objectContaining({ external_id: 'A4' })], rowNumbers: [2, 4, 5] })
    expect(checking.rows(1, 1).rowNumbers).toEqual([4])

    expect(tallyPreview(preview, true)).toMatchObject({ toWrite: 3, alreadyThere: 1, overdueOnArrival: 2, unaccounted: 0 })
    expect(checking.planCommit(true)).toBe(4)
    expect(checking.rows(0, 10).rowNumbers).toEqual([2, 3, 4, 5])
  })

  test('asks in calls of at most 1000 rows', async () => {
    const lines = Array.from({ length: 2500 }, (_, index) => `B${index},119.95,32.45,06010,2026-01-05 09:00`)
    const checking = await session(lines)
    const { calls, findExisting } = database(new Set(), new Set(['B1', 'B2499']))
    const preview = await checking.check(options, undefined, findExisting)
    expect(calls).toEqual([1000, 1000, 500])
    expect(preview.arrival.existingByContent).toBe(2)
    expect(preview.arrival.listed.existingByContent.map((row) => row.row)).toEqual([3, 2501])
    expect(checking.planCommit(false)).toBe(2498)
  })

  test('when the database cannot be asked, the preview says why and the commit sends every valid row', async () => {
    const checking = await session(['C1,119.95,32.45,06010,2026-01-05 09:00', 'C2,119.95,32.45,06010,2026-01-05 09:00'])
    const preview = await checking.check(options, undefined, async () => {
      throw new Error('function public.existing_incidents(jsonb) does not exist')
    })
    expect(preview.arrival).toMatchObject({ checked: false, error: 'function public.existing_incidents(jsonb) does not exist', existingById: 0, overdueNew: 2 })
    expect(tallyPreview(preview, false)).toMatchObject({ toWrite: 2, alreadyThere: 0, refused: 0, unaccounted: 0 })
    expect(checking.planCommit(false)).toBe(2)
  })

  test('checking again starts from nothing', async () => {
    const checking = await session(['D1,119.95,32.45,06010,2026-01-05 09:00'])
    await checking.check(options, undefined, database(new Set(), new Set(['D1'])).findExisting)
    expect(checking.planCommit(false)).toBe(0)
    const again = await checking.check(options, undefined, database(new Set(), new Set()).findExisting)
    expect(again.arrival.existingByContent).toBe(0)
    expect(checking.planCommit(false)).toBe(1)
  })

  test('lists rows refused only for their location, and places them where the map was clicked on the next check', async () => {
    const checking = await session([
      'E1,119.95,32.45,06010,2026-01-05 09:00',
      'E2,,,06010,2026-01-05 09:00', // no location at all
      'E3,东经,32.45,06010,2026-01-05 09:00', // a coordinate that is not a number
      'E4,,,邻里纠纷,2026-01-05 09:00', // no location, and a category no location would fix
    ])
    const first = await checking.check(options)
    expect(first.unplacedCount).toBe(2)
    expect(first.unplaced.map((row) => row.row)).toEqual([3, 4])
    expect(first.unplaced[0].reason).toContain('经度为空')
    const again = await checking.check({ ...options, manualPoints: [{ row: 3, lon: 119.915, lat: 32.41 }, { row: 5, lon: 119.95, lat: 32.45 }] })
    expect(again).toMatchObject({ rowsRead: 4, valid: 2, unplacedCount: 1 })
    expect(again.points.map((point) => [point.row, point.lon, point.lat, point.gridCode])).toEqual([
      [2, 119.95, 32.45, '321002001001001'],
      [3, 119.915, 32.41, '321002001001001'],
    ])
    expect(again.warnings.map((warning) => [warning.row, warning.code])).toEqual([
      [3, 'placed_on_map'],
      [5, 'placed_on_map'],
    ])
    // Row 5 keeps its category error: a location does not make it importable.
    expect(again.errors.filter((error) => error.row === 5).map((error) => error.code)).toEqual(['unknown_category'])
    expect(again.onSegment).toBe(1)
  })
})
