import { describe, expect, test } from 'vitest'
import { INCIDENT_SOURCES, INCIDENT_STATUSES, APP_ROLES } from '../../src/data/schemas.ts'
import {
  CASE_SOURCES,
  CASE_STATUSES,
  WORKFLOW_ROLES,
  allowedActions,
  isOverdue,
  transitionAvailability,
  transitionFor,
} from '../../src/domain/cases/index.ts'
import { local } from './cases-support.ts'

describe('the workflow table', () => {
  test('knows the same statuses, sources and roles as the data layer', () => {
    expect([...CASE_STATUSES]).toEqual([...INCIDENT_STATUSES])
    expect([...CASE_SOURCES]).toEqual([...INCIDENT_SOURCES])
    expect([...WORKFLOW_ROLES]).toEqual([...APP_ROLES])
  })

  test('public cases are verified before registration, patrol cases are registered directly', () => {
    expect(allowedActions('accepted', 'hotline_12319', 'dispatcher')).toEqual(['verify', 'reject'])
    expect(allowedActions('accepted', 'media', 'dispatcher')).toEqual(['verify', 'reject'])
    expect(allowedActions('accepted', 'patrol', 'dispatcher')).toEqual(['register', 'reject'])
    expect(allowedActions('verified', 'public_report', 'dispatcher')).toEqual(['register', 'reject'])
    expect(transitionFor('verify', 'accepted', 'video')).toBeNull()
  })

  test('the dispatch desk runs the case, staff report 处置, admin may do all, the rest only read', () => {
    expect(allowedActions('reported', 'patrol', 'dispatcher')).toEqual(['accept', 'reject'])
    expect(allowedActions('dispatched', 'patrol', 'dispatcher')).toEqual(['redispatch'])
    expect(allowedActions('dispatched', 'patrol', 'staff')).toEqual(['handle'])
    expect(allowedActions('dispatched', 'patrol', 'admin')).toEqual(['redispatch', 'handle'])
    expect(allowedActions('handled', 'patrol', 'dispatcher')).toEqual(['check'])
    expect(allowedActions('checked', 'patrol', 'dispatcher')).toEqual(['close'])
    for (const role of ['viewer', 'planner', 'manager'] as const) {
      for (const status of CASE_STATUSES) expect(allowedActions(status, 'hotline_12319', role)).toEqual([])
    }
    expect(allowedActions('closed', 'patrol', 'admin')).toEqual([])
    expect(allowedActions('rejected', 'patrol', 'admin')).toEqual([])
    expect(allowedActions('reported', 'patrol', null)).toEqual([])
  })

  test('a disabled action says why, with the code the database would raise', () => {
    expect(transitionAvailability('accept', 'reported', 'patrol', 'dispatcher')).toEqual({ available: true, to: 'accepted' })
    const role = transitionAvailability('accept', 'reported', 'patrol', 'viewer')
    expect(role).toMatchObject({ available: false, code: '42501' })
    expect(!role.available && role.reason).toBe('当前用户（角色：访客）无权执行「受理」，需要受理派遣员或系统管理员角色')
    expect(transitionAvailability('register', 'accepted', 'hotline_12319', 'dispatcher')).toMatchObject({ available: false, code: 'UG205' })
    const state = transitionAvailability('close', 'reported', 'patrol', 'dispatcher')
    expect(!state.available && state.reason).toBe('案件当前状态为「已上报（待受理）」，不能执行「结案」；当前可执行：受理、不予立案')
  })
})

describe('overdue', () => {
  const deadlineAt = local('2026-03-16 11:30')
  test('open past the deadline, or handled/closed after it; never when rejected', () => {
    expect(isOverdue({ status: 'dispatched', deadlineAt }, local('2026-03-16 11:31'))).toBe(true)
    expect(isOverdue({ status: 'dispatched', deadlineAt }, local('2026-03-16 11:30'))).toBe(false)
    expect(isOverdue({ status: 'closed', deadlineAt, handledAt: local('2026-03-16 11:00'), closedAt: local('2026-03-18 09:00') }, local('2026-11-01 00:00'))).toBe(false)
    expect(isOverdue({ status: 'closed', deadlineAt, handledAt: null, closedAt: local('2026-03-18 09:00') }, local('2026-11-01 00:00'))).toBe(true)
    expect(isOverdue({ status: 'rejected', deadlineAt }, local('2026-11-01 00:00'))).toBe(false)
    expect(isOverdue({ status: 'reported', deadlineAt: null }, local('2026-11-01 00:00'))).toBe(false)
  })
})
