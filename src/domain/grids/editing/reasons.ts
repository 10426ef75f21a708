/**
 * Why an operation was refused: each reason is an exported constant (terra-draw style) so the
 * UI and tests can tell them apart, with its message in Chinese for people. `refuse` adds the
 * particulars (which grid, how many pieces) after the general message.
 */
import type { GridOperationRefusal } from './types.ts'

export const GRID_NOT_FOUND = 'grid-not-found'
export const CODE_TAKEN = 'code-taken'
export const BAD_CODE = 'bad-code'
export const COMMUNITY_NOT_IN_SCOPE = 'community-not-in-scope'
export const RESULT_INVALID = 'result-invalid'
export const RESULT_OVERLAPS = 'result-overlaps'
export const RESULT_T_JUNCTION = 'result-t-junction'
export const RESULT_OUTSIDE_COMMUNITY = 'result-outside-community'
export const RESULT_TOO_SMALL = 'result-too-small'

export const SPLIT_LINE_TOO_SHORT = 'split-line-too-short'
export const SPLIT_LINE_SELF_CROSSING = 'split-line-self-crossing'
export const SPLIT_LINE_DOES_NOT_CROSS = 'split-line-does-not-cross'
export const SPLIT_LINE_CROSSES_MORE_THAN_TWICE = 'split-line-crosses-more-than-twice'
export const SPLIT_LINE_ALONG_EDGE = 'split-line-along-edge'
export const SPLIT_LINE_THROUGH_HOLE = 'split-line-through-hole'
export const SPLIT_LINE_ENDS_INSIDE = 'split-line-ends-inside'
export const SPLIT_PART_TOO_SMALL = 'split-part-too-small'

export const MERGE_TOO_FEW = 'merge-too-few'
export const MERGE_DIFFERENT_COMMUNITIES = 'merge-different-communities'
export const MERGE_NOT_CONNECTED = 'merge-not-connected'
export const MERGE_KEEP_NOT_SELECTED = 'merge-keep-not-selected'
export const MERGE_OVERLAPPING = 'merge-overlapping'

export const DELETE_NO_NEIGHBOUR = 'delete-no-neighbour'
export const DELETE_TARGET_NOT_NEIGHBOUR = 'delete-target-not-neighbour'

export const VERTEX_NOT_FOUND = 'vertex-not-found'
export const VERTEX_ON_COMMUNITY_BOUNDARY = 'vertex-on-community-boundary'
export const VERTEX_NOT_MOVED = 'vertex-not-moved'
export const VERTEX_ONTO_OTHER_GRID = 'vertex-onto-other-grid'
export const EDGE_NOT_FOUND = 'edge-not-found'
export const VERTEX_AT_EDGE_END = 'vertex-at-edge-end'
export const VERTEX_JUNCTION = 'vertex-junction'
export const VERTEX_TOO_FEW_LEFT = 'vertex-too-few-left'

export const DRAW_TOO_FEW_POINTS = 'draw-too-few-points'
export const DRAW_SELF_CROSSING = 'draw-self-crossing'
export const DRAW_NO_EMPTY_AREA = 'draw-no-empty-area'
export const DRAW_SEVERAL_PIECES = 'draw-several-pieces'

export const RENUMBER_NOTHING = 'renumber-nothing'
export const RENUMBER_FULL = 'renumber-full'

export const REFUSAL_MESSAGES: Record<string, string> = {
  [GRID_NOT_FOUND]: '找不到该网格',
  [CODE_TAKEN]: '该编码已被其他网格使用',
  [BAD_CODE]: '网格编码应为 15 位数字，前 12 位为社区编码，顺序码不能为 000',
  [COMMUNITY_NOT_IN_SCOPE]: '该社区不在当前编辑范围内',
  [RESULT_INVALID]: '操作后网格边界无效（自相交、尖刺或顶点不足）',
  [RESULT_OVERLAPS]: '操作后网格会与相邻网格重叠',
  [RESULT_T_JUNCTION]: '操作后相邻网格的边界不再共用顶点',
  [RESULT_OUTSIDE_COMMUNITY]: '操作后网格会超出所属社区的边界',
  [RESULT_TOO_SMALL]: '操作后网格面积小于 1 平方米',
  [SPLIT_LINE_TOO_SHORT]: '拆分线至少需要两个点',
  [SPLIT_LINE_SELF_CROSSING]: '拆分线不能自相交',
  [SPLIT_LINE_DOES_NOT_CROSS]: '拆分线没有穿过网格：应从网格外进入、再从网格外穿出',
  [SPLIT_LINE_CROSSES_MORE_THAN_TWICE]: '拆分线与网格边界相交超过两次，会把网格分成多块；每次只能一分为二',
  [SPLIT_LINE_ALONG_EDGE]: '拆分线不能沿网格边界走',
  [SPLIT_LINE_THROUGH_HOLE]: '拆分线不能穿过网格内的洞（内含的其他网格）',
  [SPLIT_LINE_ENDS_INSIDE]: '拆分线的两端都应在网格之外',
  [SPLIT_PART_TOO_SMALL]: '拆分后有一块面积小于 1 平方米',
  [MERGE_TOO_FEW]: '至少选择两个网格才能合并',
  [MERGE_DIFFERENT_COMMUNITIES]: '只能合并属于同一社区的网格',
  [MERGE_NOT_CONNECTED]: '只能合并相邻的网格：所选网格应通过共用的边连成一片（只在角点相接不算）',
  [MERGE_KEEP_NOT_SELECTED]: '保留的编码不在所选网格之中',
  [MERGE_OVERLAPPING]: '所选网格相互重叠，无法合并',
  [DELETE_NO_NEIGHBOUR]: '该网格在本社区内没有相邻网格，删除会留下空白',
  [DELETE_TARGET_NOT_NEIGHBOUR]: '并入的网格必须是同一社区内与之共边的相邻网格',
  [VERTEX_NOT_FOUND]: '这里没有网格顶点',
  [VERTEX_ON_COMMUNITY_BOUNDARY]: '社区边界上的顶点不能离开边界',
  [VERTEX_NOT_MOVED]: '顶点位置没有变化',
  [VERTEX_ONTO_OTHER_GRID]: '顶点不能移到其他网格的边界上',
  [EDGE_NOT_FOUND]: '找不到该边',
  [VERTEX_AT_EDGE_END]: '插入点与边的端点重合',
  [VERTEX_JUNCTION]: '该顶点是三条以上边界的交点，删除会留下空白或重叠',
  [VERTEX_TOO_FEW_LEFT]: '删除后网格少于 3 个顶点',
  [DRAW_TOO_FEW_POINTS]: '绘制的范围至少需要 3 个不同的点',
  [DRAW_SELF_CROSSING]: '绘制的边界自相交',
  [DRAW_NO_EMPTY_AREA]: '绘制的范围内没有空白区域',
  [DRAW_SEVERAL_PIECES]: '绘制的范围内有多块互不相连的空白区域，请分别绘制',
  [RENUMBER_NOTHING]: '编号已经是按位置排列的顺序，无需重排',
  [RENUMBER_FULL]: '该社区的网格顺序码已用满（001–999）',
}

export function refuse(code: string, detail?: string): GridOperationRefusal {
  const message = REFUSAL_MESSAGES[code] ?? code
  return { ok: false, code, reason: detail ? `${message}（${detail}）` : message }
}
