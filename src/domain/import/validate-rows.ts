/**
 * Table rows → rows for intake_incidents, one row at a time so one bad cell costs one row.
 * The validator keeps state across calls (ids seen, unknown categories), so a file streamed in
 * slices is checked exactly like a file read whole.
 *
 * Decisions (see docs/import.md):
 * - Swapped coordinates are fixed with a warning when unambiguous: in China a latitude can
 *   never look like a longitude (3–54 vs 73–136), so a swap cannot be mistaken.
 * - A point outside the district is an error by default: the database would take it without a
 *   grid, department routing by grid and the per-grid statistics would miss it, and it is
 *   usually another district's case or a wrong coordinate system. `outsideDistrict: 'keep'`
 *   lets it through for offices that want such cases recorded anyway.
 * - A row without an id gets a content hash as its id, so re-importing creates no duplicate.
 * - Text is stored as written: full-width folding and whitespace collapsing serve matching only
 *   (categories, sources, duplicate ids, content hashes), never the stored description.
 * - Rows the file reader refused (an unclosed quote, undecodable bytes) arrive as issues and
 *   are counted and reported here like any other refused row, so rows read = valid + refused.
 */
import type { ReadIssue, ReadNotice } from '../tabular/read-issue.ts'
import { rowNumberOf, type Table, type TableFormat } from '../tabular/table.ts'
import { ADDRESS_MATCH_REASONS, type AddressGazetteer } from './address-match.ts'
import type { CategoryResolver } from './category-resolver.ts'
import { FROM_ADDRESS, FROM_GEOMETRY, type ColumnMapping } from './column-mapping.ts'
import { COORDINATE_SYSTEM_SHORT_NAMES, toWgs84, type CoordinateSystem } from './coordinate-system.ts'
import { toDistrictArea, type DistrictArea, type DistrictInput } from './district-area.ts'
import { intakeRowSchema, MAX_DESCRIPTION_LENGTH, MAX_EXTERNAL_ID_LENGTH } from './intake-row-schema.ts'
import {
  TARGET_LABELS,
  type IncidentSource,
  type IntakeRow,
  type RowError,
  type RowErrorCode,
  type RowWarning,
  type RowWarningCode,
} from './intake-row.ts'
import { normalizeText } from './normalize-text.ts'
import { inChina, parseCoordinate } from './parse-coordinate.ts'
import { formatAt, parseReportedAt } from './parse-date.ts'
import { contentId } from './row-hash.ts'
import { sniffCrs, type CoordinateSystemSniff } from './sniff-crs.ts'
import { resolveSource } from './source-resolver.ts'
import { APP_SETTING_DEFAULTS } from '../settings/app-settings.ts'

export interface ValidationOptions {
  mapping: ColumnMapping
  crs: CoordinateSystem
  defaultSource: IncidentSource
  categories: CategoryResolver
  /** the district outline (or bbox); without it no point is refused for its location */
  district?: DistrictInput | null
  outsideDistrict?: 'error' | 'keep'
  /** hours east of UTC for times written without a zone; default 8 */
  offsetHours?: number
  /** for "time in the future" checks; default: the current time */
  now?: Date
  /** the file's format: XLSX cells may hold Excel serial day numbers */
  format?: TableFormat
  /**
   * the district's place names (address-match.ts): a row whose coordinates are both blank is
   * placed by its address column instead of being refused
   */
  addresses?: AddressGazetteer | null
  /**
   * Locations the dispatcher chose on the map (WGS84), by file row: the row is placed there
   * whatever its own coordinates or address say. The import preview offers it for rows refused
   * only for their location.
   */
  manualPoints?: ReadonlyMap<number, readonly [number, number]> | null
}

export interface UnknownCategory {
  text: string
  count: number
  /** the first rows that use it (at most 20) */
  rows: number[]
}

export interface ImportNote {
  code: 'generated_ids' | 'default_source' | 'default_time' | 'crs' | ReadNotice['code']
  message: string
  count: number
}

export interface ValidationResult {
  ok: IntakeRow[]
  /** the file row of each `ok` row, same order */
  rowNumbers: number[]
  errors: RowError[]
  warnings: RowWarning[]
  unknownCategories: UnknownCategory[]
  notes: ImportNote[]
  /** every data row seen, the reader's refusals included: valid + refused */
  rowsRead: number
  /** rows with at least one error (the reader's refusals and in-file duplicates included) */
  rowsRefused: number
  /** whether the declared coordinate system fits the district; null without a district */
  crsCheck: CoordinateSystemSniff | null
}

/** One slice of rows; `geometries` only for GeoJSON input. */
export interface RowSlice {
  rows: readonly Record<string, string>[]
  rowNumbers: readonly number[]
  geometries?: readonly (GeoJSON.Geometry | null)[]
  /** what the reader said about rows of this slice: refused rows (not in `rows`) and warnings */
  issues?: readonly ReadIssue[]
  /** what the reader said about the file (given once, with any slice) */
  notices?: readonly ReadNotice[]
}

const FUTURE_TOLERANCE_MS = 24 * 3_600_000
const POINT_SAMPLE_SIZE = 2000

export class RowValidator {
  private readonly options: ValidationOptions
  private readonly district: DistrictArea | null
  private readonly firstRowOfId = new Map<string, number>()
  private readonly unknown = new Map<string, UnknownCategory>()
  // A spread-out sample of the file's points for the coordinate-system check: every
  // `sampleStride`-th point, the stride doubling whenever the sample fills up, so memory stays
  // bounded on a file of millions of rows and the sample still covers the whole file.
  private rawPoints: [number, number][] = []
  private sampleStride = 1
  private pointsSeen = 0
  private generatedIds = 0
  private defaultedSources = 0
  private defaultedTimes = 0
  private rowsRead = 0
  private rowsRefused = 0
  private readonly readerNotes: ImportNote[] = []

  constructor(options: ValidationOptions) {
    this.options = options
    this.district = options.district ? toDistrictArea(options.district) : null
  }

  /** Checks a slice; ids are compared with every earlier slice too. */
  async validate(slice: RowSlice): Promise<Pick<ValidationResult, 'ok' | 'rowNumbers' | 'errors' | 'warnings'>> {
    const ok: IntakeRow[] = []
    const rowNumbers: number[] = []
    const errors: RowError[] = []
    const warnings: RowWarning[] = []
    const drafts: { row: number; intake: Omit<IntakeRow, 'external_id'>; id: string | null; idText: string; sourceDefaulted: boolean }[] = []

    this.takeReaderIssues(slice, errors, warnings)
    slice.rows.forEach((record, index) => {
      this.rowsRead++
      const row = slice.rowNumbers[index]
      const draft = this.checkRow(record, row, slice.geometries?.[index] ?? null, errors, warnings)
      if (draft) drafts.push({ row, ...draft })
    })

    // Hashes are computed together: crypto.subtle is asynchronous and cheap in parallel.
    const ids = await Promise.all(drafts.map((draft) => draft.id ?? contentId(draft.intake)))
    drafts.forEach((draft, index) => {
      const externalId = ids[index]
      const idField = this.options.mapping.externalId ?? TARGET_LABELS.external_id
      // Ids are compared folded (ＲＸ１ = RX1), as a person would read them.
      const idKey = normalizeText(externalId)
      const first = this.firstRowOfId.get(idKey)
      if (first !== undefined) {
        errors.push(
          draft.id === null
            ? this.error(draft.row, idField, '', 'duplicate_id', 'external_id', `与第 ${first} 行内容完全相同（两行都没有工单编号），视为重复行`)
            : this.error(draft.row, idField, draft.idText, 'duplicate_id', 'external_id', `工单编号“${externalId}”与第 ${first} 行重复`),
        )
        return
      }
      const intake: IntakeRow = { external_id: externalId, ...draft.intake }
      const checked = intakeRowSchema.safeParse(intake)
      if (!checked.success) {
        const issue = checked.error.issues[0]
        const target = (issue.path[0] as keyof IntakeRow | undefined) ?? 'row'
        errors.push(this.error(draft.row, TARGET_LABELS[target], String(intake[target as keyof IntakeRow] ?? ''), 'database', target, `不符合入库格式：${issue.message}`))
        return
      }
      if (draft.id === null) this.generatedIds++
      if (draft.sourceDefaulted) this.defaultedSources++
      this.firstRowOfId.set(idKey, draft.row)
      ok.push(intake)
      rowNumbers.push(draft.row)
    })
    this.rowsRefused += slice.rows.length - ok.length
    errors.sort((a, b) => a.row - b.row)
    warnings.sort((a, b) => a.row - b.row)
    return { ok, rowNumbers, errors, warnings }
  }

  /** The reader's refusals become row errors (and count as rows read), its warnings warnings. */
  private takeReaderIssues(slice: RowSlice, errors: RowError[], warnings: RowWarning[]): void {
    const refused = new Set<number>()
    for (const issue of slice.issues ?? []) {
      if (issue.refused) {
        refused.add(issue.row)
        errors.push(this.error(issue.row, issue.field, issue.value, issue.code as RowErrorCode, 'row', issue.message))
      } else {
        warnings.push({ row: issue.row, field: issue.field, value: issue.value, message: issue.message, code: issue.code as RowWarningCode })
      }
    }
    this.rowsRead += refused.size
    this.rowsRefused += refused.size
    for (const notice of slice.notices ?? []) this.readerNotes.push({ code: notice.code, count: notice.count, message: notice.message })
  }

  /** Totals for everything validated so far. */
  summary(): Pick<ValidationResult, 'unknownCategories' | 'notes' | 'rowsRead' | 'rowsRefused' | 'crsCheck'> {
    const notes: ImportNote[] = [...this.readerNotes]
    if (this.generatedIds > 0) {
      notes.push({
        code: 'generated_ids',
        count: this.generatedIds,
        message: `${this.generatedIds} 行没有工单编号，已按内容生成编号（sha256:…），重复导入不会产生重复案件`,
      })
    }
    if (this.defaultedSources > 0) {
      notes.push({
        code: 'default_source',
        count: this.defaultedSources,
        message: `${this.defaultedSources} 行未填来源，按默认来源处理`,
      })
    }
    if (this.defaultedTimes > 0) {
      notes.push({
        code: 'default_time',
        count: this.defaultedTimes,
        message: `未指定上报时间列，${this.defaultedTimes} 行按导入时间登记`,
      })
    }
    const crsCheck = this.district && this.rawPoints.length > 0 ? sniffCrs(this.rawPoints, this.district, this.options.crs) : null
    if (crsCheck?.warning) notes.push({ code: 'crs', count: crsCheck.sampled, message: crsCheck.warning })
    return {
      unknownCategories: [...this.unknown.values()].sort((a, b) => b.count - a.count || a.text.localeCompare(b.text)),
      notes,
      rowsRead: this.rowsRead,
      rowsRefused: this.rowsRefused,
      crsCheck,
    }
  }

  private checkRow(
    record: Record<string, string>,
    row: number,
    geometry: GeoJSON.Geometry | null,
    errors: RowError[],
    warnings: RowWarning[],
  ): { intake: Omit<IntakeRow, 'external_id'>; id: string | null; idText: string; sourceDefaulted: boolean } | null {
    const { mapping } = this.options
    const cell = (column: string | undefined) => (column === undefined ? '' : (record[column] ?? ''))
    const errorsBefore = errors.length

    const point = this.checkPoint(record, row, geometry, errors, warnings)

    const categoryText = cell(mapping.category)
    const category = this.options.categories.resolve(categoryText)
    if (!category.ok) {
      const blank = categoryText.trim() === ''
      errors.push(this.error(row, mapping.category, categoryText, blank ? 'missing' : 'unknown_category', 'category_code', category.reason))
      if (!blank) this.noteUnknownCategory(normalizeText(categoryText), row)
    }

    const sourceText = cell(mapping.source)
    const source = resolveSource(sourceText, this.options.defaultSource)
    if (!source.ok) errors.push(this.error(row, mapping.source ?? TARGET_LABELS.source, sourceText, 'unknown_source', 'source', source.reason))

    const reportedAt = this.checkTime(cell(mapping.reportedAt), row, errors)

    // As written: line breaks, full-width punctuation and spacing are the caller's words.
    const address = cell(mapping.address).trim()
    const description = cell(mapping.description) + (address === '' ? '' : `（地址：${address}）`)
    if (description.length > MAX_DESCRIPTION_LENGTH) {
      errors.push(this.error(row, mapping.description ?? TARGET_LABELS.description, description.slice(0, 50) + '…', 'too_long', 'description',
        `问题描述过长（${description.length} 字），最多 ${MAX_DESCRIPTION_LENGTH} 字`))
    }

    // Spaces around an id are not part of it; inside it, and full-width forms, they are kept.
    const idText = cell(mapping.externalId).trim()
    if (idText.length > MAX_EXTERNAL_ID_LENGTH) {
      errors.push(this.error(row, mapping.externalId ?? TARGET_LABELS.external_id, idText.slice(0, 50) + '…', 'too_long', 'external_id',
        `工单编号过长（${idText.length} 个字符），最多 ${MAX_EXTERNAL_ID_LENGTH} 个`))
    }

    if (errors.length > errorsBefore || !point || !category.ok || !source.ok || !reportedAt) return null
    return {
      sourceDefaulted: source.defaulted,
      intake: { lon: point[0], lat: point[1], category_code: category.code, source: source.source, description, reported_at: reportedAt },
      id: idText === '' ? null : idText,
      idText,
    }
  }

  /** The row's location in WGS84, or null after reporting why there is none. */
  private checkPoint(
    record: Record<string, string>,
    row: number,
    geometry: GeoJSON.Geometry | null,
    errors: RowError[],
    warnings: RowWarning[],
  ): [number, number] | null {
    const { mapping, crs } = this.options
    const chosen = this.options.manualPoints?.get(row)
    if (chosen) return this.placeOnMap(chosen, row, errors, warnings)
    if (mapping.lon === FROM_ADDRESS || mapping.lat === FROM_ADDRESS) {
      return this.placeByAddress(mapping.address === undefined ? '' : (record[mapping.address] ?? ''), row, errors, warnings)
    }
    let lon: number
    let lat: number
    const lonField = mapping.lon === FROM_GEOMETRY ? '几何' : mapping.lon
    const latField = mapping.lat === FROM_GEOMETRY ? '几何' : mapping.lat
    if (mapping.lon === FROM_GEOMETRY || mapping.lat === FROM_GEOMETRY) {
      const position = pointOf(geometry)
      if (!position) {
        const isPoint = geometry?.type === 'Point' || geometry?.type === 'MultiPoint'
        errors.push(this.error(row, '几何', geometry ? geometry.type : '', 'no_point_geometry', 'lon',
          !geometry ? '要素没有几何（geometry 为空或无效）'
          : isPoint ? `点要素的坐标缺失或不是 [经度, 纬度]（coordinates：${JSON.stringify((geometry as { coordinates?: unknown }).coordinates ?? null).slice(0, 40)}）`
          : `要素几何是 ${geometry.type}，只能导入点（Point）要素`))
        return null
      }
      ;[lon, lat] = position
    } else {
      const lonText = record[mapping.lon] ?? ''
      const latText = record[mapping.lat] ?? ''
      if (lonText.trim() === '' && latText.trim() === '' && mapping.address && this.options.addresses) {
        return this.placeByAddress(record[mapping.address] ?? '', row, errors, warnings)
      }
      const parsedLon = parseCoordinate(lonText)
      const parsedLat = parseCoordinate(latText)
      if (!parsedLon.ok) {
        errors.push(parsedLon.missing
          ? this.error(row, lonField, lonText, 'missing', 'lon', '经度为空')
          : this.error(row, lonField, lonText, 'not_a_number', 'lon', `经度“${lonText.trim()}”不是数字`))
      }
      if (!parsedLat.ok) {
        errors.push(parsedLat.missing
          ? this.error(row, latField, latText, 'missing', 'lat', '纬度为空')
          : this.error(row, latField, latText, 'not_a_number', 'lat', `纬度“${latText.trim()}”不是数字`))
      }
      if (!parsedLon.ok || !parsedLat.ok) return null
      lon = parsedLon.value
      lat = parsedLat.value
    }

    if (!inChina(lon, lat) && inChina(lat, lon)) {
      warnings.push({
        row, field: `${lonField}/${latField}`, value: `${lon}, ${lat}`, code: 'swapped_coordinates',
        message: `经纬度可能颠倒（经度 ${lon}、纬度 ${lat}），已按经度 ${lat}、纬度 ${lon} 导入`,
      })
      ;[lon, lat] = [lat, lon]
    }
    if (Math.abs(lon) > 180 || Math.abs(lat) > 90) {
      const field = Math.abs(lon) > 180 ? lonField : latField
      const value = Math.abs(lon) > 180 ? lon : lat
      errors.push(this.error(row, field, String(value), 'out_of_range', Math.abs(lon) > 180 ? 'lon' : 'lat',
        Math.abs(lon) > 180 ? `经度 ${lon} 超出范围（-180 至 180）` : `纬度 ${lat} 超出范围（-90 至 90）`))
      return null
    }
    if (!inChina(lon, lat)) {
      errors.push(this.error(row, `${lonField}/${latField}`, `${lon}, ${lat}`, 'outside_china', 'lon',
        `坐标（${lon}, ${lat}）不在中国境内，请检查经纬度是否填错`))
      return null
    }
    this.samplePoint(lon, lat)
    const [wgsLon, wgsLat] = toWgs84(lon, lat, crs)
    if (this.district && this.options.outsideDistrict !== 'keep' && !this.district.contains(wgsLon, wgsLat)) {
      errors.push(this.error(row, `${lonField}/${latField}`, `${lon}, ${lat}`, 'outside_district', 'lon',
        `位置（${COORDINATE_SYSTEM_SHORT_NAMES[crs]} ${lon}, ${lat}）不在本区范围内，无法分配网格：请核对坐标与坐标系，或转交所属辖区`))
      return null
    }
    return [roundCoordinate(wgsLon), roundCoordinate(wgsLat)]
  }

  /**
   * A row without coordinates, placed by the district's own names. The gazetteer's points are
   * WGS84 already (no conversion from the declared system), and inside the district.
   */
  private placeByAddress(address: string, row: number, errors: RowError[], warnings: RowWarning[]): [number, number] | null {
    const field = this.options.mapping.address ?? TARGET_LABELS.lon
    if (!this.options.addresses) {
      errors.push(this.error(row, field, address, 'address_not_placed', 'lon', '没有经纬度，且本区地名表未能加载，无法按地址定位：请补上经纬度（导入页面可在地图上点选位置）'))
      return null
    }
    if (address.trim() === '') {
      errors.push(this.error(row, field, address, 'address_not_placed', 'lon', '经纬度和地址都为空，无法定位：请补上地址或经纬度（导入页面可在地图上点选位置）'))
      return null
    }
    const match = this.options.addresses.match(address)
    if (!match.placed) {
      const near = match.candidates.slice(0, 3).map((candidate) => candidate.name)
      errors.push(this.error(row, field, address, 'address_not_placed', 'lon',
        `经纬度为空，按地址也无法定位：${ADDRESS_MATCH_REASONS[match.reason]}${near.length > 0 ? `（地址中识别到：${near.join('、')}）` : ''}`))
      return null
    }
    warnings.push({
      row, field, value: address, code: 'placed_by_address',
      message: match.confidence === 'high'
        ? `经纬度为空，已按地址“${match.matched}”定位（精确到${PLACE_KIND_LABELS[match.entry.kind]}）`
        : `经纬度为空，已按地址“${match.matched}”定位在该后街背巷中点（未写路段，网格可能不准，请核对）`,
    })
    return [roundCoordinate(match.lon), roundCoordinate(match.lat)]
  }

  /** A location chosen on the map: WGS84 already, still checked against the district. */
  private placeOnMap(point: readonly [number, number], row: number, errors: RowError[], warnings: RowWarning[]): [number, number] | null {
    const [lon, lat] = point
    const value = `${lon.toFixed(6)}, ${lat.toFixed(6)}`
    if (!Number.isFinite(lon) || !Number.isFinite(lat) || (this.district && !this.district.contains(lon, lat))) {
      errors.push(this.error(row, '地图位置', value, 'outside_district', 'lon', `地图上选定的位置（${value}）不在本区范围内，请在本区内重新点选`))
      return null
    }
    warnings.push({ row, field: '地图位置', value, code: 'placed_on_map', message: `已按地图上选定的位置（WGS84 ${value}）定位` })
    return [roundCoordinate(lon), roundCoordinate(lat)]
  }

  private checkTime(text: string, row: number, errors: RowError[]): string | null {
    const field = this.options.mapping.reportedAt ?? TARGET_LABELS.reported_at
    const now = this.options.now ?? new Date()
    if (this.options.mapping.reportedAt === undefined) {
      // No time column at all: the case is taken in now, as the database would do.
      this.defaultedTimes++
      return formatAt(now.getTime(), this.options.offsetHours ?? APP_SETTING_DEFAULTS.timezone_offset_hours)
    }
    if (text.trim() === '') {
      errors.push(this.error(row, field, text, 'missing', 'reported_at', '上报时间为空'))
      return null
    }
    const parsed = parseReportedAt(text, { offsetHours: this.options.offsetHours, excelSerials: this.options.format === 'xlsx' })
    if (!parsed.ok) {
      errors.push(this.error(row, field, text, 'bad_date', 'reported_at', parsed.reason))
      return null
    }
    if (Date.parse(parsed.iso) > now.getTime() + FUTURE_TOLERANCE_MS) {
      errors.push(this.error(row, field, text, 'future_date', 'reported_at', `上报时间 ${text.trim()} 晚于当前时间，请检查年份或日期`))
      return null
    }
    return parsed.iso
  }

  private samplePoint(lon: number, lat: number): void {
    if (this.pointsSeen++ % this.sampleStride !== 0) return
    this.rawPoints.push([lon, lat])
    if (this.rawPoints.length >= 2 * POINT_SAMPLE_SIZE) {
      this.rawPoints = this.rawPoints.filter((_point, index) => index % 2 === 0)
      this.sampleStride *= 2
    }
  }

  private noteUnknownCategory(text: string, row: number): void {
    const entry = this.unknown.get(text) ?? { text, count: 0, rows: [] }
    entry.count++
    if (entry.rows.length < 20) entry.rows.push(row)
    this.unknown.set(text, entry)
  }

  private error(row: number, field: string, value: string, code: RowErrorCode, target: RowError['target'], reason: string): RowError {
    return { row, field, value, reason, code, target }
  }
}

/** 7 decimals ≈ 1 cm, the precision the demo data and the generated ids use. */
function roundCoordinate(value: number): number {
  return Math.round(value * 1e7) / 1e7
}

function pointOf(geometry: GeoJSON.Geometry | null): [number, number] | null {
  if (!geometry) return null
  // Files are not always what GeoJSON promises: coordinates may be missing, null or flat.
  const coordinates: unknown = (geometry as { coordinates?: unknown }).coordinates
  const position =
    geometry.type === 'Point' ? coordinates
    : geometry.type === 'MultiPoint' && Array.isArray(coordinates) && coordinates.length === 1 ? coordinates[0]
    : null
  if (!Array.isArray(position) || typeof position[0] !== 'number' || typeof position[1] !== 'number') return null
  return [position[0], position[1]]
}

/** A whole table in one go. */
export async function validateTable(table: Table, options: Omit<ValidationOptions, 'format'>): Promise<ValidationResult> {
  const validator = new RowValidator({ ...options, format: table.format })
  const rowNumbers = table.rows.map((_row, index) => rowNumberOf(table, index))
  const checked = await validator.validate({ rows: table.rows, rowNumbers, geometries: table.geometries, issues: table.issues, notices: table.notices })
  return { ...checked, ...validator.summary() }
}

const PLACE_KIND_LABELS: Record<string, string> = {
  segment: '保洁路段',
  grid: '单元网格',
  back_street: '后街背巷',
  market: '农贸市场',
  facility: '环卫设施',
  construction_site: '建筑工地',
}
