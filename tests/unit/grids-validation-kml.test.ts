/** The KML reader the grid command uses (src/domain/grids/files/kml-polygons.ts). */
import { describe, expect, it } from 'vitest'
import { KmlError, kmlToGeoJson } from '../../src/domain/grids/files/kml-polygons.ts'

const KML = `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document>
<Placemark id="p1"><name>网格 &amp; 一</name>
  <ExtendedData><Data name="网格编码"><value>320102001001001</value></Data>
  <SchemaData><SimpleData name="社区">华丰社区</SimpleData></SchemaData></ExtendedData>
  <Polygon><outerBoundaryIs><LinearRing><coordinates>
    120,30,5 120.01,30,5 120.01,30.01,5 120,30.01,5 120,30,5
  </coordinates></LinearRing></outerBoundaryIs>
  <innerBoundaryIs><LinearRing><coordinates>120.004,30.004 120.006,30.004 120.006,30.006 120.004,30.004</coordinates></LinearRing></innerBoundaryIs></Polygon>
</Placemark>
<Placemark><name><![CDATA[网格二]]></name><MultiGeometry>
  <Polygon><outerBoundaryIs><LinearRing><coordinates>121,30 121.01,30 121.01,30.01 121,30</coordinates></LinearRing></outerBoundaryIs></Polygon>
  <Polygon><outerBoundaryIs><LinearRing><coordinates>122,30 122.01,30 122.01,30.01 122,30</coordinates></LinearRing></outerBoundaryIs></Polygon>
</MultiGeometry></Placemark>
<Placemark><name>点</name><Point><coordinates>120,30</coordinates></Point></Placemark>
</Document></kml>`

describe('kmlToGeoJson', () => {
  const collection = kmlToGeoJson(KML)

  it('reads names, Data and SimpleData as properties, with entities and CDATA decoded', () => {
    expect(collection.features.map((feature) => feature.properties)).toEqual([
      { name: '网格 & 一', 网格编码: '320102001001001', 社区: '华丰社区' },
      { name: '网格二' },
      { name: '点' },
    ])
    expect(collection.features[0].id).toBe('p1')
  })

  it('keeps holes, altitudes and MultiGeometry as they are; other geometry becomes null', () => {
    const [first, second, third] = collection.features
    expect(first.geometry?.type).toBe('Polygon')
    const rings = (first.geometry as GeoJSON.Polygon).coordinates
    expect(rings).toHaveLength(2)
    expect(rings[0][0]).toEqual([120, 30, 5])
    expect(rings[1]).toHaveLength(4)
    expect(second.geometry?.type).toBe('MultiPolygon')
    expect((second.geometry as GeoJSON.MultiPolygon).coordinates).toHaveLength(2)
    expect(third.geometry).toBeNull()
  })

  it('refuses text that is not KML', () => {
    expect(() => kmlToGeoJson('<html></html>')).toThrow(KmlError)
  })
})
