import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  CATEGORIES_CSV,
  CATEGORIES_MIGRATION,
  parseDirectoryCsv,
  renderCategoriesMigration,
} from '../../scripts/categories-migration.ts'

describe('GB/T 47678.5 category directory', () => {
  const rows = parseDirectoryCsv(readFileSync(CATEGORIES_CSV, 'utf8'))

  it('has the 153 components and 250 matters of the standard, codes as text', () => {
    expect(rows.filter((row) => row.kind === 'component')).toHaveLength(153)
    expect(rows.filter((row) => row.kind === 'matter')).toHaveLength(250)
    expect(rows.find((row) => row.kind === 'matter' && row.code === '06010')?.name).toBe('暴露垃圾')
    expect(rows.every((row) => /^\d{5}$/.test(row.code) && row.code.startsWith(row.majorCode))).toBe(true)
  })

  it('is loaded by a migration that matches the CSV exactly (regenerate with scripts/categories-migration.ts)', () => {
    expect(readFileSync(CATEGORIES_MIGRATION, 'utf8')).toBe(renderCategoriesMigration(rows))
  })

  it('refuses a CSV whose shape changed', () => {
    expect(() => parseDirectoryCsv('kind,code\nmatter,06010\n')).toThrow(/unexpected header/)
    expect(() => parseDirectoryCsv('kind,code,major_code,major_name,name\nmatter,06010,06,"a,b",x\n')).toThrow(/row 2/)
  })
})
