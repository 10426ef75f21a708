/**
 * The analysed value of each unit, read from whatever a file holds (a GeoJSON property, a CSV
 * cell): a finite, non-negative decimal number. Gi* divides by Σx and reads x as an amount
 * (cases, a rate), so a missing, non-numeric or negative value refuses the whole analysis —
 * dropping the unit would silently change its neighbours' neighbourhoods. Every bad unit is
 * named (row, id, field, what was there), up to `listLimit`, and all are counted.
 */
import { HotspotError } from './hotspot-error.ts'

export interface RawUnitValue {
  id: string
  /** what the user calls the unit's position in the file (e.g. "第 3 个要素") */
  where: string
  raw: unknown
}

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/

export function readUnitValues(units: readonly RawUnitValue[], field: string, listLimit = 20): Float64Array {
  const values = new Float64Array(units.length)
  const problems: string[] = []
  let problemCount = 0
  units.forEach((unit, index) => {
    const problem = valueProblem(unit.raw)
    if (problem === null) {
      values[index] = typeof unit.raw === 'number' ? unit.raw : Number(String(unit.raw).trim())
      return
    }
    problemCount += 1
    if (problems.length < listLimit) problems.push(`${unit.where}（编号 ${unit.id}）字段“${field}”${problem}`)
  })
  if (problemCount > 0) {
    const more = problemCount > problems.length ? `；……共 ${problemCount} 个单元有问题` : ''
    throw new HotspotError('bad_values', `${problems.join('；')}${more}`)
  }
  return values
}

function valueProblem(raw: unknown): string | null {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return '缺失（为空）'
  let value: number
  if (typeof raw === 'number') value = raw
  else if (typeof raw === 'string' && DECIMAL.test(raw.trim())) value = Number(raw.trim())
  else return `不是数字：“${typeof raw === 'string' ? raw : JSON.stringify(raw)}”`
  if (!Number.isFinite(value)) return `不是有限数：${String(raw)}`
  if (value < 0) return `为负数：${value}（Gi* 要求非负数值，例如案件数或发生率）`
  return null
}
