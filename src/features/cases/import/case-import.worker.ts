/**
 * The import worker: parsing, validation and placement of an imported file, off the main
 * thread. comlink exposes one ImportSession; progress comes back through a proxied callback.
 */
import { expose } from 'comlink'
import { ImportSession } from './import-session.ts'

expose(new ImportSession())
