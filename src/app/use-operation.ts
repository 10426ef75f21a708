/**
 * Whether the signed-in user may take a write operation now and, if not, the sentence that
 * says why ("导入案件需要受理派遣员或系统管理员角色，当前角色：访客（只读）"). The rule is
 * domain/access/permissions.ts; this adds the session and the words.
 */
import { createContext, useContext } from 'react'
import { useTranslation } from 'react-i18next'
import i18next from 'i18next'
import { operationAvailability, type AccessRole, type Operation } from '../domain/access/permissions.ts'
import type { SessionState } from './use-session.ts'

/** The session of the shell (App.tsx provides it), for workspaces that offer writes. */
export const SessionContext = createContext<SessionState>({ status: 'loading' })

export interface OperationState {
  available: boolean
  /** still reading who is signed in: offer nothing yet, explain nothing yet */
  pending: boolean
  /** why not, in the UI's language; null when available or pending */
  reason: string | null
}

export function useOperation(operation: Operation): OperationState {
  const session = useContext(SessionContext)
  const { t, i18n } = useTranslation()
  if (session.status === 'loading') return { available: false, pending: true, reason: null }
  const role = session.status === 'signed-in' ? session.user.role : null
  const availability = operationAvailability(operation, role)
  if (availability.available) return { available: true, pending: false, reason: null }
  return { available: false, pending: false, reason: t(`access.denied.${operation}`, roleWords(availability.roles, role, i18n.language)) }
}

/**
 * The roles that may do something ("受理派遣员或系统管理员") and the current one, in the UI's
 * language: the two halves of every "needs role … ; your role …" sentence.
 */
export function roleWords(roles: readonly AccessRole[], role: AccessRole | null, language: string): { roles: string; role: string } {
  const name = (value: AccessRole) => i18next.t(`role.${value}`, { ns: 'translation', lng: language })
  return {
    roles: new Intl.ListFormat(language, { type: 'disjunction' }).format(roles.map(name)),
    role: role === null ? i18next.t('access.signedOut', { ns: 'translation', lng: language }) : name(role),
  }
}

/** The workflow role of whoever is signed in; null while loading or signed out. */
export function useSessionRole(): AccessRole | null {
  const session = useContext(SessionContext)
  return session.status === 'signed-in' ? session.user.role : null
}
