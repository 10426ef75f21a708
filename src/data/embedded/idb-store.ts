/**
 * A small key-value store on IndexedDB: one object store in its own database, opened per
 * call (calls are rare: boot markers, the layer cache), one transaction per call that
 * resolves only once the transaction has committed.
 */
export function idbRequest<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error)
  })
}

export async function withObjectStore<T>(
  database: string,
  storeName: string,
  mode: IDBTransactionMode,
  work: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const open = indexedDB.open(database, 1)
  open.onupgradeneeded = () => open.result.createObjectStore(storeName)
  const db = await idbRequest(open)
  try {
    const transaction = db.transaction(storeName, mode)
    const result = await idbRequest(work(transaction.objectStore(storeName)))
    await new Promise<void>((resolve, reject) => {
      transaction.oncomplete = () => resolve()
      transaction.onerror = () => reject(transaction.error)
      transaction.onabort = () => reject(transaction.error)
    })
    return result
  } finally {
    db.close()
  }
}
