/**
 * Grids out (网格导出) in the three formats the import reads: GeoJSON, a zipped Shapefile
 * (@mapbox/shp-write for .shp/.shx/.dbf, zipped with its own JSZip) and KML
 * (@placemarkio/tokml). Every file carries the same attributes (grid-fields.ts), coordinates
 * in WGS84 at full double precision, so reading a written file back gives the grids again.
 *
 * The Shapefile needs three things shp-write does not do: its dBase writer stores each UTF-16
 * code unit's low byte, which mangles Chinese, so text goes in already encoded as UTF-8 (one
 * byte per character of a "binary string", which that writer copies byte for byte) with a .cpg
 * saying UTF-8; field names are cut to 10 bytes, so the short names of grid-fields.ts are used;
 * and the format wants outer rings clockwise, the reverse of GeoJSON, so rings are reversed.
 */
import shpwrite from '@mapbox/shp-write'
import { toKML } from '@placemarkio/tokml'
import JSZip from 'jszip'
import { sphericalArea } from '../../geometry/spherical-area.ts'
import type { EditableGrid } from '../editing/types.ts'
import { GRID_FIELDS, type GridField } from './grid-fields.ts'

export type GridProperties = Record<GridField, string | number | null>

/** The ESRI WKT for WGS84 longitude/latitude, as ArcGIS and QGIS write it. */
export const WGS84_PRJ = 'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["Degree",0.017453292519943295]]'
/** dBase character fields hold at most 254 bytes. */
const DBF_TEXT_BYTES = 254

export function gridProperties(grid: EditableGrid): GridProperties {
  return {
    code: grid.code,
    name: grid.name,
    land_use: grid.landUse,
    management_level: grid.managementLevel,
    responsible_person: grid.responsiblePerson,
    responsible_body: grid.responsibleBody,
    version: grid.version,
    area_m2: Math.round(sphericalArea(grid.geometry) * 100) / 100,
  }
}

export function gridsFeatureCollection(grids: readonly EditableGrid[]): GeoJSON.FeatureCollection<GeoJSON.Polygon, GridProperties> {
  return {
    type: 'FeatureCollection',
    features: grids.map((grid) => ({ type: 'Feature', id: grid.code, properties: gridProperties(grid), geometry: grid.geometry })),
  }
}

export function writeGridsGeoJson(grids: readonly EditableGrid[]): string {
  return JSON.stringify(gridsFeatureCollection(grids))
}

export function writeGridsKml(grids: readonly EditableGrid[]): string {
  const collection = gridsFeatureCollection(grids)
  // tokml writes JSON for non-text values, so null would become the text "null"; KML has only text, and empty is "none".
  for (const feature of collection.features) {
    for (const [key, value] of Object.entries(feature.properties)) if (value === null) (feature.properties as Record<string, unknown>)[key] = ''
  }
  return toKML(collection)
}

/** A zip holding `<layerName>.shp/.shx/.dbf/.prj/.cpg`. */
export async function writeGridsShapefileZip(grids: readonly EditableGrid[], options: { layerName?: string } = {}): Promise<Uint8Array> {
  const layerName = options.layerName ?? 'grids'
  // shp-write cannot write a layer without records (it takes the extent from the first one).
  if (grids.length === 0) throw new Error('没有可导出的网格：Shapefile 至少需要一个网格')
  const rows = grids.map((grid) => {
    const properties = gridProperties(grid)
    const row: Record<string, string | number | null> = {}
    for (const field of Object.keys(GRID_FIELDS) as GridField[]) {
      const value = properties[field]
      row[GRID_FIELDS[field].shapefile] = typeof value === 'string' ? utf8BinaryString(value, DBF_TEXT_BYTES) : value
    }
    return row
  })
  const geometries = grids.map((grid) => grid.geometry.coordinates.map((ring) => [...ring].reverse()))
  let files: { shp: DataView; shx: DataView; dbf: DataView } | undefined
  shpwrite.write(rows, 'POLYGON', geometries, (error, written) => {
    if (error) throw error
    files = written
  })
  if (!files) throw new Error('shp-write produced no files')
  const zip = new JSZip()
  zip.file(`${layerName}.shp`, files.shp.buffer as ArrayBuffer, { binary: true })
  zip.file(`${layerName}.shx`, files.shx.buffer as ArrayBuffer, { binary: true })
  zip.file(`${layerName}.dbf`, files.dbf.buffer as ArrayBuffer, { binary: true })
  zip.file(`${layerName}.prj`, WGS84_PRJ)
  zip.file(`${layerName}.cpg`, 'UTF-8')
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' })
}

/** `text` as UTF-8 bytes, one character per byte, cut to whole characters within `maxBytes`. */
function utf8BinaryString(text: string, maxBytes: number): string {
  let bytes = new TextEncoder().encode(text)
  if (bytes.length > maxBytes) {
    let end = maxBytes
    // Back off continuation bytes (10xxxxxx) so no character is cut in half.
    while (end > 0 && (bytes[end] & 0xc0) === 0x80) end -= 1
    bytes = bytes.subarray(0, end)
  }
  let out = ''
  for (const byte of bytes) out += String.fromCharCode(byte)
  return out
}
