/**
 * Hashing the source files a build product depends on (the demo snapshot, the prepared
 * first view), so each is rebuilt exactly when one of them changes.
 */
import type { Hash } from 'node:crypto'
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { REPO_ROOT } from './db/migrations.ts'

/** Every file under `path` (or `path` itself), in a stable order. */
export function listFiles(path: string): string[] {
  if (!existsSync(path)) return []
  if (statSync(path).isFile()) return [path]
  return readdirSync(path)
    .sort()
    .flatMap((name) => listFiles(join(path, name)))
}

/** Feeds the name and content of every file under each input (repo-relative) into `hash`. */
export function hashInputs(hash: Hash, inputs: string[], skip: RegExp): Hash {
  for (const input of inputs) {
    for (const file of listFiles(join(REPO_ROOT, input))) {
      if (skip.test(file)) continue
      hash.update(relative(REPO_ROOT, file))
      hash.update(readFileSync(file))
    }
  }
  return hash
}
