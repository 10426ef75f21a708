/**
 * The workflow steps of the case's current stage (the database says which the signed-in
 * user may take, in case_detail.allowed_actions). A step of this stage the user may not
 * take is shown disabled with the reason why (transitionAvailability, iD-style). One step at
 * a time: choose it, fill what it needs (department, check result, closure type, a note),
 * submit; what is missing is said before the round trip. A refusal shows the database's
 * reason as it is: it names the current state and what is allowed.
 */
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { caseActionLabel, caseStatusLabel } from '../../i18n/case-labels.ts'
import { roleWords, useOperation, useSessionRole } from '../../app/use-operation.ts'
import { useTransitionCase } from '../../data/hooks.ts'
import type { CaseActionName, CaseDetail } from '../../data/schemas.ts'
import { transitionAvailability, workflowSteps, type TransitionUnavailable } from '../../domain/cases/transition-availability.ts'
import { DepartmentOptions } from './options.tsx'

type MissingField = Extract<TransitionUnavailable, { why: 'missing' }>

export interface CaseActionsProps {
  detail: CaseDetail
  departments: { id: number; name: string }[]
}

export function CaseActions({ detail, departments }: CaseActionsProps) {
  const { t, i18n } = useTranslation('cases')
  const transition = useTransitionCase()
  const caseSteps = useOperation('takeCaseSteps')
  const [action, setAction] = useState<CaseActionName | null>(null)
  const [note, setNote] = useState('')
  const [departmentId, setDepartmentId] = useState<number | null>(null)
  const [passed, setPassed] = useState(true)
  const [closureType, setClosureType] = useState<'error' | 'special' | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const [missing, setMissing] = useState<MissingField | null>(null)
  const role = useSessionRole()

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
        return refusal.field === 'note' ? t('detail.noteRequired', { action }) : t('whyNot.departmentRequired')
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
  const choose = (next: CaseActionName) => {
    setAction(next)
    setDone(null)
    transition.reset()
    setNote('')
    setDepartmentId(null)
    setPassed(true)
    setClosureType(null)
    setMissing(null)
  }
  // What the database would refuse for a missing field (UG206, UG209), said before the round trip.
  const check = (payload: { note: string; departmentId: number | null }): MissingField | null => {
    if (!action) return null
    const availability = transitionAvailability(action, detail.status, detail.source, role, { ...payload, passed, closureType })
    return !availability.available && availability.why === 'missing' ? availability : null
  }
  const needsNote = check({ note: '', departmentId: 0 })?.field === 'note'
  const submitWhyNot = check({ note, departmentId })
  const submit = () => {
    if (!action) return
    setMissing(submitWhyNot)
    if (submitWhyNot) return
    transition.mutate(
      {
        id: detail.id,
        action,
        expectedStatus: detail.status,
        note: note.trim() || undefined,
        departmentId: action === 'dispatch' || action === 'redispatch' ? departmentId : undefined,
        passed: action === 'check' ? passed : undefined,
        closureType: action === 'close' ? closureType : undefined,
      },
      {
        onSuccess: () => {
          setDone(t('detail.done', { action: caseActionLabel(action) }))
          setAction(null)
        },
      },
    )
  }

  return (
    <div className="case-actions" data-testid="case-actions">
      {detail.allowed_actions.length === 0 && <p className="muted">{t('detail.noActions')}</p>}
      <div className="case-action-buttons">
        {detail.allowed_actions.map((name) => (
          <button key={name} type="button" className={name === action ? 'primary' : undefined} onClick={() => choose(name)} data-action={name}>
            {caseActionLabel(name)}
          </button>
        ))}
        {unavailable.map(({ step, reason }) => (
          <button key={step} type="button" disabled title={reason} aria-describedby={`case-why-not-${step}`} data-action={step} data-available="false">
            {caseActionLabel(step)}
          </button>
        ))}
      </div>
      {unavailable.length > 0 && (
        <ul className="case-why-not muted" data-testid="case-why-not">
          {unavailable.map(({ step, reason }) => (
            <li key={step} id={`case-why-not-${step}`} data-action={step}>
              {reason}
            </li>
          ))}
        </ul>
      )}
      {action && (
        <form
          className="case-action-form"
          onSubmit={(event) => {
            event.preventDefault()
            submit()
          }}
        >
          {(action === 'dispatch' || action === 'redispatch') && (
            <label className="cases-field">
              <span>{t('detail.chooseDepartment')}</span>
              <select value={departmentId ?? ''} onChange={(event) => setDepartmentId(event.target.value ? Number(event.target.value) : null)}>
                {action === 'dispatch' && <option value="">{t('detail.routedDepartment', { name: detail.department?.name ?? '—' })}</option>}
                {action === 'redispatch' && <option value="">—</option>}
                <DepartmentOptions departments={departments} />
              </select>
            </label>
          )}
          {action === 'check' && (
            <fieldset className="case-check">
              <label>
                <input type="radio" name="passed" checked={passed} onChange={() => setPassed(true)} />
                {t('detail.passed')}
              </label>
              <label>
                <input type="radio" name="passed" checked={!passed} onChange={() => setPassed(false)} data-testid="check-failed" />
                {t('detail.failed')}
              </label>
            </fieldset>
          )}
          {action === 'close' && (
            <label className="cases-field">
              <span>{t('detail.closureType')}</span>
              <select value={closureType ?? ''} onChange={(event) => setClosureType((event.target.value || null) as 'error' | 'special' | null)}>
                <option value="">{t('detail.closureAuto')}</option>
                <option value="error">{t('closure.error')}</option>
                <option value="special">{t('closure.special')}</option>
              </select>
            </label>
          )}
          <label className="cases-field">
            <span>
              {t('detail.note')}
              {needsNote && <em className="required"> {t('import.required')}</em>}
            </span>
            <textarea rows={2} value={note} aria-invalid={missing?.field === 'note'} onChange={(event) => setNote(event.target.value)} data-testid="case-note" />
          </label>
          {missing && (
            <p className="form-error" role="alert" data-testid={missing.field === 'note' ? 'case-note-missing' : 'case-department-missing'}>
              {whyNot(missing, action)}
            </p>
          )}
          <button
            type="submit"
            className="primary"
            disabled={transition.isPending}
            title={submitWhyNot ? whyNot(submitWhyNot, action) : undefined}
            data-testid="case-submit"
          >
            {t('detail.submit', { action: caseActionLabel(action) })}
          </button>
        </form>
      )}
      {transition.isError && (
        <p className="form-error" role="alert" data-testid="case-action-error">
          {transition.error.message}
        </p>
      )}
      {done && (
        <p className="form-ok" role="status">
          {done}
        </p>
      )}
    </div>
  )
}
