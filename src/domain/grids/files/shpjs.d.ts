// shpjs ships no types; this is the one call we use (a zip of .shp/.dbf/.prj/.cpg → GeoJSON in WGS84).
declare module 'shpjs' {
  type Collection = GeoJSON.FeatureCollection & { fileName?: string }
  export default function shp(input: ArrayBuffer | Uint8Array): Promise<Collection | Collection[]>
}
