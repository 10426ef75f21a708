/**
 * Checks an output path (--out, --errors) before any work starts, so a typo in a directory name
 * costs a second rather than a night's run — or, for the import's error report, the report
 * itself after the rows were committed. Returns the problem in Chinese, or null.
 */
import { closeSync, openSync, statSync, unlinkSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

export function outputPathProblem(path: string, option: string): string | null {
  if (path.trim() === '') return `${option} 不能为空`
  if (/[/\\]$/.test(path)) return `${option}“${path}”是目录，请给出文件名，例如 ${join(path, option === '--errors' ? '错误报告.csv' : '结果.csv')}`
  const target = resolve(path)
  const existing = statOrNull(target)
  if (existing?.isDirectory()) return `${option}“${path}”是一个目录，请给出文件名，例如 ${join(path, option === '--errors' ? '错误报告.csv' : '结果.csv')}`
  const directory = dirname(target)
  const parent = statOrNull(directory)
  if (!parent) return `${option}“${path}”所在的目录“${directory}”不存在，请先创建它或换一个位置`
  if (!parent.isDirectory()) return `${option}“${path}”的上级“${directory}”不是目录`
  if (existing && !existing.isFile()) return null // a device or a pipe (/dev/null, /dev/stdout): written as it is
  // Whether a file can be created there is known only by trying: permissions, a read-only
  // disk, a full quota or a pseudo file system all say no in their own way.
  const probe = join(directory, `.urbangrid-write-check-${process.pid}`)
  try {
    closeSync(openSync(probe, 'wx'))
    unlinkSync(probe)
  } catch (error) {
    return `${option}：无法在目录“${directory}”中写入文件（${writeErrorText(error)}）`
  }
  if (existing) {
    try {
      closeSync(openSync(target, 'r+'))
    } catch (error) {
      return `${option}：文件“${path}”已存在且不能改写（${writeErrorText(error)}）`
    }
  }
  return null
}

function statOrNull(path: string) {
  try {
    return statSync(path)
  } catch {
    return null
  }
}

export function writeErrorText(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return '没有写入权限'
    case 'EROFS':
      return '只读文件系统'
    case 'ENOSPC':
      return '磁盘空间已满'
    case 'EDQUOT':
      return '超出磁盘配额'
    case 'ENOENT':
      return '目录不存在或不能在其中建立文件'
    default:
      return code ?? (error instanceof Error ? error.message : String(error))
  }
}
