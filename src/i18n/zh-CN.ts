/** 简体中文（默认语言）。Keys are shared with en.ts, which is checked against this file. */
export const zhCN = {
  app: {
    title: '城市网格化管理平台',
    shortTitle: 'UrbanGrid',
  },
  workspace: {
    overview: '总览',
    grids: '网格规划',
    cases: '案件',
    hotspots: '热点分析',
    roster: '保洁排班',
    kpi: '考核',
    navigation: '工作区',
  },
  backend: {
    embedded: '内置演示数据库 · 合成示范数据',
    embeddedTitle: '数据保存在本浏览器（IndexedDB），为程序生成的示范区，不是真实地点',
    supabase: 'Supabase：{{url}}',
    supabaseTitle: '已连接 Supabase 项目 {{url}}',
  },
  role: {
    admin: '系统管理员',
    planner: '网格规划员',
    manager: '指挥中心',
    dispatcher: '受理派遣员',
    staff: '环卫作业',
    viewer: '访客（只读）',
  },
  session: {
    actingAs: '演示身份',
    actingAsTitle: '切换演示用户：每个角色的权限由数据库的行级安全策略决定',
    signedInAs: '{{name}}（{{role}}）',
    signOut: '退出登录',
    signedOut: '未登录',
    signInTitle: '登录 Supabase 项目',
    signInHint: '使用该项目 Supabase Auth 中的账号（邮箱 + 密码）登录。',
    email: '邮箱',
    password: '密码',
    signIn: '登录',
    signingIn: '正在登录…',
    loading: '正在读取用户…',
  },
  access: {
    denied: {
      importCases: '导入案件需要{{roles}}角色，当前角色：{{role}}',
      editGrids: '修改网格需要{{roles}}角色，当前角色：{{role}}',
      takeCaseSteps: '办理案件需要{{roles}}角色，当前角色：{{role}}',
      editRoster: '修改保洁排班需要{{roles}}角色，当前角色：{{role}}',
    },
    signedOut: '未登录',
  },
  /**
   * The one map of case workflow words, keyed by the codes the database owns (incidents.status,
   * private.case_transitions). Every view of a case reads these: table, filters, detail,
   * history, import preview, the overview's inspect panel and legend. A status names what the
   * case waits for (待受理, 处置中, 待核查, 待结案), which is what the desk acts on.
   */
  caseStatus: {
    reported: '待受理', accepted: '已受理', verified: '已核实', registered: '已立案', dispatched: '处置中',
    handled: '待核查', checked: '待结案', closed: '已结案', rejected: '不予立案',
  },
  caseAction: {
    report: '上报', accept: '受理', verify: '核实', register: '立案', reject: '不予立案', dispatch: '派遣',
    redispatch: '改派', handle: '处置完成', check: '核查', close: '结案',
  },
  language: {
    label: '语言',
    zh: '中文',
    en: 'English',
  },
  boot: {
    title: '正在启动内置演示数据库',
    manifest: '读取演示数据库清单',
    downloading: '下载演示数据库',
    opening: '打开数据库',
    layers: '加载图层',
    ready: '就绪',
    bytes: '{{loaded}} / {{total}} MB（{{percent}}%）',
    bytesLoaded: '已下载 {{loaded}} MB',
    reused: '使用本机已保存的数据库，无需下载',
    errorTitle: '演示数据库启动失败',
    errorHint: '请检查网络或刷新页面后重试。如果问题持续，可清除本站点的浏览器数据后再试。',
    retry: '重试',
    retrying: '正在重试…',
  },
}

export type Messages = typeof zhCN
