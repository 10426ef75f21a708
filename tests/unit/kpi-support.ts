/** One unit's month of 考核 figures, as kpi_monthly returns it, for the kpi tests. */
import type { KpiUnit } from '../../src/data/kpi-reads.ts'

/** 东湖街道: 130 due, 120 on time, 4 reworked, 39 of 130 registered from the public. */
export function unit(overrides: Partial<KpiUnit> = {}): KpiUnit {
  return {
    unit_code: '329001001',
    unit_name: '东湖街道',
    registered: 130,
    due: 130,
    closed: 125,
    closed_on_time: 120,
    reworked: 4,
    public_verified: 39,
    closure_rate: 125 / 130,
    on_time_rate: 120 / 130,
    rework_rate: 4 / 130,
    public_report_rate: 39 / 130,
    stage_late: 6,
    stage_late_rate: 6 / 130,
    cleaning_samples: 40,
    cleaning_passed: 37,
    cleaning_pass_rate: 37 / 40,
    score: 91.4,
    grade: 'A',
    rank: 1,
    previous_rank: 3,
    ...overrides,
  }
}
