/** 案件 strings for one-click steps, standard reasons, handlers and the timeline, English. */
export const caseStepsEn = {
  steps: {
    dispatchTo: 'Dispatch ({{name}})',
    checkPass: 'Check passed',
    shortcut: '{{action}} (shortcut {{key}})',
    form: {
      reject: 'Reject',
      'dispatch-to': 'Dispatch to',
      redispatch: 'Redispatch',
      'check-fail': 'Check failed',
      'close-special': 'Special/error closure',
    },
    reason: 'Reason',
    reasonNone: '(not in the list: explain in the note)',
    reasonRequired: '{{action}} needs a reason from the list or a note',
    reasonNeedsNote: 'The reason “{{reason}}” needs a note',
    handler: 'Handler',
    handlerNone: 'Nobody in particular (the department decides)',
    handlerOption: '{{name}} ({{count}} open)',
    noHandlers: 'No handlers registered in this department; the case goes to the department',
    cancel: 'Cancel',
    shortcutsHint: 'Shortcuts: A accept · V verify · R register · D dispatch · H handled · P check passed · C close (not while typing)',
  },
  timeline: {
    person: '{{name}} ({{role}})',
    toDepartment: 'to {{department}}',
    toPerson: 'to {{department}} · {{person}}',
    moved: '{{from}} → {{to}}',
    reason: 'Reason: {{reason}}',
    handler: 'Handler',
    handlerNone: 'None (the department)',
  },
  mine: {
    title: 'My open cases',
    empty: 'No open cases dispatched to you',
    overdue: 'Overdue',
  },
}
