/**
 * Web-Mercator ground size of a CSS pixel at a zoom and latitude, with the 512-pixel tiles
 * MapLibre and deck.gl use. One formula for the heatmap's kernel radius and the scale bar of
 * an exported map, so the two cannot disagree.
 */
const EARTH_CIRCUMFERENCE_METRES = 40_075_016.686
const TILE_SIZE = 512

export function metresPerPixel(zoom: number, latitude: number): number {
  return (EARTH_CIRCUMFERENCE_METRES * Math.cos((latitude * Math.PI) / 180)) / (TILE_SIZE * 2 ** zoom)
}
