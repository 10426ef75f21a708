/**
 * `npm run test:postgres`: starts a throwaway PostgreSQL 15 + PostGIS 3.3 cluster, runs the
 * vitest "postgres" project against it (same migrations, seed and assertions as on PGlite,
 * plus the cross-engine comparison), then the pgTAP files in supabase/tests with pg_prove
 * on the database the suite loaded, and stops the cluster whatever happened.
 */
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { REPO_ROOT } from './db/migrations.ts'
import { startCluster } from './db/pg-cluster.ts'

const database = 'urbangrid_test'
const cluster = await startCluster(console.log)
let status: number
try {
  const env = { ...process.env, URBANGRID_PG_URL: cluster.url(), URBANGRID_PG_DATABASE: database }
  const vitest = spawnSync('npx', ['vitest', 'run', '--project', 'postgres'], { cwd: REPO_ROOT, stdio: 'inherit', env })
  status = vitest.status ?? 1
  if (status === 0) {
    const pgtapFiles = readdirSync(join(REPO_ROOT, 'supabase/tests'))
      .filter((name) => name.endsWith('.test.sql'))
      .sort()
      .map((name) => join('supabase/tests', name))
    // pgTAP gets a schema of its own, so its ~1,000 functions and views do not land in the
    // API schema that the tests inspect; the API role may call it, for checks run as a user.
    const setup = spawnSync('psql', [cluster.url(database), '-v', 'ON_ERROR_STOP=1', '-qc', 'create schema if not exists pgtap; create extension if not exists pgtap schema pgtap; grant usage on schema pgtap to authenticated; grant execute on all functions in schema pgtap to authenticated'], {
      cwd: REPO_ROOT,
      stdio: 'inherit',
    })
    if (setup.status !== 0) throw new Error('could not create the pgtap extension (apt-get install postgresql-15-pgtap)')
    const prove = spawnSync('pg_prove', ['--dbname', cluster.url(database), ...pgtapFiles], { cwd: REPO_ROOT, stdio: 'inherit' })
    status = prove.status ?? 1
  }
} finally {
  cluster.stop()
}
process.exit(status)
