/**
 * `npm start`: makes sure the demo database snapshot exists (building it on a fresh clone,
 * with progress), then serves the app with Vite on http://127.0.0.1:5173. Nothing here
 * needs the network. `npm start -- --host` listens on every interface.
 */
import { createServer } from 'vite'
import { ensureDemo } from './ensure-demo.ts'

const exposeHost = process.argv.includes('--host')

const manifest = await ensureDemo({ log: (message) => console.log(message) })
console.log(
  `演示数据库就绪 Demo database ready: snapshot ${manifest.hash}, ${(manifest.snapshotBytes / 1e6).toFixed(1)} MB` +
    (manifest.counts.grids ? `, ${manifest.counts.grids} grids, ${manifest.counts.incidents ?? 0} incidents` : ''),
)

const server = await createServer({
  server: { host: exposeHost ? true : '127.0.0.1', port: 5173, strictPort: false },
})
await server.listen()
console.log('')
console.log('城市网格化管理平台 UrbanGrid 已启动，请在浏览器中打开 / open in a browser:')
server.printUrls()
console.log('（按 Ctrl+C 停止 / press Ctrl+C to stop）')
