/**
 * 专人包干 for facilities: who answers for each 垃圾装车点 (compactor station, public toilet,
 * transfer station) and which have nobody, per kind, community and street — the facility side of
 * the coverage view. Rows are `facility_duties_read(p_day)` parsed to camelCase. A responsible
 * person or deputy who is no longer active counts as nobody (deactivating a cleaner ends their
 * duties from that day; this keeps an unsaved or stale read honest meanwhile).
 */
export interface FacilityDuty {
  facilityId: number
  name: string
  kind: string
  communityId: number | null
  streetId: number | null
  cleanerId: number | null
  deputyId: number | null
}

export interface FacilityDutyTotals {
  facilities: number
  /** with an active responsible person */
  covered: number
  /** with an active deputy as well */
  withDeputy: number
  uncovered: number
  /** covered / facilities × 100, 100 when there are none */
  percent: number
}

export interface FacilityDutyReport {
  totals: FacilityDutyTotals
  byKind: (FacilityDutyTotals & { kind: string })[]
  byCommunity: (FacilityDutyTotals & { id: number })[]
  byStreet: (FacilityDutyTotals & { id: number })[]
  /** facilities with nobody, by id */
  uncoveredFacilityIds: number[]
}

export function facilityDutyCoverage(duties: readonly FacilityDuty[], activeCleanerIds: ReadonlySet<number>): FacilityDutyReport {
  const total = counter()
  const byKind = new Map<string, Counter>()
  const byCommunity = new Map<number, Counter>()
  const byStreet = new Map<number, Counter>()
  const uncoveredFacilityIds: number[] = []
  for (const duty of duties) {
    const covered = duty.cleanerId !== null && activeCleanerIds.has(duty.cleanerId)
    const withDeputy = covered && duty.deputyId !== null && activeCleanerIds.has(duty.deputyId)
    const counters = [total, entry(byKind, duty.kind)]
    if (duty.communityId !== null) counters.push(entry(byCommunity, duty.communityId))
    if (duty.streetId !== null) counters.push(entry(byStreet, duty.streetId))
    for (const one of counters) {
      one.facilities++
      if (covered) one.covered++
      if (withDeputy) one.withDeputy++
    }
    if (!covered) uncoveredFacilityIds.push(duty.facilityId)
  }
  return {
    totals: totalsOf(total),
    byKind: [...byKind].sort((a, b) => a[0].localeCompare(b[0])).map(([kind, one]) => ({ kind, ...totalsOf(one) })),
    byCommunity: [...byCommunity].sort((a, b) => a[0] - b[0]).map(([id, one]) => ({ id, ...totalsOf(one) })),
    byStreet: [...byStreet].sort((a, b) => a[0] - b[0]).map(([id, one]) => ({ id, ...totalsOf(one) })),
    uncoveredFacilityIds: uncoveredFacilityIds.sort((a, b) => a - b),
  }
}

interface Counter {
  facilities: number
  covered: number
  withDeputy: number
}

function counter(): Counter {
  return { facilities: 0, covered: 0, withDeputy: 0 }
}

function entry<K>(map: Map<K, Counter>, key: K): Counter {
  let found = map.get(key)
  if (!found) map.set(key, (found = counter()))
  return found
}

function totalsOf(one: Counter): FacilityDutyTotals {
  return {
    facilities: one.facilities,
    covered: one.covered,
    withDeputy: one.withDeputy,
    uncovered: one.facilities - one.covered,
    percent: one.facilities > 0 ? (one.covered / one.facilities) * 100 : 100,
  }
}
