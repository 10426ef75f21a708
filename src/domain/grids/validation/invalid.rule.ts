/**
 * invalid: geometry a database would refuse or repair (ST_IsValid false), read as given and
 * never silently fixed. Per grid, in this order of precedence for the location reported:
 *   - unclosed-ring: a ring whose last vertex is not its first (RFC 7946 requires closure);
 *   - too-few-vertices: a ring with fewer than 3 distinct vertices (or under 4 positions);
 *   - not-finite: a coordinate that is not a number;
 *   - spike: a vertex where the ring turns back on itself (the edges before and after it
 *     are collinear and point in opposite directions);
 *   - self-intersection: a ring touching or crossing itself, rings of one polygon crossing,
 *     parts of a MultiPolygon overlapping (exact tests, src/domain/assign/polygon-validity.ts);
 * and two warnings PostGIS accepts but a clean grid layer should not have:
 *   - repeated-vertex: the same vertex twice in a row;
 *   - z-coordinates: positions with a third value (ignored for every measure).
 */
import { orient2d } from 'robust-predicates'
import { findPolygonProblems, POLYGON_PROBLEM_MESSAGES, polygonProblemSpots } from '../../assign/polygon-validity.ts'
import type { PreparedShape, ValidationContext } from './context.ts'
import { formatPoint, gridLabel } from './format.ts'
import { hasThreeDistinct, type Pair } from './geometry.ts'
import type { GridFeature, GridIssue } from './types.ts'

export const INVALID_REASONS = {
  'unclosed-ring': '环未闭合（首尾顶点不同）',
  'too-few-vertices': '环的顶点少于 3 个不同的点',
  'not-finite': '坐标不是有效数字',
  spike: '边界有尖刺（折返的顶点）',
  'self-intersection': '边界自相交',
  'repeated-vertex': '有连续重复的顶点',
  'z-coordinates': '坐标带有高程（Z 值），校验时忽略',
} as const
export type InvalidReason = keyof typeof INVALID_REASONS

const WARNINGS = new Set<InvalidReason>(['repeated-vertex', 'z-coordinates'])

const FIXES: Record<InvalidReason, string[]> = {
  'unclosed-ring': ['在环的末尾补上与第一个顶点相同的顶点'],
  'too-few-vertices': ['删除该环，或重新绘制网格边界'],
  'not-finite': ['修正该顶点的坐标'],
  spike: ['删除折返的顶点'],
  'self-intersection': ['在交叉处把网格拆成两个部分，或移动顶点消除交叉', '在数据库中可用 ST_MakeValid 修复后再人工核对'],
  'repeated-vertex': ['删除重复的顶点'],
  'z-coordinates': ['导出时去掉高程（二维坐标）'],
}

interface Finding {
  reason: InvalidReason
  location: Pair
  count: number
  locations?: Pair[]
  /** a more specific description than the reason's */
  detail?: string
}

export function invalidRule(context: ValidationContext, features: readonly GridFeature[]): GridIssue[] {
  const issues: GridIssue[] = []
  context.grids.forEach((grid, index) => {
    for (const finding of findings(features[index].geometry, grid)) {
      issues.push({
        type: 'invalid',
        severity: WARNINGS.has(finding.reason) ? 'warning' : 'error',
        ids: [grid.id],
        location: finding.location,
        locations: finding.locations,
        reason: finding.reason,
        features: grid.featureNumber === undefined ? undefined : [grid.featureNumber],
        message: `${gridLabel(grid)}${finding.detail ?? INVALID_REASONS[finding.reason]}，位置约 ${formatPoint(finding.location)}${finding.count > 1 ? `，共 ${finding.count} 处` : ''}`,
        fixes: FIXES[finding.reason],
      })
    }
  })
  return issues
}

function findings(geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon, grid: PreparedShape): Finding[] {
  const rings = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates).flat()
  const found = new Map<InvalidReason, Finding>()
  const note = (reason: InvalidReason, location: Pair) => {
    const known = found.get(reason)
    if (known) known.count += 1
    else found.set(reason, { reason, location, count: 1 })
  }
  for (const ring of rings) {
    const finite = ring.filter((position) => Number.isFinite(position[0]) && Number.isFinite(position[1]))
    const start: Pair = finite[0] ? [finite[0][0], finite[0][1]] : [0, 0]
    if (finite.length < ring.length) note('not-finite', start)
    if (ring.some((position) => position.length > 2)) note('z-coordinates', start)
    const first = ring[0]
    const last = ring[ring.length - 1]
    if (ring.length > 0 && (first[0] !== last[0] || first[1] !== last[1])) note('unclosed-ring', [last[0], last[1]])
    if (!hasThreeDistinct(finite)) {
      note('too-few-vertices', start)
      continue
    }
    // Repeats: consecutive equal positions (the closing vertex of a closed ring is not one).
    for (let k = 0; k + 1 < finite.length; k++) {
      if (finite[k][0] === finite[k + 1][0] && finite[k][1] === finite[k + 1][1]) note('repeated-vertex', [finite[k][0], finite[k][1]])
    }
    for (const spike of spikes(finite)) note('spike', spike)
  }
  // The exact crossing test. A spike's two edges overlap, which that test also sees: with
  // spikes, the test runs again on the rings without them, and only what remains is reported.
  let problem = grid.problem
  let checked: GeoJSON.Polygon | GeoJSON.MultiPolygon = geometry
  if (problem && found.has('spike')) {
    const despike = (ring: GeoJSON.Position[]) => withoutSpikes(ring.filter((position) => Number.isFinite(position[0]) && Number.isFinite(position[1])))
    checked =
      geometry.type === 'Polygon'
        ? { type: 'Polygon', coordinates: geometry.coordinates.map(despike) }
        : { type: 'MultiPolygon', coordinates: geometry.coordinates.map((part) => part.map(despike)) }
    problem = findPolygonProblems([{ id: grid.id, geometry: checked }])[0] ?? null
  }
  if (problem && problem.code !== 'too_few_points' && problem.code !== 'not_finite') {
    const spots = polygonProblemSpots(checked)
      .filter((spot) => spot.code !== 'too_few_points' && spot.code !== 'not_finite')
      .map((spot) => spot.location)
      .sort((a, b) => a[0] - b[0] || a[1] - b[1])
    found.set('self-intersection', {
      reason: 'self-intersection',
      location: problem.location,
      count: problem.count,
      locations: spots.length > 1 ? spots : undefined,
      detail: POLYGON_PROBLEM_MESSAGES[problem.code],
    })
  }
  const order = Object.keys(INVALID_REASONS) as InvalidReason[]
  return [...found.values()].sort((a, b) => order.indexOf(a.reason) - order.indexOf(b.reason))
}

/** The ring with its spike vertices taken out, repeatedly (a long spike folds back over several). */
function withoutSpikes(ring: GeoJSON.Position[]): Pair[] {
  let points: Pair[] = ring.map((position) => [position[0], position[1]])
  for (let round = 0; round < ring.length; round++) {
    const spikeKeys = new Set(spikes(points).map((point) => `${point[0]},${point[1]}`))
    if (spikeKeys.size === 0) break
    points = points.filter((point) => !spikeKeys.has(`${point[0]},${point[1]}`))
  }
  return points
}

/** Vertices where the ring doubles back: previous and next distinct vertices on the same side, collinear. */
function spikes(ring: GeoJSON.Position[]): Pair[] {
  const points: Pair[] = []
  for (const position of ring) {
    const last = points[points.length - 1]
    if (!last || last[0] !== position[0] || last[1] !== position[1]) points.push([position[0], position[1]])
  }
  if (points.length > 1 && points[0][0] === points[points.length - 1][0] && points[0][1] === points[points.length - 1][1]) points.pop()
  const found: Pair[] = []
  const n = points.length
  if (n < 3) return found
  for (let k = 0; k < n; k++) {
    const a = points[(k + n - 1) % n]
    const b = points[k]
    const c = points[(k + 1) % n]
    if (orient2d(a[0], a[1], b[0], b[1], c[0], c[1]) !== 0) continue
    if ((b[0] - a[0]) * (c[0] - b[0]) + (b[1] - a[1]) * (c[1] - b[1]) < 0) found.push(b)
  }
  return found
}
