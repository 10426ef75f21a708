/**
 * Applies the Supabase shim, the migrations and the seed to any engine that can run a
 * multi-statement SQL script (PGlite, node-postgres). The same files, in the same order,
 * on every engine: that is the point of DESIGN.md §3.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'

export interface SqlScriptRunner {
  exec(sql: string): Promise<unknown>
}

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url))
export const SHIM_FILE = join(REPO_ROOT, 'supabase/shim/supabase-shim.sql')
export const MIGRATIONS_DIR = join(REPO_ROOT, 'supabase/migrations')
export const SEED_FILE = join(REPO_ROOT, 'supabase/seed.sql')

export function migrationFiles(): string[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((name) => /^\d{14}_.+\.sql$/.test(name))
    .sort()
    .map((name) => join(MIGRATIONS_DIR, name))
}

export async function applyShim(db: SqlScriptRunner): Promise<void> {
  await db.exec(readFileSync(SHIM_FILE, 'utf8'))
}

export async function applyMigrations(db: SqlScriptRunner, onMigration?: (file: string) => void): Promise<void> {
  for (const file of migrationFiles()) {
    onMigration?.(file)
    try {
      await db.exec(readFileSync(file, 'utf8'))
    } catch (error) {
      throw new Error(`migration ${file} failed: ${describeSqlError(error)}`, { cause: error })
    }
  }
}

export async function applySeed(db: SqlScriptRunner, seedFile = SEED_FILE): Promise<void> {
  try {
    await db.exec(readFileSync(seedFile, 'utf8'))
  } catch (error) {
    throw new Error(`seed ${seedFile} failed: ${describeSqlError(error)}`, { cause: error })
  }
}

/** The error without the (43 MB) statement text drivers attach to it. */
export function describeSqlError(error: unknown): string {
  const record = error as { message?: string; code?: string; where?: string; internalQuery?: string; detail?: string }
  return [record.message, record.code && `(${record.code})`, record.detail, record.where, record.internalQuery]
    .filter(Boolean)
    .join(' | ')
}
