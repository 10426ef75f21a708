/**
 * The host's layers for an editing gesture under way (sketch.ts): the area and line drawn so
 * far, the placed points, the snap marker and the selection box. Mounted only by maps that
 * run editing modes (MapAdapterOptions.sketch), above everything else.
 */
import type { MapLayerPart } from '../layer-part.ts'

export const SKETCH_SOURCE = 'sketch'
const role = (...roles: string[]) => ['in', ['get', 'role'], ['literal', roles]] as never

export const SKETCH_PART: MapLayerPart = {
  kind: SKETCH_SOURCE,
  source: SKETCH_SOURCE,
  layers: () => [
    {
      order: 950,
      spec: {
        id: 'sketch-fill',
        type: 'fill',
        source: SKETCH_SOURCE,
        filter: role('area', 'box'),
        paint: { 'fill-color': '#f59e0b', 'fill-opacity': 0.15, 'fill-antialias': false },
      },
    },
    {
      order: 951,
      spec: {
        id: 'sketch-line',
        type: 'line',
        source: SKETCH_SOURCE,
        filter: ['any', ['==', ['geometry-type'], 'LineString'], role('box')] as never,
        paint: { 'line-color': '#d97706', 'line-width': 2, 'line-dasharray': [2, 1] },
      },
    },
    {
      order: 952,
      spec: {
        id: 'sketch-points',
        type: 'circle',
        source: SKETCH_SOURCE,
        filter: ['==', ['geometry-type'], 'Point'],
        paint: {
          'circle-radius': ['match', ['get', 'role'], 'snap-vertex', 7, 'snap-edge', 6, 'vertex-hover', 7, 'edge-hover', 5, 'first', 6, 4],
          'circle-color': ['match', ['get', 'role'], 'snap-vertex', '#dc2626', 'snap-edge', '#f97316', 'vertex-hover', '#1d4ed8', 'edge-hover', '#ffffff', '#d97706'],
          'circle-stroke-color': '#111827',
          'circle-stroke-width': 1.5,
        },
      },
    },
  ],
}
