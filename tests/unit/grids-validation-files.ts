/**
 * Writes small grid layers for the CLI test in the three formats the command reads: GeoJSON,
 * KML and a zipped Shapefile (.shp + .dbf + .cpg). The Shapefile writer covers only what the
 * test needs — single-ring polygons, text attributes — there being no writer among our dependencies.
 */
import { zipSync } from 'fflate'

export interface TestGrid {
  id: string
  ring: [number, number][]
}

export function geojsonText(grids: TestGrid[], idField: string): string {
  return JSON.stringify({
    type: 'FeatureCollection',
    features: grids.map((grid) => ({ type: 'Feature', properties: { [idField]: grid.id }, geometry: { type: 'Polygon', coordinates: [grid.ring] } })),
  })
}

export function kmlText(grids: TestGrid[], idField: string): string {
  const placemarks = grids.map(
    (grid) => `<Placemark><name>${grid.id}</name><ExtendedData><Data name="${idField}"><value>${grid.id}</value></Data></ExtendedData>
<Polygon><outerBoundaryIs><LinearRing><coordinates>${grid.ring.map(([lon, lat]) => `${lon},${lat}`).join(' ')}</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>`,
  )
  return `<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document>${placemarks.join('\n')}</Document></kml>`
}

export function shapefileZip(grids: TestGrid[], idField: string): Uint8Array {
  // Shapefile outer rings run clockwise.
  const rings = grids.map((grid) => {
    let twiceArea = 0
    for (let k = 0; k + 1 < grid.ring.length; k++) twiceArea += grid.ring[k][0] * grid.ring[k + 1][1] - grid.ring[k + 1][0] * grid.ring[k][1]
    return twiceArea > 0 ? [...grid.ring].reverse() : grid.ring
  })
  const all = rings.flat()
  const box = [Math.min(...all.map((p) => p[0])), Math.min(...all.map((p) => p[1])), Math.max(...all.map((p) => p[0])), Math.max(...all.map((p) => p[1]))]
  const contentBytes = rings.map((ring) => 4 + 32 + 4 + 4 + 4 + 16 * ring.length)
  const shp = new DataView(new ArrayBuffer(100 + contentBytes.reduce((total, bytes) => total + 8 + bytes, 0)))
  shp.setInt32(0, 9994)
  shp.setInt32(24, shp.byteLength / 2)
  shp.setInt32(28, 1000, true)
  shp.setInt32(32, 5, true)
  box.forEach((value, index) => shp.setFloat64(36 + 8 * index, value, true))
  let offset = 100
  rings.forEach((ring, index) => {
    shp.setInt32(offset, index + 1)
    shp.setInt32(offset + 4, contentBytes[index] / 2)
    offset += 8
    shp.setInt32(offset, 5, true)
    const xs = ring.map((p) => p[0])
    const ys = ring.map((p) => p[1])
    ;[Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].forEach((value, k) => shp.setFloat64(offset + 4 + 8 * k, value, true))
    shp.setInt32(offset + 36, 1, true)
    shp.setInt32(offset + 40, ring.length, true)
    shp.setInt32(offset + 44, 0, true)
    ring.forEach(([x, y], k) => {
      shp.setFloat64(offset + 48 + 16 * k, x, true)
      shp.setFloat64(offset + 56 + 16 * k, y, true)
    })
    offset += contentBytes[index]
  })
  const encoder = new TextEncoder()
  const fieldLength = 40
  const dbf = new Uint8Array(32 + 32 + 1 + grids.length * (1 + fieldLength) + 1)
  const header = new DataView(dbf.buffer)
  dbf[0] = 3
  dbf.set([126, 1, 1], 1)
  header.setInt32(4, grids.length, true)
  header.setInt16(8, 32 + 32 + 1, true)
  header.setInt16(10, 1 + fieldLength, true)
  if (encoder.encode(idField).length > 10) throw new Error(`DBF field names hold at most 10 bytes: ${idField}`)
  dbf.set(encoder.encode(idField), 32)
  dbf[32 + 11] = 'C'.charCodeAt(0)
  dbf[32 + 16] = fieldLength
  dbf[64] = 0x0d
  grids.forEach((grid, index) => {
    const start = 65 + index * (1 + fieldLength)
    dbf.fill(0x20, start, start + 1 + fieldLength)
    dbf.set(encoder.encode(grid.id).slice(0, fieldLength), start + 1)
  })
  dbf[dbf.length - 1] = 0x1a
  return zipSync({ 'grids.shp': new Uint8Array(shp.buffer), 'grids.dbf': dbf, 'grids.cpg': encoder.encode('UTF-8') })
}
