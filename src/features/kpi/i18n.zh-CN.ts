/** 考核 workspace strings, Chinese (the default language). */
export const kpiZhCN = {
  title: '月度考核',
  controls: {
    month: '考核月份', level: '考核层级', dataEnd: '数据截至 {{day}}',
    refresh: '重新计算',
  },
  level: { street: '街道', community: '社区', grid: '单元网格', department: '部门' },
  state: {
    loading: '正在计算 {{month}} 的考核结果…',
    future: '{{month}}尚未到来，不能考核。请选择已经结束的月份。',
    running: '{{month}}尚未结束，以下为截至今日的数据，排名可能变化。',
    beyondData: '{{month}}没有案件数据（数据截至 {{day}}）。请选择更早的月份。',
    empty: '{{month}}{{level}}层级没有立案或应结案的案件，无可考核的单位。',
    error: '考核数据读取失败：{{message}}',
  },
  columns: {
    rank: '排名', change: '名次变化', unit: '单位', grade: '等级', score: '综合得分',
    closure_rate: '结案率', on_time_rate: '按期结案率', rework_rate: '返工率', public_report_rate: '监督举报率',
    stage_late_rate: '环节超时率', cleaning_pass_rate: '保洁质量', lowerBetter: '越低越好', registered: '立案数', due: '应结案数',
  },
  change: { up: '比上月上升 {{places}} 位', down: '比上月下降 {{places}} 位', same: '与上月持平', new: '新', newTitle: '上月无排名' },
  grade: { A: 'A 优秀', B: 'B 良好', C: 'C 合格', D: 'D 较差', E: 'E 差' },
  gradeShort: { A: 'A', B: 'B', C: 'C', D: 'D', E: 'E' },
  table: { label: '{{month}}{{level}}考核排名', count: '共 {{count}} 个单位', sortNote: '点击表头排序' },
  unit: {
    hint: '点击表格中的一行或地图上的单位，查看其趋势、主要问题和案件。',
    title: '{{name}}（{{code}}）',
    figures: '{{month}}：第 {{rank}} 名，{{grade}}，得分 {{score}}',
    openMonth: '查看本月案件', openLate: '查看未按期结案案件',
    openLateNone: '本月没有未按期结案的案件',
    lateLabel: '考核 {{month}} {{name}}：应结未按期结案',
    loadingLate: '正在查找未按期结案的案件…',
    lateError: '未能列出案件：{{message}}',
    noDepartment: '找不到部门“{{code}}”，无法打开其案件。',
  },
  trend: {
    title: '近 12 个月趋势（{{name}}）', rate: '指标', loading: '正在计算近 12 个月（{{done}}/{{total}}）…',
    error: '趋势读取失败：{{message}}', noUnit: '该单位在此月无数据', label: '{{name}} 近 12 个月{{rate}}',
  },
  problems: {
    title: '{{month}}主要问题（小类）', none: '本月该单位没有上报的案件。', loading: '正在统计…',
    count: '{{count}} 件', error: '主要问题读取失败：{{message}}', truncated: '（按前 {{count}} 件统计）',
  },
  map: {
    label: '考核等级地图', legend: '考核等级', noGrade: '无数据', department: '部门没有辖区图形，地图不显示部门。',
    loading: '正在加载单位边界…', error: '地图出错：{{message}}',
  },
  weights: {
    title: '评分权重',
    closure_rate: '结案率', on_time_rate: '按期结案率', rework_rate: '返工率', public_report_rate: '监督举报率',
    stage_late_rate: '环节超时率', cleaning_quality: '保洁质量',
    source: '{{preset}}，自 {{since}} 起生效；系统管理员可用 set_kpi_weights 调整（只对本月及以后生效）。',
    custom: '自定义权重',
  },
  export: {
    title: '月度报告', xlsx: '下载 XLSX（各层级一表）', print: '打印报告', preparing: '正在计算各层级…',
    failed: '导出失败：{{message}}', file: '考核月报_{{month}}', done: '已下载 {{file}}',
  },
  report: {
    title: '{{district}}城市管理月度考核报告', subtitle: '考核月份：{{month}}　　生成时间：{{made}}',
    rankings: '{{level}}排名', weak: '评为 D、E 等级的单位', weakNone: '本月没有评为 D、E 等级的单位。',
    worst: '最差指标', trend: '{{name}} 近 12 个月趋势', problems: '{{name}} 主要问题（小类）',
    close: '关闭报告', print: '打印', synthetic: '示范数据（合成），仅供演示',
    definitions: '按期结案率 = 按期结案数 / 应结案数；结案率 = 结案数 / 应结案数；返工率 = 返工数 / 应结案数（越低越好）；监督举报率 = 公众举报核实数 / 立案数（越低越好）；环节超时率 = 受理、核实、立案、派遣或核查超时的应结案件 / 应结案数（越低越好）；保洁质量 = 以克论净抽检合格数 / 抽检数。',
    levelColumn: '层级',
  },
  headers: {
    rank: '排名', rank_change: '名次变化', unit_code: '单位编码', unit_name: '单位名称', grade: '等级', score: '综合得分',
    registered: '立案数', due: '应结案数', closed: '结案数', closed_on_time: '按期结案数', reworked: '返工数',
    public_verified: '公众举报核实数', stage_late: '环节超时数', cleaning_samples: '以克论净抽检数', cleaning_passed: '抽检合格数', closure_rate: '结案率', on_time_rate: '按期结案率',
    rework_rate: '返工率（越低越好）', public_report_rate: '监督举报率（越低越好）', stage_late_rate: '环节超时率', cleaning_pass_rate: '保洁质量', previous_rank: '上月排名',
  },
}
