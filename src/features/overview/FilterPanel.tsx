/**
 * Incident filters: an inclusive date range bounded by the data's own period, and the
 * 大类 → 小类 category tree (a 大类 checkbox ticks all its 小类; a partly ticked one shows
 * as indeterminate). An empty selection means "all categories".
 */
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { majorTickState, type CategoryMajor } from '../../domain/categories/category-tree.ts'

export interface FilterPanelProps {
  from: string | null
  to: string | null
  /** the incidents' own period, YYYY-MM-DD, for the pickers' bounds */
  minDay: string | null
  maxDay: string | null
  tree: CategoryMajor[]
  selected: Set<string>
  onRange: (from: string | null, to: string | null) => void
  onCategories: (selected: Set<string>) => void
}

function MajorCheckbox({ major, selected, onChange }: { major: CategoryMajor; selected: Set<string>; onChange: (ticked: boolean) => void }) {
  const ref = useRef<HTMLInputElement>(null)
  const state = majorTickState(major, selected)
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = state === 'some'
  }, [state])
  return <input ref={ref} type="checkbox" checked={state === 'all'} onChange={(event) => onChange(event.target.checked)} />
}

export function FilterPanel(props: FilterPanelProps) {
  const { t } = useTranslation('overview')
  const { tree, selected } = props

  const setMany = (codes: string[], ticked: boolean) => {
    const next = new Set(selected)
    for (const code of codes) {
      if (ticked) next.add(code)
      else next.delete(code)
    }
    props.onCategories(next)
  }

  return (
    <section className="overview-section" aria-labelledby="overview-filters-title">
      <h2 id="overview-filters-title">{t('filters.title')}</h2>
      <div className="filter-range">
        <label>
          {t('filters.from')}
          <input
            type="date"
            value={props.from ?? ''}
            min={props.minDay ?? undefined}
            max={props.to ?? props.maxDay ?? undefined}
            onChange={(event) => props.onRange(event.target.value || null, props.to)}
          />
        </label>
        <label>
          {t('filters.to')}
          <input
            type="date"
            value={props.to ?? ''}
            min={props.from ?? props.minDay ?? undefined}
            max={props.maxDay ?? undefined}
            onChange={(event) => props.onRange(props.from, event.target.value || null)}
          />
        </label>
      </div>
      <details className="category-tree">
        <summary>
          {t('filters.categories')}：{selected.size === 0 ? t('filters.allCategories') : t('filters.selectedCategories', { count: selected.size })}
        </summary>
        <ul>
          {tree.map((major) => (
            <li key={major.code}>
              <details>
                <summary>
                  <label onClick={(event) => event.stopPropagation()}>
                    <MajorCheckbox major={major} selected={selected} onChange={(ticked) => setMany(major.children.map((child) => child.code), ticked)} />
                    {major.code} {major.name}
                  </label>
                </summary>
                <ul>
                  {major.children.map((child) => (
                    <li key={child.code}>
                      <label>
                        <input type="checkbox" checked={selected.has(child.code)} onChange={(event) => setMany([child.code], event.target.checked)} />
                        {child.code} {child.name}
                      </label>
                    </li>
                  ))}
                </ul>
              </details>
            </li>
          ))}
        </ul>
      </details>
      {(props.from || props.to || selected.size > 0) && (
        <button
          type="button"
          className="link-button"
          onClick={() => {
            props.onRange(null, null)
            props.onCategories(new Set())
          }}
        >
          {t('filters.clear')}
        </button>
      )}
    </section>
  )
}
