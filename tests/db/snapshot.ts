/**
 * The embedded demo database exactly as the browser gets it: the snapshot built by
 * `scripts/ensure-demo.ts`, opened in PGlite + PostGIS. Tests that compare TypeScript with
 * the database's answers on the 100,000 demo cases use it instead of re-seeding.
 */
import { readFileSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { postgis } from '@electric-sql/pglite-postgis'
import { SNAPSHOT_FILE } from '../../scripts/ensure-demo.ts'

export function snapshotBlob(): Blob {
  return new Blob([readFileSync(SNAPSHOT_FILE)], { type: 'application/x-gzip' })
}

export async function openDemoSnapshot(): Promise<PGlite> {
  const db = new PGlite({ extensions: { postgis }, loadDataDir: snapshotBlob() })
  await db.waitReady
  return db
}
