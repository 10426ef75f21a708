/**
 * The PostGIS files the browser needs at run time, cut from @electric-sql/pglite-postgis's
 * extension bundle.
 *
 * The stock bundle (19.8 MB gzip, ~115 MB unpacked) carries postgis, postgis_raster and
 * postgis_topology as three ~16 MB WebAssembly side modules, plus every install and upgrade
 * script. PGlite unpacks all of it and compiles every side module on every start. The demo
 * snapshot already has `postgis` installed, and nothing else is. At run time Postgres only
 * loads `$libdir/postgis-3` when a PostGIS function is first called, and PROJ reads
 * `share/proj` when a transformation needs it. That, and the control file, is what is kept.
 * `create extension postgis_raster` / `postgis_topology` therefore do not work in the
 * embedded demo; they are not part of the schema (docs/decisions.md).
 *
 * The tar entries are copied byte for byte (headers included), so PGlite unpacks the result
 * exactly as it would the original.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { gunzipSync, gzipSync } from 'node:zlib'

/** Bump when `keepAtRuntime` changes: the output's file name must change with it. */
const TRIM_VERSION = 1

export function keepAtRuntime(path: string): boolean {
  return path === 'lib/postgresql/postgis-3.so' || path === 'share/postgresql/extension/postgis.control' || path.startsWith('share/proj/')
}

const BLOCK = 512

function readString(block: Uint8Array, offset: number, length: number): string {
  const bytes = block.subarray(offset, offset + length)
  const end = bytes.indexOf(0)
  return new TextDecoder().decode(end >= 0 ? bytes.subarray(0, end) : bytes)
}

function readOctal(block: Uint8Array, offset: number, length: number): number {
  const text = readString(block, offset, length).trim()
  return text === '' ? 0 : parseInt(text, 8)
}

export interface TarEntry {
  path: string
  type: string
  size: number
  /** the entry's bytes in the archive: its header block(s) and padded data */
  raw: Uint8Array
}

/**
 * The entries of a ustar/pax archive. A pax extended header (`x`) or GNU long name (`L`)
 * travels with the entry it describes; `path` comes from it when present.
 */
export function tarEntries(tar: Uint8Array): TarEntry[] {
  const entries: TarEntry[] = []
  let offset = 0
  let pendingStart = -1
  let longPath: string | null = null
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK)
    if (header.every((byte) => byte === 0)) break
    const size = readOctal(header, 124, 12)
    const type = String.fromCharCode(header[156] || 0x30)
    const dataBlocks = Math.ceil(size / BLOCK)
    const end = offset + BLOCK + dataBlocks * BLOCK
    if (end > tar.length) throw new Error(`tar archive is truncated at byte ${offset}`)
    const start = pendingStart >= 0 ? pendingStart : offset
    if (type === 'x' || type === 'L') {
      const data = new TextDecoder().decode(tar.subarray(offset + BLOCK, offset + BLOCK + size))
      longPath = type === 'L' ? data.replace(/\0+$/, '') : (/(?:^|\n)\d+ path=([^\n]*)\n/.exec(data)?.[1] ?? longPath)
      pendingStart = start
      offset = end
      continue
    }
    const prefix = readString(header, 345, 155)
    const name = readString(header, 0, 100)
    const path = longPath ?? (prefix ? `${prefix}/${name}` : name)
    entries.push({ path, type, size, raw: tar.subarray(start, end) })
    pendingStart = -1
    longPath = null
    offset = end
  }
  return entries
}

/** The archive with only the entries `keep` accepts (and the end-of-archive marker). */
export function filterTar(tar: Uint8Array, keep: (path: string) => boolean): { tar: Uint8Array; kept: TarEntry[] } {
  const kept = tarEntries(tar).filter((entry) => keep(entry.path))
  const total = kept.reduce((sum, entry) => sum + entry.raw.byteLength, 0) + 2 * BLOCK
  const out = new Uint8Array(total)
  let offset = 0
  for (const entry of kept) {
    out.set(entry.raw, offset)
    offset += entry.raw.byteLength
  }
  return { tar: out, kept }
}

export function stockPostgisBundlePath(): string {
  const require = createRequire(import.meta.url)
  const entry = require.resolve('@electric-sql/pglite-postgis')
  return entry.replace(/index\.c?js$/, 'postgis.tar.gz')
}

export interface PostgisRuntime {
  /** file name, versioned by the stock bundle's content and this trimming */
  fileName: string
  bytes: Uint8Array
  kept: string[]
}

/** The file name the runtime bundle of the installed pglite-postgis has (cheap: one hash). */
export function postgisRuntimeFileName(stock: Uint8Array = readFileSync(stockPostgisBundlePath())): string {
  const hash = createHash('sha256').update(stock).update(`trim-v${TRIM_VERSION}`).digest('hex').slice(0, 12)
  return `postgis-runtime-${hash}.tar.gz`
}

export function buildPostgisRuntime(stock: Uint8Array = readFileSync(stockPostgisBundlePath())): PostgisRuntime {
  const { tar, kept } = filterTar(gunzipSync(stock), keepAtRuntime)
  if (!kept.some((entry) => entry.path === 'lib/postgresql/postgis-3.so')) {
    throw new Error('the pglite-postgis bundle has no lib/postgresql/postgis-3.so: was the package updated?')
  }
  return { fileName: postgisRuntimeFileName(stock), bytes: gzipSync(tar, { level: 9 }), kept: kept.map((entry) => entry.path) }
}
