/**
 * Builds the embedded database the app boots from: a PGlite data directory with PostGIS,
 * the shim, every migration and the seed already applied, dumped as a gzip tarball.
 * First start in the browser then only unpacks it instead of paying for
 * `create extension postgis` and 100,000 inserts.
 */
import { PGlite } from '@electric-sql/pglite'
import { postgis } from '@electric-sql/pglite-postgis'
import { applyMigrations, applySeed, applyShim } from '../db/migrations.ts'

export async function buildSnapshot(seedFile: string, log: (message: string) => void): Promise<Blob> {
  const db = new PGlite({ extensions: { postgis } })
  try {
    let started = Date.now()
    await applyShim(db)
    await applyMigrations(db)
    log(`  迁移完成 migrations applied (${((Date.now() - started) / 1000).toFixed(1)} s)`)
    started = Date.now()
    await applySeed(db, seedFile)
    log(`  种子数据导入完成 seed loaded (${((Date.now() - started) / 1000).toFixed(1)} s)`)
    started = Date.now()
    // Compact before dumping: the snapshot is downloaded by every first-time visitor.
    await db.exec('vacuum (full, analyze)')
    log(`  vacuum (${((Date.now() - started) / 1000).toFixed(1)} s)`)
    return await db.dumpDataDir('gzip')
  } finally {
    await db.close()
  }
}
