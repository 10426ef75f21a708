/** 热点分析 chart strings, Chinese (the default language). */
export const hotspotChartsZhCN = {
  weekdays: { 0: '周一', 1: '周二', 2: '周三', 3: '周四', 4: '周五', 5: '周六', 6: '周日' },
  hour: '{{hour}}时',
  count: '案件数',
  cases: '{{count}} 件',
  weekHour: {
    label: '按星期和小时的案件分布',
    cell: '{{weekday}} {{hour}}：{{cases}}',
  },
  trend: {
    label: '案件数随时间的变化',
    point: '{{label}}：{{cases}}',
    current: '当前',
  },
  empty: '暂无数据',
}
