/**
 * The history of a case's steps, naming people with their roles and what each step
 * decided: 「王建国（环卫作业）处置完成」, 「受理派遣员 改派 区环境卫生管理处 → 属地街道办事处
 * · 原因：非本部门职责」. Names are those recorded with the step (case_history.actor_name,
 * details.handler_name, details.reason_label), so a later rename or a reworded reason does
 * not rewrite the past. Entries read from a seeded case's stamps name nobody.
 */
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { caseActionLabel } from '../../i18n/case-labels.ts'
import { formatDateTime } from '../../i18n/format.ts'
import type { CaseTimelineEntry } from '../../data/schemas.ts'

export interface CaseTimelineProps {
  timeline: CaseTimelineEntry[]
  /** names of departments recorded by id only (steps taken before names were recorded) */
  departments: { id: number; name: string }[]
  /** what a step brought besides its words (the photos and files attached at it) */
  stepExtra?: (index: number) => ReactNode
}

export function CaseTimeline({ timeline, departments, stepExtra }: CaseTimelineProps) {
  const { t, i18n } = useTranslation('cases')
  const department = (id: number | null | undefined, name: string | null | undefined) =>
    name ?? departments.find((entry) => entry.id === id)?.name ?? (id == null ? '—' : String(id))
  const person = (entry: CaseTimelineEntry): string | null => {
    const role = entry.actor_role ? t(`role.${entry.actor_role}`, { ns: 'translation', defaultValue: entry.actor_role }) : null
    const name = entry.actor_name?.trim() || null
    if (!name) return role
    return role && name !== role ? t('timeline.person', { name, role }) : name
  }
  const outcome = (entry: CaseTimelineEntry): string | null => {
    const details = entry.details
    if (entry.action === 'dispatch' || (entry.action === 'redispatch' && details.previous_department_id == null)) {
      if (details.department_id == null) return null
      const to = department(details.department_id, details.department_name)
      return details.handler_name ? t('timeline.toPerson', { department: to, person: details.handler_name }) : t('timeline.toDepartment', { department: to })
    }
    if (entry.action === 'redispatch') {
      const from = [department(details.previous_department_id, null), details.previous_handler_name].filter(Boolean).join(' · ')
      const to = [department(details.department_id, details.department_name), details.handler_name].filter(Boolean).join(' · ')
      return t('timeline.moved', { from, to })
    }
    if (entry.action === 'close' && details.closure_type) return t(`closure.${details.closure_type}`)
    return null
  }

  return (
    <ol className="case-timeline" data-testid="case-timeline">
      {timeline.map((entry, index) => {
        const who = person(entry)
        const what = outcome(entry)
        return (
          <li key={entry.id ?? `derived-${index}`} data-step={entry.action}>
            <span className="mono">{formatDateTime(entry.at, i18n.language)}</span>
            {who && (
              <span className="case-timeline-person" data-testid="case-timeline-person">
                {who}
              </span>
            )}
            <strong>{caseActionLabel(entry.action)}</strong>
            {entry.action === 'check' && entry.details.passed === false && <span className="case-rework">{t('detail.failed')}</span>}
            {what && <span className="case-timeline-outcome">{what}</span>}
            {entry.details.reason_label && (
              <span className="case-reason-tag" data-testid="case-timeline-reason">
                {t('timeline.reason', { reason: entry.details.reason_label })}
              </span>
            )}
            {entry.derived && <span className="muted">{t('detail.derived')}</span>}
            {entry.note && <p className="case-note">{entry.note}</p>}
            {stepExtra?.(index)}
          </li>
        )
      })}
    </ol>
  )
}
