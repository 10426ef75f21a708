/**
 * The GB/T 47678.5 matter directory (事项, kind = matter) — the only file the generator reads.
 */
import { readFileSync } from 'node:fs'

export interface Matter {
  code: string
  majorCode: string
  majorName: string
  name: string
}

export function readMatters(): Matter[] {
  const text = readFileSync(new URL('../../supabase/data/gbt47678.5-categories.csv', import.meta.url), 'utf8')
  const [header, ...rows] = text.split(/\r?\n/).filter((line) => line.trim() !== '')
  const columns = header.split(',')
  const at = (name: string) => {
    const index = columns.indexOf(name)
    if (index < 0) throw new Error(`category CSV has no ${name} column`)
    return index
  }
  const [kind, code, majorCode, majorName, name] = ['kind', 'code', 'major_code', 'major_name', 'name'].map(at)
  return rows
    .map((row) => row.split(','))
    .filter((cells) => cells[kind] === 'matter')
    .map((cells) => ({ code: cells[code], majorCode: cells[majorCode], majorName: cells[majorName], name: cells[name] }))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
}
