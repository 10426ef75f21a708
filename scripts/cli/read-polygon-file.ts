/**
 * A polygon layer for the command-line tools, from GeoJSON, a zipped Shapefile or KML, as a
 * parsed GeoJSON value (readPolygonFeatures then picks ids and converts coordinates). The
 * parsing is the app's (src/domain/grids/files/parse-polygon-file.ts); this reads the file
 * and turns its failures into CliFailures with a Chinese message and EXIT.unusable.
 */
import { readFileSync } from 'node:fs'
import { GridFileError, parsePolygonFile } from '../../src/domain/grids/files/parse-polygon-file.ts'
import { CliFailure, EXIT } from './exit-codes.ts'
import { checkInputFile } from './input-file.ts'

export async function readPolygonFile(path: string, what: string): Promise<unknown> {
  checkInputFile(path, what)
  try {
    return await parsePolygonFile(path, new Uint8Array(readFileSync(path)))
  } catch (error) {
    if (error instanceof GridFileError) throw new CliFailure(`错误：${what}${error.message}`, EXIT.unusable)
    throw error
  }
}
