/**
 * A demo 12319 hotline export (synthetic), the file a dispatcher imports to try the case
 * intake: the columns of the "12319 热线导出" preset, GBK-encoded CSV with CRLF line ends as
 * Excel on a Chinese Windows saves it (or XLSX), coordinates in GCJ-02 as the hotline's map
 * picker gives them, and about 1.5 % bad rows of the kinds real exports have. Deterministic:
 * the cases are a seeded sample of the demo district's public-reported cases, re-worded as
 * callers put them.
 *
 *   npm run demo:hotline -- [--out public/demo/12319-hotline-demo.csv] [--rows 2000] [--format csv|xlsx] [--seed N]
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import ExcelJS from 'exceljs'
import { fromWgs84 } from '../../src/domain/import/coordinate-system.ts'
import { DEFAULT_CATEGORY_ALIASES } from '../../src/domain/import/category-aliases.ts'
import { HOTLINE_12319_PRESET } from '../../src/domain/import/presets.ts'
import { encodeGbk } from '../../src/domain/tabular/encode-gbk.ts'
import { csvRecords } from '../../src/domain/tabular/write-csv.ts'
import { readMatters } from './categories.ts'
import { DEFAULT_SEED, generateDemoDistrict } from './generate.ts'
import type { DemoDistrict } from './model.ts'
import { Rng } from './prng.ts'

const mapping = HOTLINE_12319_PRESET.mapping
/** The export's columns, in the hotline system's order. */
export const HOTLINE_COLUMNS = [
  mapping.externalId!,
  mapping.reportedAt!,
  mapping.source!,
  mapping.category,
  mapping.description!,
  mapping.address!,
  mapping.lon,
  mapping.lat,
] as const

export type BadRowKind =
  | 'text_in_latitude'
  | 'swapped_coordinates'
  | 'unknown_category'
  | 'bad_date'
  | 'duplicate_id'
  | 'outside_district'
  | 'blank_coordinate'

/** What a correct import must say about a deliberately bad row. */
export interface BadRow {
  /** spreadsheet row (header = 1) */
  row: number
  kind: BadRowKind
  /** the column the problem is reported on */
  field: string
  /** the row it duplicates, for duplicate_id */
  duplicateOf?: number
}

export interface HotlineFile {
  columns: readonly string[]
  /** data rows, cells as written */
  rows: string[][]
  bad: BadRow[]
  /** the demo case each row was made from (its id in DemoDistrict.incidents), for tests */
  incidentIds: number[]
}

export interface HotlineOptions {
  rows?: number
  seed?: number
  /** reuse an already generated district (the generator takes a few seconds) */
  district?: DemoDistrict
}

const BAD_KINDS: BadRowKind[] = [
  'text_in_latitude',
  'swapped_coordinates',
  'unknown_category',
  'bad_date',
  'duplicate_id',
  'outside_district',
  'blank_coordinate',
]
const FIELD_OF: Record<BadRowKind, string> = {
  text_in_latitude: mapping.lat,
  swapped_coordinates: `${mapping.lon}/${mapping.lat}`,
  unknown_category: mapping.category,
  bad_date: mapping.reportedAt!,
  duplicate_id: mapping.externalId!,
  outside_district: `${mapping.lon}/${mapping.lat}`,
  blank_coordinate: mapping.lon,
}

const SOURCE_TEXTS: [text: string, weight: number][] = [
  ['12319热线', 70],
  ['12345转办', 12],
  ['群众来电', 10],
  ['微信公众号', 5],
  ['', 3],
]
const OPENINGS = ['市民来电反映', '来电人反映', '市民反映', '群众来电称', '热线转办：市民反映']
const DETAILS = ['已持续多日', '影响行人通行', '气味难闻', '夜间尤为严重', '多次反映未解决', '希望尽快处理', '周边居民意见较大', '存在安全隐患']
const UNKNOWN_CATEGORIES = ['邻里纠纷', '物业服务纠纷', '房屋漏水', '宠物扰民']
const BAD_DATES = ['2026-02-30 10:15', '昨天下午', '2026/13/2 9:00', '待补录']
const TEXT_LATITUDES = ['见附件', '32.4x7', '不详', '北纬三十二度']

function aliasesByCode(): Map<string, string[]> {
  const byCode = new Map<string, string[]>()
  for (const [phrase, code] of Object.entries(DEFAULT_CATEGORY_ALIASES)) byCode.set(code, [...(byCode.get(code) ?? []), phrase])
  return byCode
}

/** "2026-03-05T08:05:00+08:00" → the hotline's "2026-03-05 08:05:00", or Excel's "2026/3/5 8:05" */
function timeText(iso: string, excelStyle: boolean): string {
  const [date, time] = iso.slice(0, 19).split('T')
  if (!excelStyle) return `${date} ${time}`
  const [year, month, day] = date.split('-').map(Number)
  const [hour, minute] = time.split(':').map(Number)
  return `${year}/${month}/${day} ${hour}:${String(minute).padStart(2, '0')}`
}

export function generateHotlineFile(options: HotlineOptions = {}): HotlineFile {
  const count = Math.max(10, Math.floor(options.rows ?? 2000))
  const seed = options.seed ?? DEFAULT_SEED
  const district = options.district ?? generateDemoDistrict(seed)
  const rng = new Rng(seed, 0x12319)
  const names = new Map(readMatters().map((matter) => [matter.code, matter.name]))
  const aliases = aliasesByCode()
  const sourceWeights = SOURCE_TEXTS.map(([, weight]) => weight)

  // Cases the public reports, in time order like an export.
  const pool = district.incidents.filter((incident) => incident.source === 'hotline_12319' || incident.source === 'public_report')
  const picked = rng.shuffle(pool.map((_incident, index) => index)).slice(0, count).sort((a, b) => a - b)
  const dayCounter = new Map<string, number>()

  const rows: string[][] = picked.map((poolIndex) => {
    const incident = pool[poolIndex]
    const day = incident.reportedAt.slice(0, 10).replaceAll('-', '')
    const sequence = (dayCounter.get(day) ?? 0) + 1
    dayCounter.set(day, sequence)
    const name = names.get(incident.categoryCode) ?? incident.categoryCode
    const phrases = aliases.get(incident.categoryCode) ?? []
    const style = rng.next()
    const category = style < 0.25 ? incident.categoryCode : style < 0.5 && phrases.length > 0 ? rng.pick(phrases) : name
    const place = incident.description.split('，')[1] ?? ''
    const problem = phrases.length > 0 && rng.chance(0.6) ? rng.pick(phrases) : name
    const description = `${rng.pick(OPENINGS)}${place}${problem}，${rng.pick(DETAILS)}。`
    const [lon, lat] = fromWgs84(incident.lon, incident.lat, 'gcj02')
    const cells: Record<string, string> = {
      [mapping.externalId!]: `RX${day}${String(sequence).padStart(4, '0')}`,
      [mapping.reportedAt!]: timeText(incident.reportedAt, rng.chance(0.1)),
      [mapping.source!]: SOURCE_TEXTS[rng.weighted(sourceWeights)][0],
      [mapping.category]: category,
      [mapping.description!]: description,
      [mapping.address!]: place,
      [mapping.lon]: lon.toFixed(6),
      [mapping.lat]: lat.toFixed(6),
    }
    return HOTLINE_COLUMNS.map((column) => cells[column])
  })

  // About 1.5 % bad rows, each kind in turn, never in the first ten rows (so a duplicate has an original).
  const badCount = Math.max(BAD_KINDS.length, Math.round(count * 0.015))
  const candidates = rng.shuffle(rows.map((_row, index) => index).slice(10)).slice(0, badCount).sort((a, b) => a - b)
  const column = (name: string) => HOTLINE_COLUMNS.indexOf(name as (typeof HOTLINE_COLUMNS)[number])
  const [minLon, , , maxLat] = bboxOf(district.district.geometry.coordinates[0])
  const bad: BadRow[] = candidates.map((index, order) => {
    const kind = BAD_KINDS[order % BAD_KINDS.length]
    const cells = rows[index]
    const row: BadRow = { row: index + 2, kind, field: FIELD_OF[kind] }
    switch (kind) {
      case 'text_in_latitude':
        cells[column(mapping.lat)] = rng.pick(TEXT_LATITUDES)
        break
      case 'swapped_coordinates':
        ;[cells[column(mapping.lon)], cells[column(mapping.lat)]] = [cells[column(mapping.lat)], cells[column(mapping.lon)]]
        break
      case 'unknown_category':
        cells[column(mapping.category)] = rng.pick(UNKNOWN_CATEGORIES)
        break
      case 'bad_date':
        cells[column(mapping.reportedAt!)] = rng.pick(BAD_DATES)
        break
      case 'duplicate_id': {
        const original = rng.int(0, index - 1)
        cells[column(mapping.externalId!)] = rows[original][column(mapping.externalId!)]
        row.duplicateOf = original + 2
        break
      }
      case 'outside_district': {
        // A neighbouring district's case, 3–6 km west of ours.
        const [lon, lat] = fromWgs84(minLon - rng.range(0.03, 0.06), maxLat - rng.range(0.01, 0.03), 'gcj02')
        cells[column(mapping.lon)] = lon.toFixed(6)
        cells[column(mapping.lat)] = lat.toFixed(6)
        break
      }
      case 'blank_coordinate':
        cells[column(mapping.lon)] = ''
        break
    }
    return row
  })
  // A duplicate id must point at a row that is itself fine, or the "first row" named in the
  // error would be a row the import refused for another reason.
  const badRows = new Set(bad.map((entry) => entry.row))
  for (const entry of bad) {
    if (entry.kind !== 'duplicate_id' || !badRows.has(entry.duplicateOf!)) continue
    let original = entry.duplicateOf! - 2
    while (badRows.has(original + 2)) original--
    rows[entry.row - 2][column(mapping.externalId!)] = rows[original][column(mapping.externalId!)]
    entry.duplicateOf = original + 2
  }
  return { columns: HOTLINE_COLUMNS, rows, bad, incidentIds: picked.map((poolIndex) => pool[poolIndex].id) }
}

function bboxOf(ring: [number, number][]): [number, number, number, number] {
  const lons = ring.map((position) => position[0])
  const lats = ring.map((position) => position[1])
  return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)]
}

/** GBK bytes, CRLF, no BOM — what Excel writes for "CSV (逗号分隔)" on a Chinese Windows. */
export function hotlineCsvBytes(file: HotlineFile): Uint8Array<ArrayBuffer> {
  const text = csvRecords([[...file.columns], ...file.rows])
  return encodeGbk(text)
}

/** The same as a workbook: coordinates as numbers and times as date cells where they are valid. */
export async function hotlineXlsxBytes(file: HotlineFile): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('工单导出')
  sheet.addRow([...file.columns])
  const timeColumn = file.columns.indexOf(mapping.reportedAt!)
  const numberColumns = new Set([file.columns.indexOf(mapping.lon), file.columns.indexOf(mapping.lat)])
  for (const cells of file.rows) {
    sheet.addRow(
      cells.map((cell, index) => {
        if (numberColumns.has(index) && /^-?\d+(\.\d+)?$/.test(cell)) return Number(cell)
        if (index === timeColumn) return excelTime(cell) ?? cell
        return cell
      }),
    )
  }
  sheet.getColumn(timeColumn + 1).numFmt = 'yyyy-mm-dd hh:mm:ss'
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

/** A wall-clock time as exceljs wants it: a Date whose UTC fields are the local time. */
function excelTime(text: string): Date | null {
  const match = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2}) (\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text)
  if (!match) return null
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0))
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second))
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : null
}

function argument(args: string[], name: string): string | undefined {
  const index = args.indexOf(`--${name}`)
  return index >= 0 ? args[index + 1] : undefined
}

async function main(args: string[]): Promise<void> {
  const format = argument(args, 'format') ?? 'csv'
  if (format !== 'csv' && format !== 'xlsx') throw new Error(`--format 应为 csv 或 xlsx，收到 ${format}`)
  const rows = Number(argument(args, 'rows') ?? 2000)
  if (!Number.isInteger(rows) || rows < 10) throw new Error(`--rows 应为不小于 10 的整数，收到 ${argument(args, 'rows')}`)
  const seed = Number(argument(args, 'seed') ?? DEFAULT_SEED)
  const out = resolve(argument(args, 'out') ?? `public/demo/12319-hotline-demo.${format}`)
  const file = generateHotlineFile({ rows, seed })
  const bytes = format === 'csv' ? hotlineCsvBytes(file) : await hotlineXlsxBytes(file)
  mkdirSync(dirname(out), { recursive: true })
  writeFileSync(out, bytes)
  const kinds = new Map<string, number>()
  for (const entry of file.bad) kinds.set(entry.kind, (kinds.get(entry.kind) ?? 0) + 1)
  console.log(`已生成演示热线导出（合成数据）：${out}`)
  console.log(`  ${file.rows.length} 行，${(bytes.length / 1024).toFixed(0)} KB，${format === 'csv' ? 'GBK 编码 CSV（CRLF）' : 'XLSX'}，坐标为 GCJ-02`)
  console.log(`  有问题的行 ${file.bad.length} 行：${[...kinds].map(([kind, number]) => `${kind} ${number}`).join('，')}`)
  console.log(`  导入：npm run import:cases -- --file ${out} --preset "${HOTLINE_12319_PRESET.name}" --dry-run`)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  })
}
