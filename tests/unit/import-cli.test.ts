/**
 * `npm run import:cases` before the database is opened (issue 13): options and paths are
 * checked first, each failure a Chinese message with its exit code, never a stack trace. The
 * runs against the demo database are in tests/db/import-cli.embedded.test.ts.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it, vi } from 'vitest'

// Each case starts Node with tsx (about a second, more on a busy machine).
vi.setConfig({ testTimeout: 60_000 })

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const work = mkdtempSync(path.join(tmpdir(), 'import-cli-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

function importCases(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/import-cases.ts', ...args], { cwd: repoRoot, encoding: 'utf8' })
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, all: `${run.stdout}\n${run.stderr}` }
}

function expectNoStackTrace(text: string) {
  expect(text).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m)
  expect(text).not.toContain('Node.js v')
}

describe('npm run import:cases, before the database is opened', () => {
  it.each([
    [[], 1, '缺少 --file'],
    [['--file', 'x.csv', '--batch-size', '0'], 1, '--batch-size 应为 1 至 10000 的整数'],
    [['--file', 'x.csv', '--crs', 'wgs1984'], 1, '--crs 应为'],
    // --errors is checked before the file: had the file been looked at, the exit would be 2.
    [['--file', path.join(work, 'missing.csv'), '--errors', path.join(work, 'no-such-directory', 'errors.csv')], 1, '所在的目录'],
    [['--file', path.join(work, 'missing.csv'), '--errors', work], 1, '是一个目录，请给出文件名'],
    [['--file', path.join(work, 'missing.csv')], 2, '文件不存在'],
    [['--file', work], 2, '是一个目录，不是文件'],
  ])('%j → exit %i', (args, status, message) => {
    const run = importCases(...(args as string[]))
    expectNoStackTrace(run.all)
    expect(run.status).toBe(status)
    expect(run.stderr).toContain(message)
  })
})
