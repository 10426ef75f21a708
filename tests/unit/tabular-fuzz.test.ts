/**
 * Properties of the CSV readers over random files (fast-check): random text with quotes,
 * delimiters, line breaks, control characters and huge cells, written in UTF-8 (with and
 * without a BOM), GB18030 or UTF-16, read whole and in random slices.
 *
 * - Well-formed files: every row comes out exactly as written — control characters removed
 *   and each removal reported for its row and column — in its row, and papaparse (the oracle
 *   for what a CSV says) reads the same cells.
 * - One unmatched quote added to one row of an export costs exactly that row, named there; every
 *   other row still comes out exactly as written, at its row number. Among adversarial cells
 *   (beginning with a line break, delimiter or quote: text can then read two ways with one
 *   problem each), rows above it stay exact and the quote is reported at or below it.
 * - Damaged rows (bytes no encoding reads, cells beyond the header, parts in another encoding):
 *   rows read = delivered + refused, each refusal and warning names the damaged row, every
 *   other row exact.
 */
import fc from 'fast-check'
import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { removeControlCharacters } from '../../src/domain/tabular/index.ts'
import { concatBytes, encodeGb18030, encodeUtf16, utf8 } from './fixtures/tabular/encodings.ts'
import { readBoth as readBothInSlices } from './fixtures/tabular/read-both.ts'

/** Any slice size on small files; on files with huge cells at most ~300 slices, to stay fast. */
const readBoth = (bytes: Uint8Array<ArrayBuffer>, chunk: number) => readBothInSlices(bytes, Math.max(chunk, Math.ceil(bytes.length / 300)))

const RUNS = Number(process.env.FUZZ_RUNS ?? 60)
/**
 * `npm test` (and so CI) runs a fixed seed, so a run can be repeated and a change is judged on
 * the same files as the run before; `FUZZ_SEED=random` (or another number) explores further.
 * A counterexample found that way is replayed with FUZZ_REPLAY='{"seed":…,"path":"…"}'.
 * Known open one (2026-12-06, seed 453275865, the "adversarial cells" property): a 20,000-
 * character cell of `超长描述abc,"` above an unmatched quote is not read exactly.
 */
const SEED = process.env.FUZZ_SEED === 'random' ? undefined : Number(process.env.FUZZ_SEED ?? 20261206)

/**
 * fc.assert, with the counterexample shortened (huge cells would print megabytes) and the seed
 * and path to replay it: { seed, path } in the parameters.
 */
async function check<T>(property: fc.IAsyncPropertyWithHooks<T>, parameters: fc.Parameters<T>): Promise<void> {
  const replay = process.env.FUZZ_REPLAY ? (JSON.parse(process.env.FUZZ_REPLAY) as { seed: number; path: string }) : SEED === undefined ? {} : { seed: SEED }
  const details = await fc.check(property, { ...parameters, ...replay })
  if (!details.failed) return
  const example = JSON.stringify(details.counterexample, (_key, value: unknown) =>
    typeof value === 'string' && value.length > 200 ? `${value.slice(0, 100)}…(${value.length} characters)` : value)
  throw new Error(`property failed (seed ${details.seed}, path "${details.counterexamplePath}"): ${example}\n${String(details.errorInstance)}`)
}
const ENCODINGS = ['utf-8', 'utf-8-bom', 'gb18030', 'utf-16le', 'utf-16be'] as const
type Encoding = (typeof ENCODINGS)[number]

function encode(text: string, encoding: Encoding): Uint8Array<ArrayBuffer> {
  switch (encoding) {
    case 'utf-8': return utf8(text)
    case 'utf-8-bom': return concatBytes(Uint8Array.from([0xef, 0xbb, 0xbf]), utf8(text))
    case 'gb18030': return encodeGb18030(text)
    case 'utf-16le': return encodeUtf16(text, 'le')
    case 'utf-16be': return encodeUtf16(text, 'be')
  }
}

// Text as exports hold it, plus everything that is syntax in a CSV and control characters.
const PIECES = ['门口垃圾', '热线转办：', '，', '中文', '𠮷', '䶮', '€', '°', 'é', 'abc', '119.92', ' ', ',', '"', '""', '\r\n', '\n', '\t', '\u0000', '\u001b', '\u007f']
const pieceText = fc.array(fc.constantFrom(...PIECES), { maxLength: 8 }).map((pieces) => pieces.join(''))
// Cells past Excel's 32,767 characters are only legitimate on one line (docs/import.md).
const hugeText = fc.integer({ min: 20_000, max: 40_000 }).map((length) => '超长描述abc,"'.repeat(Math.ceil(length / 10)).slice(0, length))
const cellText = fc.oneof({ arbitrary: pieceText, weight: 30 }, { arbitrary: hugeText, weight: 1 })

const headerNames = (width: number) => fc.uniqueArray(fc.constantFrom('工单编号', '经度', '纬度', '问题类别', '问题描述', '地址', 'id', 'note', '来源'), { minLength: width, maxLength: width })

interface Written {
  header: string[]
  rows: string[][]
  /** the text of each row as written, header first, each with its line ending */
  lines: string[]
  /** writes cells as this file's writer does (quoting, line ending) */
  write: (cells: readonly string[], last: boolean) => string
}

const written = fc
  .record({
    width: fc.integer({ min: 3, max: 6 }),
    count: fc.integer({ min: 1, max: 12 }),
    quoteAll: fc.boolean(),
    lineEnd: fc.constantFrom('\r\n', '\n'),
    finalLineEnd: fc.boolean(),
    seed: fc.integer(),
  })
  .chain(({ width, count, quoteAll, lineEnd, finalLineEnd }) =>
    fc.record({
      header: headerNames(width),
      rows: fc.array(fc.array(cellText, { minLength: width, maxLength: width }), { minLength: count, maxLength: count }),
    }).map(({ header, rows }): Written => {
      const quote = (cell: string) => (quoteAll || /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)
      const write = (cells: readonly string[], last: boolean) => cells.map(quote).join(',') + (!last || finalLineEnd ? lineEnd : '')
      const lines = [header, ...rows].map((cells, index, all) => write(cells, index === all.length - 1))
      return { header, rows, lines, write }
    }))

const isBlank = (cells: readonly string[]) => cells.every((cell) => cell.trim() === '')

function expectRowsAsWritten(file: Written, read: Awaited<ReturnType<typeof readBoth>>, skip: ReadonlySet<number> = new Set()) {
  const expected = file.rows
    .map((cells, index) => ({ cells, row: index + 2 }))
    .filter(({ cells, row }) => !isBlank(cells) && !skip.has(row))
  const byRow = new Map(read.rowNumbers.map((row, index) => [row, read.rows[index]]))
  for (const { cells, row } of expected) {
    const got = byRow.get(row)
    expect(got, `row ${row}`).toBeDefined()
    file.header.forEach((column, index) => {
      const { text, removed } = removeControlCharacters(cells[index])
      expect(got![column], `row ${row} ${column}`).toBe(text)
      const reported = read.issues.some((issue) => issue.row === row && issue.field === column && issue.code === 'control_characters')
      expect(reported, `removal reported for row ${row} ${column}`).toBe(removed !== '')
    })
  }
  return expected.length
}

describe('CSV readers, property-based', () => {
  it('well-formed files: every row exact, every removal reported, papaparse agrees', async () => {
    await check(
      fc.asyncProperty(written, fc.constantFrom(...ENCODINGS), fc.integer({ min: 1, max: 4096 }), async (file, encoding, chunk) => {
        fc.pre(file.rows.some((cells) => !isBlank(cells)))
        const text = file.lines.join('')
        const read = await readBoth(encode(text, encoding), chunk)
        expect(read.table.columns).toEqual(file.header)
        expect(read.refused).toEqual([])
        const rows = expectRowsAsWritten(file, read)
        expect(read.rows).toHaveLength(rows)
        expect(read.rowsRead).toBe(rows)
        expect(read.issues.every((issue) => issue.code === 'control_characters')).toBe(true)
        const oracle = Papa.parse<string[]>(text, { delimiter: ',', skipEmptyLines: false }).data.filter((cells) => !isBlank(cells)).slice(1)
        expect(read.rows.map((row) => file.header.map((column) => row[column]))).toEqual(
          oracle.map((cells) => cells.map((cell) => removeControlCharacters(cell).text)))
      }),
      { numRuns: RUNS },
    )
  })

  /** The file with one quote put in front of an unquoted cell of a one-line row; null if none. */
  function withUnmatchedQuote(file: Written, rowPick: number, cellPick: number): { text: string; row: number; index: number } | null {
    const candidates = file.rows.map((cells, index) => ({ cells, index })).filter(({ cells }) => cells.every((cell) => !/[",\r\n]/.test(cell)))
    if (candidates.length === 0) return null
    const { index } = candidates[rowPick % candidates.length]
    const line = file.lines[index + 1]
    const body = line.replace(/\r?\n$/, '')
    const parts = body.split(',')
    const column = cellPick % parts.length
    if (parts[column].startsWith('"')) return null
    parts[column] = '"' + parts[column]
    const lines = [...file.lines]
    lines[index + 1] = parts.join(',') + line.slice(body.length)
    return { text: lines.join(''), row: index + 2, index }
  }

  async function readDamaged(file: Written, damaged: { text: string; index: number }, encoding: Encoding, chunk: number) {
    try {
      return await readBoth(encode(damaged.text, encoding), chunk)
    } catch (error) {
      // Only when no other row has content can the damaged row have been the only one.
      expect(error).toMatchObject({ code: 'no_rows' })
      expect(file.rows.every((cells, other) => other === damaged.index || isBlank(cells))).toBe(true)
      return null
    }
  }

  // Cells as exports write them: a quoted cell's text does not begin with a quote, a line
  // break or the delimiter. Then a quote left open can only end at the end of the file, at a
  // limit, or at the next quoted cell's opening quote: exactly its own row is lost, and named.
  const exportCell = cellText.filter((cell) => !/^[",\r\n]/.test(cell))
  const exportFile = written.chain((file) =>
    fc.array(fc.array(exportCell, { minLength: file.header.length, maxLength: file.header.length }), { minLength: file.rows.length, maxLength: file.rows.length })
      .map((rows) => ({ ...file, rows, lines: [file.header, ...rows].map((cells, index, all) => file.write(cells, index === all.length - 1)) })))

  it('one unmatched quote in an export costs exactly its own row, named there', async () => {
    await check(
      fc.asyncProperty(exportFile, fc.nat(), fc.nat(), fc.constantFrom(...ENCODINGS), fc.integer({ min: 1, max: 4096 }), async (file, rowPick, cellPick, encoding, chunk) => {
        const damaged = withUnmatchedQuote(file, rowPick, cellPick)
        fc.pre(damaged !== null)
        const read = await readDamaged(file, damaged!, encoding, chunk)
        if (!read) return
        const { row } = damaged!
        expect(read.refused.filter((refused) => refused !== row)).toEqual([])
        // Refused as an unclosed quote, or — closed on its own line — read with a warning.
        expect(read.issues.some((issue) => issue.row === row && (issue.code === 'unclosed_quote' || issue.code === 'stray_quote'))).toBe(true)
        expectRowsAsWritten(file, read, new Set([row]))
      }),
      { numRuns: RUNS },
    )
  })

  it('one unmatched quote among adversarial cells: rows above exact, reported at or below, every row accounted for', async () => {
    // Cells beginning with a line break, delimiter or quote can make text that reads two ways
    // with one problem each (`a,"⏎",⏎"b`); the reader picks one and says so.
    await check(
      fc.asyncProperty(written, fc.nat(), fc.nat(), fc.constantFrom(...ENCODINGS), fc.integer({ min: 1, max: 4096 }), async (file, rowPick, cellPick, encoding, chunk) => {
        const damaged = withUnmatchedQuote(file, rowPick, cellPick)
        fc.pre(damaged !== null)
        const read = await readDamaged(file, damaged!, encoding, chunk)
        if (!read) return
        const { row } = damaged!
        expect(read.refused.every((refused) => refused >= row)).toBe(true)
        expect(read.issues.some((issue) => issue.row >= row && issue.code !== 'control_characters'), 'the quote is reported').toBe(true)
        const above = new Set(file.rows.map((_cells, index) => index + 2).filter((other) => other >= row))
        expectRowsAsWritten(file, read, above)
      }),
      { numRuns: RUNS },
    )
  })

  it('damaged rows are refused or warned by row; rows read = delivered + refused; the rest exact', async () => {
    const damage = fc.constantFrom('undecodable', 'extra_cells', 'other_encoding')
    const MARK = '市民来电反映门口垃圾'
    await check(
      fc.asyncProperty(written, fc.array(fc.record({ row: fc.nat(), kind: damage }), { maxLength: 3 }), fc.integer({ min: 1, max: 4096 }), async (file, damages, chunk) => {
        fc.pre(file.rows.some((cells) => !isBlank(cells)))
        // Rows on one line only, so damage to one row's bytes stays in that row.
        fc.pre(file.lines.every((line) => !/[\r\n]/.test(line.replace(/\r?\n$/, ''))))
        const kinds = new Map<number, string>()
        for (const { row, kind } of damages) kinds.set(row % file.rows.length, kind)
        // A line whose only non-ASCII characters are two-byte UTF-8 (é, °) is also valid GB18030
        // and follows the encoding of the lines around it (docs/import.md): not for this property.
        fc.pre(![...kinds.values()].includes('other_encoding') || !file.rows.some((cells) => cells.some((cell) => /[é°]/.test(cell))))
        const parts = file.lines.map((line, index) => {
          const kind = index === 0 ? undefined : kinds.get(index - 1)
          if (kind === 'undecodable') return concatBytes(utf8(line.slice(0, 1)), Uint8Array.from([0xff]), utf8(line.slice(1)))
          if (kind === 'extra_cells') return utf8(line.replace(/(\r?\n)?$/, ',多出来的$1'))
          // A row from another export, in GB18030, with enough Chinese to tell (see the decoder).
          if (kind === 'other_encoding') return encodeGb18030(file.write([MARK + file.rows[index - 1][0], ...file.rows[index - 1].slice(1)], index === file.lines.length - 1))
          return utf8(line)
        })
        const read = await readBoth(concatBytes(...parts), chunk)
        const damaged = new Set([...kinds.keys()].map((index) => index + 2))
        for (const [index, kind] of kinds) {
          const row = index + 2
          const cells = file.rows[index]
          if (kind === 'undecodable') {
            // Usually 'undecodable'; 'unclosed_quote' when the byte lands before a cell's opening quote.
            expect(read.refused).toContain(row)
          } else if (kind === 'extra_cells') {
            expect(read.issues).toContainEqual(expect.objectContaining({ row, code: 'extra_cells', refused: false }))
          } else {
            const got = read.rows[read.rowNumbers.indexOf(row)]
            file.header.forEach((column, position) =>
              expect(got[column], `row ${row} ${column}`).toBe(removeControlCharacters((position === 0 ? MARK : '') + cells[position]).text))
          }
        }
        expect(read.refused.every((row) => damaged.has(row))).toBe(true)
        expect(read.rowsRead).toBe(read.rows.length + read.refused.length)
        const exact = expectRowsAsWritten(file, read, damaged)
        expect(read.rows.length).toBeGreaterThanOrEqual(exact)
      }),
      { numRuns: RUNS },
    )
  })
})
