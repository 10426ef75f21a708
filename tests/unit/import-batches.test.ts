/**
 * Item 3 of issue 13: a batch the database refuses as a whole is split until the row that
 * causes it stands alone; every other row is written, and the summary adds up.
 */
import { describe, expect, it } from 'vitest'
import {
  commitBatch,
  HOTLINE_12319_PRESET,
  isBatchWideError,
  mergeIntakeResults,
  type IntakeOutcome,
  type IntakeRow,
} from '../../src/domain/import/index.ts'

const row = (k: number, description = `第 ${k} 件`): IntakeRow => ({
  external_id: `RX${String(k).padStart(6, '0')}`, lon: 119.9, lat: 32.47, category_code: '06010', source: 'hotline_12319', description, reported_at: '2026-03-05T08:05:00+08:00',
})

/**
 * Refuses any call carrying a NUL anywhere in its rows, as PostgreSQL does while parsing the
 * jsonb argument; otherwise answers per row, remembering what it has (a second import of the
 * same id is a duplicate).
 */
class FakeDatabase {
  readonly stored = new Set<string>()
  calls = 0
  async intake(rows: IntakeRow[]): Promise<IntakeOutcome[]> {
    this.calls += 1
    if (JSON.stringify(rows).includes('\\u0000')) throw Object.assign(new Error('unsupported Unicode escape sequence'), { code: '22P05' })
    return rows.map((intake, index) => {
      if (intake.category_code === 'xxxxx') return { index, ok: false, code: 'UG011', field: 'category_code', message: 'category_code: 未知的事项类别代码' }
      const duplicate = this.stored.has(intake.external_id)
      this.stored.add(intake.external_id)
      return { index, ok: true, duplicate, id: this.stored.size, grid_code: '329001001001001' }
    })
  }
}

describe('commitBatch', () => {
  it('one NUL in 1,000 rows: 999 written, the row isolated with its row number, column and a Chinese reason', async () => {
    const database = new FakeDatabase()
    const rows = Array.from({ length: 1000 }, (_unused, k) => row(k, k === 613 ? '井盖缺失\u0000（热线转办）' : undefined))
    const rowNumbers = rows.map((_unused, k) => k + 2)
    const committed = await commitBatch(rows, (batch) => database.intake(batch))
    expect(committed.stopped).toBeNull()
    // One refused call, then two halves per level down to the row: 1 + 2·⌈log2 1000⌉.
    expect(committed.calls).toBeLessThanOrEqual(1 + 2 * 10)
    expect(database.stored.size).toBe(999)
    expect(database.stored.has('RX000613')).toBe(false)
    const merged = mergeIntakeResults(committed.outcomes, { ok: rows, rowNumbers }, HOTLINE_12319_PRESET.mapping)
    expect(merged.inserted).toBe(999)
    expect(merged.refused).toEqual([
      {
        row: 615,
        field: '问题描述',
        value: '井盖缺失\\u0000（热线转办）',
        reason: expect.stringMatching(/^数据库拒绝此行：文本中含有数据库无法保存的空字符（NUL，\\u0000）.*unsupported Unicode escape sequence/),
        code: 'database',
        target: 'description',
      },
    ])
  })

  it('several poisoned rows, per-row refusals and duplicates: read = written + refused + duplicates', async () => {
    const database = new FakeDatabase()
    database.stored.add('RX000007') // already imported earlier
    database.stored.add('RX000500')
    const poisoned = new Set([0, 1, 250, 251, 999])
    const rows = Array.from({ length: 1000 }, (_unused, k) => {
      const intake = row(k, poisoned.has(k) ? `a\u0000b` : undefined)
      return k === 42 ? { ...intake, category_code: 'xxxxx' } : intake
    })
    const committed = await commitBatch(rows, (batch) => database.intake(batch))
    const merged = mergeIntakeResults(committed.outcomes, { ok: rows, rowNumbers: rows.map((_unused, k) => k + 2) })
    expect(merged.refused.map((error) => error.row - 2)).toEqual([0, 1, 42, 250, 251, 999])
    expect(merged.duplicates).toBe(2)
    expect(merged.inserted).toBe(1000 - 6 - 2)
    expect(merged.inserted + merged.duplicates + merged.refused.length).toBe(rows.length)
    // Every row answered exactly once.
    const answered = committed.outcomes.flatMap((outcome) =>
      'results' in outcome ? outcome.results.map((result) => outcome.start + result.index) : Array.from({ length: outcome.count }, (_unused, k) => outcome.start + k))
    expect(answered.sort((a, b) => a - b)).toEqual(rows.map((_unused, k) => k))
  })

  it('a refusal that no smaller batch escapes (no permission) is not split: one call, every row reported unwritten', async () => {
    let calls = 0
    const rows = [row(1), row(2), row(3)]
    const committed = await commitBatch(rows, async () => {
      calls += 1
      throw Object.assign(new Error('permission denied for function intake_incidents'), { code: '42501' })
    })
    expect(calls).toBe(1)
    expect(committed.stopped).toEqual({ message: 'permission denied for function intake_incidents', code: '42501' })
    const merged = mergeIntakeResults(committed.outcomes, { ok: rows, rowNumbers: [2, 3, 4] })
    expect(merged.refused.map((error) => [error.row, error.reason])).toEqual([2, 3, 4].map((at) => [at, '本批未写入数据库：permission denied for function intake_incidents']))
  })

  it('a connection lost half-way through the splitting stops there: what was written stays written, the rest is reported', async () => {
    const database = new FakeDatabase()
    const rows = Array.from({ length: 8 }, (_unused, k) => row(k, k === 0 ? 'x\u0000' : undefined))
    let call = 0
    const committed = await commitBatch(rows, async (batch) => {
      call += 1
      // 1: all 8 refused (NUL); 2: rows 0–3 refused; 3: rows 0–1 refused; 4: row 0 alone; 5: row 1 written; 6: rows 2–3 → connection gone.
      if (call === 6) throw Object.assign(new Error('Connection terminated unexpectedly'), { code: 'ECONNRESET' })
      return database.intake(batch)
    })
    expect(committed.stopped?.code).toBe('ECONNRESET')
    const merged = mergeIntakeResults(committed.outcomes, { ok: rows, rowNumbers: rows.map((_unused, k) => k + 2) })
    expect(merged.inserted).toBe(1)
    expect(merged.refused.map((error) => [error.row - 2, error.reason.split('：')[0]])).toEqual([
      [0, '数据库拒绝此行'], ...[2, 3, 4, 5, 6, 7].map((k) => [k, '本批未写入数据库']),
    ])
  })

  it('an answer that leaves a row out reports that row rather than counting it nowhere', async () => {
    const rows = [row(1), row(2)]
    const committed = await commitBatch(rows, async () => [{ index: 0, ok: true, duplicate: false, id: 1 } as IntakeOutcome])
    const merged = mergeIntakeResults(committed.outcomes, { ok: rows, rowNumbers: [2, 3] })
    expect(merged.inserted).toBe(1)
    expect(merged.refused).toMatchObject([{ row: 3, reason: '数据库拒绝此行：数据库没有返回这一行的结果' }])
  })

  it('nothing to commit costs no call', async () => {
    const committed = await commitBatch([], async () => { throw new Error('not called') })
    expect(committed).toEqual({ outcomes: [], stopped: null, calls: 0 })
  })
})

describe('isBatchWideError', () => {
  it.each([
    [{ code: '42501' }, true], [{ kind: 'permission', code: '' }, true], [{ kind: 'network' }, true], [{ code: '08006' }, true],
    [{ code: '57P01' }, true], [{ code: 'ECONNREFUSED' }, true], [{ message: 'Client has encountered a connection error and is not queryable' }, true],
    [{ code: '22P05', message: 'unsupported Unicode escape sequence' }, false], [{ code: 'UG011' }, false], [new Error('boom'), false], ['text', false],
  ])('%j → %s', (error, expected) => {
    expect(isBatchWideError(error)).toBe(expected)
  })
})
