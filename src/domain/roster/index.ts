/** The roster's (保洁排班) pure domain: pieces, coverage, workload, imports, exports, quality. */
export * from './types.ts'
export { ROSTER_MESSAGES, rowMessage } from './messages.ts'
export { cumulativeLengthsM, edgeLengthM, lineLengthM, metresPerDegree } from './geodesic.ts'
export {
  cleanerAt,
  fromAssignments,
  fromAssignmentsDetailed,
  normalisePieces,
  piecesProblem,
  rostersFromAssignments,
  setRange,
  setWhole,
  SLIVER_M,
  type PieceOverlap,
} from './pieces.ts'
export { lineBetween, measureAtPoint, pointAtMeasure } from './split-point.ts'
export { toApplyPayload, toChange, type RosterApplyPayload } from './change.ts'
export {
  computeCoverage,
  countingAssignments,
  coverageFromRosters,
  isFullyCovered,
  isOpenOn,
  segmentCoverage,
  teamOfSegment,
  updateCoverage,
  updateCoverageFromRosters,
  type CoverageContext,
  type CoverageInput,
} from './coverage.ts'
export {
  beatSummary,
  boundingBox,
  cleanerWorkloads,
  gradeFrequency,
  pieceWorkload,
  segmentIndex,
  teamWorkloads,
  type BeatPiece,
  type BeatStreet,
  type BeatSummary,
  type BoundingBox,
  type CleanerWorkload,
  type TeamWorkload,
} from './workload.ts'
export { facilityDutyCoverage, type FacilityDuty, type FacilityDutyReport, type FacilityDutyTotals } from './facility-duties.ts'
export { localMonthOf, passes, qualityScores, type QualityReport, type QualityScore, type RosterInspection } from './quality.ts'
export { detectRosterKind, mapColumns, normaliseHeader, ROSTER_IMPORT_COLUMNS, type ImportColumn, type RosterImportKind } from './import-columns.ts'
export {
  parseRosterTable,
  parseShift,
  readRosterFile,
  readRosterWorkbook,
  type AssignmentImportRow,
  type CleanerImportRow,
  type FacilityDutyImportRow,
  type RosterImportOptions,
  type RosterImportResult,
  type RosterImportRows,
  type RosterRowError,
  type RosterWorkbookResult,
} from './xlsx-import.ts'
export {
  cleanersByEmployeeNo,
  resolveAssignmentRows,
  resolveCleanerRows,
  resolveFacilityDutyRows,
  segmentKey,
  segmentsByStreetAndSeq,
  toFacilityDutyImportPayload,
  toImportAssignmentsPayload,
  toImportCleanersPayload,
  type ResolvedAssignmentRow,
  type ResolvedCleanerRow,
  type ResolvedFacilityDutyRow,
} from './import-resolve.ts'
export {
  beatSheetModel,
  buildRosterWorkbook,
  rosterSheetModels,
  ROSTER_EXPORT_COLUMNS,
  SUBTOTAL_LABEL,
  TOTAL_LABEL,
  uniqueSheetName,
  type BeatSheetModel,
  type RosterExportInput,
  type RosterSheetModel,
  type RosterSheetRow,
} from './xlsx-export.ts'
