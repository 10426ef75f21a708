/**
 * One map of case words per language (src/i18n: caseStatus, caseAction), complete for every
 * code the database and the workflow table know: a status or action added in SQL without
 * its words fails here, not in front of a dispatcher.
 */
import { describe, expect, test } from 'vitest'
import { SCHEMA_SQL } from './fixtures/schema-sql.ts'
import { CASE_ACTIONS, CASE_STATUSES } from '../../src/domain/cases/index.ts'
import { en } from '../../src/i18n/en.ts'
import { zhCN } from '../../src/i18n/zh-CN.ts'
import i18n, { setLanguage } from '../../src/i18n/index.ts'
import { caseActionLabel, caseStatusLabel } from '../../src/i18n/case-labels.ts'

const schema = SCHEMA_SQL

/** The statuses incidents.status accepts (its check constraint). */
function sqlStatuses(): string[] {
  const check = schema.match(/status text not null default 'reported'\s*check \(status in \(([^)]*)\)\)/)
  expect(check, 'incidents.status check not found').not.toBeNull()
  return [...check![1].matchAll(/'(\w+)'/g)].map((match) => match[1])
}

/** The actions and statuses in the last definition of private.case_transitions(). */
function sqlTransitions(): { actions: string[]; statuses: string[] } {
  const start = schema.lastIndexOf('create or replace function private.case_transitions(')
  const body = schema.slice(start, schema.indexOf('$$;', schema.indexOf('$$', start) + 2))
  const rows = [...body.matchAll(/\('(\w+)', '(\w+)', '(\w+)'/g)]
  expect(rows.length).toBeGreaterThan(5)
  return { actions: rows.map((row) => row[1]), statuses: rows.flatMap((row) => [row[2], row[3]]) }
}

const LANGUAGES = { 'zh-CN': zhCN, en } as const

describe('case labels', () => {
  test('the SQL schema and the TypeScript workflow table know the same statuses', () => {
    expect(sqlStatuses()).toEqual([...CASE_STATUSES])
    for (const status of sqlTransitions().statuses) expect(CASE_STATUSES).toContain(status)
    for (const action of sqlTransitions().actions) expect(CASE_ACTIONS).toContain(action)
  })

  for (const [language, messages] of Object.entries(LANGUAGES)) {
    test(`every status and action has exactly one label in ${language}`, () => {
      expect(Object.keys(messages.caseStatus).sort()).toEqual([...CASE_STATUSES].sort())
      expect(Object.keys(messages.caseAction).sort()).toEqual([...CASE_ACTIONS, 'report'].sort())
      for (const label of [...Object.values(messages.caseStatus), ...Object.values(messages.caseAction)]) expect(label.trim()).not.toBe('')
      // Two statuses with one name could not be told apart in a filter.
      expect(new Set(Object.values(messages.caseStatus)).size).toBe(CASE_STATUSES.length)
    })
  }

  test('the UI reads them by code in the current language; an unknown code shows as itself', async () => {
    await setLanguage('zh-CN')
    expect(caseStatusLabel('reported')).toBe('待受理')
    expect(caseStatusLabel('dispatched')).toBe('处置中')
    expect(caseActionLabel('handle')).toBe('处置完成')
    expect(caseStatusLabel('archived')).toBe('archived')
    await setLanguage('en')
    expect(caseStatusLabel('handled')).toBe('To check')
    expect(caseActionLabel('redispatch')).toBe('Redispatch')
    await setLanguage('zh-CN')
    expect(i18n.language).toBe('zh-CN')
  })
})
