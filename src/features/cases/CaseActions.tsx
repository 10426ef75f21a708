/**
 * The workflow steps the signed-in user may take on the case now (the database says which,
 * in case_detail.allowed_actions). One step at a time: choose it, fill what it needs
 * (department, check result, closure type, a note), submit. A refusal shows the database's
 * reason as it is: it names the current state and what is allowed.
 */
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { caseActionLabel } from '../../i18n/case-labels.ts'
import { useOperation } from '../../app/use-operation.ts'
import { useTransitionCase } from '../../data/hooks.ts'
import type { CaseActionName, CaseDetail } from '../../data/schemas.ts'
import { DepartmentOptions } from './options.tsx'

export interface CaseActionsProps {
  detail: CaseDetail
  departments: { id: number; name: string }[]
}

export function CaseActions({ detail, departments }: CaseActionsProps) {
  const { t } = useTranslation('cases')
  const transition = useTransitionCase()
  const caseSteps = useOperation('takeCaseSteps')
  const [action, setAction] = useState<CaseActionName | null>(null)
  const [note, setNote] = useState('')
  const [departmentId, setDepartmentId] = useState<number | null>(null)
  const [passed, setPassed] = useState(true)
  const [closureType, setClosureType] = useState<'error' | 'special' | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const [noteMissing, setNoteMissing] = useState(false)

  if (detail.allowed_actions.length === 0) {
    return (
      <>
        <p className="muted">{t('detail.noActions')}</p>
        {/* A role that never takes a step hears which roles do; the others just wait for the case to move. */}
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
    setNoteMissing(false)
  }
  // The database refuses these without a reason (UG209); say so before the round trip.
  const needsNote = action === 'reject' || (action === 'check' && !passed) || (action === 'close' && closureType !== null)
  const submit = () => {
    if (!action) return
    if (needsNote && note.trim() === '') {
      setNoteMissing(true)
      return
    }
    setNoteMissing(false)
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
      <div className="case-action-buttons">
        {detail.allowed_actions.map((name) => (
          <button key={name} type="button" className={name === action ? 'primary' : undefined} onClick={() => choose(name)} data-action={name}>
            {caseActionLabel(name)}
          </button>
        ))}
      </div>
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
            <textarea rows={2} value={note} aria-invalid={noteMissing} onChange={(event) => setNote(event.target.value)} data-testid="case-note" />
          </label>
          {noteMissing && (
            <p className="form-error" role="alert" data-testid="case-note-missing">
              {t('detail.noteRequired', { action: caseActionLabel(action) })}
            </p>
          )}
          <button type="submit" className="primary" disabled={transition.isPending} data-testid="case-submit">
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
