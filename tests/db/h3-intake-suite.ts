/**
 * The case's H3 cell stored at intake (issue 17 item 1), unchanged on PGlite and native
 * PostgreSQL 15: intake stores the row's `h3` as incidents.h3_r9 and refuses a malformed one
 * per row (UG020, in Chinese) while keeping the rows beside it; the database's test of "a
 * resolution-9 cell" agrees with h3-js's isValidCell bit for bit; the table refuses any other
 * value from any writer; every demo case carries the cell of its own point, so counting
 * cases per hexagon in SQL gives what binning the points in TypeScript gives.
 */
import { cellToCenterChild, getBaseCellNumber, getRes0Cells, getResolution, isPentagon, isValidCell } from 'h3-js'
import { expect, it } from 'vitest'
import { DEMO_USERS } from '../../scripts/seed/reference-data.ts'
import { caseCell, cellToDecimal } from '../../src/domain/hotspots/h3-cell.ts'
import type { Engine, Query } from './engine.ts'

const user = (role: (typeof DEMO_USERS)[number]['role']) => DEMO_USERS.find((candidate) => candidate.role === role)!.id

type Outcome =
  | { index: number; ok: true; duplicate: boolean; id: number }
  | { index: number; ok: false; code: string; field: string | null; message: string }

async function intake(as: Query, rows: object[]): Promise<Outcome[]> {
  const [row] = await as<{ r: Outcome[] }>(`select public.intake_incidents($1::json) as r`, [JSON.stringify(rows)])
  return row.r
}

/** Deterministic candidates: valid cells on every base cell, and each broken in one way. */
function candidateCells(): bigint[] {
  const candidates: bigint[] = []
  let seed = 17
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed % n
  }
  const setDigit = (cell: bigint, digit: number, value: number) => {
    const shift = BigInt((15 - digit) * 3)
    return (cell & ~(7n << shift)) | (BigInt(value) << shift)
  }
  for (const base of getRes0Cells()) {
    const centre = BigInt(`0x${cellToCenterChild(base, 9)}`) // all digits 0
    candidates.push(centre)
    // a leading 1 (the K axis: deleted on pentagons), later digits anything
    candidates.push(setDigit(setDigit(centre, 1, 1), 5, random(7)))
    candidates.push(setDigit(setDigit(centre, 4, 1), 9, random(7)))
    candidates.push(setDigit(centre, 9, 1))
    candidates.push(setDigit(setDigit(centre, 2, 5), 3, 1))
    // a 7 in a used digit, a used digit in an unused one, resolution 8 and 10 spellings
    candidates.push(setDigit(centre, 1 + random(9), 7))
    candidates.push(setDigit(centre, 10 + random(6), random(7)))
    candidates.push((centre & ~(15n << 52n)) | (8n << 52n))
    candidates.push((centre & ~(15n << 52n)) | (10n << 52n))
    for (let k = 0; k < 6; k++) {
      let cell = centre
      for (let digit = 1; digit <= 9; digit++) cell = setDigit(cell, digit, random(7))
      candidates.push(cell)
    }
  }
  // base cells 122…127, another mode, the reserved bits
  const any = BigInt(`0x${cellToCenterChild(getRes0Cells()[0], 9)}`)
  for (const base of [122n, 127n]) candidates.push((any & ~(127n << 45n)) | (base << 45n))
  candidates.push((any & ~(15n << 59n)) | (2n << 59n), any | (1n << 56n), any | (1n << 57n))
  return candidates
}

export function defineH3IntakeSuite(engine: () => Engine) {
  const one = async <T>(sql: string, params?: unknown[]) => (await engine().query<T>(sql, params))[0]
  const insidePoint = () =>
    one<{ lon: number; lat: number }>(`
      select extensions.st_x(label_point) as lon, extensions.st_y(label_point) as lat
      from public.grids where valid_to is null order by code limit 1 offset 7`)

  it('stores the row’s H3 cell, leaves it null when the row has none, and refuses a malformed one in Chinese (UG020)', async () => {
    const { lon, lat } = await insidePoint()
    const cell = caseCell(lon, lat)
    const base = { lon, lat, category_code: '06010', source: 'patrol' }
    const cases: [object, string | null, string | null, RegExp | null][] = [
      [{ ...base, external_id: 'H3-OK', h3: cell }, null, null, null],
      [{ ...base, external_id: 'H3-UPPER', h3: cell.toUpperCase() }, null, null, null],
      [{ ...base, external_id: 'H3-NONE' }, null, null, null],
      [{ ...base, external_id: 'H3-NULL', h3: null }, null, null, null],
      [{ ...base, external_id: 'H3-WORD', h3: '六边形' }, 'UG020', 'h3', /不是 H3 单元编号/],
      [{ ...base, external_id: 'H3-EMPTY', h3: '' }, 'UG020', 'h3', /不是 H3 单元编号/],
      [{ ...base, external_id: 'H3-RES7', h3: '87283472bffffff' }, 'UG020', 'h3', /分辨率 7/],
      [{ ...base, external_id: 'H3-DIGIT', h3: '8928308280ffff7' }, 'UG020', 'h3', /不是有效的分辨率 9/],
      [{ ...base, external_id: 'H3-NUMBER', h3: Number(cellToDecimal(cell)) }, 'UG015', 'h3', /应为文本/],
      // the location's problem is named first
      [{ ...base, external_id: 'H3-LON', lon: 'x', h3: 'nonsense' }, 'UG010', 'lon', null],
    ]
    await engine().asUser(user('dispatcher'), async (as) => {
      const outcomes = await intake(as, cases.map(([row]) => row))
      expect(outcomes.map((outcome) => (outcome.ok ? [null, null] : [outcome.code, outcome.field]))).toEqual(cases.map(([, code, field]) => [code, field]))
      outcomes.forEach((outcome, index) => {
        const pattern = cases[index][3]
        if (!outcome.ok && pattern) {
          expect(outcome.message).toMatch(pattern)
          expect(outcome.message).toMatch(/^h3: /)
        }
      })
      const stored = await as<{ external_id: string; h3: string | null }>(
        `select external_id, to_hex(h3_r9) as h3 from public.incidents where external_id like 'H3-%' order by external_id`,
      )
      expect(stored).toEqual([
        { external_id: 'H3-NONE', h3: null },
        { external_id: 'H3-NULL', h3: null },
        { external_id: 'H3-OK', h3: cell },
        { external_id: 'H3-UPPER', h3: cell },
      ])
    })
  })

  it('tests "a resolution-9 cell" exactly as h3-js isValidCell does, pentagons included: the table’s check and intake’s', async () => {
    const candidates = candidateCells()
    const expected = candidates.map((candidate) => {
      const text = candidate.toString(16)
      return isValidCell(text) && getResolution(text) === 9
    })
    // both answers occur, on pentagons too
    expect(expected.filter(Boolean).length).toBeGreaterThan(500)
    expect(expected.filter((valid) => !valid).length).toBeGreaterThan(500)
    const pentagonBases = new Set(getRes0Cells().filter(isPentagon).map(getBaseCellNumber))
    expect(pentagonBases.size).toBe(12)
    const onPentagons = candidates.map((candidate, k) => ({ base: Number((candidate >> 45n) & 127n), valid: expected[k] })).filter(({ base }) => pentagonBases.has(base))
    expect(onPentagons.filter(({ valid }) => valid).length).toBeGreaterThan(12)
    expect(onPentagons.filter(({ valid }) => !valid).length).toBeGreaterThan(12)
    const disagreeing = (got: boolean[]) => candidates.filter((_candidate, k) => got[k] !== expected[k]).map((candidate) => candidate.toString(16))

    // the table's check, evaluated as the catalogue holds it
    const [{ definition }] = await engine().query<{ definition: string }>(
      `select pg_get_constraintdef(oid) as definition from pg_constraint where conname = 'incidents_h3_r9_cell'`,
    )
    const check = definition.replace(/^CHECK /, '').replaceAll('h3_r9', 'c')
    const checked = await engine().query<{ valid: boolean }>(`select (${check}) as valid from unnest($1::bigint[]) with ordinality u(c, k) order by k`, [
      candidates.map(String),
    ])
    expect(disagreeing(checked.map((row) => row.valid))).toEqual([])

    // intake's own test, on the text form the clients send
    const { lon, lat } = await insidePoint()
    await engine().asUser(user('dispatcher'), async (as) => {
      const outcomes = await intake(as, candidates.map((candidate) => ({ lon, lat, category_code: '06010', source: 'patrol', h3: candidate.toString(16) })))
      expect(disagreeing(outcomes.map((outcome) => outcome.ok))).toEqual([])
      expect(new Set(outcomes.flatMap((outcome) => (outcome.ok ? [] : [`${outcome.code} ${outcome.field}`])))).toEqual(new Set(['UG020 h3']))
    })
  })

  it('keeps any other value out of the column, whoever writes it', async () => {
    await engine().asOwner(async (as) => {
      await expect(as(`update public.incidents set h3_r9 = 1 where id = 1`)).rejects.toThrow(/incidents_h3_r9_cell/)
      await expect(as(`update public.incidents set h3_r9 = $1 where id = 1`, [cellToDecimal('87283472bffffff')])).rejects.toThrow(/incidents_h3_r9_cell/)
    })
  })

  it('has the cell of its own point on every demo case, so SQL counts per hexagon equal binning the points', async () => {
    const rows = await engine().query<{ lon: number; lat: number; h3: string | null }>(
      `select extensions.st_x(geom) as lon, extensions.st_y(geom) as lat, to_hex(h3_r9) as h3 from public.incidents where id <= 100000`,
    )
    expect(rows).toHaveLength(100_000)
    const wrong = rows.filter((row) => row.h3 !== caseCell(row.lon, row.lat))
    expect(wrong).toEqual([])
    const binned = new Map<string, number>()
    for (const row of rows) binned.set(row.h3!, (binned.get(row.h3!) ?? 0) + 1)
    const counted = await engine().query<{ h3: string; n: number }>(
      `select to_hex(h3_r9) as h3, count(*)::int as n from public.incidents where id <= 100000 group by h3_r9`,
    )
    expect(new Map(counted.map((row) => [row.h3, row.n]))).toEqual(binned)
    expect(binned.size).toBeGreaterThan(300)
  })
}
