/** 总览 workspace strings, Chinese (the default language). */
export const overviewZhCN = {
  layers: {
    title: '图层',
    grids: '网格',
    segments: '后街背巷',
    markets: '农贸市场',
    sites: '建筑工地',
    facilities: '环卫设施',
    incidents: '事件',
    show: '显示{{name}}',
    count: '{{count}} 个',
    truncated: '{{count}}+（已截断）',
    loading: '加载中…',
    error: '加载失败：{{message}}',
    heatmapCount: '热力图 · {{count}} 起',
    pointsHint: '放大到 {{zoom}} 级以上显示事件点',
  },
  gridLevel: { label: '网格级别', auto: '自动（按缩放）', street: '街道', community: '社区', grid: '单元网格', showing: '当前：{{level}}' },
  segmentMode: { label: '着色', grade: '按保洁等级', assignment: '按是否分配' },
  legend: {
    grade1: '一级', grade2: '二级', grade3: '三级',
    assigned: '已分配保洁员', unassigned: '未分配',
    active: '在建', suspended: '停工', completed: '已完工', expired: '许可已过期仍在施工',
    market: '农贸市场',
    incidentOpen: '办理中', incidentClosed: '已结案/作废', incidentOverdue: '超期',
    heatLow: '少', heatHigh: '多',
  },
  facilityKind: {
    compactor_station: '垃圾压缩站', transfer_station: '垃圾转运站', collection_point: '垃圾装车点', public_toilet: '公厕',
  },
  filters: {
    title: '事件筛选',
    from: '起始日期',
    to: '截止日期',
    categories: '事项类别',
    allCategories: '全部类别',
    selectedCategories: '已选 {{count}} 个小类',
    clear: '清除筛选',
    expand: '展开',
  },
  search: {
    placeholder: '搜索网格编码、街道、社区、后街背巷、设施…',
    label: '搜索',
    none: '没有找到“{{text}}”',
    searching: '搜索中…',
  },
  searchLayer: {
    grid: '单元网格', street: '街道', community: '社区', back_street: '后街背巷', facility: '设施', market: '农贸市场', construction_site: '建筑工地',
  },
  inspect: {
    title: '要素详情',
    close: '关闭',
    notFound: '当前视图中找不到该要素',
    loading: '加载中…',
    kind: {
      grid: '单元网格', street: '街道', community: '社区', back_street: '后街背巷', segment: '保洁路段',
      market: '农贸市场', construction_site: '建筑工地', facility: '环卫设施', incident: '事件',
    },
    field: {
      code: '编码', name: '名称', street: '所属街道', community: '所属社区', responsiblePerson: '责任人',
      responsibleBody: '责任单位', landUse: '用地类型', managementLevel: '管理等级', area: '面积',
      version: '版本', validFrom: '生效日期', incidentCount: '事件数（当前筛选）',
      backStreet: '后街背巷', seq: '段序号', length: '长度', grade: '保洁等级', grid: '所在网格', cleaners: '保洁员',
      segments: '路段数', unassignedSegments: '未分配路段',
      stalls: '摊位数', operator: '经营单位', componentCode: '部件编码', localExtension: '地方扩展类别',
      status: '状态', permitStart: '许可开始', permitEnd: '许可结束', permitExpired: '许可已过期', contractor: '施工单位',
      enclosure: '围挡', wheelWash: '车辆冲洗设施', facilityKind: '设施类型',
      externalId: '案件编号', category: '事项类别', source: '来源', reportedAt: '上报时间', deadlineAt: '处置时限',
      closedAt: '结案时间', department: '责任部门', overdue: '是否超期',
    },
    yes: '是', no: '否', none: '无', unassigned: '未分配',
    squareMeters: '{{value}} 平方米', hectares: '{{value}} 公顷', meters: '{{value}} 米', gradeValue: '{{grade}}级',
  },
  siteStatus: { active: '在建', suspended: '停工', completed: '已完工' },
  incidentStatus: {
    reported: '已上报', accepted: '已受理', verified: '已核实', registered: '已立案', dispatched: '已派遣',
    handled: '已处置', checked: '已核查', closed: '已结案', rejected: '不予立案',
  },
  incidentSource: {
    patrol: '监督员巡查', hotline_12319: '12319 热线', public_report: '群众上报', video: '视频监控', drone: '无人机', superior: '上级交办', media: '媒体曝光',
  },
  map: {
    error: '地图出错：{{message}}',
    label: '地图',
  },
}

export type OverviewStrings = typeof overviewZhCN
