/**
 * The spatial-weights choice as the user writes it: `queen`, `rook`, `knn:K` or
 * `distance:METRES`. All weights are binary (1 for a neighbour, 0 otherwise); Gi* adds each
 * unit to its own neighbourhood with weight 1.
 */
import { HotspotError } from './hotspot-error.ts'

export type WeightsSpec =
  /** boundaries touch at ≥ 1 point (within the contiguity tolerance) */
  | { kind: 'queen' }
  /** boundaries share a stretch of positive length */
  | { kind: 'rook' }
  /** the K nearest units by centroid (ties broken by input order) */
  | { kind: 'knn'; k: number }
  /** units whose centroids lie within METRES, inclusive */
  | { kind: 'distance'; metres: number }

export const WEIGHTS_SPEC_HELP = 'queen、rook、knn:K（K 为正整数，例如 knn:8）或 distance:米数（例如 distance:500）'

const DECIMAL = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/

export function parseWeightsSpec(text: string): WeightsSpec {
  const spec = text.trim().toLowerCase()
  if (spec === 'queen') return { kind: 'queen' }
  if (spec === 'rook') return { kind: 'rook' }
  const [kind, argument, ...rest] = spec.split(':')
  if (rest.length === 0 && kind === 'knn') {
    if (argument === undefined || !/^\d+$/.test(argument)) throw new HotspotError('bad_weights_spec', `“${text}”中的近邻个数必须是正整数，例如 knn:8`)
    const k = Number(argument)
    if (k < 1 || !Number.isSafeInteger(k)) throw new HotspotError('bad_weights_spec', `“${text}”中的近邻个数必须至少为 1`)
    return { kind: 'knn', k }
  }
  if (rest.length === 0 && kind === 'distance') {
    if (argument === undefined || !DECIMAL.test(argument)) throw new HotspotError('bad_weights_spec', `“${text}”中的距离必须是以米为单位的正数，例如 distance:500`)
    const metres = Number(argument)
    if (!(metres > 0) || !Number.isFinite(metres)) throw new HotspotError('bad_weights_spec', `“${text}”中的距离必须大于 0 米`)
    return { kind: 'distance', metres }
  }
  throw new HotspotError('bad_weights_spec', `收到“${text}”，应为 ${WEIGHTS_SPEC_HELP}`)
}

/** How the summary names a weights choice. */
export function describeWeights(spec: WeightsSpec): string {
  switch (spec.kind) {
    case 'queen':
      return 'queen 邻接（边界至少接触一点）'
    case 'rook':
      return 'rook 邻接（共享一段长度大于 0 的边界）'
    case 'knn':
      return `knn:${spec.k}（最近的 ${spec.k} 个单元）`
    case 'distance':
      return `distance:${spec.metres}（中心相距不超过 ${spec.metres} 米，含等于）`
  }
}
