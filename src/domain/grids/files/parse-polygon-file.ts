/**
 * A polygon layer's bytes → a parsed GeoJSON value, shared by the app's grid import
 * (read-grid-file.ts) and the command-line tools (scripts/cli/read-polygon-file.ts):
 * - a ZIP (by its magic bytes, whatever the name): shpjs — .shp + .dbf, the .prj honoured
 *   (projected files come back in WGS84), the .cpg's encoding; a zip with several layers is
 *   refused, naming them, since which one is the grid layer is not ours to guess;
 * - a name ending in .kml, or text starting like KML: kml-polygons.ts;
 * - anything else: JSON.
 * No file system: the caller hands the bytes, so this runs in the browser as well as in Node.
 * An unusable file throws a GridFileError whose message, in Chinese, starts with the quoted name.
 */
import shp from 'shpjs'
import { decodeText } from '../../tabular/decode-text.ts'
import { KmlError, kmlToGeoJson } from './kml-polygons.ts'

export class GridFileError extends Error {
  override name = 'GridFileError'
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]

export function isZip(bytes: Uint8Array): boolean {
  return ZIP_MAGIC.every((byte, index) => bytes[index] === byte)
}

export async function parsePolygonFile(name: string, bytes: Uint8Array): Promise<unknown> {
  if (isZip(bytes)) {
    let layers
    try {
      layers = await shp(bytes)
    } catch (error) {
      throw new GridFileError(`“${name}”是 ZIP 文件，但读不出 Shapefile（需要包含 .shp 和 .dbf）：${(error as Error).message}`)
    }
    if (Array.isArray(layers)) {
      if (layers.length === 1) return layers[0]
      throw new GridFileError(`“${name}”包含 ${layers.length} 个图层（${layers.map((layer) => layer.fileName ?? '?').join('、')}），请只保留网格图层`)
    }
    return layers
  }
  const text = decodeText(bytes).text
  if (/\.kml$/i.test(name) || /^\s*(<\?xml[^>]*>\s*)?<(?:[\w-]+:)?kml[\s>]/.test(text)) {
    try {
      return kmlToGeoJson(text)
    } catch (error) {
      if (error instanceof KmlError) throw new GridFileError(`“${name}”：${error.message}`)
      throw error
    }
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new GridFileError(`“${name}”不是有效的 JSON（也不是 Shapefile 压缩包或 KML）：${(error as Error).message}`)
  }
}
