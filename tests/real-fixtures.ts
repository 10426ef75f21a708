/**
 * Where the real-world test data lives (../shared/fixtures/real beside the checkout; see its
 * PROVENANCE.md — test data only, never shipped). URBANGRID_REAL_FIXTURES overrides it. When
 * it is absent, the tests that need it are skipped and say so, rather than failing a checkout
 * that was cloned without its neighbour.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe } from 'vitest'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const candidates = [process.env.URBANGRID_REAL_FIXTURES, path.resolve(repoRoot, '../shared/fixtures/real')].filter(
  (candidate): candidate is string => Boolean(candidate),
)

export const REAL_FIXTURES: string | null = candidates.find((candidate) => existsSync(path.join(candidate, 'PROVENANCE.md'))) ?? null

if (!REAL_FIXTURES) console.warn(`real-data fixtures not found (looked in ${candidates.join(', ')}): their tests are skipped`)

/** `describe`, skipped when the real-data fixtures are not there. */
export const describeWithRealFixtures = describe.skipIf(REAL_FIXTURES === null)
