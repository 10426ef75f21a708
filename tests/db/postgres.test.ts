/**
 * The same migrations, seed and assertions on native PostgreSQL 15 + PostGIS 3.3, and the
 * cross-engine check: the embedded snapshot (built on PGlite) and this database place every
 * case identically. Run through `npm run test:postgres`, which starts a throwaway cluster
 * and passes its URL in URBANGRID_PG_URL.
 */
import { readFileSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { postgis } from '@electric-sql/pglite-postgis'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applyMigrations, applySeed, applyShim } from '../../scripts/db/migrations.ts'
import { SNAPSHOT_FILE } from '../../scripts/ensure-demo.ts'
import { postgresEngine, type Engine, type Query } from './engine.ts'
import { ASSIGNMENT_DIGEST_SQL, defineDatabaseSuite } from './suite.ts'
import { defineCaseListSuite } from './case-list-suite.ts'
import { defineCaseReasonsSuite } from './case-reasons-suite.ts'
import { defineWorkflowConcurrencyCheck, defineWorkflowSuite } from './workflow-suite.ts'
import { defineAccessSuite } from './access-suite.ts'
import { defineUserAdminSuite } from './users-suite.ts'
import { defineIntakeSuite } from './intake-suite.ts'
import { defineGridConcurrencyCheck, defineGridVersionSuite } from './grid-versions-suite.ts'
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

const adminUrl = process.env.URBANGRID_PG_URL
if (!adminUrl) throw new Error('URBANGRID_PG_URL is not set: run this through `npm run test:postgres`')
const database = process.env.URBANGRID_PG_DATABASE ?? 'urbangrid_test'

let client: pg.Client

/** A second (third …) connection to the test database, for the concurrency checks. */
async function connectAnother(): Promise<{ query: Query; close(): Promise<void> }> {
  const connection = new pg.Client({ connectionString: adminUrl!.replace(/\/[^/]*$/, `/${database}`) })
  await connection.connect()
  return {
    query: (async (sql: string, params?: unknown[]) => (await connection.query(sql, params as unknown[])).rows) as Query,
    close: () => connection.end(),
  }
}
let engine: Engine

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`drop database if exists ${database}`)
  await admin.query(`create database ${database}`)
  await admin.end()
  client = new pg.Client({ connectionString: adminUrl.replace(/\/[^/]*$/, `/${database}`) })
  await client.connect()
  const runner = { exec: (sql: string) => client.query(sql) }
  await applyShim(runner)
  await applyMigrations(runner)
  await applySeed(runner)
  engine = postgresEngine(client)
})

afterAll(async () => {
  await client?.end()
})

describe('PostgreSQL 15 + PostGIS 3.3: shim, migrations and seed', () => {
  it('runs the production PostGIS line', async () => {
    const [row] = await engine.query<{ postgis: string; server: number }>(
      `select extensions.postgis_lib_version() as postgis, current_setting('server_version_num')::int as server`,
    )
    expect(row.server).toBeGreaterThanOrEqual(150000)
    expect(row.server).toBeLessThan(160000)
    expect(row.postgis).toMatch(/^3\.3\./)
  })

  defineDatabaseSuite(() => engine)

  it('places every case exactly as the embedded PGlite snapshot does', async () => {
    const snapshot = new Blob([readFileSync(SNAPSHOT_FILE)])
    const embedded = new PGlite({ extensions: { postgis }, loadDataDir: snapshot })
    try {
      const summarySql = `select public.district_summary() - 'incidents_from' - 'incidents_to' as summary`
      const [native] = await engine.query<{ incidents: number; digest: string }>(ASSIGNMENT_DIGEST_SQL)
      const embeddedDigest = (await embedded.query<{ incidents: number; digest: string }>(ASSIGNMENT_DIGEST_SQL)).rows[0]
      expect(native.incidents).toBe(100_000)
      expect(embeddedDigest).toEqual(native)
      const [nativeSummary] = await engine.query<{ summary: unknown }>(summarySql)
      const embeddedSummary = (await embedded.query<{ summary: unknown }>(summarySql)).rows[0]
      expect(embeddedSummary).toEqual(nativeSummary)
      const segmentsSql = `select md5(string_agg(concat_ws(':', id, grid_id, round(length_m::numeric, 3)), ',' order by id)) as digest from public.street_segments`
      const [nativeSegments] = await engine.query(segmentsSql)
      expect((await embedded.query(segmentsSql)).rows[0]).toEqual(nativeSegments)
    } finally {
      await embedded.close()
    }
  })
})

describe('PostgreSQL 15 + PostGIS 3.3: the case workflow', () => {
  defineWorkflowSuite(() => engine)

  defineWorkflowConcurrencyCheck(
    () => engine,
    connectAnother,
  )
})

describe('PostgreSQL 15 + PostGIS 3.3: the case table’s server order (list_cases p_sort)', () => {
  defineCaseListSuite(() => engine)
})

describe('PostgreSQL 15 + PostGIS 3.3: standard reasons, dispatch to a person, people in the timeline', () => {
  defineCaseReasonsSuite(() => engine)
})

describe('PostgreSQL 15 + PostGIS 3.3: integrity and access', () => {
  defineAccessSuite(() => engine)
  defineUserAdminSuite(() => engine)
})

describe('PostgreSQL 15 + PostGIS 3.3: grid versions followed everywhere', () => {
  defineGridVersionSuite(() => engine)

  defineGridConcurrencyCheck(
    () => engine,
    connectAnother,
  )
})

describe('PostgreSQL 15 + PostGIS 3.3: the import preview asks what is already there', () => {
  defineIntakePreviewSuite(() => engine)
})

describe('PostgreSQL 15 + PostGIS 3.3: strict, set-based intake', () => {
  defineIntakeSuite(() => engine)
})

describe('PostgreSQL 15 + PostGIS 3.3: the video camera layer', () => {
  defineCamerasSuite(() => engine)
})

describe('PostgreSQL 15 + PostGIS 3.3: the inspect panel reads one feature by id', () => {
  defineInspectDetailsSuite(() => engine)
})

describe('PostgreSQL 15 + PostGIS 3.3: the hotspot workspace reads every case of a period as columns', () => {
  defineHotspotReadsSuite(() => engine)
})

describe('PostgreSQL 15 + PostGIS 3.3: the case’s H3 cell stored at intake', () => {
  defineH3IntakeSuite(() => engine)
})

describe('PostgreSQL 15 + PostGIS 3.3: the grid editor (drafts, scope load, history, what-if inputs)', () => {
  defineGridEditorSuite(() => engine)
  defineGridEditorPublishSuite(() => engine)
})

describe('PostgreSQL 15 + PostGIS 3.3: the roster (保洁排班: change sets, coverage, imports, 专人包干, 以克论净)', () => {
  defineRosterSuite(() => engine)
  defineRosterImportsSuite(() => engine)
})

describe('PostgreSQL 15 + PostGIS 3.3: the embedded demo’s clock (the demo opened weeks after its last case)', () => {
  defineDemoClockSuite(() => engine)
})

describe('PostgreSQL 15 + PostGIS 3.3: 返工 in the demo (a failed 核查 in case_history)', () => {
  defineDemoReworkSuite(() => engine)
})

describe('PostgreSQL 15 + PostGIS 3.3: case links and attachments (照片与附件)', () => {
  defineCaseAttachmentsSuite(() => engine)
})

describe('PostgreSQL 15 + PostGIS 3.3: case attachments whose bytes are in Supabase Storage', () => {
  defineCaseAttachmentStorageSuite(() => engine)
})

describe('PostgreSQL 15 + PostGIS 3.3: stage time limits (受理 … 核查 on the work calendar, late stages kept)', () => {
  defineCaseStagesSuite(() => engine)
})

describe('PostgreSQL 15 + PostGIS 3.3: 考核 kpi_monthly against an independent computation, weights, bad input', () => {
  defineKpiSuite(() => engine)
})
