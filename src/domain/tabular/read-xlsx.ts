/**
 * The first worksheet of an .xlsx workbook, header in its first non-empty row. Cells become the
 * strings a person would read: numbers as written, dates as ISO local date-times (Excel stores
 * wall-clock time without a zone; the importer applies the district's zone), formulas as their
 * result, rich text as its plain text.
 *
 * Only the first worksheet is read; rows on the others are counted and the user is told, so a
 * workbook whose data continue on a second sheet is not imported half without a word.
 *
 * exceljs is loaded on first use: it is large, and most imports are CSV. Its package.json
 * "browser" field gives Vite a self-contained build, so the same import works in Node and in
 * the browser bundle.
 */
import type { CellValue, Workbook } from 'exceljs'
import { cleanHeaderCells, columnsFromHeader, isBlankRow, looksLikeDataRow, recordFromCells } from './header.ts'
import type { ReadIssue, ReadNotice } from './read-issue.ts'
import type { Table } from './table.ts'
import { TableError } from './table-error.ts'

type ExcelModule = typeof import('exceljs')

async function loadExcel(): Promise<ExcelModule> {
  const loaded = (await import('exceljs')) as ExcelModule & { default?: ExcelModule }
  return loaded.default ?? loaded
}

export async function readXlsx(bytes: Uint8Array): Promise<Table> {
  if (bytes.length === 0) throw new TableError('empty_file')
  const excel = await loadExcel()
  const workbook: Workbook = new excel.Workbook()
  try {
    // exceljs wants an ArrayBuffer-like "Buffer"; a fresh copy avoids handing it a view's whole backing store.
    await workbook.xlsx.load(bytes.slice().buffer as ArrayBuffer)
  } catch (error) {
    throw new TableError('unreadable_xlsx', error instanceof Error ? error.message : undefined, { cause: error })
  }
  const sheet = workbook.worksheets[0]
  if (!sheet) throw new TableError('empty_file', '工作簿中没有工作表')

  const lines: { number: number; cells: string[] }[] = []
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = []
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellText(cell.value)
    })
    for (let index = 0; index < cells.length; index++) cells[index] ??= ''
    lines.push({ number: row.number, cells })
  })
  const headerAt = lines.findIndex((line) => !isBlankRow(line.cells))
  if (headerAt < 0) throw new TableError('empty_file', '第一个工作表没有内容')
  const header = lines[headerAt]
  if (looksLikeDataRow(header.cells)) throw new TableError('no_header', `第 ${header.number} 行全是数字`)
  const cleanedHeader = cleanHeaderCells(header.cells, header.number)
  const columns = columnsFromHeader(cleanedHeader.cells)
  const rows: Record<string, string>[] = []
  const rowNumbers: number[] = []
  const issues: ReadIssue[] = [...cleanedHeader.issues]
  for (const line of lines.slice(headerAt + 1)) {
    if (isBlankRow(line.cells)) continue
    const read = recordFromCells(columns, line.cells, line.number, ' | ')
    rows.push(read.record)
    rowNumbers.push(line.number)
    issues.push(...read.issues)
  }
  if (rows.length === 0) throw new TableError('no_rows')
  return { columns, rows, format: 'xlsx', rowNumbers, issues, notices: otherSheets(workbook, sheet.name) }
}

function otherSheets(workbook: Workbook, firstName: string): ReadNotice[] {
  const skipped = workbook.worksheets.slice(1).filter((sheet) => sheet.actualRowCount > 0)
  if (skipped.length === 0) return []
  const count = skipped.reduce((sum, sheet) => sum + sheet.actualRowCount, 0)
  const names = skipped.map((sheet) => `“${sheet.name}”（${sheet.actualRowCount} 行）`).join('、')
  return [{
    code: 'other_sheets',
    count,
    message: `只读取了第一个工作表“${firstName}”；工作簿中还有${names}未读取，如需导入请另存为单独的文件`,
  }]
}

/** What a cell shows, as text. Exported for tests. */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  if (value instanceof Date) return isoLocal(value)
  if ('richText' in value) return value.richText.map((part) => part.text).join('')
  if ('hyperlink' in value) return cellText(value.text as CellValue)
  if ('formula' in value || 'sharedFormula' in value) return cellText((value.result ?? null) as CellValue)
  if ('error' in value) return String(value.error)
  return ''
}

/** exceljs returns Excel's wall-clock time as if it were UTC; print it back without a zone. */
function isoLocal(date: Date): string {
  if (Number.isNaN(date.getTime())) return ''
  const iso = date.toISOString() // YYYY-MM-DDTHH:mm:ss.sssZ
  const withoutZone = iso.slice(0, 19)
  return withoutZone.endsWith('T00:00:00') ? withoutZone.slice(0, 10) : withoutZone
}
