/** Checks a command makes of an input file before it reads anything. */
import { statSync } from 'node:fs'
import { CliFailure, EXIT } from './exit-codes.ts'
import { writeErrorText } from './output-path.ts'

/** A FIFO, a socket or a device (e.g. /dev/stdin): read as a stream, never stat-sized. */
export function isSpecialFile(path: string): boolean {
  try {
    const stats = statSync(path)
    return !stats.isFile() && !stats.isDirectory()
  } catch {
    return false
  }
}

/** An input that cannot be opened at all: said before anything else happens. */
export function checkInputFile(path: string, what: string): void {
  let stats
  try {
    stats = statSync(path)
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : writeErrorText(error)
    throw new CliFailure(`错误：无法读取${what}“${path}”：${reason}`, EXIT.unusable)
  }
  if (stats.isDirectory()) throw new CliFailure(`错误：${what}“${path}”是一个目录，不是文件`, EXIT.unusable)
}
