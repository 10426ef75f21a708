/**
 * Builds the embedded database the app boots from: a PGlite data directory with PostGIS,
 * the shim, every migration and the seed already applied, dumped as a gzip tarball.
 * First start in the browser then only unpacks it instead of paying for
 * `create extension postgis` and 100,000 inserts.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { postgis } from '@electric-sql/pglite-postgis'
import { applyMigrations, applySeed, applyShim } from '../db/migrations.ts'

/**
 * A bulk load leaves hundreds of MB of write-ahead log that every visitor would download.
 * These settings (applied by a restart, since they cannot change inside a session) let a
 * checkpoint delete old segments instead of keeping them for reuse.
 */
const SMALL_WAL = [`alter system set min_wal_size = '32MB'`, `alter system set max_wal_size = '256MB'`, `alter system set wal_recycle = off`]

const open = (dataDir: string) => new PGlite({ dataDir, extensions: { postgis } })

export async function buildSnapshot(seedFile: string, log: (message: string) => void): Promise<Blob> {
  const dataDir = mkdtempSync(join(tmpdir(), 'urbangrid-snapshot-'))
  try {
    let db = open(dataDir)
    for (const statement of SMALL_WAL) await db.query(statement)
    await db.close()
    db = open(dataDir)
    let started = Date.now()
    await applyShim(db)
    await applyMigrations(db)
    log(`  迁移完成 migrations applied (${((Date.now() - started) / 1000).toFixed(1)} s)`)
    started = Date.now()
    // 返工 history rows are written on the first start in the browser, not shipped
    // (scripts/seed/demo-reworks.ts)
    await db.query(`set urbangrid.demo_compact = 'on'`)
    await applySeed(db, seedFile)
    log(`  种子数据导入完成 seed loaded (${((Date.now() - started) / 1000).toFixed(1)} s)`)
    started = Date.now()
    // spatial_ref_sys holds ~8,500 reference systems (a sixth of the download). The embedded
    // demo stores WGS84 and only ever needs the systems a Chinese city works in; production
    // PostGIS keeps the full table. ST_Transform to any other SRID fails in the demo only.
    await db.query(`delete from extensions.spatial_ref_sys where not (srid in (4326, 4490, 3857, 4479) or srid between 4491 and 4554)`)
    // The embedded database is the single `postgres` database; nobody creates databases in
    // it, so the two templates (2 MB of every download) go. Run `create database` against a
    // real server instead.
    await db.query(`update pg_database set datistemplate = false where datname in ('template0', 'template1')`)
    await db.query('drop database template0')
    await db.query('drop database template1')
    // Compact before dumping: the snapshot is downloaded by every first-time visitor.
    await db.query('vacuum (full, analyze)')
    // Start a fresh WAL segment and checkpoint past it, so the segments that remain hold
    // almost nothing but zeros.
    await db.query('checkpoint')
    await db.query('select pg_switch_wal()')
    await db.query('checkpoint')
    log(`  vacuum + checkpoint (${((Date.now() - started) / 1000).toFixed(1)} s)`)
    const snapshot = await db.dumpDataDir('gzip')
    await db.close()
    return snapshot
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}
