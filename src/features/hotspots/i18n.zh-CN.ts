/** 热点分析 workspace strings, Chinese (the default language). */
export const hotspotsZhCN = {
  filters: {
    title: '分析条件', period: '时段', periodDays: '本期：{{first}} 至 {{last}}', previousDays: '对比：{{first}} 至 {{last}}',
    anchorLimited: '数据截至 {{day}}，时段按该日计算', categories: '类别（大类→小类，可多选）', allCategories: '全部类别',
    sources: '来源', unit: '分析单元', view: '地图显示', weights: '空间权重', fdr: 'FDR 校正',
    fdrOn: '开启（Benjamini–Hochberg）', sideBySide: '并排显示对比期（同一分级）', fdrOff: '关闭（按未校正 p 分级）',
  },
  preset: {
    last7: '近 7 天', last30: '近 30 天', last90: '近 90 天', month: '本月', previousMonth: '上月', quarter: '本季度', previousQuarter: '上季度', custom: '自定义',
  },
  source: {
    patrol: '监督员巡查', hotline_12319: '12319 热线', public_report: '群众上报', video: '视频发现',
    drone: '无人机巡查', superior: '上级批件', media: '媒体曝光',
  },
  unit: { grid: '单元网格', community: '社区', street: '街道', square: '250 米方格', hexagon: 'H3 六边形' },
  view: { density: '密度热力图', count: '案件数分级', rate: '密度分级（件/km²）', difference: '与对比期之差', gi: 'Gi* 热点', emerging: '新兴热点' },
  weights: { queen: 'queen 邻接（默认）', rook: 'rook 邻接', knn_8: '最近 8 个单元', distance_1000: '1000 米距离带' },
  value: { count: '案件数（方格、六边形面积相等）', rate: '每平方公里案件数（单元面积不等）' },
  choice: {
    units: '分析单元：{{units}} 个', value: '分析值：{{value}}', weights: '空间权重：{{weights}}，二值权重，含单元自身',
    fdrOn: '多重检验校正：Benjamini–Hochberg FDR（默认开启）', fdrOff: '多重检验校正：关闭，按未校正的 p 分级',
    levels: '置信水平：90% / 95% / 99%（双侧正态 p）',
    isolated: '{{count}} 个单元没有邻居：只与自身比较，不参与校正，不会被标为冷热点',
  },
  refusal: {
    noCases: '所选时段与类别没有案件，无法做热点分析',
    tooFewSteps: '时段只有 {{steps}} 个时间步，新兴热点至少需要 2 个（建议 10 个以上）：请选更长的时段',
  },
  bin: {
    '3': '统计显著热点（99% 置信）', '2': '统计显著热点（95% 置信）', '1': '统计显著热点（90% 置信）', '0': '不显著',
    '-1': '统计显著冷点（90% 置信）', '-2': '统计显著冷点（95% 置信）', '-3': '统计显著冷点（99% 置信）',
  },
  emerging: {
    new_hot: '新增的热点', consecutive_hot: '连续的热点', intensifying_hot: '加强的热点', persistent_hot: '持续的热点',
    diminishing_hot: '逐渐减少的热点', sporadic_hot: '分散的热点', oscillating_hot: '振荡的热点', historical_hot: '历史热点',
    new_cold: '新增的冷点', consecutive_cold: '连续的冷点', intensifying_cold: '加强的冷点', persistent_cold: '持续的冷点',
    diminishing_cold: '逐渐减少的冷点', sporadic_cold: '分散的冷点', oscillating_cold: '振荡的冷点', historical_cold: '历史冷点',
    no_pattern: '未检测到模式',
  },
  stepKind: { day: '天', week: '周', month: '月' },
  legend: {
    count: '案件数（件）', rate: '密度（件/平方公里）', gi: 'Gi* 热点分析（Getis-Ord）', emerging: '新兴热点（{{steps}} 个{{kind}}）',
    density: '核密度（件/平方公里，半径 {{radius}} 米）', difference: '案件数变化（本期 − 对比期）', noChange: '无变化',
    fixedNote: '分级取自全区两个时段的全部单元，平移缩放与切换时段时不变',
    densityNote: '每处数值与缩放无关；分级取自全区两个时段',
    giNote: '颜色只表示统计显著性，不表示数量', giNoteFdr: '颜色只表示统计显著性（已做 FDR 校正），不表示数量',
  },
  status: { loading: '正在读取与计算…', error: '读取失败：{{message}}' },
  tabs: { analysis: '分析结果', ranking: '排名', time: '时间', recurring: '重复问题', emerging: '新兴热点' },
  analysis: {
    cases: '案件', caseCount_one: '本期 {{countText}} 件（对比期 {{previous}} 件）', caseCount_other: '本期 {{countText}} 件（对比期 {{previous}} 件）',
    change: '{{change}}%', outside: '（{{count}} 件不在任何单元内）',
    gi: 'Gi* 热点', choices: '分析所作的选择', emergingNotes: '新兴热点说明',
    flatSteps: '{{count}} 个时间步内各单元数值相同（无案件），该步不判冷热点',
    selected: '选中的单元', pickHint: '点击地图上的单元查看数值', count: '本期案件', previousCount: '对比期案件',
    rate: '密度', rateValue: '{{value}} 件/km²（面积 {{area}} km²）', z: 'z 得分', p: 'p 值', bin: '分级', neighbours: '邻居数',
    emergingCategory: '新兴热点类别',
  },
  ranking: { segmentName: '{{street}} 第 {{seq}} 段', total: '共 {{count}} 个', rank: '名次', count: '本期', change: '较对比期', previousWas: '对比期 {{count}} 件', rate_km2: '件/km²', rate_km: '件/km', trend: '逐周', buffer: '周边', metres: '米内' },
  rankingTarget: { segments: '后街背巷分段', markets: '农贸市场', sites: '建筑工地' },
  emergingTab: {
    pick: '新兴热点按周（半年以内）或按月把本期切成时间步，逐步做 Gi*，再对每个单元的 z 序列做 Mann–Kendall 趋势检验。',
    run: '计算新兴热点', summary: '{{steps}} 个{{kind}}，{{units}} 个单元，其中 {{patterned}} 个有冷热点模式',
    category: '类别', hotSteps: '显著步数', trend: '趋势',
  },
  export: {
    title: '导出', source: '城市管理案件库', noMap: '地图尚未就绪', noTable: '分析结果尚未就绪',
    tableName: '热点分析_{{unit}}', rankingTableName: '排名_{{target}}', recurringTableName: '重复问题_30天{{count}}次以上', placeTableName: '排名_{{target}}_周边{{metres}}米', mapTitle: '热点分析：{{view}}（{{unit}}）',
  },
  columns: {
    id: '编码', name: '名称', count: '本期案件数', previous: '对比期案件数', change: '变化率', area: '面积（km²）', rate: '每平方公里案件数',
    bin: 'Gi_Bin', class: '分级', neighbours: '邻居数', emerging: '新兴热点类别',
    first: '首次', last: '最近', lon: '经度', lat: '纬度', extent: '范围（米）', cases: '案件编号',
  },
  recurring: {
    definition: '同一小类、同一地点（{{radius}} 米内）、{{days}} 天内反复出现的问题：可能有同一个根源，宜查原因而不是逐件处置。',
    minimum: '30 天内至少', times: '次', summary_one: '{{countText}} 处重复问题', summary_other: '{{countText}} 处重复问题',
    category: '小类', window: '30 天最多', all: '本期合计', when: '首次 – 最近', extent: '范围', metres: '{{value}} 米',
    open: '在案件中查看', caseLabel: '重复问题：{{category}}',
  },
  time: {
    day: '按天', week: '按周', playback: '回放', play: '播放', pause: '暂停',
    stepDay: '{{label}}（第 {{step}}/{{steps}} 天）：{{count}} 件', stepWeek: '{{label}} 起的一周（第 {{step}}/{{steps}} 周）：{{count}} 件',
    trendOf: '{{selection}}：案件数变化', matrixOf: '{{selection}}：星期 × 小时分布', district: '全区', playbackLegend: '当步案件数（件）',
    playbackNote: '分级取自本期全部单元的全部时间步，各步颜色可比',
  },
  map: { home: '全区', label: '热点分析地图', error: '地图出错：{{message}}', current: '本期 {{first}} 至 {{last}}', previous: '对比期 {{first}} 至 {{last}}' },
}
