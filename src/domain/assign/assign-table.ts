/**
 * A whole table of points assigned at once: the PointAssigner (point-assigner.ts) given every
 * row as one slice. Callers that stream use the PointAssigner directly.
 */
import { rowNumberOf, type Table } from '../tabular/table.ts'
import { PointAssigner, type AssignedSlice, type AssignSummary, type AssignTableOptions } from './point-assigner.ts'
import type { PolygonInput } from './polygon-input.ts'

export type { AssignSummary, AssignTableOptions, InvalidRow } from './point-assigner.ts'

export interface AssignedTable extends AssignedSlice {
  columns: string[]
  summary: AssignSummary
}

export function assignTable(table: Table, polygons: readonly PolygonInput[], options: AssignTableOptions = {}): AssignedTable {
  const assigner = new PointAssigner(table, polygons, options)
  const rowNumbers = table.rows.map((_row, index) => rowNumberOf(table, index))
  const slice = assigner.assign({ rows: table.rows, rowNumbers, geometries: table.geometries, issues: table.issues })
  return { columns: assigner.columns, ...slice, summary: assigner.summary() }
}
