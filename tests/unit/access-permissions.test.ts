import { describe, expect, test } from 'vitest'
import { SCHEMA_SQL } from './fixtures/schema-sql.ts'
import { ACCESS_ROLES, OPERATIONS, OPERATION_ROLES, mayPerform, operationAvailability, type AccessRole, type Operation } from '../../src/domain/access/permissions.ts'

const schema = SCHEMA_SQL

/** The roles a write function lets through: its `private.has_role(array[...])` guard. */
function rolesCheckedBy(functionName: string): string[] {
  const start = schema.lastIndexOf(`create or replace function public.${functionName}(`)
  expect(start, `public.${functionName} not found in the migrations`).toBeGreaterThanOrEqual(0)
  const end = schema.indexOf('$$;', schema.indexOf('$$', start) + 2)
  const guard = schema.slice(start, end).match(/private\.has_role\(array\[([^\]]*)\]\)/)
  expect(guard, `public.${functionName} has no has_role guard`).not.toBeNull()
  return [...guard![1].matchAll(/'(\w+)'/g)].map((match) => match[1]).sort()
}

/** The roles private.assert_roster_writer() lets write the roster (every roster write calls it first). */
function rosterWriterRoles(): string[] {
  const start = schema.lastIndexOf('create or replace function private.assert_roster_writer(')
  expect(start, 'private.assert_roster_writer not found').toBeGreaterThanOrEqual(0)
  const body = schema.slice(start, schema.indexOf('$$;', schema.indexOf('$$', start) + 2))
  const apply = schema.slice(schema.lastIndexOf('create or replace function private.apply_roster_change('))
  expect(apply.slice(0, apply.indexOf('$$;', apply.indexOf('$$') + 2))).toContain('private.assert_roster_writer(')
  return [...new Set([...body.matchAll(/private\.has_role\(array\[([^\]]*)\]\)/g)].flatMap((guard) => [...guard[1].matchAll(/'(\w+)'/g)].map((match) => match[1])))].sort()
}

/** Every role that appears in private.case_transitions()' rows. */
function workflowRoles(): string[] {
  const start = schema.lastIndexOf('create or replace function private.case_transitions(')
  const body = schema.slice(start, schema.indexOf('$$;', schema.indexOf('$$', start) + 2))
  const roles = new Set<string>()
  for (const row of body.matchAll(/array\[([^\]]*)\]\)\s*[,)]/g)) {
    for (const match of row[1].matchAll(/'(\w+)'/g)) roles.add(match[1])
  }
  return [...roles].sort()
}

describe('who may write what', () => {
  test('the roles are those the database enforces', () => {
    expect([...OPERATION_ROLES.importCases].sort()).toEqual(rolesCheckedBy('intake_incidents'))
    expect([...OPERATION_ROLES.editGrids].sort()).toEqual(rolesCheckedBy('edit_grids'))
    expect([...OPERATION_ROLES.takeCaseSteps].sort()).toEqual(workflowRoles())
    expect([...OPERATION_ROLES.editRoster].sort()).toEqual(rosterWriterRoles())
    // The parse found something: a guard that lost its roles must not pass as "nobody".
    expect(workflowRoles()).toEqual(['admin', 'dispatcher', 'staff'])
  })

  test('issue 12: a viewer may not import, a dispatcher may; planners edit grids, dispatchers do not', () => {
    expect(mayPerform('importCases', 'viewer')).toBe(false)
    expect(mayPerform('importCases', 'dispatcher')).toBe(true)
    expect(mayPerform('importCases', 'admin')).toBe(true)
    expect(mayPerform('editGrids', 'planner')).toBe(true)
    expect(mayPerform('editGrids', 'dispatcher')).toBe(false)
    expect(mayPerform('takeCaseSteps', 'staff')).toBe(true)
    expect(mayPerform('takeCaseSteps', 'manager')).toBe(false)
  })

  test('a refusal says why: the role that asked and the roles that may, administrators named last', () => {
    expect(operationAvailability('importCases', 'viewer')).toEqual({
      available: false,
      reason: 'role-not-permitted',
      role: 'viewer',
      roles: ['dispatcher', 'admin'],
    })
    expect(operationAvailability('takeCaseSteps', 'planner')).toMatchObject({ roles: ['dispatcher', 'staff', 'admin'] })
    expect(operationAvailability('editGrids', null)).toMatchObject({ available: false, reason: 'signed-out', role: null })
  })

  test('administrators may do everything; viewers and managers nothing', () => {
    for (const operation of OPERATIONS) {
      expect(mayPerform(operation, 'admin')).toBe(true)
      expect(mayPerform(operation, 'viewer')).toBe(false)
      expect(mayPerform(operation, 'manager')).toBe(false)
      expect(mayPerform(operation, null)).toBe(false)
    }
    // Every role is either allowed or refused with a reason, never both.
    for (const operation of OPERATIONS as readonly Operation[]) {
      for (const role of ACCESS_ROLES as readonly AccessRole[]) {
        const availability = operationAvailability(operation, role)
        expect(availability.available).toBe(OPERATION_ROLES[operation].includes(role))
      }
    }
  })
})
