/**
 * The 案件 step buttons: one click for steps that need nothing, a form for steps that need a
 * reason or a choice, and single-letter shortcuts that never fire while typing.
 */
import { describe, expect, test } from 'vitest'
import { CASE_SOURCES, CASE_STATUSES, allowedActions, reasonKindFor } from '../../src/domain/cases/index.ts'
import { STEP_SHORTCUTS, isTypingTarget, shortcutStep, stepButtons } from '../../src/features/cases/step-buttons.ts'

const key = (letter: string, target: EventTarget | null = null, modifiers: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
  key: letter,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  target,
  ...modifiers,
})

/** Enough of an element for isTypingTarget: closest() answers for the selector it is inside. */
const element = (inside: 'input' | 'textarea' | 'select' | 'button' | null, editable = false) =>
  ({
    isContentEditable: editable,
    closest: (selector: string) => (inside !== null && selector.split(',').some((part) => part.trim() === inside) ? {} : null),
  }) as unknown as EventTarget

describe('stepButtons', () => {
  test('steps that need nothing run at one click; reasons and choices open a form', () => {
    expect(stepButtons(['accept', 'reject']).map((button) => [button.kind, button.id])).toEqual([
      ['click', 'accept'],
      ['form', 'reject'],
    ])
    expect(stepButtons(['dispatch']).map((button) => [button.kind, button.id])).toEqual([
      ['click', 'dispatch'],
      ['form', 'dispatch-to'],
    ])
    expect(stepButtons(['redispatch', 'handle']).map((button) => [button.kind, button.id])).toEqual([
      ['form', 'redispatch'],
      ['click', 'handle'],
    ])
    expect(stepButtons(['check']).map((button) => [button.kind, button.id])).toEqual([
      ['click', 'check'],
      ['form', 'check-fail'],
    ])
    expect(stepButtons(['close']).map((button) => [button.kind, button.id])).toEqual([
      ['click', 'close'],
      ['form', 'close-special'],
    ])
  })

  test('a one-click step never needs a reason, and every step that needs one has a form', () => {
    for (const status of CASE_STATUSES) {
      for (const source of CASE_SOURCES) {
        const allowed = allowedActions(status, source, 'admin')
        for (const button of stepButtons(allowed)) {
          if (button.kind === 'click') expect(reasonKindFor(button.action, { passed: true, closureType: null }), button.id).toBeNull()
        }
        for (const action of allowed.filter((name) => reasonKindFor(name, { passed: false, closureType: 'special' }) !== null)) {
          expect(stepButtons(allowed).some((button) => button.kind === 'form' && button.action === action), action).toBe(true)
        }
      }
    }
  })

  test('every one-click step but none of the forms has a distinct letter', () => {
    const letters = Object.values(STEP_SHORTCUTS)
    expect(new Set(letters).size).toBe(letters.length)
    expect(stepButtons(['accept', 'verify', 'register', 'dispatch', 'handle', 'check', 'close']).flatMap((button) => (button.kind === 'click' ? [button.shortcut] : []))).toEqual([
      'A', 'V', 'R', 'D', 'H', 'P', 'C',
    ])
  })
})

describe('shortcutStep', () => {
  test('a letter takes its step only when the user may take it now', () => {
    expect(shortcutStep(key('a'), ['accept', 'reject'])).toBe('accept')
    expect(shortcutStep(key('A'), ['accept', 'reject'])).toBe('accept')
    expect(shortcutStep(key('d'), ['accept', 'reject'])).toBeNull()
    expect(shortcutStep(key('p'), ['check'])).toBe('check')
    expect(shortcutStep(key('x'), ['accept'])).toBeNull()
    expect(shortcutStep(key('Enter'), ['accept'])).toBeNull()
  })

  test('never while typing or with a modifier (Ctrl+C copies, it does not close a case)', () => {
    expect(shortcutStep(key('c', element('textarea')), ['close'])).toBeNull()
    expect(shortcutStep(key('c', element('input')), ['close'])).toBeNull()
    expect(shortcutStep(key('c', element('select')), ['close'])).toBeNull()
    expect(shortcutStep(key('c', element(null, true)), ['close'])).toBeNull()
    expect(shortcutStep(key('c', null, { ctrlKey: true }), ['close'])).toBeNull()
    expect(shortcutStep(key('c', null, { metaKey: true }), ['close'])).toBeNull()
    expect(shortcutStep(key('c', element('button')), ['close'])).toBe('close')
    expect(isTypingTarget(null)).toBe(false)
  })
})
