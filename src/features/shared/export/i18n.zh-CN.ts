/** 导出 strings, Chinese (the default language): buttons, the exported map's texts, file names. */
export const exportZhCN = {
  actions: {
    mapPng: '导出地图（PNG）',
    tableCsv: '导出 CSV',
    tableXlsx: '导出 Excel（XLSX）',
    working: '正在生成导出文件…',
    done: '已导出 {{file}}',
    failed: '导出失败：{{message}}',
  },
  map: {
    legend: '图例',
    north: '北',
    period: '统计期：{{from}} 至 {{to}}',
    source: '数据来源：{{source}}',
    sourceSynthetic: '数据来源：{{source}}（合成演示数据）',
    madeAt: '制图时间：{{time}}',
    metres: '{{value}} 米',
    kilometres: '{{value}} 千米',
  },
} as const
