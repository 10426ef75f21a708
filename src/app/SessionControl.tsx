/**
 * A demo session: a switcher among the demo users (one per role, and named handlers grouped
 * under their role). A password session: the
 * signed-in user and a sign-out button (the sign-in form takes the workspace while signed out).
 */
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { Backend } from '../data/backend.ts'
import type { SessionState } from './use-session.ts'

export function SessionControl({ backend, session }: { backend: Backend; session: SessionState }) {
  const { t } = useTranslation()
  const demo = backend.session.kind === 'demo' ? backend.session : null
  const users = useQuery({
    queryKey: ['urbangrid', 'demo-users'],
    queryFn: () => demo?.users() ?? Promise.resolve([]),
    enabled: demo !== null && session.status === 'signed-in',
    staleTime: Infinity,
  })

  if (session.status === 'loading') return <span className="session muted">{t('session.loading')}</span>

  if (demo) {
    if (session.status !== 'signed-in' || !users.data) return null
    return (
      <label className="session" title={t('session.actingAsTitle')}>
        <span className="session-label">{t('session.actingAs')}</span>
        <select
          data-testid="role-switch"
          value={session.user.email}
          onChange={(event) => void backend.repository.auth.signIn(event.target.value, '')}
        >
          {users.data
            .filter((user, index, all) => all.findIndex((other) => other.role === user.role) === index)
            .map(({ role }) => {
              const ofRole = users.data.filter((user) => user.role === role)
              // One account per role reads as the role; named handlers (作业人员 in departments)
              // share their role and are told apart by name.
              return ofRole.length === 1 ? (
                <option key={ofRole[0].id} value={ofRole[0].email}>
                  {t(`role.${role}`)}
                </option>
              ) : (
                <optgroup key={role} label={t(`role.${role}`)}>
                  {ofRole.map((user) => (
                    <option key={user.id} value={user.email}>
                      {user.displayName}
                    </option>
                  ))}
                </optgroup>
              )
            })}
        </select>
      </label>
    )
  }

  if (session.status === 'signed-out') return <span className="session muted">{t('session.signedOut')}</span>
  return (
    <span className="session">
      <span data-testid="session-user">{t('session.signedInAs', { name: session.user.displayName, role: t(`role.${session.user.role}`) })}</span>
      <button type="button" className="link" onClick={() => void backend.repository.auth.signOut()}>
        {t('session.signOut')}
      </button>
    </span>
  )
}
