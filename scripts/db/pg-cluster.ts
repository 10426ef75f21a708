/**
 * A throwaway native PostgreSQL 15 cluster for tests and benchmarks: initdb in a temp
 * directory, start on a free port bound to 127.0.0.1, stop and delete on `stop()`.
 * PostgreSQL refuses to run as root, so as root (CI) it runs as the `postgres` system user.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface PgCluster {
  url: (database?: string) => string
  port: number
  stop(): void
}

function findBinDir(): string {
  for (const version of ['15', '16', '17']) {
    const dir = `/usr/lib/postgresql/${version}/bin`
    if (existsSync(join(dir, 'initdb'))) return dir
  }
  throw new Error(
    'PostgreSQL server binaries not found under /usr/lib/postgresql/<version>/bin. ' +
      'Install them with: apt-get install -y postgresql-15 postgresql-15-postgis-3 postgresql-15-pgtap',
  )
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

export async function startCluster(log: (message: string) => void = () => {}): Promise<PgCluster> {
  const binDir = findBinDir()
  const isRoot = process.getuid?.() === 0
  const base = mkdtempSync(join(tmpdir(), 'urbangrid-pg-'))
  chmodSync(base, 0o777)
  const dataDir = join(base, 'data')
  const run = (command: string, args: string[]) => {
    const [file, fullArgs] = isRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args]
    return execFileSync(file, fullArgs, { stdio: ['ignore', 'pipe', 'pipe'] }).toString()
  }
  run(join(binDir, 'initdb'), ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale'])
  const port = await freePort()
  const options = [
    `-p ${port}`,
    `-k ${base}`,
    "-c listen_addresses='127.0.0.1'",
    // A test cluster: durability buys nothing and costs minutes on a 2-core machine.
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c shared_buffers=256MB',
    '-c max_wal_size=2GB',
  ].join(' ')
  run(join(binDir, 'pg_ctl'), ['-D', dataDir, '-o', options, '-l', join(base, 'server.log'), '-w', 'start'])
  log(`PostgreSQL started on 127.0.0.1:${port} (${binDir})`)
  let stopped = false
  return {
    port,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    stop() {
      if (stopped) return
      stopped = true
      const [file, fullArgs] = isRoot
        ? ['runuser', ['-u', 'postgres', '--', join(binDir, 'pg_ctl'), '-D', dataDir, '-m', 'fast', '-w', 'stop']]
        : [join(binDir, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', 'stop']]
      spawnSync(file, fullArgs, { stdio: 'ignore' })
      rmSync(base, { recursive: true, force: true })
    },
  }
}
