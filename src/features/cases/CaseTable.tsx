/**
 * One page of the case list (antd Table): 编号, 类别, 来源, 状态, 网格, 部门, 上报时间,
 * 截止时间 and 剩余/超期, all visible in the list pane of a 1440 px window. Sorting is the
 * server's (list_cases p_sort / p_descending over every matched case, not the page shown);
 * columns are resized by dragging a header's right edge (or ←/→ on it) and shown or hidden
 * from the 列 menu, both remembered in localStorage (case-table-columns.ts). Rows are
 * selectable with the mouse and the keyboard. The list header carries the total and the
 * XLSX export of the whole filtered list (CaseExport).
 */
import { useEffect, useState, type HTMLAttributes, type KeyboardEvent, type PointerEvent, type ThHTMLAttributes } from 'react'
import { Button, Checkbox, Dropdown, Pagination, Table, type TableColumnsType, type TableProps } from 'antd'
import { useTranslation } from 'react-i18next'
import { caseStatusLabel } from '../../i18n/case-labels.ts'
import type { CaseListQuery, CaseSortKey } from '../../data/repository.ts'
import type { CaseList, CaseListRow } from '../../data/schemas.ts'
import { formatDateTime, formatNumber } from '../../i18n/format.ts'
import {
  ALWAYS_SHOWN,
  CASE_COLUMNS,
  COLUMN_SORT,
  DEFAULT_PREFERENCES,
  columnWidth,
  durationText,
  loadPreferences,
  remainingText,
  remainingTime,
  savePreferences,
  visibleColumns,
  withShown,
  withWidth,
  type CaseColumn,
  type ColumnPreferences,
} from './case-table-columns.ts'
import { useRemainingWords } from './use-remaining-words.ts'
import { CaseExport } from './CaseExport.tsx'

export const PAGE_SIZES = [20, 50, 100] as const

export interface CaseTableProps {
  list: CaseList | undefined
  /** the filters and order the list was asked with (the export reads the same) */
  query: CaseListQuery
  loading: boolean
  error: string | null
  selectedId: number | null
  onSelect: (id: number) => void
  onPage: (offset: number, limit: number) => void
  /** null: the server's default order (newest first) */
  onSort: (sort: { key: CaseSortKey; descending: boolean } | null) => void
  /** the database's timezone_offset_hours (export file name and times) */
  offsetHours: number
}

/** The height the table body may take: the list pane's, less the table's own header. */
function useBodyHeight() {
  const [host, setHost] = useState<HTMLDivElement | null>(null)
  const [height, setHeight] = useState(400)
  useEffect(() => {
    if (!host) return
    const observer = new ResizeObserver(([entry]) => setHeight(Math.max(120, Math.floor(entry.contentRect.height) - 36)))
    observer.observe(host)
    return () => observer.disconnect()
  }, [host])
  return [setHost, height] as const
}

/** "Now" for 剩余/超期, moved on every minute so a running clock does not stand still. */
function useMinuteClock(): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000)
    return () => clearInterval(timer)
  }, [])
  return now
}

interface ResizeProps {
  /** live width while dragging; committed (and remembered) on release */
  onResize?: (width: number, done: boolean) => void
  resizeLabel?: string
  columnWidth?: number
}

/**
 * A header cell with a drag handle on its right edge. The handle swallows its clicks, so
 * resizing never sorts; ←/→ on the focused handle resizes by 8 px for keyboard users.
 */
function ResizableHeaderCell({ onResize, resizeLabel, columnWidth: width, children, ...rest }: ThHTMLAttributes<HTMLTableCellElement> & ResizeProps) {
  if (!onResize || width === undefined) return <th {...rest}>{children}</th>
  const start = (event: PointerEvent<HTMLSpanElement>) => {
    event.preventDefault()
    event.stopPropagation()
    const handle = event.currentTarget
    handle.setPointerCapture(event.pointerId)
    const startX = event.clientX
    let latest = width
    const move = (moved: globalThis.PointerEvent) => {
      latest = width + moved.clientX - startX
      onResize(latest, false)
    }
    const end = () => {
      handle.removeEventListener('pointermove', move)
      handle.removeEventListener('pointerup', end)
      handle.removeEventListener('pointercancel', end)
      onResize(latest, true)
    }
    handle.addEventListener('pointermove', move)
    handle.addEventListener('pointerup', end)
    handle.addEventListener('pointercancel', end)
  }
  const key = (event: KeyboardEvent<HTMLSpanElement>) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return
    event.preventDefault()
    event.stopPropagation()
    onResize(width + (event.key === 'ArrowRight' ? 8 : -8), true)
  }
  return (
    <th {...rest}>
      {children}
      <span
        className="case-column-resize"
        role="separator"
        aria-orientation="vertical"
        aria-label={resizeLabel}
        aria-valuenow={Math.round(width)}
        title={resizeLabel}
        tabIndex={0}
        onPointerDown={start}
        onKeyDown={key}
        onClick={(event) => event.stopPropagation()}
      />
    </th>
  )
}

const TABLE_COMPONENTS = { header: { cell: ResizableHeaderCell } }

export function CaseTable({ list, query, loading, error, selectedId, onSelect, onPage, onSort, offsetHours }: CaseTableProps) {
  const { t, i18n } = useTranslation('cases')
  const language = i18n.language
  const [preferences, setPreferences] = useState<ColumnPreferences>(() => loadPreferences())
  const [setTableHost, bodyHeight] = useBodyHeight()
  const now = useMinuteClock()
  const words = useRemainingWords()

  const update = (next: ColumnPreferences, remember: boolean) => {
    setPreferences(next)
    if (remember) savePreferences(next)
  }

  const sortKey: CaseSortKey = query.sort ?? 'reported_at'
  const descending = query.descending ?? true
  const shown = visibleColumns(preferences)

  const columns = ((): TableColumnsType<CaseListRow> => {
    const title: Record<CaseColumn, string> = {
      number: t('list.number'),
      category: t('list.category'),
      source: t('list.source'),
      status: t('list.status'),
      grid: t('list.grid'),
      department: t('list.department'),
      reported_at: t('list.reportedAt'),
      deadline_at: t('list.deadline'),
      remaining: t('list.remaining'),
    }
    const base = (key: CaseColumn) => {
      const sort = COLUMN_SORT[key]
      const width = columnWidth(preferences, key)
      return {
        key,
        title: title[key],
        width,
        ...(sort
          ? {
              sorter: true,
              sortOrder: sort === sortKey ? (descending ? ('descend' as const) : ('ascend' as const)) : null,
              // The default order already shows 上报时间 descending: its next click is ascending,
              // the one after returns to the default. Every other column starts ascending.
              sortDirections: (key === 'reported_at' ? ['descend', 'ascend'] : ['ascend', 'descend']) as ('ascend' | 'descend')[],
              showSorterTooltip: { title: t('list.sortHint') },
            }
          : {}),
        onHeaderCell: () =>
          ({
            columnWidth: width,
            resizeLabel: t('list.resize', { column: title[key] }),
            onResize: (next: number, done: boolean) => update(withWidth(preferences, key, next), done),
            'data-column': key,
          }) as HTMLAttributes<HTMLElement>,
      }
    }
    const all: Record<CaseColumn, TableColumnsType<CaseListRow>[number]> = {
      number: { ...base('number'), dataIndex: 'case_number', className: 'mono', ellipsis: true },
      category: {
        ...base('category'),
        dataIndex: 'category_name',
        ellipsis: { showTitle: false },
        render: (name: string, row) => <span title={`${row.category_code} ${name}`}>{name}</span>,
      },
      source: { ...base('source'), dataIndex: 'source', ellipsis: true, render: (source: string) => t(`source.${source}`) },
      status: {
        ...base('status'),
        dataIndex: 'status',
        ellipsis: { showTitle: false },
        render: (status: string, row) => {
          // Which stage is late (受理超期 …): a badge beside the status, the stages on hover;
          // 处置 lateness reads in 剩余/超期.
          const late = row.late_stages.map((stage) => t('list.stageLate', { stage: t(`stage.${stage}`) }))
          return (
            <span title={[caseStatusLabel(status), ...late].join(' · ')}>
              <span className={`case-status case-status-${status}`}>{caseStatusLabel(status)}</span>
              {late.length > 0 && (
                // One character in the narrow column (超); which stages, on hover and in the detail.
                <span className="case-late-flag" data-testid="case-late-flag" aria-label={late.join('、')}>
                  {t('list.lateBadge')}
                  {late.length > 1 && late.length}
                </span>
              )}
            </span>
          )
        },
      },
      grid: { ...base('grid'), dataIndex: 'grid_code', className: 'mono', ellipsis: true, render: (code: string | null) => code ?? '—' },
      department: { ...base('department'), dataIndex: 'department_name', ellipsis: true, render: (name: string | null) => name ?? '—' },
      reported_at: {
        ...base('reported_at'),
        dataIndex: 'reported_at',
        className: 'mono case-reported',
        ellipsis: true,
        render: (value: string) => formatDateTime(value, language),
      },
      deadline_at: {
        ...base('deadline_at'),
        dataIndex: 'deadline_at',
        className: 'mono case-deadline',
        ellipsis: true,
        render: (value: string | null) => formatDateTime(value, language),
      },
      remaining: {
        ...base('remaining'),
        dataIndex: 'deadline_at',
        className: 'case-remaining',
        ellipsis: { showTitle: false },
        render: (_value: string | null, row) => {
          const remaining = remainingTime(row, now)
          const text = remainingText(remaining, words)
          const deadline = formatDateTime(row.deadline_at, language)
          const duration = remaining.kind === 'left' || remaining.kind === 'late' ? durationText(remaining.minutes, words) : ''
          const hint =
            remaining.kind === 'left'
              ? t('list.leftTitle', { duration, deadline })
              : remaining.kind === 'late'
                ? t(remaining.running ? 'list.lateTitle' : 'list.lateStoppedTitle', { duration, deadline })
                : remaining.kind === 'met'
                  ? t('list.metTitle', { deadline })
                  : undefined
          // Overdue rows (the server's flag) are marked case-overdue, as the filter 仅超期 lists them.
          const className = row.overdue ? 'case-overdue' : remaining.kind === 'met' ? 'case-on-time' : remaining.kind === 'left' ? 'case-left' : undefined
          return (
            <span className={className} title={hint}>
              {row.overdue && remaining.kind !== 'late' ? t('list.overdue') : text}
            </span>
          )
        },
      },
    }
    return shown.map((key) => all[key])
  })()

  const onChange: TableProps<CaseListRow>['onChange'] = (_pagination, _filters, sorter, extra) => {
    if (extra.action !== 'sort') return
    const single = Array.isArray(sorter) ? sorter[0] : sorter
    const key = single?.order ? COLUMN_SORT[single.columnKey as CaseColumn] : null
    onSort(key ? { key, descending: single?.order === 'descend' } : null)
  }

  const rowProps = (row: CaseListRow) =>
    ({
      tabIndex: 0,
      'aria-selected': row.id === selectedId,
      'data-case-id': row.id,
      onClick: () => onSelect(row.id),
      onKeyDown: (event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault()
          onSelect(row.id)
        }
      },
    }) as HTMLAttributes<HTMLElement>

  const tableWidth = shown.reduce((sum, key) => sum + columnWidth(preferences, key), 0)
  const page = list ? Math.floor(list.offset / list.limit) + 1 : 1
  const chooser = (
    <div className="case-columns-menu" data-testid="case-columns-menu">
      <p className="case-columns-title">{t('list.columnsTitle')}</p>
      <Checkbox.Group<CaseColumn>
        value={shown}
        options={CASE_COLUMNS.map((key) => ({
          value: key,
          label: t(`list.${({ reported_at: 'reportedAt', deadline_at: 'deadline' } as Record<string, string>)[key] ?? key}`),
          disabled: ALWAYS_SHOWN.includes(key),
        }))}
        onChange={(ticked) => update(withShown(preferences, ticked), true)}
      />
      <Button size="small" type="link" onClick={() => update(DEFAULT_PREFERENCES, true)} data-testid="case-columns-reset">
        {t('list.columnsReset')}
      </Button>
    </div>
  )
  return (
    <section className="cases-list" aria-labelledby="cases-list-title" data-testid="case-list">
      <header className="cases-list-header">
        <h2 id="cases-list-title">{t('list.title')}</h2>
        {list && <span data-testid="case-total">{t('list.total', { count: list.total, formatted: formatNumber(list.total, language) })}</span>}
        {loading && <span className="muted">{t('list.loading')}</span>}
        <span className="cases-list-tools">
          <CaseExport query={query} total={list?.total ?? null} offsetHours={offsetHours} />
          <Dropdown trigger={['click']} popupRender={() => chooser} placement="bottomRight">
            <Button size="small" data-testid="case-columns">
              {t('list.columns')}
            </Button>
          </Dropdown>
        </span>
      </header>
      {error && (
        <p className="form-error" role="alert">
          {t('list.error', { message: error })}
        </p>
      )}
      <div className="cases-table-host" ref={setTableHost}>
        <Table<CaseListRow>
          className="case-table"
          size="small"
          rowKey="id"
          tableLayout="fixed"
          components={TABLE_COMPONENTS}
          columns={columns}
          dataSource={list?.rows ?? []}
          pagination={false}
          loading={loading && !list}
          // Wider than the pane (columns dragged wider) scrolls sideways rather than cutting.
          scroll={{ x: tableWidth, y: bodyHeight }}
          onChange={onChange}
          onRow={rowProps}
          rowClassName={(row) => (row.id === selectedId ? 'selected' : '')}
          locale={list ? { emptyText: t('list.empty') } : undefined}
        />
      </div>
      {list && list.total > 0 && (
        <nav className="cases-pager" aria-label={t('list.pages')}>
          <Pagination
            size="small"
            current={page}
            pageSize={list.limit}
            total={list.total}
            pageSizeOptions={PAGE_SIZES.map(String)}
            showSizeChanger
            showQuickJumper
            showTotal={(total, [from, to]) => (
              <span data-testid="case-page-total">
                {t('list.pageTotal', { from: formatNumber(from, language), to: formatNumber(to, language), formatted: formatNumber(total, language) })}
              </span>
            )}
            // Page numbers run to thousands (100,000 cases at 20 a page): written with separators too.
            itemRender={(number, type, element) => (type === 'page' ? <a>{formatNumber(number, language)}</a> : element)}
            onChange={(next, size) => onPage(size === list.limit ? (next - 1) * size : 0, size)}
          />
        </nav>
      )}
    </section>
  )
}
