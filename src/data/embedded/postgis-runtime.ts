/**
 * PostGIS for the embedded database, from the trimmed bundle the demo build writes
 * (scripts/postgis-runtime.ts: postgis-3.so, its control file and PROJ's data, 7 MB instead
 * of 19.8 MB, one WebAssembly side module to compile instead of three).
 *
 * The environment is the one @electric-sql/pglite-postgis's own `setup` sets, minus the
 * raster switches (postgis_raster is not in the bundle). Importing that package's extension
 * here would make the build ship its 19.8 MB bundle as well, unused.
 */
import type { Extension } from '@electric-sql/pglite'

/** PGlite's install prefix inside its file system (`WASM_PREFIX` in PGlite). */
const PGLITE_PREFIX = '/pglite'

export function postgisRuntime(bundleUrl: string): Extension {
  return {
    name: 'postgis',
    setup: async (_pg, emscriptenOpts: { PGLITE_ENV: Record<string, string> }) => {
      emscriptenOpts.PGLITE_ENV.PROJ_DATA = `${PGLITE_PREFIX}/share/proj`
      return { emscriptenOpts, bundlePath: new URL(bundleUrl) }
    },
  }
}
