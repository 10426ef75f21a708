/**
 * transitionAvailability: every step says whether it is available and, if not, why, in the
 * order the database checks (role, state, missing fields) and with the database's words.
 */
import { describe, expect, test } from 'vitest'
import { SCHEMA_SQL } from './fixtures/schema-sql.ts'
import {
  CASE_ACTIONS,
  CASE_SOURCES,
  CASE_STATUSES,
  WORKFLOW_ROLES,
  allowedActions,
  transitionAvailability,
  workflowSteps,
} from '../../src/domain/cases/index.ts'

const schema = SCHEMA_SQL

describe('transitionAvailability', () => {
  test('available exactly when the workflow table lets the role take the step', () => {
    for (const status of CASE_STATUSES) {
      for (const source of CASE_SOURCES) {
        for (const role of [...WORKFLOW_ROLES, null]) {
          const allowed = allowedActions(status, source, role)
          for (const action of CASE_ACTIONS) {
            expect(transitionAvailability(action, status, source, role).available, `${action} ${status} ${source} ${role}`).toBe(allowed.includes(action))
          }
        }
      }
    }
  })

  test('a role that may not take the step hears which roles may', () => {
    expect(transitionAvailability('handle', 'dispatched', 'patrol', 'dispatcher')).toEqual({
      available: false,
      code: '42501',
      why: 'role',
      roles: ['staff', 'admin'],
      reason: '当前用户（角色：受理派遣员）无权执行「处置完成」，需要作业人员或系统管理员角色',
    })
    expect(transitionAvailability('accept', 'reported', 'patrol', null)).toMatchObject({ why: 'role', roles: ['dispatcher', 'admin'] })
    // the role is checked first, as the database does: a viewer never hears about the state
    expect(transitionAvailability('close', 'reported', 'patrol', 'viewer')).toMatchObject({ why: 'role' })
  })

  test('a step from another stage names the state and what can be done instead', () => {
    expect(transitionAvailability('dispatch', 'handled', 'video', 'dispatcher')).toMatchObject({
      available: false,
      code: 'UG203',
      why: 'status',
      allowed: ['check'],
    })
    expect(transitionAvailability('handle', 'closed', 'patrol', 'staff')).toMatchObject({ why: 'status', allowed: [] })
    expect(transitionAvailability('register', 'accepted', 'media', 'admin')).toMatchObject({ code: 'UG205', why: 'verify-first' })
  })

  test('with what the form holds, a missing field is named as the database would name it', () => {
    const missing = (action: (typeof CASE_ACTIONS)[number], status: (typeof CASE_STATUSES)[number], payload: object) =>
      transitionAvailability(action, status, 'patrol', 'admin', payload)
    expect(missing('reject', 'reported', { note: '  ' })).toMatchObject({ code: 'UG209', why: 'missing', field: 'note', reason: '不予立案须选择原因或填写说明' })
    expect(missing('reject', 'reported', { note: '重复上报' })).toEqual({ available: true, to: 'rejected' })
    expect(missing('check', 'handled', { passed: false, note: '' })).toMatchObject({ field: 'note', reason: '核查不通过须选择返工原因或填写说明' })
    expect(missing('check', 'handled', { passed: true, note: '' })).toEqual({ available: true, to: 'checked' })
    expect(missing('close', 'checked', { closureType: 'special' })).toMatchObject({ field: 'note', reason: '差错结案或特殊结案须选择原因或填写说明' })
    expect(missing('close', 'checked', { closureType: null })).toEqual({ available: true, to: 'closed' })
    expect(missing('redispatch', 'dispatched', { departmentId: null, note: 'x' })).toMatchObject({ code: 'UG206', field: 'departmentId', reason: '改派须指定新的承办部门' })
    expect(missing('redispatch', 'dispatched', { departmentId: 3, note: '属地处理' })).toEqual({ available: true, to: 'dispatched' })
    expect(missing('dispatch', 'registered', { departmentId: null })).toEqual({ available: true, to: 'dispatched' })
    // state before fields, as the database checks
    expect(missing('reject', 'closed', { note: '' })).toMatchObject({ why: 'status' })
  })

  test('a standard reason stands for the note, except a heading like 其他原因, which needs one', () => {
    const duplicate = { code: 'duplicate', label: '重复上报', needsNote: false }
    const other = { code: 'other', label: '其他原因', needsNote: true }
    const take = (action: (typeof CASE_ACTIONS)[number], status: (typeof CASE_STATUSES)[number], payload: object) =>
      transitionAvailability(action, status, 'patrol', 'dispatcher', payload)
    expect(take('reject', 'reported', { note: '', reason: duplicate })).toEqual({ available: true, to: 'rejected' })
    expect(take('reject', 'reported', { note: '', reason: other })).toMatchObject({ code: 'UG255', field: 'note', reason: '原因「其他原因」须填写说明' })
    expect(take('reject', 'reported', { note: '市民撤回', reason: other })).toEqual({ available: true, to: 'rejected' })
    expect(take('check', 'handled', { passed: false, reason: duplicate })).toEqual({ available: true, to: 'checked' })
    // 改派 needs a reason now, after its department
    expect(take('redispatch', 'dispatched', { departmentId: 3 })).toMatchObject({ code: 'UG209', reason: '改派须选择改派原因或填写说明' })
    expect(take('redispatch', 'dispatched', { departmentId: 3, reason: duplicate })).toEqual({ available: true, to: 'dispatched' })
    // steps without a reason list never ask for one
    expect(take('check', 'handled', { passed: true })).toEqual({ available: true, to: 'checked' })
    expect(take('close', 'checked', { closureType: null })).toEqual({ available: true, to: 'closed' })
  })

  test('the missing-field reasons are the messages the workflow migration raises', () => {
    const reasons = [
      transitionAvailability('reject', 'reported', 'patrol', 'admin', {}),
      transitionAvailability('check', 'handled', 'patrol', 'admin', { passed: false }),
      transitionAvailability('close', 'checked', 'patrol', 'admin', { closureType: 'error' }),
      transitionAvailability('redispatch', 'dispatched', 'patrol', 'admin', {}),
    ]
    for (const availability of reasons) {
      expect(availability.available).toBe(false)
      if (!availability.available) expect(schema).toContain(`'${availability.reason.startsWith('改派') ? 'department_id' : 'note'}: ${availability.reason}'`)
    }
  })
})

describe('workflowSteps', () => {
  test("a stage's steps are what some role may take from it, for the case's source", () => {
    expect(workflowSteps('accepted', 'hotline_12319')).toEqual(['verify', 'reject'])
    expect(workflowSteps('accepted', 'patrol')).toEqual(['register', 'reject'])
    expect(workflowSteps('dispatched', 'video')).toEqual(['redispatch', 'handle'])
    expect(workflowSteps('closed', 'patrol')).toEqual([])
    for (const status of CASE_STATUSES) {
      for (const source of CASE_SOURCES) {
        const union = new Set(WORKFLOW_ROLES.flatMap((role) => allowedActions(status, source, role)))
        expect(workflowSteps(status, source)).toEqual(CASE_ACTIONS.filter((action) => union.has(action)))
      }
    }
  })
})
