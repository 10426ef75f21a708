import { createReadStream, existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Connect, Plugin } from 'vite'
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

/**
 * Vite's static server (sirv) sends every `*.gz` file with `Content-Encoding: gzip`, so the
 * browser unpacks the 10 MB demo snapshot on the fly and the download progress cannot know
 * its total. Serve the snapshot as what it is, a gzip file, as ordinary static hosts do.
 */
function demoSnapshotAsFile(): Plugin {
  const serveFrom =
    (root: string): Connect.NextHandleFunction =>
    (req, res, next) => {
      const path = (req.url ?? '').split('?')[0]
      const match = /\/demo\/([\w.-]+\.tar\.gz)$/.exec(path)
      const file = match ? join(root, 'demo', match[1]) : null
      if (!file || !existsSync(file)) return next()
      res.setHeader('Content-Type', 'application/gzip')
      res.setHeader('Content-Length', String(statSync(file).size))
      res.setHeader('Cache-Control', 'no-cache')
      createReadStream(file).pipe(res)
    }
  let publicDir = 'public'
  let outDir = 'dist'
  return {
    name: 'urbangrid-demo-snapshot-as-file',
    configResolved(config) {
      publicDir = config.publicDir
      outDir = join(config.root, config.build.outDir)
    },
    configureServer(server) {
      server.middlewares.use(serveFrom(publicDir))
    },
    configurePreviewServer(server) {
      server.middlewares.use(serveFrom(outDir))
    },
  }
}

// PGlite finds its WASM, data file and extension bundles with `new URL(…, import.meta.url)`;
// esbuild pre-bundling moves the modules away from those files, so both packages are
// excluded from it (DESIGN.md §3). The database runs in a module worker, hence format 'es'.
export default defineConfig({
  plugins: [react(), demoSnapshotAsFile()],
  optimizeDeps: {
    exclude: ['@electric-sql/pglite', '@electric-sql/pglite-postgis'],
    // The dev server pre-bundles what it finds from index.html, which does not reach the
    // module workers (`new Worker(new URL(…))`): the import worker's exceljs and
    // robust-predicates were found only on the first click on 导入案件, and the dev server
    // then reloaded the whole page ("optimized dependencies changed"). Scan the workers too.
    entries: ['index.html', 'src/**/*.worker.ts'],
  },
  worker: {
    format: 'es',
  },
  build: {
    target: 'es2022',
    // pglite.wasm (10 MB) and the PostGIS bundle are fetched as files, never inlined.
    assetsInlineLimit: (file) => (/\.(wasm|data|gz)$/.test(file) ? false : undefined),
    chunkSizeWarningLimit: 2000,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
  },
  preview: {
    host: '127.0.0.1',
  },
})
