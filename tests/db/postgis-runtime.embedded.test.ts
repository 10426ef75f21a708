/**
 * The browser's trimmed PostGIS bundle (scripts/postgis-runtime.ts) against the stock one:
 * the demo snapshot opened with each answers the same PostGIS, PROJ and geography calls.
 * If a pglite-postgis upgrade moved something the runtime needs out of the kept paths,
 * this fails here instead of in the browser.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildPostgisRuntime } from '../../scripts/postgis-runtime.ts'
import { postgisRuntime } from '../../src/data/embedded/postgis-runtime.ts'
import { openDemoSnapshot, snapshotBlob } from './snapshot.ts'

const PROBES = [
  `select extname || ' ' || extversion as value from pg_extension where extname = 'postgis'`,
  `select postgis_lib_version() as value`,
  // PROJ with its database: WGS 84 → Web Mercator and → CGCS2000 / 3-degree Gauss-Kruger CM 120E
  `select ST_AsText(ST_SnapToGrid(ST_Transform(ST_SetSRID(ST_MakePoint(119.9, 32.47), 4326), 3857), 0.01)) as value`,
  `select ST_AsText(ST_SnapToGrid(ST_Transform(ST_SetSRID(ST_MakePoint(119.9, 32.47), 4326), 4549), 0.01)) as value`,
  // geography (spheroid from spatial_ref_sys) on the demo's own data
  `select round(sum(ST_Area(geom::geography))::numeric, 0)::text as value from communities`,
  `select round(ST_Distance(ST_MakePoint(119.9, 32.47)::geography, ST_MakePoint(119.95, 32.5)::geography)::numeric, 3)::text as value`,
]

async function answers(db: PGlite): Promise<string[]> {
  const out: string[] = []
  await db.exec('set search_path to public, extensions')
  for (const sql of PROBES) out.push((await db.query<{ value: string }>(sql)).rows[0]?.value ?? 'null')
  return out
}

describe('trimmed PostGIS runtime bundle', () => {
  const dir = mkdtempSync(join(tmpdir(), 'urbangrid-postgis-'))
  let trimmed: PGlite
  let stock: PGlite
  let kept: string[] = []
  let bytes = 0

  beforeAll(async () => {
    const runtime = buildPostgisRuntime()
    kept = runtime.kept
    bytes = runtime.bytes.byteLength
    const file = join(dir, runtime.fileName)
    writeFileSync(file, runtime.bytes)
    trimmed = new PGlite({ extensions: { postgis: postgisRuntime(pathToFileURL(file).href) }, loadDataDir: snapshotBlob() })
    await trimmed.waitReady
    stock = await openDemoSnapshot()
  }, 240_000)

  afterAll(async () => {
    await trimmed?.close()
    await stock?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('keeps postgis-3.so, its control file and PROJ data, and nothing else', () => {
    expect(kept).toContain('lib/postgresql/postgis-3.so')
    expect(kept).toContain('share/postgresql/extension/postgis.control')
    expect(kept).toContain('share/proj/proj.db')
    expect(kept.filter((path) => !path.startsWith('share/proj/'))).toEqual(['lib/postgresql/postgis-3.so', 'share/postgresql/extension/postgis.control'])
    expect(bytes).toBeLessThan(10_000_000)
  })

  it('answers every probe exactly as the stock bundle does', async () => {
    const got = await answers(trimmed)
    expect(got).toEqual(await answers(stock))
    expect(got[0]).toMatch(/^postgis 3\./)
    expect(got[2]).toMatch(/^POINT\(13347/)
    expect(Number(got[4])).toBeGreaterThan(1e7)
  })
})
