/** Email + password sign-in against the configured Supabase project. */
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { Repository } from '../data/repository.ts'

export function SignInForm({ repository }: { repository: Repository }) {
  const { t } = useTranslation()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    repository.auth
      .signIn(email.trim(), password)
      .catch((reason: unknown) => setError(reason instanceof Error ? reason.message : String(reason)))
      .finally(() => setBusy(false))
  }

  return (
    <form className="sign-in card" onSubmit={submit} data-testid="sign-in-form">
      <h2>{t('session.signInTitle')}</h2>
      <p className="muted">{t('session.signInHint')}</p>
      <p className="muted">{repository.label}</p>
      <label>
        {t('session.email')}
        <input type="email" autoComplete="username" required value={email} onChange={(event) => setEmail(event.target.value)} />
      </label>
      <label>
        {t('session.password')}
        <input
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('session.signingIn') : t('session.signIn')}
      </button>
    </form>
  )
}
