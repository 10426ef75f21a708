/**
 * The workflow steps of the case's current stage (the database says which the signed-in
 * user may take, in case_detail.allowed_actions). A step that needs nothing runs at one
 * click or its keyboard letter (step-buttons.ts); a step that needs a reason or a choice
 * (不予立案, 派遣给指定部门或人员, 改派, 核查不通过, 特殊/差错结案) opens a small form with the
 * standard reasons (public.case_reasons) and a note. What is missing is said before the
 * round trip. A step of this stage the user may not take is shown disabled with the reason
 * why (transitionAvailability, iD-style). A refusal shows the database's reason as it is.
 */
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { caseActionLabel, caseStatusLabel } from '../../i18n/case-labels.ts'
import { roleWords, useOperation, useSessionRole } from '../../app/use-operation.ts'
import { useCaseHandlers, useCaseReasons, useTransitionCase } from '../../data/hooks.ts'
import type { CaseActionName, CaseDetail, CaseReason } from '../../data/schemas.ts'
import { reasonKindFor } from '../../domain/cases/reason-kind.ts'
import { transitionAvailability, workflowSteps, type TransitionUnavailable } from '../../domain/cases/transition-availability.ts'
import { DepartmentOptions } from './options.tsx'
import { shortcutStep, stepButtons, type StepButton, type StepForm } from './step-buttons.ts'

type MissingField = Extract<TransitionUnavailable, { why: 'missing' }>

export interface CaseActionsProps {
  detail: CaseDetail
  departments: { id: number; name: string }[]
}

export function CaseActions({ detail, departments }: CaseActionsProps) {
  const { t, i18n } = useTranslation('cases')
  const transition = useTransitionCase()
  const caseSteps = useOperation('takeCaseSteps')
  const role = useSessionRole()
  const [form, setForm] = useState<StepForm | null>(null)
  const [note, setNote] = useState('')
  const [departmentId, setDepartmentId] = useState<number | null>(null)
  const [handlerId, setHandlerId] = useState<string | null>(null)
  const [reasonCode, setReasonCode] = useState<string | null>(null)
  const [closureType, setClosureType] = useState<'error' | 'special'>('special')
  const [missing, setMissing] = useState<MissingField | null>(null)
  const asksPeople = form === 'dispatch-to' || form === 'redispatch'
  const reasons = useCaseReasons({ enabled: detail.allowed_actions.length > 0 })
  const handlers = useCaseHandlers({ enabled: asksPeople })

  const formAction: CaseActionName | null =
    form === null ? null : ({ reject: 'reject', 'dispatch-to': 'dispatch', redispatch: 'redispatch', 'check-fail': 'check', 'close-special': 'close' } as const)[form]
  const passed = form === 'check-fail' ? false : true
  const formClosure = form === 'close-special' ? closureType : null
  const reasonKind = formAction ? reasonKindFor(formAction, { passed, closureType: formClosure }) : null
  const reasonOptions = (reasons.data ?? []).filter((option) => option.kind === reasonKind)
  const reason: CaseReason | null = reasonOptions.find((option) => option.code === reasonCode) ?? null
  // The department the handler must belong to: the chosen one, else where the case is routed.
  const targetDepartment = departmentId ?? (form === 'dispatch-to' ? (detail.department?.id ?? null) : null)
  const handlerOptions = (handlers.data ?? []).filter((entry) => entry.department_id === targetDepartment)

  /** A refusal in words, in the UI's language. */
  const whyNot = (refusal: TransitionUnavailable, step: CaseActionName): string => {
    const action = caseActionLabel(step)
    switch (refusal.why) {
      case 'role':
        return t('whyNot.role', { action, ...roleWords(refusal.roles, role, i18n.language) })
      case 'verify-first':
        return t('whyNot.verifyFirst')
      case 'status':
        return t('whyNot.status', { status: caseStatusLabel(detail.status), action })
      case 'missing':
        if (refusal.field === 'departmentId') return t('whyNot.departmentRequired')
        return refusal.code === 'UG255'
          ? t('steps.reasonNeedsNote', { reason: reason?.label ?? '' })
          : t('steps.reasonRequired', { action: form ? t(`steps.form.${form}`) : action })
    }
  }
  // The database decides what is enabled; the rest of this stage's steps say why not. While
  // the session is still being read there is nobody to explain anything to.
  const unavailable = caseSteps.pending
    ? []
    : workflowSteps(detail.status, detail.source)
        .filter((step) => !detail.allowed_actions.includes(step))
        .flatMap((step) => {
          const availability = transitionAvailability(step, detail.status, detail.source, role)
          return availability.available ? [] : [{ step, reason: whyNot(availability, step) }]
        })
  const buttons = stepButtons(detail.allowed_actions)

  /** One step at one click: nothing to fill in, so nothing to check before the round trip. */
  const run = (action: CaseActionName) => {
    if (transition.isPending) return
    setForm(null)
    setMissing(null)
    transition.mutate({ id: detail.id, action, expectedStatus: detail.status, ...(action === 'check' ? { passed: true } : {}) })
  }
  // Keyboard letters for the one-click steps, read through a ref so the listener stays put.
  const runByKey = useRef<(event: KeyboardEvent) => void>(() => {})
  useEffect(() => {
    runByKey.current = (event) => {
      const action = shortcutStep(event, detail.allowed_actions)
      if (!action || transition.isPending) return
      event.preventDefault()
      run(action)
    }
  })
  useEffect(() => {
    const listener = (event: KeyboardEvent) => runByKey.current(event)
    document.addEventListener('keydown', listener)
    return () => document.removeEventListener('keydown', listener)
  }, [])

  // A role that never takes a step hears which roles do, once, instead of a row of grey buttons.
  if (detail.allowed_actions.length === 0 && (caseSteps.reason !== null || unavailable.length === 0)) {
    return (
      <>
        <p className="muted">{t('detail.noActions')}</p>
        {caseSteps.reason && (
          <p className="access-denied" data-testid="case-actions-denied">
            {caseSteps.reason}
          </p>
        )}
      </>
    )
  }

  const open = (next: StepForm) => {
    transition.reset()
    setForm(next === form ? null : next)
    setNote('')
    setDepartmentId(next === 'redispatch' ? (detail.department?.id ?? null) : null)
    setHandlerId(null)
    setReasonCode(null)
    setClosureType('special')
    setMissing(null)
  }
  // What the database would refuse for a missing field (UG206, UG209, UG255), said before the round trip.
  const check = (): MissingField | null => {
    if (!formAction) return null
    const availability = transitionAvailability(formAction, detail.status, detail.source, role, {
      note,
      departmentId,
      passed,
      closureType: formClosure,
      reason: reason ? { code: reason.code, label: reason.label, needsNote: reason.needs_note } : null,
    })
    return !availability.available && availability.why === 'missing' ? availability : null
  }
  const submitWhyNot = check()
  const submit = () => {
    if (!formAction) return
    setMissing(submitWhyNot)
    if (submitWhyNot) return
    transition.mutate(
      {
        id: detail.id,
        action: formAction,
        expectedStatus: detail.status,
        note: note.trim() || undefined,
        departmentId: asksPeople ? departmentId : undefined,
        handlerId: asksPeople ? handlerId : undefined,
        passed: formAction === 'check' ? passed : undefined,
        closureType: formClosure,
        reasonCode: reasonKind ? reasonCode : undefined,
      },
      { onSuccess: () => setForm(null) },
    )
  }

  const label = (button: StepButton) =>
    button.kind === 'click'
      ? button.action === 'dispatch' && detail.department
        ? t('steps.dispatchTo', { name: detail.department.name })
        : button.action === 'check'
          ? t('steps.checkPass')
          : caseActionLabel(button.action)
      : t(`steps.form.${button.id}`)

  return (
    <div className="case-actions" data-testid="case-actions">
      {detail.allowed_actions.length === 0 && <p className="muted">{t('detail.noActions')}</p>}
      <div className="case-action-buttons">
        {buttons.map((button) =>
          button.kind === 'click' ? (
            <button
              key={button.id}
              type="button"
              className="primary"
              disabled={transition.isPending}
              onClick={() => run(button.action)}
              title={button.shortcut ? t('steps.shortcut', { action: label(button), key: button.shortcut }) : undefined}
              aria-keyshortcuts={button.shortcut ?? undefined}
              data-action={button.id}
            >
              {label(button)}
              {button.shortcut && <kbd className="case-shortcut">{button.shortcut}</kbd>}
            </button>
          ) : (
            <button
              key={button.id}
              type="button"
              className={form === button.id ? 'active' : undefined}
              aria-expanded={form === button.id}
              disabled={transition.isPending}
              onClick={() => open(button.id)}
              data-action={button.id}
            >
              {label(button)}…
            </button>
          ),
        )}
        {unavailable.map(({ step, reason: why }) => (
          <button key={step} type="button" disabled title={why} aria-describedby={`case-why-not-${step}`} data-action={step} data-available="false">
            {caseActionLabel(step)}
          </button>
        ))}
      </div>
      {unavailable.length > 0 && (
        <ul className="case-why-not muted" data-testid="case-why-not">
          {unavailable.map(({ step, reason: why }) => (
            <li key={step} id={`case-why-not-${step}`} data-action={step}>
              {why}
            </li>
          ))}
        </ul>
      )}
      {form && formAction && (
        <form
          className="case-action-form"
          data-form={form}
          onSubmit={(event) => {
            event.preventDefault()
            submit()
          }}
        >
          {form === 'close-special' && (
            <fieldset className="case-check">
              {(['special', 'error'] as const).map((type) => (
                <label key={type}>
                  <input
                    type="radio"
                    name="closure"
                    checked={closureType === type}
                    onChange={() => {
                      setClosureType(type)
                      setReasonCode(null)
                    }}
                    data-testid={`closure-${type}`}
                  />
                  {t(`closure.${type}`)}
                </label>
              ))}
            </fieldset>
          )}
          {asksPeople && (
            <>
              <label className="cases-field">
                <span>{t('detail.chooseDepartment')}</span>
                <select
                  value={departmentId ?? ''}
                  onChange={(event) => {
                    setDepartmentId(event.target.value ? Number(event.target.value) : null)
                    setHandlerId(null)
                  }}
                  data-testid="case-department-select"
                >
                  {form === 'dispatch-to' && <option value="">{t('detail.routedDepartment', { name: detail.department?.name ?? '—' })}</option>}
                  {form === 'redispatch' && <option value="">—</option>}
                  <DepartmentOptions departments={departments} />
                </select>
              </label>
              <label className="cases-field">
                <span>{t('steps.handler')}</span>
                <select value={handlerId ?? ''} onChange={(event) => setHandlerId(event.target.value || null)} data-testid="case-handler">
                  <option value="">{t('steps.handlerNone')}</option>
                  {handlerOptions.map((entry) => (
                    <option key={entry.id} value={entry.id}>
                      {t('steps.handlerOption', { name: entry.name, count: entry.open_cases })}
                    </option>
                  ))}
                </select>
              </label>
              {handlers.isSuccess && targetDepartment !== null && handlerOptions.length === 0 && <p className="muted">{t('steps.noHandlers')}</p>}
            </>
          )}
          {reasonKind && (
            <label className="cases-field">
              <span>
                {t('steps.reason')}
                {!note.trim() && <em className="required"> {t('import.required')}</em>}
              </span>
              <select
                value={reasonCode ?? ''}
                aria-invalid={missing !== null && missing.code === 'UG209'}
                onChange={(event) => setReasonCode(event.target.value || null)}
                data-testid="case-reason"
              >
                <option value="">{t('steps.reasonNone')}</option>
                {reasonOptions.map((option) => (
                  <option key={option.code} value={option.code}>
                    {option.label}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label className="cases-field">
            <span>
              {t('detail.note')}
              {reason?.needs_note && <em className="required"> {t('import.required')}</em>}
            </span>
            <textarea rows={2} value={note} aria-invalid={missing?.field === 'note'} onChange={(event) => setNote(event.target.value)} data-testid="case-note" />
          </label>
          {missing && (
            <p className="form-error" role="alert" data-testid={missing.field === 'note' ? 'case-note-missing' : 'case-department-missing'}>
              {whyNot(missing, formAction)}
            </p>
          )}
          <div className="case-form-buttons">
            <button
              type="submit"
              className="primary"
              disabled={transition.isPending}
              title={submitWhyNot ? whyNot(submitWhyNot, formAction) : undefined}
              data-testid="case-submit"
            >
              {t('detail.submit', { action: t(`steps.form.${form}`) })}
            </button>
            <button type="button" onClick={() => setForm(null)}>
              {t('steps.cancel')}
            </button>
          </div>
        </form>
      )}
      {transition.isError && (
        <p className="form-error" role="alert" data-testid="case-action-error">
          {transition.error.message}
        </p>
      )}
    </div>
  )
}
