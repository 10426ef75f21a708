/**
 * A polygon layer for the command-line tools, from GeoJSON, a zipped Shapefile or KML, as a
 * parsed GeoJSON value (readPolygonFeatures then picks ids and converts coordinates):
 * - a ZIP (by its magic bytes, whatever the name): shpjs — .shp + .dbf, the .prj honoured
 *   (projected files come back in WGS84), the .cpg's encoding; a zip with several layers is
 *   refused, naming them, since which one is the grid layer is not ours to guess;
 * - .kml, or text starting like KML: kml-polygons.ts;
 * - anything else: JSON.
 * Failures are CliFailures with a Chinese message and EXIT.unusable.
 */
import { readFileSync } from 'node:fs'
import shp from 'shpjs'
import { decodeText } from '../../src/domain/tabular/index.ts'
import { KmlError, kmlToGeoJson } from '../../src/domain/grids/files/kml-polygons.ts'
import { CliFailure, EXIT } from './exit-codes.ts'
import { checkInputFile } from './input-file.ts'

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]

export async function readPolygonFile(path: string, what: string): Promise<unknown> {
  checkInputFile(path, what)
  const bytes = new Uint8Array(readFileSync(path))
  if (ZIP_MAGIC.every((byte, index) => bytes[index] === byte)) {
    let layers
    try {
      layers = await shp(bytes)
    } catch (error) {
      throw new CliFailure(`错误：${what}“${path}”是 ZIP 文件，但读不出 Shapefile（需要包含 .shp 和 .dbf）：${(error as Error).message}`, EXIT.unusable)
    }
    if (Array.isArray(layers)) {
      if (layers.length === 1) return layers[0]
      throw new CliFailure(`错误：${what}“${path}”包含 ${layers.length} 个图层（${layers.map((layer) => layer.fileName ?? '?').join('、')}），请只保留网格图层`, EXIT.unusable)
    }
    return layers
  }
  const text = decodeText(bytes).text
  if (/\.kml$/i.test(path) || /^\s*(<\?xml[^>]*>\s*)?<(?:[\w-]+:)?kml[\s>]/.test(text)) {
    try {
      return kmlToGeoJson(text)
    } catch (error) {
      if (error instanceof KmlError) throw new CliFailure(`错误：${what}“${path}”：${error.message}`, EXIT.unusable)
      throw error
    }
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new CliFailure(`错误：${what}“${path}”不是有效的 JSON（也不是 Shapefile 压缩包或 KML）：${(error as Error).message}`, EXIT.unusable)
  }
}
