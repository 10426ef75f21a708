/**
 * 复制链接: the case's own URL (`?ws=cases&case=<id>`) to the clipboard. Where the browser
 * refuses the clipboard (an insecure origin, a denied permission) the link is shown to copy.
 */
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { caseUrl } from '../../app/route.ts'
import './links-attachments.i18n.ts'

export function CaseLinkButton({ caseId }: { caseId: number }) {
  const { t } = useTranslation('cases')
  const [state, setState] = useState<{ id: number; outcome: 'copied' | 'manual' } | null>(null)
  const url = caseUrl(caseId, window.location)
  const outcome = state?.id === caseId ? state.outcome : null

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url)
      setState({ id: caseId, outcome: 'copied' })
    } catch {
      setState({ id: caseId, outcome: 'manual' })
    }
  }

  return (
    <span className="case-link">
      <button type="button" className="link-button" onClick={() => void copy()} data-testid="case-copy-link" data-url={url}>
        {t('link.copy')}
      </button>
      {outcome === 'copied' && (
        <span className="muted" role="status" data-testid="case-link-copied">
          {t('link.copied')}
        </span>
      )}
      {outcome === 'manual' && (
        <span role="status">
          {t('link.manual')} <input readOnly value={url} onFocus={(event) => event.currentTarget.select()} data-testid="case-link-manual" />
        </span>
      )}
    </span>
  )
}
