export {
  INCIDENT_SOURCES,
  TARGET_LABELS,
  type IncidentSource,
  type IntakeRow,
  type RowError,
  type RowErrorCode,
  type RowWarning,
  type RowWarningCode,
} from './intake-row.ts'
export { intakeRowSchema } from './intake-row-schema.ts'
export { withIntakeCell } from './intake-cell.ts'
export {
  checkMapping,
  columnMappingSchema,
  FROM_ADDRESS,
  FROM_GEOMETRY,
  MAPPING_FIELD_LABELS,
  type ColumnMapping,
  type MappingField,
  type MappingProblem,
} from './column-mapping.ts'
export {
  BUILT_IN_PRESETS,
  findPreset,
  GEOJSON_POINTS_PRESET,
  HOTLINE_12319_PRESET,
  importPresetSchema,
  OPEN311_PRESET,
  parsePresets,
  PATROL_PRESET,
  serializePresets,
  type ImportPreset,
  type PresetParse,
} from './presets.ts'
export { completeMapping, mappingForPreset, suggestMapping, type MappingSuggestion } from './suggest-mapping.ts'
export {
  COORDINATE_SYSTEMS,
  COORDINATE_SYSTEM_LABELS,
  COORDINATE_SYSTEM_SHORT_NAMES,
  fromWgs84,
  toWgs84,
  type CoordinateSystem,
} from './coordinate-system.ts'
export {
  districtAreaFromBbox,
  districtAreaFromGeometry,
  toDistrictArea,
  type DistrictArea,
  type DistrictInput,
} from './district-area.ts'
export { sniffCrs, type CoordinateSystemSniff } from './sniff-crs.ts'
export { DEFAULT_CATEGORY_ALIASES } from './category-aliases.ts'
export {
  createCategoryResolver,
  type CategoryMatch,
  type CategoryResolution,
  type CategoryResolver,
  type DirectoryEntry,
} from './category-resolver.ts'
export { resolveSource, SOURCE_LABELS, type SourceResolution } from './source-resolver.ts'
export { parseCoordinate, inChina, CHINA_BOUNDS } from './parse-coordinate.ts'
export { formatAt, parseReportedAt, type DateOptions, type DateParse } from './parse-date.ts'
export { contentId, GENERATED_ID_PREFIX } from './row-hash.ts'
export {
  RowValidator,
  validateTable,
  type ImportNote,
  type RowSlice,
  type UnknownCategory,
  type ValidationOptions,
  type ValidationResult,
} from './validate-rows.ts'
export { errorReportCsv, ERROR_REPORT_COLUMNS } from './error-report.ts'
export { batches, commitBatch, DEFAULT_BATCH_SIZE, isBatchWideError, type Batch, type CommitBatchOptions, type CommittedBatch } from './batches.ts'
export {
  mergeIntakeResults,
  type BatchOutcome,
  type CommitSummary,
  type IntakeOutcome,
  type PlacedRow,
} from './merge-results.ts'
export {
  alignExistingAnswers,
  ArrivalTally,
  EXISTING_CHECK_BATCH,
  existingQuery,
  LISTED_ARRIVALS,
  overdueOnArrival,
  refusedRowCount,
  tallyCommit,
  tallyPreview,
  type ArrivalCheck,
  type ArrivalRow,
  type CommitProgress,
  type CommitTally,
  type ExistingAnswer,
  type ExistingCase,
  type ExistingMatchKind,
  type ExistingQueryRow,
  type PreviewTally,
} from './arrival-check.ts'
