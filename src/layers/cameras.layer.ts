/**
 * 视频监控点: the district's video cameras (at junctions, markets and sites), a camera symbol
 * each. Selecting one fetches it by id (camera_detail): its grid and the cases found on video
 * within 100 m of it in the period the filters choose. Everything of this layer kind is in
 * this file, its strings too; the SQL is supabase/migrations/20261206000600_cameras.sql.
 */
import { z } from 'zod'
import { useRead } from '../data/hooks.ts'
import { defineRead } from '../data/reads.ts'
import type { LayerQuery } from '../data/repository.ts'
import type { RpcSpec } from '../data/rpc.ts'
import { caseStatusLabel } from '../i18n/case-labels.ts'
import { formatDateTime } from '../i18n/format.ts'
import { HIGHLIGHT_COLOUR, toCss, type Rgb } from '../map/colours.ts'
import { runtimeSymbol, runtimeSymbolDataUrl } from '../map/facility-icons.ts'
import { hovered } from '../map/layer-part.ts'
import { FACILITY_SYMBOL_LAYOUT } from '../map/thematic-layers.ts'
import { drawnSelection, inspectHelpers, layerDataOf, text, type InspectFeature, type LayerModule } from './layer-module.ts'

const WATCHES = ['junction', 'market', 'site', 'street'] as const

const cameraProperties = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  direction: z.number().int().min(0).max(359),
  watches: z.enum(WATCHES),
})
const pointGeometry = z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) })

const cameraCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(z.object({ type: z.literal('Feature'), id: z.number(), geometry: pointGeometry, properties: cameraProperties })),
  truncated: z.boolean(),
})

const cameraDetail = z
  .object({
    type: z.literal('Feature'),
    id: z.number(),
    geometry: pointGeometry,
    properties: cameraProperties.extend({
      grid_code: z.string().nullable(),
      video_case_count: z.number(),
      video_cases: z.array(
        z.object({
          id: z.number(),
          case_number: z.string(),
          category_code: z.string(),
          status: z.string(),
          reported_at: z.string(),
          distance_m: z.number(),
        }),
      ),
    }),
  })
  .nullable()

const LAYER_CAMERAS: RpcSpec<typeof cameraCollection> = {
  name: 'layer_cameras',
  args: { p_bbox: 'double precision[]', p_limit: 'integer' },
  result: cameraCollection,
}
const CAMERA_DETAIL: RpcSpec<typeof cameraDetail> = {
  name: 'camera_detail',
  args: { p_id: 'bigint', p_from: 'timestamptz', p_to: 'timestamptz' },
  result: cameraDetail,
}

export const CAMERAS_READ = defineRead({
  kind: 'cameras',
  fetch: (repository, query: LayerQuery) => repository.rpc(LAYER_CAMERAS, { p_bbox: query.bbox ?? null, p_limit: query.limit ?? null }),
  keepPrevious: true,
})
/** One camera with its video cases: new cases change it. */
export const CAMERA_DETAIL_READ = defineRead({
  kind: 'camera',
  fetch: (repository, id: number, from: string | null, to: string | null) => repository.rpc(CAMERA_DETAIL, { p_id: id, p_from: from, p_to: to }),
  tables: ['incidents'],
})

/** About 300 in a district: the whole district once. */
const DISTRICT_CAMERAS: LayerQuery = { limit: 2000 }
const CAMERA_IMAGE = 'camera'
const CAMERA_COLOUR: Rgb = [74, 20, 140]
/** Screen size of the symbol at full scale (px). */
const CAMERA_SIZE = 18

/** A camera body with its lens and mount, on a 64-unit square. */
function paintCamera(context: CanvasRenderingContext2D): void {
  context.fillStyle = toCss(CAMERA_COLOUR)
  context.strokeStyle = '#ffffff'
  context.lineWidth = 4
  context.beginPath()
  context.roundRect(6, 18, 40, 26, 6)
  context.fill()
  context.stroke()
  context.beginPath()
  context.moveTo(46, 24)
  context.lineTo(60, 16)
  context.lineTo(60, 46)
  context.lineTo(46, 38)
  context.closePath()
  context.fill()
  context.stroke()
  context.fillStyle = '#ffffff'
  context.beginPath()
  context.arc(22, 31, 6, 0, Math.PI * 2)
  context.fill()
  context.fillStyle = toCss(CAMERA_COLOUR)
  context.fillRect(20, 44, 6, 14)
}

/** The halo under a hovered camera: a disc in the highlight colour. */
function paintHalo(context: CanvasRenderingContext2D): void {
  context.fillStyle = toCss(HIGHLIGHT_COLOUR)
  context.beginPath()
  context.arc(32, 32, 31, 0, Math.PI * 2)
  context.fill()
}

let legendIcon: string | null = null

/** 东北 45°: the azimuth in words and degrees. */
function direction(degrees: unknown, t: (key: string) => string): string {
  const value = Number(degrees)
  if (!Number.isFinite(value)) return '—'
  const sector = ['n', 'ne', 'e', 'se', 's', 'sw', 'w', 'nw'][Math.round(value / 45) % 8]
  return `${t(`camera.direction.${sector}`)} ${value}°`
}

export const camerasLayer: LayerModule = {
  id: 'cameras',
  // 300 symbols over the district: shown when asked for, not on every first screen.
  defaultVisible: false,
  parts: [
    {
      kind: 'cameras',
      source: 'cameras',
      toggle: 'cameras',
      interactive: [{ layer: 'cameras-icons', rank: 10, tolerance: 4 }],
      images: (pixelRatio) => [
        runtimeSymbol(CAMERA_IMAGE, CAMERA_SIZE, pixelRatio, paintCamera),
        runtimeSymbol(`${CAMERA_IMAGE}-halo`, CAMERA_SIZE * 1.7, pixelRatio, paintHalo),
      ],
      layers: () => [
        {
          // Under the facility symbols, over every line, fill and label.
          order: 990,
          spec: {
            id: 'cameras-halo',
            type: 'symbol',
            source: 'cameras',
            layout: { ...FACILITY_SYMBOL_LAYOUT, 'icon-image': `${CAMERA_IMAGE}-halo`, 'icon-size': ['interpolate', ['linear'], ['zoom'], 12, 0.6, 15, 1] },
            paint: { 'icon-opacity': ['case', hovered, 1, 0] },
          },
        },
        {
          order: 991,
          spec: {
            id: 'cameras-icons',
            type: 'symbol',
            source: 'cameras',
            layout: { ...FACILITY_SYMBOL_LAYOUT, 'icon-image': CAMERA_IMAGE, 'icon-size': ['interpolate', ['linear'], ['zoom'], 12, 0.6, 15, 1] },
            // Per feature like the halo's, so both share the facilities' icon shader.
            paint: { 'icon-opacity': ['case', hovered, 1, 1] },
          },
        },
      ],
    },
  ],
  useData({ visible }) {
    return layerDataOf('cameras', useRead(CAMERAS_READ, [DISTRICT_CAMERAS], { enabled: visible }), visible)
  },
  legend: ({ t }) => {
    legendIcon ??= runtimeSymbolDataUrl(paintCamera)
    return [{ key: 'camera', label: t('layers.cameras' as never), icon: legendIcon }]
  },
  selectionOfPick: () => 'camera',
  selections: [
    {
      ...drawnSelection('camera', 'cameras', 17),
      // The drawn camera lacks its grid and cases: always fetched by id.
      useLookup: (id, { incidentFilter }, enabled) =>
        useRead(CAMERA_DETAIL_READ, [id, incidentFilter.from ?? null, incidentFilter.to ?? null], { enabled }),
      alwaysLookup: true,
      rows: (features, context) => {
        const { t, language } = context
        const { number, row } = inspectHelpers(context)
        const first = features[0]?.properties ?? {}
        const cases = (first.video_cases as { case_number: string; category_code: string; status: string; reported_at: string; distance_m: number }[] | undefined) ?? null
        const count = first.video_case_count as number | undefined
        return [
          row('cameraCode', text(first.code)),
          row('name', text(first.name)),
          row('cameraWatches', t(`camera.watches.${String(first.watches)}` as never)),
          row('cameraDirection', direction(first.direction, t as never)),
          row('grid', cases === null ? t('inspect.loading') : text(first.grid_code)),
          row('videoCaseCount', count === undefined ? t('inspect.loading') : number(count)),
          ...(cases ?? []).slice(0, 5).map((each, index) =>
            row(
              index === 0 ? 'videoCases' : `videoCases${index}`,
              `${each.case_number} · ${caseStatusLabel(each.status)} · ${formatDateTime(each.reported_at, language)} · ${t('inspect.meters', { value: number(each.distance_m) })}`,
            ),
          ),
        ]
      },
      title: (features: InspectFeature[]) => text(features[0]?.properties.name),
    },
  ],
  strings: {
    'zh-CN': {
      layers: { cameras: '视频监控点' },
      searchLayer: { camera: '视频监控点' },
      inspect: {
        kind: { camera: '视频监控点' },
        field: {
          cameraCode: '设备编码', cameraWatches: '监控对象', cameraDirection: '朝向', videoCaseCount: '100 米内视频发现案件（当前时段）',
          videoCases: '最近案件', videoCases1: '', videoCases2: '', videoCases3: '', videoCases4: '',
        },
      },
      camera: {
        watches: { junction: '路口', market: '农贸市场', site: '建筑工地', street: '街巷' },
        direction: { n: '北', ne: '东北', e: '东', se: '东南', s: '南', sw: '西南', w: '西', nw: '西北' },
      },
    },
    en: {
      layers: { cameras: 'Video cameras' },
      searchLayer: { camera: 'Camera' },
      inspect: {
        kind: { camera: 'Video camera' },
        field: {
          cameraCode: 'Device code', cameraWatches: 'Watches', cameraDirection: 'Facing', videoCaseCount: 'Video cases within 100 m (period)',
          videoCases: 'Latest cases', videoCases1: '', videoCases2: '', videoCases3: '', videoCases4: '',
        },
      },
      camera: {
        watches: { junction: 'Junction', market: 'Market', site: 'Construction site', street: 'Street' },
        direction: { n: 'N', ne: 'NE', e: 'E', se: 'SE', s: 'S', sw: 'SW', w: 'W', nw: 'NW' },
      },
    },
  },
}
