/**
 * The browser bench's baseline page: bench/fixtures/bare-maplibre (maplibre-gl and nothing of
 * the app's) built by Vite into .cache/bench/bare-maplibre, with the app's default-view data
 * written beside it as data.json, served by Vite's preview server.
 *
 * The data is the prepared first view (public/demo/first-view-*.json, scripts/first-view.ts):
 * the same answers the app draws on a first start, taken from the react-query state it ships,
 * so the bare page draws exactly the features the app does. Read by query kind, so a change of
 * the key's other parts does not lose a layer silently: a missing one is an error.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build, preview, type PreviewServer } from 'vite'
import { REPO_ROOT } from '../tests/e2e/harness.ts'

const FIXTURE = fileURLToPath(new URL('./fixtures/bare-maplibre/', import.meta.url))
const OUT_DIR = join(REPO_ROOT, '.cache/bench/bare-maplibre')

interface DehydratedQuery {
  queryKey: unknown[]
  state: { data: unknown }
}

/** The first view's answer for query kind `kind` (and, for areas, the level), or an error naming it. */
function answer(queries: DehydratedQuery[], kind: string, level?: string): unknown {
  const found = queries.find((query) => query.queryKey[1] === kind && (level === undefined || query.queryKey[2] === level))
  if (!found) throw new Error(`the prepared first view has no ${kind}${level ? ` ${level}` : ''} answer`)
  return found.state.data
}

function collection(value: unknown, what: string): GeoJSON.FeatureCollection {
  const data = value as GeoJSON.FeatureCollection
  if (data?.type !== 'FeatureCollection') throw new Error(`the prepared first view's ${what} is not a FeatureCollection`)
  return data
}

/**
 * The default view's layers, from the prepared first view in `demoDir`. Its grids are the
 * street level, which the app shows at the district view below zoom 13.2 (the first view also
 * holds the community level, for screens large enough to open above it).
 */
export function exportFirstViewData(demoDir = join(REPO_ROOT, 'public/demo')) {
  const file = readdirSync(demoDir).find((name) => /^first-view-.*\.json$/.test(name))
  if (!file) throw new Error(`${demoDir} has no first-view-*.json: run \`npm run build\` (it prepares the demo) first`)
  const record = JSON.parse(readFileSync(join(demoDir, file), 'utf8')) as { state: string }
  const queries = (JSON.parse(record.state) as { queries: DehydratedQuery[] }).queries
  const district = collection(answer(queries, 'areas', 'district'), 'district')
  const counts = answer(queries, 'incidentCounts') as { grid_id: number; count: number; lon: number; lat: number }[]
  const coordinates = (district.features[0].geometry as GeoJSON.Polygon).coordinates.flat()
  const lons = coordinates.map(([lon]) => lon)
  const lats = coordinates.map(([, lat]) => lat)
  return {
    districtBbox: [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)],
    district,
    roads: collection(answer(queries, 'roads'), 'roads'),
    streets: collection(answer(queries, 'areas', 'street'), 'streets'),
    segments: collection(answer(queries, 'segments'), 'segments'),
    markets: collection(answer(queries, 'markets'), 'markets'),
    sites: collection(answer(queries, 'constructionSites'), 'sites'),
    facilities: collection(answer(queries, 'facilities'), 'facilities'),
    incidentCounts: {
      type: 'FeatureCollection',
      features: counts.map((row) => ({ type: 'Feature', id: row.grid_id, properties: { count: row.count }, geometry: { type: 'Point', coordinates: [row.lon, row.lat] } })),
    } satisfies GeoJSON.FeatureCollection,
  }
}

/** Builds the page (a few seconds), writes its data and serves it; `url` opens it. */
export async function startBarePage({ outDir = OUT_DIR } = {}): Promise<{ url: string; features: number; javascriptGzip: number; close: () => Promise<void> }> {
  await build({ root: FIXTURE, configFile: false, base: './', logLevel: 'warn', build: { outDir, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 2000 } })
  mkdirSync(outDir, { recursive: true })
  const data = exportFirstViewData()
  writeFileSync(join(outDir, 'data.json'), JSON.stringify(data))
  const features = Object.values(data).reduce((sum, value) => sum + ((value as Partial<GeoJSON.FeatureCollection>).features?.length ?? 0), 0)
  // maplibre-gl and its worker: all the page's script (gzip level 9, as the app's is counted)
  const assets = join(outDir, 'assets')
  const javascriptGzip = readdirSync(assets)
    .filter((name) => /\.m?js$/.test(name))
    .reduce((sum, name) => sum + gzipSync(readFileSync(join(assets, name)), { level: 9 }).byteLength, 0)
  const server: PreviewServer = await preview({
    root: FIXTURE,
    configFile: false,
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  })
  const address = server.httpServer.address()
  if (!address || typeof address === 'string') throw new Error('the bare page server has no port')
  return { url: `http://127.0.0.1:${address.port}/`, features, javascriptGzip, close: () => server.close() }
}
