/**
 * Any supported file to a Table: by extension first, by content when the extension says
 * nothing useful (.json holds GeoJSON or Open311; a missing or odd extension is sniffed).
 */
import { hasUtf8Bom, decodeText } from './decode-text.ts'
import { readCsvText } from './read-csv.ts'
import { isGeoJson, readGeoJson } from './read-geojson.ts'
import { isOpen311, readOpen311 } from './read-open311.ts'
import { readXlsx } from './read-xlsx.ts'
import type { Table } from './table.ts'
import { TableError } from './table-error.ts'

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0] // legacy .xls (and .doc) compound file

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((byte, index) => bytes[index] === byte)
}

export function extensionOf(fileName: string): string {
  const match = /\.([^./\\]+)$/.exec(fileName.trim())
  return match ? match[1].toLowerCase() : ''
}

export async function readTable(bytes: Uint8Array, fileName: string): Promise<Table> {
  if (bytes.length === 0 || (hasUtf8Bom(bytes) && bytes.length === 3)) throw new TableError('empty_file')
  const extension = extensionOf(fileName)
  if (startsWith(bytes, OLE_MAGIC) || extension === 'xls') throw new TableError('legacy_xls')
  if (startsWith(bytes, ZIP_MAGIC)) {
    if (extension === 'xlsx' || extension === 'xlsm' || extension === '' || !TEXT_EXTENSIONS.has(extension)) return readXlsx(bytes)
    throw new TableError('unsupported_format', `“${fileName}” 是压缩包，不是文本文件`)
  }
  if (extension === 'xlsx' || extension === 'xlsm') throw new TableError('unreadable_xlsx', '文件不是 .xlsx 格式（缺少 ZIP 文件头）')

  const { text, encoding } = decodeText(bytes)
  if (text.trim() === '') throw new TableError('empty_file')
  const firstCharacter = text.trimStart()[0]
  const jsonByName = extension === 'json' || extension === 'geojson'
  if (jsonByName || ((extension === '' || !TEXT_EXTENSIONS.has(extension)) && (firstCharacter === '{' || firstCharacter === '['))) {
    return readJsonTable(text, extension)
  }
  if (TEXT_EXTENSIONS.has(extension) || extension === '') return readCsvText(text, encoding)
  throw new TableError('unsupported_format', `扩展名 .${extension}`)
}

const TEXT_EXTENSIONS = new Set(['csv', 'txt', 'tsv', 'json', 'geojson'])

function readJsonTable(text: string, extension: string): Table {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new TableError('invalid_json', error instanceof Error ? error.message : undefined, { cause: error })
  }
  if (isGeoJson(value)) return readGeoJson(value)
  if (extension !== 'geojson' && isOpen311(value)) return readOpen311(value)
  throw new TableError('unknown_json')
}
