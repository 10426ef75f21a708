/**
 * Which demo database already lives in IndexedDB. PGlite refuses `loadDataDir` into a data
 * directory that has PG_VERSION ("Database already exists, cannot load from tarball"), and
 * IDBFS writes files lazily, so a tab closed during the first write can leave half a
 * directory. We therefore trust a directory only when our own marker says its first complete
 * sync finished; otherwise it is deleted and rebuilt from the snapshot.
 */
import { DATA_DIR_PREFIX, MARKER_DATABASE, MARKER_STORE, idbDatabaseName } from './boot-protocol.ts'
import { withObjectStore } from './idb-store.ts'

function withMarkers<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return withObjectStore(MARKER_DATABASE, MARKER_STORE, mode, work)
}

export async function isSnapshotComplete(hash: string): Promise<boolean> {
  const existing = (await indexedDB.databases()).some((info) => info.name === idbDatabaseName(hash))
  if (!existing) return false
  const marker = await withMarkers('readonly', (store) => store.get(hash))
  return marker !== undefined
}

export async function markSnapshotComplete(hash: string): Promise<void> {
  await withMarkers('readwrite', (store) => store.put({ completedAt: new Date().toISOString() }, hash))
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const deletion = indexedDB.deleteDatabase(name)
    deletion.onsuccess = () => resolve()
    deletion.onerror = () => reject(deletion.error)
    // Another tab still has it open; the browser deletes it once that tab lets go.
    deletion.onblocked = () => resolve()
  })
}

/** Deletes every demo database except `keepHash`'s (and its marker), i.e. older snapshots. */
export async function deleteOtherSnapshots(keepHash: string | null): Promise<string[]> {
  const prefix = `/pglite/${DATA_DIR_PREFIX}`
  const names = (await indexedDB.databases())
    .map((info) => info.name ?? '')
    .filter((name) => name.startsWith(prefix) && (keepHash === null || name !== idbDatabaseName(keepHash)))
  for (const name of names) {
    await deleteDatabase(name)
    await withMarkers('readwrite', (store) => store.delete(name.slice(prefix.length)))
  }
  return names
}

export async function deleteSnapshot(hash: string): Promise<void> {
  await withMarkers('readwrite', (store) => store.delete(hash))
  await deleteDatabase(idbDatabaseName(hash))
}
