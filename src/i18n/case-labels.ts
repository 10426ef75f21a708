/**
 * The words for case statuses and workflow actions, from the one map in the shell's
 * messages (zh-CN.ts / en.ts: caseStatus, caseAction). The database owns the codes and the
 * transitions; these only name them. A code the UI does not know yet (a status added in SQL
 * before its words) shows as itself rather than as a message key.
 */
import i18next from 'i18next'
import type { CaseAction, CaseStatus } from '../domain/cases/workflow.ts'

export const caseStatusLabel = (status: CaseStatus | string): string =>
  i18next.t(`caseStatus.${status}`, { ns: 'translation', defaultValue: status })

export const caseActionLabel = (action: CaseAction | 'report' | string): string =>
  i18next.t(`caseAction.${action}`, { ns: 'translation', defaultValue: action })
