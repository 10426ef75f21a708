/**
 * KML → GeoJSON for polygon layers (grids exported from Google Earth, 奥维, ArcGIS "Layer to
 * KML"). Only what a grid layer holds: each Placemark's name, ExtendedData (<Data> and
 * <SimpleData>) as properties, and its Polygon / MultiGeometry of Polygons — outer and inner
 * boundaries, coordinates as "lon,lat[,alt]". A Placemark with other geometry is kept with
 * geometry null so the caller can say it was skipped. Written here rather than taken from
 * @tmcw/togeojson because that needs a DOM, which Node lacks (docs/decisions.md).
 */
export class KmlError extends Error {
  override name = 'KmlError'
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

function decodeEntities(text: string): string {
  return text
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
      if (name[0] === '#') return String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1)))
      return ENTITIES[name] ?? whole
    })
    .trim()
}

/** Elements named `tag` (any namespace prefix) directly or deeply inside `xml`, as inner text. */
function elements(xml: string, tag: string): { attributes: string; inner: string }[] {
  const found: { attributes: string; inner: string }[] = []
  const pattern = new RegExp(`<(?:[\\w-]+:)?${tag}(\\s[^>]*)?(?:/>|>([\\s\\S]*?)</(?:[\\w-]+:)?${tag}>)`, 'g')
  for (const match of xml.matchAll(pattern)) found.push({ attributes: match[1] ?? '', inner: match[2] ?? '' })
  return found
}

function attribute(attributes: string, name: string): string | undefined {
  return new RegExp(`${name}\\s*=\\s*"([^"]*)"`).exec(attributes)?.[1] ?? new RegExp(`${name}\\s*=\\s*'([^']*)'`).exec(attributes)?.[1]
}

function ring(coordinates: string): number[][] {
  return decodeEntities(coordinates)
    .split(/\s+/)
    .filter(Boolean)
    .map((tuple) => tuple.split(',').map(Number))
}

function polygon(xml: string): number[][][] {
  const outer = elements(xml, 'outerBoundaryIs').flatMap((boundary) => elements(boundary.inner, 'coordinates'))
  const inner = elements(xml, 'innerBoundaryIs').flatMap((boundary) => elements(boundary.inner, 'coordinates'))
  return [...outer, ...inner].map((coordinates) => ring(coordinates.inner))
}

export function kmlToGeoJson(text: string): GeoJSON.FeatureCollection<GeoJSON.Polygon | GeoJSON.MultiPolygon | null> {
  if (!/<(?:[\w-]+:)?kml[\s>]/.test(text)) throw new KmlError('不是 KML 文件（找不到 <kml> 元素）')
  const features: GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon | null>[] = []
  for (const placemark of elements(text, 'Placemark')) {
    const properties: Record<string, string> = {}
    const name = elements(placemark.inner, 'name')[0]
    if (name) properties.name = decodeEntities(name.inner)
    const description = elements(placemark.inner, 'description')[0]
    if (description) properties.description = decodeEntities(description.inner)
    for (const data of elements(placemark.inner, 'Data')) {
      const key = attribute(data.attributes, 'name')
      const value = elements(data.inner, 'value')[0]
      if (key) properties[key] = value ? decodeEntities(value.inner) : ''
    }
    for (const data of elements(placemark.inner, 'SimpleData')) {
      const key = attribute(data.attributes, 'name')
      if (key) properties[key] = decodeEntities(data.inner)
    }
    const polygons = elements(placemark.inner, 'Polygon').map((element) => polygon(element.inner))
    const geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon | null =
      polygons.length === 0 ? null : polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0] } : { type: 'MultiPolygon', coordinates: polygons }
    const id = attribute(placemark.attributes, 'id')
    features.push({ type: 'Feature', ...(id ? { id } : {}), properties, geometry })
  }
  return { type: 'FeatureCollection', features }
}
