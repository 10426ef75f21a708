import { describe, expect, it } from 'vitest'
import { facilityDutyCoverage, type FacilityDuty } from '../../src/domain/roster/facility-duties.ts'

function duty(facilityId: number, kind: string, communityId: number | null, cleanerId: number | null, deputyId: number | null): FacilityDuty {
  return { facilityId, name: `设施${facilityId}`, kind, communityId, streetId: communityId === null ? null : 1, cleanerId, deputyId }
}

describe('facilityDutyCoverage (专人包干)', () => {
  it('counts facilities with an active responsible person and deputy, and lists those with nobody', () => {
    const report = facilityDutyCoverage(
      [
        duty(1, 'collection_point', 10, 1, 2),
        duty(2, 'collection_point', 10, 1, 9), // deputy inactive
        duty(3, 'collection_point', 11, 9, 1), // responsible inactive: nobody
        duty(4, 'public_toilet', 11, null, null),
        duty(5, 'public_toilet', null, 2, null),
      ],
      new Set([1, 2]),
    )
    expect(report.totals).toEqual({ facilities: 5, covered: 3, withDeputy: 1, uncovered: 2, percent: 60 })
    expect(report.byKind).toEqual([
      { kind: 'collection_point', facilities: 3, covered: 2, withDeputy: 1, uncovered: 1, percent: (2 / 3) * 100 },
      { kind: 'public_toilet', facilities: 2, covered: 1, withDeputy: 0, uncovered: 1, percent: 50 },
    ])
    expect(report.byCommunity.map((unit) => [unit.id, unit.covered, unit.facilities])).toEqual([[10, 2, 2], [11, 0, 2]])
    expect(report.byStreet).toEqual([{ id: 1, facilities: 4, covered: 2, withDeputy: 1, uncovered: 2, percent: 50 }])
    expect(report.uncoveredFacilityIds).toEqual([3, 4])
    expect(facilityDutyCoverage([], new Set()).totals.percent).toBe(100)
  })
})
