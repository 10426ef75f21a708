/**
 * Why an edit session refuses something. The codes are stable for callers and tests; the
 * messages are Chinese because they reach the user as they are (the session is used before
 * i18n formatting exists for it, and the SQL API's messages are Chinese too).
 */
export const EDIT_SESSION_ERRORS = {
  empty_label: '每次修改都需要一个名称（用于撤销/重做和提交原因）',
  missing_key: '要修改或删除的对象不存在',
  key_exists: '要新建的对象已存在',
  undefined_value: '新值不能为空（undefined）',
  committing: '正在提交修改，请稍候再编辑',
} as const

export type EditSessionErrorCode = keyof typeof EDIT_SESSION_ERRORS

export class EditSessionError extends Error {
  readonly code: EditSessionErrorCode
  /** the key the refused operation named, when there is one */
  readonly key?: unknown
  /** the position of the refused operation in its change, when there is one */
  readonly operationIndex?: number

  constructor(code: EditSessionErrorCode, detail: { key?: unknown; operationIndex?: number } = {}) {
    const where = [
      detail.operationIndex === undefined ? null : `第 ${detail.operationIndex + 1} 项操作`,
      'key' in detail ? `对象 ${String(detail.key)}` : null,
    ].filter((part) => part !== null)
    super(where.length > 0 ? `${EDIT_SESSION_ERRORS[code]}（${where.join('，')}）` : EDIT_SESSION_ERRORS[code])
    this.name = 'EditSessionError'
    this.code = code
    if ('key' in detail) this.key = detail.key
    if (detail.operationIndex !== undefined) this.operationIndex = detail.operationIndex
  }
}
