/**
 * The exit codes both command-line tools (`npm run assign`, `npm run import:cases`) use, and
 * the one way a failure reaches the user: a Chinese message, never a stack trace (set
 * URBANGRID_DEBUG=1 to see one). Documented in docs/assign.md and docs/import.md.
 */
export const EXIT = {
  /** ran to the end; bad rows were reported, not fatal */
  ok: 0,
  /** the command line is wrong (missing or bad option, an output path that cannot be written); nothing was read */
  usage: 1,
  /** nothing was written: an input (or the database) cannot be used */
  unusable: 2,
  /** stopped part-way: some output was written (or some rows committed); the report says what was and was not */
  partial: 3,
} as const

export type ExitCode = (typeof EXIT)[keyof typeof EXIT]

/** A failure with its message for the user and its exit code. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message)
    this.name = 'CliFailure'
  }
}

/**
 * A failure nobody anticipated (a bug, or the system refusing something): one Chinese line with
 * the error's own message; the stack only when asked for.
 */
export function unexpectedFailureText(error: unknown): string {
  const record = (error && typeof error === 'object' ? error : {}) as { message?: unknown; code?: unknown; stack?: unknown }
  const message = typeof record.message === 'string' ? record.message : String(error)
  const code = typeof record.code === 'string' ? `（${record.code}）` : ''
  const stack = process.env.URBANGRID_DEBUG && typeof record.stack === 'string' ? `\n${record.stack}` : ''
  return `意外错误：${message}${code}。这可能是程序缺陷，请连同命令和输入文件报告；设置环境变量 URBANGRID_DEBUG=1 可显示调用栈。${stack}`
}
