/**
 * Stage deadlines computed by hand on the 2026 demo calendar (office hours 08:30–12:00 and
 * 13:30–17:30, UTC+8; 国庆 10-01…10-07 off, Saturday 10-10 a 调休 working day). The unit test
 * holds the TypeScript port to them, the database suite the SQL (tests/db/case-stages-suite.ts).
 * Limits: the defaults (受理/立案/派遣 1 工作时, 核实/核查 0.5 工作时); 处置 of 08 施工管理类
 * 2 工作日 for every level; one extra rule: 立案 of 08004 工地扬尘 2 工作日.
 */
import type { CaseSource, CaseStage, CaseStatus } from '../../src/domain/cases/index.ts'

export const EXTRA_STAGE_RULE = { stage: 'register', categoryPattern: '08004', managementLevel: null, amount: 2, unit: 'work_days' } as const

export interface HandCase {
  name: string
  categoryCode: string
  source: CaseSource
  status: CaseStatus
  /** local times, 'YYYY-MM-DD HH:MM' */
  stamps: Partial<Record<'reported' | 'accepted' | 'verified' | 'registered' | 'dispatched' | 'handled' | 'checked' | 'closed', string>>
  /** expected deadline per stage (local), null where the stage has none (skipped / not started) */
  deadlines: Partial<Record<CaseStage, string | null>>
  /** stages that ended late (recorded) */
  late: CaseStage[]
  /** the stage the case is in and its deadline, when not 处置 */
  openDeadline: string | null
}

export const HAND_CASES: HandCase[] = [
  {
    name: 'a holiday: reported the evening before 国庆, the clock resumes on 10-08',
    categoryCode: '08001',
    source: 'hotline_12319',
    status: 'closed',
    stamps: {
      reported: '2026-09-30 17:10',
      accepted: '2026-10-08 09:05', // 20 min on 09-30, 40 min on 10-08: due 09:10 — met
      verified: '2026-10-08 09:50', // due 09:35 — late
      registered: '2026-10-08 10:20', // due 10:50 — met
      dispatched: '2026-10-08 10:40', // due 11:20 — met
      handled: '2026-10-10 16:00', // 2 work days: 10-09, 10-10 (调休) → 17:30 — met
      checked: '2026-10-12 09:00', // due 10-10 16:30 — late
      closed: '2026-10-12 10:00',
    },
    deadlines: {
      accept: '2026-10-08 09:10',
      verify: '2026-10-08 09:35',
      register: '2026-10-08 10:50',
      dispatch: '2026-10-08 11:20',
      handle: '2026-10-10 17:30',
      check: '2026-10-10 16:30',
    },
    late: ['verify', 'check'],
    openDeadline: null,
  },
  {
    name: 'a 调休 Saturday counts, and a check overnight is on time',
    categoryCode: '08001',
    source: 'patrol',
    status: 'closed',
    stamps: {
      reported: '2026-10-09 17:00',
      accepted: '2026-10-10 09:30', // 30 min on Friday, 30 on the make-up Saturday: due 09:00 — late
      registered: '2026-10-10 11:50', // due 10:30 — late
      dispatched: '2026-10-10 14:00', // 10 min before noon, 50 after lunch: due 14:20 — met
      handled: '2026-10-13 17:20', // 2 work days: 10-12, 10-13 → 17:30 — met
      checked: '2026-10-14 08:45', // 10 min on 10-13, 20 on 10-14: due 08:50 — met
      closed: '2026-10-14 09:00',
    },
    deadlines: {
      accept: '2026-10-10 09:00',
      verify: null,
      register: '2026-10-10 10:30',
      dispatch: '2026-10-10 14:20',
      handle: '2026-10-13 17:30',
      check: '2026-10-14 08:50',
    },
    late: ['accept', 'register'],
    openDeadline: null,
  },
  {
    name: 'an arrival before office hours, and an open 核查 due the next morning',
    categoryCode: '08001',
    source: 'video',
    status: 'handled',
    stamps: {
      reported: '2026-11-03 07:00', // the clock starts at 08:30: due 09:30
      accepted: '2026-11-03 08:40',
      registered: '2026-11-03 09:00', // due 09:40
      dispatched: '2026-11-03 09:10', // due 10:00
      handled: '2026-11-03 17:20', // 2 work days → 11-05 17:30
    },
    deadlines: {
      accept: '2026-11-03 09:30',
      verify: null,
      register: '2026-11-03 09:40',
      dispatch: '2026-11-03 10:00',
      handle: '2026-11-05 17:30',
      check: '2026-11-04 08:50',
    },
    late: [],
    openDeadline: '2026-11-04 08:50',
  },
  {
    name: 'work days: 立案 of 08004 in 2 work days from a Friday verification',
    categoryCode: '08004',
    source: 'public_report',
    status: 'verified',
    stamps: {
      reported: '2026-10-09 14:00',
      accepted: '2026-10-09 14:10', // due 15:00
      verified: '2026-10-09 14:30', // due 14:40
    },
    deadlines: {
      accept: '2026-10-09 15:00',
      verify: '2026-10-09 14:40',
      register: '2026-10-12 17:30', // 10-10 (调休) and 10-12
      dispatch: null,
      handle: null,
      check: null,
    },
    late: [],
    openDeadline: '2026-10-12 17:30',
  },
]
