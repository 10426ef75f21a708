/** 案件 strings for one-click steps, standard reasons, handlers and the timeline, Chinese. */
export const caseStepsZhCN = {
  steps: {
    dispatchTo: '派遣（{{name}}）',
    checkPass: '核查通过',
    shortcut: '{{action}}（快捷键 {{key}}）',
    form: {
      reject: '不予立案',
      'dispatch-to': '指定派遣',
      redispatch: '改派',
      'check-fail': '核查不通过',
      'close-special': '特殊/差错结案',
    },
    reason: '原因',
    reasonNone: '（不在列表中：在意见中说明）',
    reasonRequired: '{{action}}须选择原因或填写意见，否则无法提交',
    reasonNeedsNote: '原因「{{reason}}」须在意见中说明',
    handler: '处置人员',
    handlerNone: '不指定（由部门安排）',
    handlerOption: '{{name}}（在办 {{count}} 件）',
    noHandlers: '该部门没有登记处置人员，案件将派给部门',
    cancel: '取消',
    shortcutsHint: '快捷键：A 受理 · V 核实 · R 立案 · D 派遣 · H 处置完成 · P 核查通过 · C 结案（在输入框中不生效）',
  },
  timeline: {
    person: '{{name}}（{{role}}）',
    toDepartment: '派往 {{department}}',
    toPerson: '派往 {{department}} · {{person}}',
    moved: '{{from}} → {{to}}',
    reason: '原因：{{reason}}',
    handler: '处置人员',
    handlerNone: '未指定（部门承办）',
  },
  mine: {
    title: '我的待办',
    empty: '没有派给您的待办案件',
    overdue: '已超期',
  },
}
