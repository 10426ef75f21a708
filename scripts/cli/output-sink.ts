/**
 * Where a command's result goes, written a slice at a time (never one giant string):
 * - a file: written as `<name>.partial` and renamed to its name only once complete, so a run
 *   that stops part-way never leaves something that looks like a finished result (the partial
 *   file is kept and named in the report); a device or pipe (/dev/null) is written directly;
 * - standard output, waiting for the reader when it falls behind.
 */
import { once } from 'node:events'
import { statSync, type Stats } from 'node:fs'
import { open, rename, rm, type FileHandle } from 'node:fs/promises'
import { resolve } from 'node:path'

export interface OutputSink {
  /** what to call it in messages */
  readonly label: string
  write(text: string): Promise<void>
  /** the output is complete */
  finish(): Promise<void>
  /** the run stopped: keep what was written (returns where) or remove it */
  abandon(keep: boolean): Promise<string | null>
}

export async function fileSink(path: string): Promise<OutputSink> {
  const target = resolve(path)
  let existing: Stats | null
  try {
    existing = statSync(target)
  } catch {
    existing = null
  }
  const direct = existing !== null && !existing.isFile()
  const writing = direct ? target : `${target}.partial`
  const handle: FileHandle = await open(writing, 'w')
  let closed = false
  const close = async () => {
    if (closed) return
    closed = true
    await handle.close()
  }
  return {
    label: path,
    async write(text) {
      await handle.write(text)
    },
    async finish() {
      await close()
      if (!direct) await rename(writing, target)
    },
    async abandon(keep) {
      await close().catch(() => {})
      if (direct) return keep ? target : null
      if (keep) return writing
      await rm(writing, { force: true })
      return null
    },
  }
}

export function stdoutSink(): OutputSink {
  return {
    label: '标准输出',
    async write(text) {
      if (!process.stdout.write(text)) await once(process.stdout, 'drain')
    },
    async finish() {},
    async abandon(keep) {
      return keep ? '标准输出' : null
    },
  }
}
