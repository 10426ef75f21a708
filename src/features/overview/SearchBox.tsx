/**
 * Find-as-you-type over grid codes, street/community names, back streets and facility,
 * market and site names (the SQL API's search_features). Choosing a hit flies the map
 * to it and selects it.
 */
import { useEffect, useState } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useRepository, useSearch } from '../../data/hooks.ts'
import { READS, readOptions } from '../../data/reads.ts'
import type { SearchResult } from '../../data/schemas.ts'

const DEBOUNCE_MS = 250

export function SearchBox({ onChoose }: { onChoose: (result: SearchResult) => void }) {
  const { t } = useTranslation('overview')
  const [text, setText] = useState('')
  const [query, setQuery] = useState('')
  const [open, setOpen] = useState(false)
  useEffect(() => {
    const timer = window.setTimeout(() => setQuery(text.trim()), DEBOUNCE_MS)
    return () => window.clearTimeout(timer)
  }, [text])
  const search = useSearch(query)
  const results = query === '' ? [] : (search.data ?? [])

  const repository = useRepository()
  const queryClient = useQueryClient()

  const choose = (result: SearchResult) => {
    setOpen(false)
    setText(result.code ?? result.name)
    onChoose(result)
  }

  // Enter takes the best hit for exactly this text, without waiting for the debounce: the
  // same query (and cache entry) as the list, fetched now.
  const chooseBest = async (value: string) => {
    setQuery(value)
    const hits = await queryClient.fetchQuery(readOptions(READS.search, repository, [value]))
    if (hits.length > 0) choose(hits[0])
  }

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
          if (event.key === 'Enter' && text.trim() !== '') void chooseBest(text.trim())
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
                <span className="search-layer">{t(`searchLayer.${result.layer}` as never)}</span>
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
