import { describe, expect, test } from 'vitest'
import {
  DEFAULT_STAGE_LIMITS,
  lateStages,
  openStage,
  stageLimitFor,
  stageTimeline,
  type StageLimitRule,
  type StagedCase,
} from '../../src/domain/cases/index.ts'
import { DEMO_RULES, local, localText } from './cases-support.ts'
import { EXTRA_STAGE_RULE, HAND_CASES, type HandCase } from './case-stages-fixtures.ts'

const LIMITS: StageLimitRule[] = [...DEFAULT_STAGE_LIMITS, { id: 6, ...EXTRA_STAGE_RULE }]

function staged(hand: HandCase): StagedCase {
  const at = (key: keyof HandCase['stamps']) => (hand.stamps[key] ? local(hand.stamps[key]) : null)
  return {
    status: hand.status,
    source: hand.source,
    categoryCode: hand.categoryCode,
    managementLevel: 2,
    reportedAt: at('reported')!,
    acceptedAt: at('accepted'),
    verifiedAt: at('verified'),
    registeredAt: at('registered'),
    dispatchedAt: at('dispatched'),
    handledAt: at('handled'),
    checkedAt: at('checked'),
  }
}

describe('stage deadlines on the work calendar, against cases computed by hand', () => {
  for (const hand of HAND_CASES) {
    test(hand.name, () => {
      // "now" the minute after the last stamp: nothing open is late yet
      const last = Object.values(hand.stamps).sort().at(-1)!
      const timeline = stageTimeline(staged(hand), DEMO_RULES, LIMITS, new Date(local(last).getTime() + 60_000))
      for (const stage of timeline) {
        if (stage.key in hand.deadlines) {
          expect(stage.deadlineAt === null ? null : localText(stage.deadlineAt), stage.key).toBe(hand.deadlines[stage.key])
        }
      }
      expect(lateStages(timeline)).toEqual(hand.late)
      const open = timeline.find((stage) => stage.state === 'open' && stage.key !== 'handle')
      expect(open?.deadlineAt ? localText(open.deadlineAt) : null).toBe(hand.openDeadline)
    })
  }

  test('an open stage past its deadline is late; a finished one is judged by its end', () => {
    const hand = HAND_CASES[2]
    const before = stageTimeline(staged(hand), DEMO_RULES, LIMITS, local('2026-11-04 08:50'))
    expect(lateStages(before)).toEqual([])
    const after = stageTimeline(staged(hand), DEMO_RULES, LIMITS, local('2026-11-04 08:51'))
    expect(lateStages(after)).toEqual(['check'])
    expect(after.find((stage) => stage.key === 'check')?.state).toBe('open')
  })

  test('核实 applies to public sources only; a rejected case ends its remaining stages', () => {
    const patrol = stageTimeline(staged(HAND_CASES[1]), DEMO_RULES, LIMITS, local('2026-12-01 00:00'))
    expect(patrol.find((stage) => stage.key === 'verify')?.state).toBe('skipped')
    const rejected = stageTimeline(
      { ...staged(HAND_CASES[3]), status: 'rejected' },
      DEMO_RULES,
      LIMITS,
      local('2026-12-01 00:00'),
    )
    expect(rejected.map((stage) => stage.state)).toEqual(['done', 'done', 'ended', 'ended', 'ended', 'ended'])
    expect(lateStages(rejected)).toEqual([])
  })
})

describe('which limit applies', () => {
  const rules: StageLimitRule[] = [
    ...DEFAULT_STAGE_LIMITS,
    { id: 10, stage: 'accept', categoryPattern: '06', managementLevel: null, amount: 2, unit: 'work_hours' },
    { id: 11, stage: 'accept', categoryPattern: '06', managementLevel: 1, amount: 0.5, unit: 'work_hours' },
    { id: 12, stage: 'accept', categoryPattern: '06010', managementLevel: null, amount: 3, unit: 'natural_hours' },
  ]
  test('full code before 大类 before every category; a level-specific row before the general one', () => {
    expect(stageLimitFor('accept', '06010', 1, rules)?.id).toBe(12)
    expect(stageLimitFor('accept', '06011', 1, rules)?.id).toBe(11)
    expect(stageLimitFor('accept', '06011', 2, rules)?.id).toBe(10)
    expect(stageLimitFor('accept', '09001', 1, rules)?.id).toBe(1)
    expect(stageLimitFor('check', '06010', 1, rules)?.amount).toBe(0.5)
  })

  test('the stage a case is in follows its status and source', () => {
    expect(openStage('reported', 'patrol')).toBe('accept')
    expect(openStage('accepted', 'hotline_12319')).toBe('verify')
    expect(openStage('accepted', 'video')).toBe('register')
    expect(openStage('verified', 'media')).toBe('register')
    expect(openStage('registered', 'patrol')).toBe('dispatch')
    expect(openStage('dispatched', 'patrol')).toBe('handle')
    expect(openStage('handled', 'patrol')).toBe('check')
    expect(openStage('checked', 'patrol')).toBeNull()
    expect(openStage('rejected', 'patrol')).toBeNull()
  })
})
