/**
 * What the 人员 and 设施包干 panels show of a file before importing it: the rows read and valid,
 * the file's notices, every bad row 「第 N 行 字段：原因」, the valid rows, and the import button —
 * disabled with its reason while any row is bad (the database takes a file whole or not at all).
 * Also the panels' `Guarded`: a button that may be refused, disabled with the reason as its tooltip.
 */
import type { ReactElement } from 'react'
import { Alert, Button, List, Space, Table, Tooltip, Typography, Upload } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import type { ImportResult } from './people-import.ts'

export function Guarded({ reason, children }: { reason: string | null; children: ReactElement }) {
  return reason ? <Tooltip title={reason}>{children}</Tooltip> : children
}

/** The button that opens a file to import (XLSX or CSV); the file goes to `onFile`, never uploaded. */
export function ImportButton({ label, refused, pending, onFile, testId }: { label: string; refused: string | null; pending: boolean; onFile: (file: File) => void; testId: string }) {
  return (
    <Upload
      accept=".xlsx,.csv"
      showUploadList={false}
      disabled={refused !== null || pending}
      beforeUpload={(file) => {
        onFile(file)
        return false
      }}
      data-testid={testId}
    >
      <Guarded reason={refused}>
        <Button size="small" disabled={refused !== null || pending}>
          {label}
        </Button>
      </Guarded>
    </Upload>
  )
}

export interface ImportPreviewText {
  title: string
  summary: string
  errors: string
  confirm: string
  discard: string
  /** why importing is refused now (no permission, bad rows, nothing valid), null when it may */
  blocked: string | null
}

/**
 * The preview's words from a panel's `<section>.preview.*` strings (title, read, errors, confirm,
 * discard, blocked, empty): refused when `refused` says why, or while any row is bad, or when no
 * row is valid.
 */
export function importPreviewText<Row>(
  t: (key: string, options?: Record<string, unknown>) => string,
  section: 'people' | 'facilities',
  file: string,
  result: ImportResult<Row>,
  refused: string | null,
): ImportPreviewText {
  const key = (name: string) => `${section}.preview.${name}`
  return {
    title: t(key('title'), { file }),
    summary: t(key('read'), { read: result.read, valid: result.rows.length, errors: result.errors.length }),
    errors: t(key('errors')),
    confirm: t(key('confirm'), { count: result.rows.length }),
    discard: t(key('discard')),
    blocked: refused ?? (result.errors.length > 0 ? t(key('blocked')) : result.rows.length === 0 ? t(key('empty')) : null),
  }
}

export interface ImportPreviewProps<Row extends { row: number }> {
  /** data-testid prefix: `<prefix>-preview`, `-summary`, `-errors`, `-rows`, `-confirm`, `-discard` */
  testId: string
  result: ImportResult<Row>
  columns: ColumnsType<Row>
  text: ImportPreviewText
  pending: boolean
  onImport: () => void
  onDiscard: () => void
}

export function ImportPreview<Row extends { row: number }>({ testId, result, columns, text, pending, onImport, onDiscard }: ImportPreviewProps<Row>) {
  const { rows, errors, notices } = result
  return (
    <div className="roster-import-preview" data-testid={`${testId}-preview`}>
      <Typography.Text strong>{text.title}</Typography.Text>
      <p data-testid={`${testId}-summary`}>{text.summary}</p>
      {notices.map((notice) => (
        <Alert key={notice} type="warning" showIcon title={notice} className="roster-import-notice" />
      ))}
      {errors.length > 0 && (
        <List
          size="small"
          bordered
          header={<Typography.Text type="danger">{text.errors}</Typography.Text>}
          dataSource={errors.map((error) => error.message)}
          renderItem={(line) => <List.Item>{line}</List.Item>}
          data-testid={`${testId}-errors`}
          className="roster-import-errors"
        />
      )}
      {rows.length > 0 && (
        <Table<Row>
          size="small"
          rowKey="row"
          dataSource={rows}
          pagination={rows.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
          columns={columns}
          data-testid={`${testId}-rows`}
        />
      )}
      <Space className="roster-import-actions">
        <Guarded reason={text.blocked}>
          <Button type="primary" size="small" disabled={text.blocked !== null} loading={pending} onClick={onImport} data-testid={`${testId}-confirm`}>
            {text.confirm}
          </Button>
        </Guarded>
        <Button size="small" onClick={onDiscard} data-testid={`${testId}-discard`}>
          {text.discard}
        </Button>
      </Space>
      {text.blocked && errors.length > 0 && (
        <Typography.Paragraph type="danger" className="roster-import-blocked">
          {text.blocked}
        </Typography.Paragraph>
      )}
    </div>
  )
}
