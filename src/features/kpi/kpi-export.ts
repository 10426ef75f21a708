/**
 * The monthly report as an XLSX workbook: a sheet per level (the ranking with every count and
 * rate, rates as fractions formatted as %) and a sheet of the units graded D or E with their
 * two worst figures. Written by the shared table export (exceljs, loaded on first use).
 */
import { tablesToXlsx, type ExportColumn, type ExportRow, type ExportSheet } from '../shared/export/table-export.ts'
import { KPI_LEVELS, type KpiLevel, type KpiUnit } from '../../data/kpi-reads.ts'
import { formatRate } from './kpi-figures.ts'
import { reportColumns, reportRows, weakUnits, type ReportKey } from './kpi-report.ts'

export interface KpiExportLabels {
  headers: Record<ReportKey, string>
  level: (level: KpiLevel) => string
  grade: (grade: string) => string
  rate: (key: string) => string
  newRank: string
  weakSheet: string
  levelColumn: string
  worstColumn: string
  language: string
}

export function kpiSheets(levels: Record<KpiLevel, readonly KpiUnit[]>, labels: KpiExportLabels): ExportSheet[] {
  const sheets: ExportSheet[] = KPI_LEVELS.map((level) => ({
    name: labels.level(level),
    columns: reportColumns(labels.headers),
    rows: reportRows(levels[level], labels.grade, labels.newRank),
  }))
  const weakColumns: ExportColumn[] = [
    { key: 'level', title: labels.levelColumn },
    { key: 'rank', title: labels.headers.rank, type: 'number' },
    { key: 'unit_code', title: labels.headers.unit_code },
    { key: 'unit_name', title: labels.headers.unit_name },
    { key: 'grade', title: labels.headers.grade },
    { key: 'score', title: labels.headers.score, type: 'number' },
    { key: 'worst', title: labels.worstColumn },
  ]
  const weakRows: ExportRow[] = weakUnits(levels).map(({ level, unit, worst }) => ({
    level: labels.level(level),
    rank: unit.rank,
    unit_code: unit.unit_code,
    unit_name: unit.unit_name,
    grade: unit.grade === null ? null : labels.grade(unit.grade),
    score: unit.score,
    worst: worst.map((figure) => `${labels.rate(figure.key)} ${formatRate(figure.rate, figure.numerator, figure.denominator, labels.language)}`).join('；'),
  }))
  sheets.push({ name: labels.weakSheet, columns: weakColumns, rows: weakRows })
  return sheets
}

export function kpiWorkbook(levels: Record<KpiLevel, readonly KpiUnit[]>, labels: KpiExportLabels, utcOffsetHours: number): Promise<Blob> {
  return tablesToXlsx(kpiSheets(levels, labels), { utcOffsetHours })
}
