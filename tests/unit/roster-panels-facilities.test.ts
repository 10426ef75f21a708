import { describe, expect, it } from 'vitest'
import type { FacilityDuty } from '../../src/data/roster-reads.ts'
import type { Table } from '../../src/domain/tabular/index.ts'
import { dutiesOfTeam, dutyPairProblem, dutyRowsFromTable, dutySetRow, dutySummary, filterDuties, inTeamArea } from '../../src/features/roster/facilities-duties.ts'

function duty(facilityId: number, patch: Partial<FacilityDuty> = {}): FacilityDuty {
  return {
    facilityId,
    name: `装车点${facilityId}`,
    kind: 'collection_point',
    communityId: 10,
    streetId: 1,
    cleanerId: null,
    cleanerName: null,
    deputyId: null,
    deputyName: null,
    dutyId: null,
    version: null,
    ...patch,
  }
}

function table(columns: string[], rows: string[][]): Table {
  return { columns, rows: rows.map((cells) => Object.fromEntries(columns.map((column, index) => [column, cells[index] ?? '']))), format: 'xlsx' }
}

describe('the team’s area', () => {
  const team = { areaCommunityIds: [10, 11], areaStreetIds: [2] }
  it('takes a listed community, or anything of a listed street; no team takes everything', () => {
    expect(inTeamArea(team, { communityId: 10, streetId: 1 })).toBe(true)
    expect(inTeamArea(team, { communityId: 20, streetId: 2 })).toBe(true)
    expect(inTeamArea(team, { communityId: null, streetId: 2 })).toBe(true)
    expect(inTeamArea(team, { communityId: 12, streetId: 1 })).toBe(false)
    expect(inTeamArea(team, { communityId: null, streetId: null })).toBe(false)
    expect(inTeamArea(null, { communityId: null, streetId: null })).toBe(true)
    const duties = [duty(1), duty(2, { communityId: 30, streetId: 3 }), duty(3, { communityId: 31, streetId: 2 })]
    expect(dutiesOfTeam(duties, team).map((row) => row.facilityId)).toEqual([1, 3])
  })
})

describe('who answers for the facilities', () => {
  const duties = [
    duty(1, { cleanerId: 5, deputyId: 6 }),
    duty(2, { cleanerId: 5 }),
    duty(3),
    duty(4, { kind: 'public_toilet' }),
    duty(5, { kind: 'transfer_station', cleanerId: 7 }),
  ]
  it('counts per kind (every kind present) and overall', () => {
    const summary = dutySummary(duties)
    expect(summary.byKind.collection_point).toEqual({ total: 3, withResponsible: 2, withDeputy: 1, nobody: 1 })
    expect(summary.byKind.public_toilet).toEqual({ total: 1, withResponsible: 0, withDeputy: 0, nobody: 1 })
    expect(summary.byKind.compactor_station).toEqual({ total: 0, withResponsible: 0, withDeputy: 0, nobody: 0 })
    expect(summary.total).toEqual({ total: 5, withResponsible: 3, withDeputy: 1, nobody: 2 })
  })
  it('filters by kind, nobody only and name', () => {
    expect(filterDuties(duties, { kind: null, nobodyOnly: true }).map((row) => row.facilityId)).toEqual([3, 4])
    expect(filterDuties(duties, { kind: 'collection_point', nobodyOnly: true }).map((row) => row.facilityId)).toEqual([3])
    expect(filterDuties(duties, { kind: null, nobodyOnly: false, text: '点5' }).map((row) => row.facilityId)).toEqual([5])
  })
  it('builds facility_duty_set rows on the version shown and checks the pair first', () => {
    expect(dutySetRow(duty(3, { version: 4 }), 5, null)).toEqual({ facility_id: 3, cleaner_id: 5, deputy_id: null, base_version: 4 })
    expect(dutySetRow(duty(3), null, null)).toEqual({ facility_id: 3, cleaner_id: null, deputy_id: null, base_version: null })
    expect(dutyPairProblem(5, 5)).toBe('sameAsResponsible')
    expect(dutyPairProblem(null, 5)).toBe('deputyWithoutResponsible')
    expect(dutyPairProblem(5, 6)).toBeNull()
    expect(dutyPairProblem(null, null)).toBeNull()
  })
})

describe('duties sheet → facility_duty_import rows', () => {
  it('maps the columns, leaves an empty deputy out and reports bad rows by row and field', () => {
    const known = new Set(['一号装车点', '二号装车点', '三号公厕'])
    const result = dutyRowsFromTable(
      table(['设施名称', '责任人工号', '副责任人工号'], [
        ['一号装车点', 'A001', 'A002'],
        ['二号装车点', 'A003', ''],
        ['一号装车点', 'A004', ''],
        ['不存在', 'A005', ''],
        ['三号公厕', '', ''],
        ['', 'A006', 'A006'],
      ]),
      known,
    )
    expect(result.rows).toEqual([
      { row: 2, facility: '一号装车点', employee_no: 'A001', deputy_employee_no: 'A002' },
      { row: 3, facility: '二号装车点', employee_no: 'A003' },
    ])
    expect(result.errors.map((error) => error.message)).toEqual([
      '第 4 行 设施名称：设施在文件中重复（与第 2 行相同）',
      '第 5 行 设施名称：未找到设施“不存在”',
      '第 6 行 责任人工号：为空',
      '第 7 行 设施名称：为空',
      '第 7 行 副责任人工号：副责任人不能与责任人相同',
    ])
  })
  it('refuses a sheet without its columns', () => {
    expect(dutyRowsFromTable(table(['名称'], [['x']]), null).errors.map((error) => error.message)).toEqual(['第 1 行 设施名称：文件中没有这一列', '第 1 行 责任人工号：文件中没有这一列'])
  })
})
