/** Checks the input and measures its lines; every refusal names the line and the field in Chinese. */
import { cumulativeMeasures } from './measure.ts'
import { BalanceError, MIN_PIECE_M, type BalanceInput, type LonLat } from './types.ts'

export interface PreparedLine {
  id: string
  coordinates: LonLat[]
  measures: Float64Array
  length: number
  weight: number
}

export interface PreparedInput {
  lines: PreparedLine[]
  lineIndex: Map<string, number>
  beats: number
  gapM: number
  tolerance: number
  seed: number
  totalWeight: number
  totalLength: number
}

const ZERO_LENGTH_M = 0.01

export function prepareInput(input: BalanceInput): PreparedInput {
  if (!Array.isArray(input.lines) || input.lines.length === 0) throw new BalanceError('empty', '没有可分配的线段：输入为空')
  const beats = input.beats
  if (!Number.isInteger(beats) || beats < 1) throw new BalanceError('bad_beats', `片区数必须是不小于 1 的整数，收到“${String(beats)}”`, null, 'beats')
  const gapM = input.gapM ?? 30
  if (!(Number.isFinite(gapM) && gapM >= 0)) throw new BalanceError('bad_option', `步行间隙 gapM 必须是不小于 0 的米数，收到“${String(gapM)}”`, null, 'gapM')
  const tolerance = input.tolerance ?? 0.1
  if (!(Number.isFinite(tolerance) && tolerance > 0)) throw new BalanceError('bad_option', `容差 tolerance 必须大于 0，收到“${String(tolerance)}”`, null, 'tolerance')
  const seed = input.seed ?? 1
  if (!Number.isInteger(seed)) throw new BalanceError('bad_option', `随机种子 seed 必须是整数，收到“${String(seed)}”`, null, 'seed')

  const lineIndex = new Map<string, number>()
  const lines: PreparedLine[] = input.lines.map((line, index) => {
    const id = String(line.id)
    if (lineIndex.has(id)) throw new BalanceError('duplicate_id', `第 ${index} 条线的编号“${id}”与第 ${lineIndex.get(id)} 条重复`, index, 'id')
    lineIndex.set(id, index)
    const coordinates = line.coordinates
    if (!Array.isArray(coordinates) || coordinates.length < 2) throw new BalanceError('bad_coordinates', `第 ${index} 条线（${id}）少于 2 个坐标点，不是线`, index, 'coordinates')
    coordinates.forEach((p, k) => {
      if (!Array.isArray(p) || !Number.isFinite(p[0]) || !Number.isFinite(p[1]) || Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90) {
        throw new BalanceError('bad_coordinates', `第 ${index} 条线（${id}）第 ${k + 1} 个坐标不是有效的经纬度：${JSON.stringify(p)}`, index, 'coordinates')
      }
    })
    const measures = cumulativeMeasures(coordinates)
    const length = measures[measures.length - 1]
    if (!(length > ZERO_LENGTH_M)) throw new BalanceError('zero_length', `第 ${index} 条线（${id}）长度为 0，无法分配`, index, 'coordinates')
    const weight = line.weight ?? length
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) {
      throw new BalanceError('bad_weight', `第 ${index} 条线（${id}）的工作量必须是不小于 0 的数，收到“${String(line.weight)}”`, index, 'weight')
    }
    return { id, coordinates: coordinates.map((p) => [p[0], p[1]] as LonLat), measures, length, weight }
  })
  const totalWeight = lines.reduce((sum, line) => sum + line.weight, 0)
  const totalLength = lines.reduce((sum, line) => sum + line.length, 0)
  if (!(totalWeight > 0)) throw new BalanceError('empty', '所有线段的工作量都是 0，无法均衡')
  const possible = lines.reduce((sum, line) => sum + Math.max(1, Math.floor(line.length / MIN_PIECE_M)), 0)
  if (beats > possible) {
    throw new BalanceError(
      'too_many_beats',
      `片区数 ${beats} 太多：${lines.length} 条线共 ${Math.round(totalLength)} 米，按每段至少 ${MIN_PIECE_M} 米最多只能分成 ${possible} 段`,
      null,
      'beats',
    )
  }
  if (input.owners !== undefined) {
    if (!Array.isArray(input.owners) || input.owners.length !== beats) {
      throw new BalanceError('bad_owners', `保洁员名单 owners 应有 ${beats} 人（与片区数相同），收到 ${Array.isArray(input.owners) ? input.owners.length : '非列表'}`, null, 'owners')
    }
    const seen = new Set<string>()
    input.owners.forEach((owner, k) => {
      if (seen.has(owner)) throw new BalanceError('bad_owners', `保洁员名单第 ${k + 1} 项“${owner}”重复`, null, 'owners')
      seen.add(owner)
    })
  }
  for (const [k, piece] of (input.current ?? []).entries()) {
    const index = lineIndex.get(String(piece.lineId))
    if (index === undefined) throw new BalanceError('bad_current', `现有分配第 ${k + 1} 项的线段“${piece.lineId}”不在输入中`, null, 'current')
    const length = lines[index].length
    if (!(Number.isFinite(piece.fromM) && Number.isFinite(piece.toM) && piece.fromM >= 0 && piece.fromM < piece.toM && piece.toM <= length + 0.01)) {
      throw new BalanceError('bad_current', `现有分配第 ${k + 1} 项（线段“${piece.lineId}”）的起止米数 ${piece.fromM}–${piece.toM} 不在 0–${length.toFixed(2)} 之内`, index, 'current')
    }
  }
  return { lines, lineIndex, beats, gapM, tolerance, seed, totalWeight, totalLength }
}
