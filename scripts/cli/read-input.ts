/**
 * A points or cases file for the command-line tools, a slice at a time:
 * - CSV (.csv, .txt, .tsv): streamed with streamCsv (src/domain/tabular), 1 MiB at a time;
 * - XLSX: streamed with exceljs's streaming reader (stream-xlsx.ts);
 * - GeoJSON and Open311 JSON: read whole — a JSON document has to be parsed as one text
 *   (no streaming JSON parser is a dependency), so its size is bounded by memory and by V8's
 *   longest string (about 512 MB); beyond that the file is refused with a message.
 * The magic bytes decide before the extension does, as readTable does: a ZIP is a workbook.
 */
import { closeSync, openAsBlob, openSync, readFileSync, readSync, statSync } from 'node:fs'
import { basename } from 'node:path'
import { extensionOf, readTable, streamCsv, TableError, type ReadIssue, type ReadNotice, type TableFormat } from '../../src/domain/tabular/index.ts'
import { streamXlsx } from './stream-xlsx.ts'

export interface InputSlice {
  rows: Record<string, string>[]
  rowNumbers: number[]
  geometries?: (GeoJSON.Geometry | null)[]
  /** what the reader said about these rows: rows it refused (not in `rows`) and warnings */
  issues?: ReadIssue[]
  notices?: ReadNotice[]
}

export interface InputInfo {
  columns: string[]
  format: TableFormat
  /** whole-file inputs only (GeoJSON): every row's geometry, to tell where locations come from */
  geometries?: (GeoJSON.Geometry | null)[]
  /** whether the file is read a slice at a time */
  streamed: boolean
}

export interface ReadInputOptions {
  /** progress lines ("读取 40%（…行）") for files larger than this many bytes; default 5 MB */
  progressAbove?: number
  log?: (line: string) => void
}

/** The file itself failed while being read (not its content): said as it is, not as a bug. */
export class InputFileError extends Error {
  override name = 'InputFileError'
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0]
const CSV_EXTENSIONS = new Set(['csv', 'txt', 'tsv'])

/** Which reader a file goes to. */
export function inputKind(path: string): 'csv' | 'xlsx' | 'whole' {
  const head = new Uint8Array(4)
  const descriptor = openSync(path, 'r')
  try {
    readSync(descriptor, head, 0, 4, 0)
  } finally {
    closeSync(descriptor)
  }
  const starts = (magic: number[]) => magic.every((byte, index) => head[index] === byte)
  const extension = extensionOf(basename(path))
  if (starts(ZIP_MAGIC)) return extension === 'xlsx' || extension === 'xlsm' ? 'xlsx' : 'whole'
  if (starts(OLE_MAGIC)) return 'whole'
  return CSV_EXTENSIONS.has(extension) ? 'csv' : 'whole'
}

export async function readInput(path: string, onSlice: (slice: InputSlice, info: InputInfo) => Promise<void>, options: ReadInputOptions = {}): Promise<void> {
  const size = statSync(path).size
  const progressAbove = options.progressAbove ?? 5_000_000
  let lastPercent = -10
  const progress = (bytesRead: number, rowsRead: number) => {
    if (!options.log || size <= progressAbove) return
    const percent = Math.floor((100 * bytesRead) / size)
    if (percent < lastPercent + 10) return
    lastPercent = percent
    options.log(`  读取 ${percent}%（${rowsRead.toLocaleString('zh-CN')} 行）`)
  }
  const kind = inputKind(path)
  if (kind === 'csv') {
    const blob = await openAsBlob(path)
    try {
      await streamCsv(blob, {
        onRows: async (rows, state, rowNumbers, read) => {
          progress(state.bytesRead, state.rowsRead)
          // The reader's refused rows and warnings travel with the slice to the validator.
          await onSlice({ rows, rowNumbers, issues: read.issues, notices: read.notices }, { columns: state.columns, format: 'csv', streamed: true })
        },
      })
    } catch (error) {
      // Node's file-backed Blob refuses to read on once the file changed under it.
      if ((error as Error).name === 'NotReadableError') throw new InputFileError(`文件“${basename(path)}”在读取过程中被修改或截断（例如仍在复制或导出中），请等文件写完后重新运行`)
      throw error
    }
    return
  }
  if (kind === 'xlsx') {
    let rowsRead = 0
    await streamXlsx(path, async (slice, columns) => {
      rowsRead += slice.rows.length
      if (options.log && size > progressAbove && rowsRead % 100_000 < slice.rows.length) options.log(`  读取 ${rowsRead.toLocaleString('zh-CN')} 行`)
      await onSlice(slice, { columns, format: 'xlsx', streamed: true })
    })
    return
  }
  let table
  try {
    table = await readTable(new Uint8Array(readFileSync(path)), basename(path))
  } catch (error) {
    if (error instanceof TableError) throw error
    if (error instanceof RangeError || (error as NodeJS.ErrnoException).code === 'ERR_STRING_TOO_LONG' || (error as NodeJS.ErrnoException).code === 'ERR_FS_FILE_TOO_LARGE') {
      throw new TableError('unsupported_format', `文件有 ${(size / 1e6).toFixed(0)} MB，这种格式（JSON）只能整体读入，超出了能读入的大小；请转为 CSV（可逐块读取，大小不限）或拆成几个文件`)
    }
    throw error
  }
  const rowNumbers = table.rows.map((_row, index) => table.rowNumbers?.[index] ?? index + (table.format === 'csv' || table.format === 'xlsx' ? 2 : 1))
  await onSlice(
    { rows: table.rows, rowNumbers, geometries: table.geometries, issues: table.issues, notices: table.notices },
    { columns: table.columns, format: table.format, geometries: table.geometries, streamed: false },
  )
}
