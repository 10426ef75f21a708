/**
 * Makes sure the demo district's build products exist and are current:
 *   supabase/seed.sql                  (for `supabase db reset` and native PostgreSQL tests)
 *   public/demo/urbangrid-demo.tar.gz  (the PGlite snapshot the embedded app boots from)
 *   public/demo/manifest.json          (its hash, size and counts)
 *   public/demo/postgis-runtime-*.tar.gz (the PostGIS files the browser loads, scripts/postgis-runtime.ts)
 *   public/demo/first-view-*.json       (the district view's layer answers, scripts/first-view.ts)
 * They are keyed by a hash of everything that shapes them (shim, migrations, generator,
 * seed writer, category directory, PGlite version) and rebuilt only when that changes.
 *
 *   node --import tsx scripts/ensure-demo.ts [--force]
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { REPO_ROOT, SEED_FILE } from './db/migrations.ts'
import { generateDemoDistrict } from './demo/generate.ts'
import { generateHotlineFile, hotlineCsvBytes } from './demo/hotline-file.ts'
import { renderSeed } from './seed/write-seed.ts'
import { buildSnapshot } from './seed/build-snapshot.ts'
import { buildPostgisRuntime, postgisRuntimeFileName, stockPostgisBundlePath } from './postgis-runtime.ts'
import { buildFirstViewRecord, firstViewFileName } from './first-view.ts'
import { hashInputs } from './inputs-hash.ts'

export const DEMO_DIR = join(REPO_ROOT, 'public/demo')
export const SNAPSHOT_FILE = join(DEMO_DIR, 'urbangrid-demo.tar.gz')
export const MANIFEST_FILE = join(DEMO_DIR, 'manifest.json')
/** The demo 12319 export the 案件 workspace offers for download (GBK, GCJ-02, some bad rows). */
export const HOTLINE_DEMO_FILE = join(DEMO_DIR, '12319-hotline-demo.csv')

const INPUTS = ['supabase/shim', 'supabase/migrations', 'supabase/data', 'scripts/demo', 'scripts/seed', 'scripts/db']

export function demoInputsHash(): string {
  const hash = hashInputs(createHash('sha256'), INPUTS, /\.md$/)
  const pglite = JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules/@electric-sql/pglite/package.json'), 'utf8'))
  hash.update(`pglite@${pglite.version}`)
  return hash.digest('hex').slice(0, 16)
}

export interface DemoManifest {
  hash: string
  snapshot: string
  snapshotBytes: number
  /** the trimmed PostGIS extension bundle the browser loads (absent: the stock one) */
  postgisBundle?: string
  postgisBundleBytes?: number
  /** the district view's layer answers for a first start (scripts/first-view.ts) */
  firstView?: string
  seed: number
  counts: Record<string, number>
}

export function readManifest(): DemoManifest | null {
  if (!existsSync(MANIFEST_FILE)) return null
  return JSON.parse(readFileSync(MANIFEST_FILE, 'utf8')) as DemoManifest
}

export async function ensureDemo({ force = false, log = console.log } = {}): Promise<DemoManifest> {
  const manifest = await ensureSnapshot({ force, log })
  return ensureFirstView(ensurePostgisRuntime(manifest, { force, log }), { force, log })
}

/** Writes the district view's layer answers for this snapshot and app, named in the manifest. */
async function ensureFirstView(manifest: DemoManifest, { force, log }: { force: boolean; log: (message: string) => void }): Promise<DemoManifest> {
  const fileName = firstViewFileName(manifest.hash)
  const file = join(DEMO_DIR, fileName)
  if (!force && manifest.firstView === fileName && existsSync(file)) return manifest
  log('  准备首屏图层 answering the district view for first starts…')
  const record = await buildFirstViewRecord(new Blob([readFileSync(SNAPSHOT_FILE)]), manifest.hash)
  writeFileSync(file, JSON.stringify(record))
  for (const name of readdirSync(DEMO_DIR)) {
    if (/^first-view-.*\.json$/.test(name) && name !== fileName) rmSync(join(DEMO_DIR, name))
  }
  const next: DemoManifest = { ...manifest, firstView: fileName }
  writeFileSync(MANIFEST_FILE, `${JSON.stringify(next, null, 2)}\n`)
  return next
}

/** Writes the browser's PostGIS bundle for the installed pglite-postgis, named in the manifest. */
function ensurePostgisRuntime(manifest: DemoManifest, { force, log }: { force: boolean; log: (message: string) => void }): DemoManifest {
  const stock = readFileSync(stockPostgisBundlePath())
  const fileName = postgisRuntimeFileName(stock)
  const file = join(DEMO_DIR, fileName)
  if (!force && manifest.postgisBundle === fileName && existsSync(file)) return manifest
  log('  裁剪 PostGIS 扩展包 trimming the PostGIS bundle for the browser…')
  const runtime = buildPostgisRuntime(stock)
  writeFileSync(file, runtime.bytes)
  for (const name of readdirSync(DEMO_DIR)) {
    if (/^postgis-runtime-.*\.tar\.gz$/.test(name) && name !== fileName) rmSync(join(DEMO_DIR, name))
  }
  const next: DemoManifest = { ...manifest, postgisBundle: fileName, postgisBundleBytes: runtime.bytes.byteLength }
  writeFileSync(MANIFEST_FILE, `${JSON.stringify(next, null, 2)}\n`)
  return next
}

async function ensureSnapshot({ force, log }: { force: boolean; log: (message: string) => void }): Promise<DemoManifest> {
  const hash = demoInputsHash()
  const manifest = readManifest()
  if (!force && manifest?.hash === hash && existsSync(SNAPSHOT_FILE) && existsSync(SEED_FILE) && existsSync(HOTLINE_DEMO_FILE)) {
    return manifest
  }
  const started = Date.now()
  log(`构建示范区演示数据库 Building the demo district database (inputs ${hash})…`)
  log('  [1/3] 生成示范区 generating the synthetic district…')
  const district = generateDemoDistrict()
  log('  [2/3] 写入 supabase/seed.sql writing the seed…')
  writeFileSync(SEED_FILE, renderSeed(district))
  log('  [3/3] 构建 PGlite 快照 building the embedded snapshot (about a minute)…')
  const snapshot = await buildSnapshot(SEED_FILE, log)
  mkdirSync(DEMO_DIR, { recursive: true })
  const bytes = Buffer.from(await snapshot.arrayBuffer())
  writeFileSync(SNAPSHOT_FILE, bytes)
  writeFileSync(HOTLINE_DEMO_FILE, hotlineCsvBytes(generateHotlineFile({ district })))
  const next: DemoManifest = {
    hash,
    snapshot: 'urbangrid-demo.tar.gz',
    snapshotBytes: bytes.byteLength,
    seed: district.seed,
    counts: {
      streets: district.streets.length,
      communities: district.communities.length,
      grids: district.grids.length,
      backStreets: district.backStreets.length,
      segments: district.segments.length,
      facilities: district.facilities.length,
      incidents: district.incidents.length,
    },
  }
  writeFileSync(MANIFEST_FILE, `${JSON.stringify(next, null, 2)}\n`)
  log(`完成 done in ${((Date.now() - started) / 1000).toFixed(0)} s: snapshot ${(bytes.byteLength / 1e6).toFixed(1)} MB`)
  return next
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  ensureDemo({ force: process.argv.includes('--force') }).catch((error) => {
    console.error(error)
    process.exit(1)
  })
}
