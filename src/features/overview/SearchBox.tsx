/**
 * Find-as-you-type over grid codes, street/community names, back streets and facility,
 * market and site names (the SQL API's search_features). Choosing a hit flies the map
 * to it and selects it.
 */
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearch } from '../../data/hooks.ts'
import type { SearchResult } from '../../data/schemas.ts'

const DEBOUNCE_MS = 250

export function SearchBox({ onChoose }: { onChoose: (result: SearchResult) => void }) {
  const { t } = useTranslation('overview')
  const [text, setText] = useState('')
  const [query, setQuery] = useState('')
  const [open, setOpen] = useState(false)
  // Enter pressed before the debounced search for this text came back: choose on arrival.
  const [chooseWhenReady, setChooseWhenReady] = useState(false)
  useEffect(() => {
    const timer = window.setTimeout(() => setQuery(text.trim()), DEBOUNCE_MS)
    return () => window.clearTimeout(timer)
  }, [text])
  const search = useSearch(query)
  const results = query === '' ? [] : (search.data ?? [])

  const choose = (result: SearchResult) => {
    setOpen(false)
    setChooseWhenReady(false)
    setText(result.code ?? result.name)
    onChoose(result)
  }

  const ready = query !== '' && query === text.trim() && search.isSuccess && !search.isFetching
  useEffect(() => {
    if (!chooseWhenReady || !ready) return
    if (results.length > 0) choose(results[0])
    else setChooseWhenReady(false)
    // `choose` and `results` are read at the moment the search settles.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [chooseWhenReady, ready])

  return (
    <div className="overview-search" role="search">
      <input
        type="search"
        value={text}
        placeholder={t('search.placeholder')}
        aria-label={t('search.label')}
        onChange={(event) => {
          setText(event.target.value)
          setOpen(true)
        }}
        onFocus={() => setOpen(true)}
        onKeyDown={(event) => {
          // Enter takes the best hit for exactly this text, searching at once if need be.
          if (event.key === 'Enter' && text.trim() !== '') {
            setQuery(text.trim())
            setChooseWhenReady(true)
          }
          if (event.key === 'Escape') setOpen(false)
        }}
      />
      {open && query !== '' && (
        <ul className="search-results" role="listbox">
          {search.isFetching && results.length === 0 && <li className="muted">{t('search.searching')}</li>}
          {!search.isFetching && results.length === 0 && <li className="muted">{t('search.none', { text: query })}</li>}
          {results.map((result) => (
            <li key={`${result.layer}:${result.id}`} role="option" aria-selected={false}>
              <button type="button" onClick={() => choose(result)}>
                <span className="search-layer">{t(`searchLayer.${result.layer}`)}</span>
                <span className="search-name">{result.name}</span>
                {result.code && <span className="search-code">{result.code}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
