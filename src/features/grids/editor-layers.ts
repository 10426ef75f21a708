/**
 * The grid editor's own map layers: the draft's grids (filled by what the draft did to them,
 * the selection outlined, each labelled with its sequence number), the neighbouring
 * communities' grids (grey, snapped to but not edited), the community boundaries, the
 * vertices in the vertex mode and the validator's issues. Properties carry the state, so a
 * change of the draft is one data update per source, never a restyle.
 */
import type { MapLayerPart } from '../../map/layer-part.ts'
import { hovered } from '../../map/layer-part.ts'
import { LABEL_FONT } from '../../map/basemap-style.ts'

export const EDITOR_GRIDS = 'editorGrids'
export const EDITOR_CONTEXT = 'editorContext'
export const EDITOR_VERTICES = 'editorVertices'
export const EDITOR_ISSUES = 'editorIssues'

/** fill by state: what the draft changed, created, or left; a selected grid is outlined */
const STATE_FILL = ['match', ['get', 'state'], 'created', '#bbf7d0', 'changed', '#fde68a', 'issue', '#fecaca', '#e0f2fe'] as never

export const editorGridsPart: MapLayerPart = {
  kind: EDITOR_GRIDS,
  source: EDITOR_GRIDS,
  interactive: [{ layer: 'editor-grids-fill', rank: 10 }],
  layers: () => [
    {
      order: 20,
      spec: {
        id: 'editor-grids-fill',
        type: 'fill',
        source: EDITOR_GRIDS,
        paint: { 'fill-color': STATE_FILL, 'fill-opacity': ['case', ['get', 'selected'], 0.85, hovered, 0.75, 0.55] as never, 'fill-antialias': false },
      },
    },
    {
      order: 21,
      spec: {
        id: 'editor-grids-line',
        type: 'line',
        source: EDITOR_GRIDS,
        paint: {
          'line-color': ['case', ['get', 'selected'], '#1d4ed8', '#334155'] as never,
          'line-width': ['case', ['get', 'selected'], 3, 1] as never,
        },
      },
    },
    {
      order: 22,
      spec: {
        id: 'editor-grids-label',
        type: 'symbol',
        source: EDITOR_GRIDS,
        filter: ['==', ['geometry-type'], 'Polygon'],
        layout: { 'text-field': ['slice', ['get', 'code'], 12] as never, 'text-font': LABEL_FONT, 'text-size': 12 },
        paint: { 'text-color': '#0f172a', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
      },
    },
  ],
}

export const editorContextPart: MapLayerPart = {
  kind: EDITOR_CONTEXT,
  source: EDITOR_CONTEXT,
  layers: () => [
    {
      order: 19,
      spec: {
        id: 'editor-neighbours-line',
        type: 'line',
        source: EDITOR_CONTEXT,
        filter: ['==', ['get', 'role'], 'neighbour'],
        paint: { 'line-color': '#94a3b8', 'line-width': 0.8 },
      },
    },
    {
      order: 23,
      spec: {
        id: 'editor-community-line',
        type: 'line',
        source: EDITOR_CONTEXT,
        filter: ['==', ['get', 'role'], 'community'],
        paint: { 'line-color': '#7c2d12', 'line-width': 2.5, 'line-dasharray': [3, 1.5] },
      },
    },
  ],
}

export const editorVerticesPart: MapLayerPart = {
  kind: EDITOR_VERTICES,
  source: EDITOR_VERTICES,
  layers: () => [
    {
      order: 24,
      spec: {
        id: 'editor-vertices',
        type: 'circle',
        source: EDITOR_VERTICES,
        paint: {
          'circle-radius': ['case', ['get', 'shared'], 4.5, 3.5] as never,
          'circle-color': ['case', ['get', 'boundary'], '#7c2d12', ['get', 'shared'], '#1d4ed8', '#ffffff'] as never,
          'circle-stroke-color': '#0f172a',
          'circle-stroke-width': 1,
        },
      },
    },
  ],
}

export const editorIssuesPart: MapLayerPart = {
  kind: EDITOR_ISSUES,
  source: EDITOR_ISSUES,
  layers: () => [
    {
      order: 25,
      spec: {
        id: 'editor-issues-point',
        type: 'circle',
        source: EDITOR_ISSUES,
        paint: {
          'circle-radius': ['case', ['get', 'focused'], 10, 6] as never,
          'circle-color': ['case', ['==', ['get', 'severity'], 'error'], '#dc2626', '#f59e0b'] as never,
          'circle-opacity': 0.85,
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 2,
        },
      },
    },
  ],
}
