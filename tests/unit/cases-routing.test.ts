import { describe, expect, test } from 'vitest'
import { caseDeadline, routeDepartment, timeLimitFor, workRulesFromReference } from '../../src/domain/cases/index.ts'
import { DEMO_RULES, local, localText } from './cases-support.ts'

describe('routing a case to a department', () => {
  test('a rule for the full code beats the 大类 rule; no rule → 属地兜底', () => {
    expect(routeDepartment('06001', DEMO_RULES.routes, DEMO_RULES.departments)).toBe(1) // 私搭乱建 → 执法局
    expect(routeDepartment('06010', DEMO_RULES.routes, DEMO_RULES.departments)).toBe(2) // 06 → 环卫处
    expect(routeDepartment('09020', DEMO_RULES.routes, DEMO_RULES.departments)).toBe(6) // 农贸市场 → 市场监管
    expect(routeDepartment('09006', DEMO_RULES.routes, DEMO_RULES.departments)).toBe(1)
    expect(routeDepartment('11001', DEMO_RULES.routes, DEMO_RULES.departments)).toBe(8)
    expect(routeDepartment('11001', DEMO_RULES.routes, [{ id: 3, isDefault: false }])).toBeNull()
  })
})

describe('choosing the time limit', () => {
  const limit = (code: string, level: number) => {
    const rule = timeLimitFor(code, level, DEMO_RULES.timeLimits)
    return rule && [rule.amount, rule.unit]
  }

  test('full code before 大类, a level-specific rule before the general one', () => {
    expect(limit('06010', 1)).toEqual([4, 'work_hours'])
    expect(limit('06010', 2)).toEqual([1, 'work_days'])
    expect(limit('06012', 1)).toEqual([2, 'work_hours'])
    expect(limit('06012', 3)).toEqual([5, 'work_hours'])
    expect(limit('06042', 1)).toEqual([2, 'work_hours'])
    expect(limit('06099', 1)).toEqual([1, 'work_days'])
    expect(limit('09001', 1)).toEqual([2, 'work_hours'])
    expect(limit('09001', 3)).toEqual([4, 'work_hours'])
    expect(limit('10002', 2)).toEqual([24, 'natural_hours'])
    expect(limit('11001', 2)).toBeNull()
  })

  test('between equally specific rules the lowest id wins', () => {
    const rules = [
      { id: 7, categoryPattern: '06', managementLevel: null, amount: 2, unit: 'work_days' as const },
      { id: 3, categoryPattern: '06', managementLevel: null, amount: 5, unit: 'work_days' as const },
    ]
    expect(timeLimitFor('06010', 1, rules)?.id).toBe(3)
  })
})

describe('a case deadline as the trigger sets it', () => {
  test('the clock runs from dispatch, else registration, else the report', () => {
    const reported = { categoryCode: '06010', managementLevel: 1, reportedAt: local('2026-03-13 16:30') }
    expect(localText(caseDeadline(reported, DEMO_RULES).deadlineAt!)).toBe('2026-03-16 11:30')
    const registered = { ...reported, registeredAt: local('2026-03-16 09:00') }
    // 09:00–12:00 is 3 h, the fourth after lunch
    expect(localText(caseDeadline(registered, DEMO_RULES).deadlineAt!)).toBe('2026-03-16 14:30')
    const dispatched = { ...registered, dispatchedAt: local('2026-03-16 10:00') }
    const placement = caseDeadline(dispatched, DEMO_RULES)
    expect(localText(placement.deadlineAt!)).toBe('2026-03-16 15:30')
    expect(placement.departmentId).toBe(2)
    expect(placement.timeLimit?.unit).toBe('work_hours')
  })

  test('a case outside every grid counts as an ordinary (level 2) grid', () => {
    const outside = caseDeadline({ categoryCode: '06010', managementLevel: null, reportedAt: local('2026-03-16 10:00') }, DEMO_RULES)
    expect(localText(outside.deadlineAt!)).toBe('2026-03-17 17:30')
  })

  test('no time limit, no deadline', () => {
    expect(caseDeadline({ categoryCode: '11001', managementLevel: 2, reportedAt: local('2026-03-16 10:00') }, DEMO_RULES).deadlineAt).toBeNull()
  })
})

describe('reading the rules from assignment_reference()', () => {
  test('takes the jsonb shape the database returns, with defaults for missing settings', () => {
    const rules = workRulesFromReference({
      departments: [{ id: 8, code: 'JD', name: '属地街道办事处', is_default: true }],
      routes: [{ category_pattern: '06', department_id: 2 }],
      time_limits: [{ id: 1, category_pattern: '06', management_level: null, amount: '1.5', unit: 'work_hours' }],
      calendar: [{ day: '2026-10-10', is_workday: true }],
      settings: { work_hours: [['09:00', '12:00']], timezone_offset_hours: 8 },
      grids: [],
    })
    expect(rules.timeLimits[0].amount).toBe(1.5)
    expect(rules.calendar.get('2026-10-10')).toBe(true)
    expect(rules.workHours).toEqual([['09:00', '12:00']])
    expect(routeDepartment('09001', rules.routes, rules.departments)).toBe(8)
    expect(() => workRulesFromReference({ departments: [], routes: [], time_limits: [{ id: 1 }], calendar: [] })).toThrow()
  })
})
