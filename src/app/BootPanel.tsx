/**
 * Where the embedded database's start-up is shown: named stages with the download's bytes
 * while it runs, and a clear message with a retry button when it fails, never a blank page.
 */
import { useState, useSyncExternalStore } from 'react'
import { useTranslation } from 'react-i18next'
import type { BootCapability } from '../data/backend.ts'
import type { BootStage } from '../data/boot-progress.ts'

const STAGES: Exclude<BootStage, 'error' | 'ready'>[] = ['manifest', 'downloading', 'opening', 'layers']

export function BootPanel({ boot, onRetry }: { boot: BootCapability; onRetry: () => Promise<void> }) {
  const { t } = useTranslation()
  const progress = useSyncExternalStore(boot.subscribe, boot.progress, boot.progress)
  const [retrying, setRetrying] = useState(false)

  if (progress.stage === 'ready') return null

  if (progress.stage === 'error') {
    const retry = () => {
      setRetrying(true)
      onRetry().finally(() => setRetrying(false))
    }
    return (
      <div className="boot-error" role="alert" data-testid="boot-error">
        <h2>{t('boot.errorTitle')}</h2>
        <p className="boot-error-message">{progress.error}</p>
        <p className="muted">{t('boot.errorHint')}</p>
        <button type="button" className="primary" onClick={retry} disabled={retrying}>
          {retrying ? t('boot.retrying') : t('boot.retry')}
        </button>
      </div>
    )
  }

  const current = STAGES.indexOf(progress.stage)
  const percent = progress.total > 0 ? Math.min(100, Math.round((progress.loaded / progress.total) * 100)) : 0
  return (
    <div className="boot-panel" role="status" aria-live="polite" data-testid="boot-panel">
      <div className="boot-title">{t('boot.title')}</div>
      <ol className="boot-stages">
        {STAGES.map((stage, index) => {
          if (stage === 'downloading' && progress.fromSnapshot === false) {
            return (
              <li key={stage} className="done">
                {t('boot.reused')}
              </li>
            )
          }
          const state = index < current ? 'done' : index === current ? 'active' : 'waiting'
          return (
            <li key={stage} className={state} data-stage={stage}>
              {t(`boot.${stage}`)}
              {stage === 'downloading' && state === 'active' && progress.total === 0 && progress.loaded > 0 && (
                <span className="boot-bytes">{t('boot.bytesLoaded', { loaded: (progress.loaded / 1e6).toFixed(1) })}</span>
              )}
              {stage === 'downloading' && state === 'active' && progress.total > 0 && (
                <>
                  <span className="boot-bytes">
                    {t('boot.bytes', {
                      loaded: (progress.loaded / 1e6).toFixed(1),
                      total: (progress.total / 1e6).toFixed(1),
                      percent,
                    })}
                  </span>
                  <progress max={100} value={percent} />
                </>
              )}
            </li>
          )
        })}
      </ol>
    </div>
  )
}
