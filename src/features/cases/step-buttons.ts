/**
 * The buttons of the case's current stage and how each is taken. Steps that need nothing
 * from the user run at one click (受理, 核实, 立案, 派遣 to the routed department, 处置完成,
 * 核查通过, 结案); steps that need a reason or a choice open a small form (不予立案, 派遣 to a
 * chosen department or person, 改派, 核查不通过, 特殊/差错结案). The common one-click steps
 * have a single-letter keyboard shortcut.
 */
import type { CaseAction } from '../../domain/cases/workflow.ts'

/** A form a step opens: which workflow action it submits and with what preset. */
export type StepForm = 'reject' | 'dispatch-to' | 'redispatch' | 'check-fail' | 'close-special'

export type StepButton =
  | { kind: 'click'; id: CaseAction; action: CaseAction; shortcut: string | null }
  | { kind: 'form'; id: StepForm; action: CaseAction }

/** Letters of the one-click steps: 受理 A, 核实 V, 立案 R, 派遣 D, 处置完成 H, 核查通过 P, 结案 C. */
export const STEP_SHORTCUTS: Partial<Record<CaseAction, string>> = {
  accept: 'A',
  verify: 'V',
  register: 'R',
  dispatch: 'D',
  handle: 'H',
  check: 'P',
  close: 'C',
}

const FORMS_OF: Partial<Record<CaseAction, StepForm>> = {
  reject: 'reject',
  dispatch: 'dispatch-to',
  redispatch: 'redispatch',
  check: 'check-fail',
  close: 'close-special',
}

/** The buttons for the actions the user may take, in workflow order: a step's one-click form first, its form after. */
export function stepButtons(allowed: readonly CaseAction[]): StepButton[] {
  return allowed.flatMap((action): StepButton[] => {
    const form = FORMS_OF[action]
    const click: StepButton | null =
      action === 'reject' || action === 'redispatch' ? null : { kind: 'click', id: action, action, shortcut: STEP_SHORTCUTS[action] ?? null }
    return [...(click ? [click] : []), ...(form ? [{ kind: 'form', id: form, action } satisfies StepButton] : [])]
  })
}

/** Typing into a field is never a shortcut. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false
  const element = target as HTMLElement
  return element.isContentEditable === true || element.closest('input, textarea, select, [contenteditable=""], [contenteditable=true], [role=combobox]') !== null
}

/** The one-click step a key press asks for, if the user may take it now. */
export function shortcutStep(
  event: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; target: EventTarget | null },
  allowed: readonly CaseAction[],
): CaseAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey || event.key.length !== 1 || isTypingTarget(event.target)) return null
  const letter = event.key.toUpperCase()
  const action = (Object.keys(STEP_SHORTCUTS) as CaseAction[]).find((name) => STEP_SHORTCUTS[name] === letter)
  return action && allowed.includes(action) ? action : null
}
