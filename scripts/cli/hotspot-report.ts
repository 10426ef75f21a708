/**
 * What `npm run hotspots` writes: the result table (CSV columns id, value, gi_star, z, p,
 * p_fdr, bin, neighbours; GeoJSON with the same as properties) and the Chinese summary with
 * every choice the analysis made. Numbers are written in full (shortest round-trip form);
 * a value that does not exist (p_fdr with FDR off or for a unit without neighbours) is empty.
 */
import { csvRecords, UTF8_BOM } from '../../src/domain/tabular/write-csv.ts'
import { CONFIDENCE_LEVELS, type HotspotResult } from '../../src/domain/hotspots/index.ts'

export const RESULT_COLUMNS = ['id', 'value', 'gi_star', 'z', 'p', 'p_fdr', 'bin', 'neighbours'] as const

const number = (value: number) => (Number.isNaN(value) ? '' : String(value))

function rowOf(result: HotspotResult, ids: readonly string[], unit: number): string[] {
  return [
    ids[unit],
    number(result.values[unit]),
    number(result.giStar[unit]),
    number(result.z[unit]),
    number(result.p[unit]),
    number(result.pFdr[unit]),
    String(result.bin[unit]),
    String(result.neighbourCounts[unit]),
  ]
}

/** CSV with a BOM when it goes to a file (Excel reads UTF-8 only with one). */
export function resultCsv(result: HotspotResult, ids: readonly string[], withBom: boolean): string {
  const rows: string[][] = [[...RESULT_COLUMNS]]
  for (let unit = 0; unit < ids.length; unit++) rows.push(rowOf(result, ids, unit))
  return `${withBom ? UTF8_BOM : ''}${csvRecords(rows)}`
}

export function resultGeoJson(result: HotspotResult, ids: readonly string[], geometryOf: (unit: number) => GeoJSON.Geometry | null): string {
  const features: string[] = []
  for (let unit = 0; unit < ids.length; unit++) {
    const cells = rowOf(result, ids, unit)
    const properties: Record<string, string | number | null> = { id: ids[unit] }
    RESULT_COLUMNS.forEach((column, k) => {
      if (column === 'id') return
      properties[column] = cells[k] === '' ? null : Number(cells[k])
    })
    features.push(JSON.stringify({ type: 'Feature', properties, geometry: geometryOf(unit) }))
  }
  return `{"type":"FeatureCollection","features":[\n${features.join(',\n')}\n]}\n`
}

/** The lines about the statistics themselves (the caller adds the input and the choices). */
export function resultLines(result: HotspotResult, ids: readonly string[], listLimit = 10): string[] {
  const { summary } = result
  const counts = summary.binCounts
  const levels = (sign: 1 | -1) => CONFIDENCE_LEVELS.map((level) => `${level.label} 置信 ${counts[sign * level.bin]} 个`).join('，')
  const lines = [
    `结果（分级依据 ${summary.testedOn}${summary.fdr ? '，即 FDR 校正后的 p' : '，未做多重检验校正'}）：`,
    `  热点（高值聚集）：${levels(1)}`,
    `  冷点（低值聚集）：${levels(-1)}`,
    `  不显著：${counts[0]} 个`,
    `  数值均值 ${round(summary.mean)}，标准差 ${round(summary.standardDeviation)}`,
  ]
  const strongest = [...ids.keys()].filter((unit) => result.bin[unit] === 3).sort((a, b) => result.z[b] - result.z[a])
  if (strongest.length > 0) lines.push(`  99% 置信热点（按 z 从高到低${strongest.length > listLimit ? `，前 ${listLimit} 个` : ''}）：${strongest.slice(0, listLimit).map((unit) => `${ids[unit]}（z=${result.z[unit].toFixed(2)}）`).join('、')}${strongest.length > listLimit ? `……共 ${strongest.length} 个` : ''}`)
  return lines
}

export function isolatedLines(result: HotspotResult, ids: readonly string[], listLimit: number): string[] {
  const { isolated } = result.summary
  if (isolated.length === 0) return ['无邻居单元：0 个']
  const listed = isolated.slice(0, listLimit).map((unit) => ids[unit])
  return [
    `无邻居单元：${isolated.length} 个（除自身外没有邻居：z 只与自身比较，不参与 FDR，p_fdr 留空，分级恒为 0，neighbours 为 0）：`,
    `  ${listed.join('、')}${isolated.length > listLimit ? `……另有 ${isolated.length - listLimit} 个` : ''}`,
  ]
}

export function neighbourCountLine(result: HotspotResult): string {
  const counts = result.neighbourCounts
  let minimum = Infinity
  let maximum = 0
  let total = 0
  for (const count of counts) {
    minimum = Math.min(minimum, count)
    maximum = Math.max(maximum, count)
    total += count
  }
  return `邻居数（每个单元，不含自身）：最少 ${minimum}，平均 ${(total / Math.max(1, counts.length)).toFixed(2)}，最多 ${maximum}`
}

function round(value: number): string {
  return Number(value.toPrecision(6)).toString()
}
