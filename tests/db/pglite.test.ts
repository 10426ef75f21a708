/**
 * Shim + migrations + seed applied from scratch on PGlite + PostGIS (what the embedded
 * snapshot is built from), then the shared assertions.
 */
import { PGlite } from '@electric-sql/pglite'
import { postgis } from '@electric-sql/pglite-postgis'
import { afterAll, beforeAll, describe } from 'vitest'
import { applyMigrations, applySeed, applyShim } from '../../scripts/db/migrations.ts'
import { pgliteEngine, type Engine } from './engine.ts'
import { defineDatabaseSuite } from './suite.ts'
import { defineCaseListSuite } from './case-list-suite.ts'
import { defineCaseReasonsSuite } from './case-reasons-suite.ts'
import { defineWorkflowSuite } from './workflow-suite.ts'
import { defineAccessSuite } from './access-suite.ts'
import { defineUserAdminSuite } from './users-suite.ts'
import { defineIntakeSuite } from './intake-suite.ts'
import { defineGridVersionSuite } from './grid-versions-suite.ts'
import { defineIntakePreviewSuite } from './intake-preview-suite.ts'
import { defineCamerasSuite } from './cameras-suite.ts'
import { defineInspectDetailsSuite } from './inspect-details-suite.ts'
import { defineHotspotReadsSuite } from './hotspot-reads-suite.ts'
import { defineH3IntakeSuite } from './h3-intake-suite.ts'
import { defineGridEditorSuite } from './grid-editor-suite.ts'
import { defineGridEditorPublishSuite } from './grid-editor-publish-suite.ts'
import { defineRosterSuite } from './roster-suite.ts'
import { defineRosterImportsSuite } from './roster-imports-suite.ts'
import { defineDemoClockSuite } from './demo-clock-suite.ts'
import { defineDemoReworkSuite } from './demo-rework-suite.ts'
import { defineCaseAttachmentsSuite } from './case-attachments-suite.ts'
import { defineCaseAttachmentStorageSuite } from './case-attachment-storage-suite.ts'
import { defineCaseStagesSuite } from './case-stages-suite.ts'
import { defineKpiSuite } from './kpi-suite.ts'

let db: PGlite
let engine: Engine

beforeAll(async () => {
  db = new PGlite({ extensions: { postgis } })
  await applyShim(db)
  await applyMigrations(db)
  await applySeed(db)
  engine = pgliteEngine(db)
})

afterAll(async () => {
  await db?.close()
})

describe('PGlite + PostGIS: shim, migrations and seed', () => {
  defineDatabaseSuite(() => engine)
})

describe('PGlite + PostGIS: the case workflow', () => {
  defineWorkflowSuite(() => engine)
})

describe('PGlite + PostGIS: the case table’s server order (list_cases p_sort)', () => {
  defineCaseListSuite(() => engine)
})

describe('PGlite + PostGIS: standard reasons, dispatch to a person, people in the timeline', () => {
  defineCaseReasonsSuite(() => engine)
})

describe('PGlite + PostGIS: integrity and access', () => {
  defineAccessSuite(() => engine)
  defineUserAdminSuite(() => engine)
})

describe('PGlite + PostGIS: grid versions followed everywhere', () => {
  defineGridVersionSuite(() => engine)
})

describe('PGlite + PostGIS: the import preview asks what is already there', () => {
  defineIntakePreviewSuite(() => engine)
})

describe('PGlite + PostGIS: strict, set-based intake', () => {
  defineIntakeSuite(() => engine)
})

describe('PGlite + PostGIS: the video camera layer', () => {
  defineCamerasSuite(() => engine)
})

describe('PGlite + PostGIS: the inspect panel reads one feature by id', () => {
  defineInspectDetailsSuite(() => engine)
})

describe('PGlite + PostGIS: the hotspot workspace reads every case of a period as columns', () => {
  defineHotspotReadsSuite(() => engine)
})

describe('PGlite + PostGIS: the case’s H3 cell stored at intake', () => {
  defineH3IntakeSuite(() => engine)
})

describe('PGlite + PostGIS: the grid editor (drafts, scope load, history, what-if inputs)', () => {
  defineGridEditorSuite(() => engine)
  defineGridEditorPublishSuite(() => engine)
})

describe('PGlite + PostGIS: the roster (保洁排班: change sets, coverage, imports, 专人包干, 以克论净)', () => {
  defineRosterSuite(() => engine)
  defineRosterImportsSuite(() => engine)
})

describe('PGlite + PostGIS: the embedded demo’s clock (the demo opened weeks after its last case)', () => {
  defineDemoClockSuite(() => engine)
})

describe('PGlite + PostGIS: 返工 in the demo (a failed 核查 in case_history)', () => {
  defineDemoReworkSuite(() => engine)
})

describe('PGlite + PostGIS: case links and attachments (照片与附件)', () => {
  defineCaseAttachmentsSuite(() => engine)
})

describe('PGlite + PostGIS: case attachments whose bytes are in Supabase Storage', () => {
  defineCaseAttachmentStorageSuite(() => engine)
})

describe('PGlite + PostGIS: stage time limits (受理 … 核查 on the work calendar, late stages kept)', () => {
  defineCaseStagesSuite(() => engine)
})

describe('PGlite + PostGIS: 考核 kpi_monthly against an independent computation, weights, bad input', () => {
  defineKpiSuite(() => engine)
})
