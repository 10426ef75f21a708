import { describe, expect, test } from 'vitest'
import { kpiGrade, kpiScore, type KpiRates, type KpiWeights } from '../../src/domain/kpi/kpi-score.ts'

const STANDARD: KpiWeights = { closure_rate: 30, on_time_rate: 40, rework_rate: 15, public_report_rate: 15, stage_late_rate: 0, cleaning_quality: 0 }
const EQUAL: KpiWeights = { closure_rate: 25, on_time_rate: 25, rework_rate: 25, public_report_rate: 25, stage_late_rate: 0, cleaning_quality: 0 }
const rates = (overrides: Partial<KpiRates>): KpiRates => ({
  closure_rate: 1,
  on_time_rate: 1,
  rework_rate: 0,
  public_report_rate: 0,
  stage_late_rate: 0,
  cleaning_quality: null,
  ...overrides,
})

describe('the composite score (综合指标值)', () => {
  test('grades at the documented boundaries: A ≥ 90, B ≥ 75, C ≥ 60, D ≥ 40, E below', () => {
    expect([100, 90, 89.99, 75, 74.99, 60, 59.99, 40, 39.99, 0].map(kpiGrade)).toEqual(['A', 'A', 'B', 'B', 'C', 'C', 'D', 'D', 'E', 'E'])
    expect(kpiGrade(null)).toBeNull()
  })

  test('scores 100 × rate where higher is better and 100 × (1 − rate) where lower is', () => {
    const { score, parts } = kpiScore(rates({ closure_rate: 0.9, on_time_rate: 0.8, rework_rate: 0.1, public_report_rate: 0.4 }), STANDARD)
    // 0.3 × 90 + 0.4 × 80 + 0.15 × 90 + 0.15 × 60 = 27 + 32 + 13.5 + 9
    expect(score).toBe(81.5)
    expect(parts.find((part) => part.key === 'public_report_rate')).toMatchObject({ points: 60, weight: 15, effectiveWeight: 15, contribution: 9 })
    // a zero weight keeps its figure out, whatever its rate
    expect(parts.find((part) => part.key === 'stage_late_rate')).toMatchObject({ weight: 0, effectiveWeight: 0 })
  })

  test('a rate without a denominator leaves the score and the other weights scale up to 100 %', () => {
    // nothing due: only 监督举报率 has a rate, so it is the whole score
    const nothingDue = kpiScore(rates({ closure_rate: null, on_time_rate: null, rework_rate: null, stage_late_rate: null, public_report_rate: 0.25 }), STANDARD)
    expect(nothingDue.score).toBe(75)
    expect(nothingDue.parts.find((part) => part.key === 'public_report_rate')!.effectiveWeight).toBe(100)
    // nothing registered: 监督举报率 leaves, 85 % of the weights remain
    const nothingRegistered = kpiScore(rates({ public_report_rate: null, on_time_rate: 0.5 }), STANDARD)
    expect(nothingRegistered.score).toBe(Math.round(((30 * 100 + 40 * 50 + 15 * 100) / 85) * 100) / 100)
    // nothing at all: no score, no grade
    expect(kpiScore(rates({ closure_rate: null, on_time_rate: null, rework_rate: null, public_report_rate: null, stage_late_rate: null }), STANDARD)).toMatchObject({ score: null, grade: null })
  })

  test('rounds the exact value half up to 0.01, as PostgreSQL numeric does', () => {
    // 100 × (1 − 7/24) = 70.8333…; with 四率等权: (100 + 100 + 100 + 70.8333…) / 4 = 92.708333… → 92.71
    expect(kpiScore(rates({ public_report_rate: 7 / 24 }), EQUAL).score).toBe(92.71)
    // (100 + 96 + 100 + 100 × (1 − 13/24)) / … under the standard weights: exactly 90.275 → 90.28
    expect(kpiScore(rates({ on_time_rate: 0.96, public_report_rate: 13 / 24 }), STANDARD).score).toBe(90.28)
    // exactly 95.625 → 95.63 (7/24 in binary is not exact: the sum lands a hair below the half)
    expect(kpiScore(rates({ public_report_rate: 7 / 24 }), STANDARD).score).toBe(95.63)
  })
})
