/** The top bar: product name, workspaces, the active backend, who is signed in, language. */
import { useTranslation } from 'react-i18next'
import type { Backend } from '../data/backend.ts'
import { LANGUAGES, setLanguage, type Language } from '../i18n/index.ts'
import { SessionControl } from './SessionControl.tsx'
import type { SessionState } from './use-session.ts'
import { WORKSPACES, type WorkspaceId } from './workspaces.ts'

interface HeaderProps {
  backend: Backend
  session: SessionState
  workspace: WorkspaceId
  onWorkspace: (workspace: WorkspaceId) => void
}

export function Header({ backend, session, workspace, onWorkspace }: HeaderProps) {
  const { t, i18n } = useTranslation()
  // Synthetic demo data is labelled as such (DESIGN.md §4); real data names its project.
  const synthetic = backend.syntheticData
  return (
    <header className="app-header">
      <div className="brand" title={t('app.title')}>
        <span className="brand-mark" aria-hidden="true">
          ▦
        </span>
        <span className="brand-name">{t('app.title')}</span>
      </div>
      <nav className="workspace-tabs" aria-label={t('workspace.navigation')}>
        {WORKSPACES.map((id) => (
          <button
            key={id}
            type="button"
            className={id === workspace ? 'tab active' : 'tab'}
            aria-current={id === workspace ? 'page' : undefined}
            data-workspace={id}
            onClick={() => onWorkspace(id)}
          >
            {t(`workspace.${id}`)}
          </button>
        ))}
      </nav>
      <div className="header-right">
        <span
          className={synthetic ? 'backend-badge embedded' : 'backend-badge supabase'}
          data-testid="backend-badge"
          title={synthetic ? t('backend.embeddedTitle') : t('backend.supabaseTitle', { url: backend.repository.label })}
        >
          {synthetic ? t('backend.embedded') : t('backend.supabase', { url: backend.repository.label })}
        </span>
        <SessionControl backend={backend} session={session} />
        <label className="language-switch">
          <span className="visually-hidden">{t('language.label')}</span>
          <select
            data-testid="language-switch"
            value={i18n.language}
            onChange={(event) => void setLanguage(event.target.value as Language)}
          >
            {LANGUAGES.map((language) => (
              <option key={language} value={language}>
                {t(language === 'zh-CN' ? 'language.zh' : 'language.en')}
              </option>
            ))}
          </select>
        </label>
      </div>
    </header>
  )
}
