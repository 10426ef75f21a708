/**
 * One page of the case list (antd Table): number, category, source, status, grid,
 * department, report time and deadline, overdue cases flagged; rows are selectable with the
 * mouse and the keyboard. Paging is the server's (list_cases: limit/offset, newest first);
 * list_cases has no sort parameter, so the column sorters order the rows of the page shown,
 * and the tooltip says so.
 */
import { useEffect, useMemo, useState, type HTMLAttributes } from 'react'
import { Pagination, Table, type Breakpoint, type TableColumnsType, type TableProps } from 'antd'
import { useTranslation } from 'react-i18next'
import { caseStatusLabel } from '../../i18n/case-labels.ts'
import type { CaseList, CaseListRow } from '../../data/schemas.ts'
import { formatDateTime, formatNumber } from '../../i18n/format.ts'
import { CASE_ORDER, type CaseSortKey } from './case-list-order.ts'

export const PAGE_SIZES = [20, 50, 100] as const

export interface CaseTableProps {
  list: CaseList | undefined
  loading: boolean
  error: string | null
  selectedId: number | null
  onSelect: (id: number) => void
  onPage: (offset: number, limit: number) => void
}

interface SortState {
  key: CaseSortKey | null
  order: 'ascend' | 'descend' | null
}

/**
 * The list pane is the window less the 300 px sidebar and the 440 px map column. From a
 * 1600 px window (xxl, ~860 px of list) every column fits; below it, source and department
 * give way so that number, category, status, grid and both times fit ~700 px whole. Both
 * stay in the filters and the case's details.
 */
const WIDE_LIST_ONLY: Breakpoint[] = ['xxl']

/** The server's order: what the page shows before any column is clicked. */
const SERVER_ORDER: SortState = { key: 'reported_at', order: 'descend' }

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

export function CaseTable({ list, loading, error, selectedId, onSelect, onPage }: CaseTableProps) {
  const { t, i18n } = useTranslation('cases')
  const language = i18n.language
  const [sort, setSort] = useState<SortState>(SERVER_ORDER)
  const [setTableHost, bodyHeight] = useBodyHeight()

  const columns = useMemo((): TableColumnsType<CaseListRow> => {
    const sortable = (key: CaseSortKey) => ({
      key,
      sorter: CASE_ORDER[key],
      sortOrder: sort.key === key ? sort.order : null,
      showSorterTooltip: { title: t('list.sortWithinPage') },
    })
    return [
      { ...sortable('case_number'), title: t('list.number'), dataIndex: 'case_number', width: 126, className: 'mono', ellipsis: true },
      { ...sortable('category_code'), title: t('list.category'), dataIndex: 'category_name', ellipsis: true },
      {
        key: 'source',
        title: t('list.source'),
        dataIndex: 'source',
        width: 80,
        ellipsis: true,
        responsive: WIDE_LIST_ONLY,
        render: (source: string) => t(`source.${source}`),
      },
      {
        ...sortable('status'),
        title: t('list.status'),
        dataIndex: 'status',
        // room for the status and which stage is late (「已立案 派遣超期」)
        width: 150,
        // Longer English labels are cut with an ellipsis and read in full on hover.
        ellipsis: { showTitle: false },
        render: (status: string, row) => {
          // Which stage is late (受理超期 …): the first in the flag, all of them on hover.
          const late = row.late_stages.map((stage) => t('list.stageLate', { stage: t(`stage.${stage}`) }))
          const flag = late[0] ?? (row.overdue ? t('list.overdue') : null)
          return (
            <span title={[caseStatusLabel(status), ...(late.length > 0 ? late : flag ? [flag] : [])].join(' · ')}>
              <span className={`case-status case-status-${status}`}>{caseStatusLabel(status)}</span>
              {flag && (
                <span className="case-overdue" data-testid="case-late-flag">
                  {flag}
                  {late.length > 1 && ` +${late.length - 1}`}
                </span>
              )}
            </span>
          )
        },
      },
      { ...sortable('grid_code'), title: t('list.grid'), dataIndex: 'grid_code', width: 130, className: 'mono', ellipsis: true, render: (code: string | null) => code ?? '—' },
      { key: 'department', title: t('list.department'), dataIndex: 'department_name', ellipsis: true, responsive: WIDE_LIST_ONLY, render: (name: string | null) => name ?? '—' },
      {
        ...sortable('reported_at'),
        title: t('list.reportedAt'),
        dataIndex: 'reported_at',
        width: 124,
        className: 'mono case-reported',
        render: (value: string) => formatDateTime(value, language),
      },
      {
        ...sortable('deadline_at'),
        title: t('list.deadline'),
        dataIndex: 'deadline_at',
        width: 124,
        className: 'mono',
        render: (value: string | null) => formatDateTime(value, language),
      },
    ]
  }, [t, language, sort])

  const onChange: TableProps<CaseListRow>['onChange'] = (_pagination, _filters, sorter) => {
    const single = Array.isArray(sorter) ? sorter[0] : sorter
    // Unsorted is the server's order again (newest first).
    setSort(single?.order ? { key: single.columnKey as CaseSortKey, order: single.order } : SERVER_ORDER)
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

  const page = list ? Math.floor(list.offset / list.limit) + 1 : 1
  return (
    <section className="cases-list" aria-labelledby="cases-list-title" data-testid="case-list">
      <header className="cases-list-header">
        <h2 id="cases-list-title">{t('list.title')}</h2>
        {list && <span data-testid="case-total">{t('list.total', { count: list.total, formatted: formatNumber(list.total, language) })}</span>}
        {loading && <span className="muted">{t('list.loading')}</span>}
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
          columns={columns}
          dataSource={list?.rows ?? []}
          pagination={false}
          loading={loading && !list}
          // Below this width the pane scrolls sideways rather than cutting columns off.
          scroll={{ x: 680, y: bodyHeight }}
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
            onChange={(next, size) => onPage(size === list.limit ? (next - 1) * size : 0, size)}
          />
        </nav>
      )}
    </section>
  )
}
