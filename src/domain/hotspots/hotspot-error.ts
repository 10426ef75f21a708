/**
 * Why a hotspot analysis is refused (as opposed to a choice it made, which the summary
 * reports). `code` is for programs and tests, `message` for people (zh-CN first: the command
 * and the 热点分析 panel show it as it is).
 */
export const HOTSPOT_ERROR_MESSAGES = {
  bad_weights_spec: '空间权重设置无效',
  too_few_units: '分析单元不足 30 个，Gi* 的正态近似不可靠，拒绝计算',
  no_variation: '所有单元的数值相同，没有差异可供检验，拒绝计算',
  value_field_missing: '数据中没有指定的数值字段',
  bad_values: '数值字段中有缺失、非数字或负数的值，Gi* 要求非负数值，拒绝计算',
  bad_cell_size: '网格边长无效',
  no_points: '没有可用的点',
  grid_too_large: '网格单元过多',
  unequal_lengths: '输入数组的长度不一致',
  bad_period: '统计时段无效',
  bad_time_step: '时间步无效',
  bad_unit_index: '单元序号超出范围',
  bad_measure: '单元的面积或长度无效（须为非负数或空）',
  bad_radius: '距离阈值无效（须为正数，单位米）',
  bad_threshold: '次数阈值无效（须为不小于 2 的整数）',
  bad_class_count: '分级数无效（须为 2–12 的整数）',
} as const

export type HotspotErrorCode = keyof typeof HOTSPOT_ERROR_MESSAGES

export class HotspotError extends Error {
  readonly code: HotspotErrorCode

  constructor(code: HotspotErrorCode, detail?: string) {
    super(detail ? `${HOTSPOT_ERROR_MESSAGES[code]}：${detail}` : HOTSPOT_ERROR_MESSAGES[code])
    this.name = 'HotspotError'
    this.code = code
  }
}
