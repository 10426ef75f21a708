/**
 * Runs the balancer in a Web Worker (balance.worker.ts) and turns its plan into rosters the
 * editor can take: the team's segments as lines weighted by workload (length × the grade's
 * sweeps), the shift's cleaners as owners, the current pieces as the start to keep; back,
 * each segment's pieces by cleaner. The balancer measures along its lines itself (on a sphere;
 * the stored lengths are on the spheroid, ~0.2 % apart), so a piece crosses over as a fraction
 * of its line, both ways.
 */
import { wrap } from 'comlink'
import { cumulativeMeasures, type BalanceInput, type BalanceResult } from '../../domain/roster/balance/index.ts'
import { gradeFrequency } from '../../domain/roster/workload.ts'
import { normalisePieces } from '../../domain/roster/pieces.ts'
import type { CleaningGrade, RosterSegment, SegmentRoster } from '../../domain/roster/types.ts'

export async function balanceInWorker(input: BalanceInput): Promise<BalanceResult> {
  const worker = new Worker(new URL('./balance.worker.ts', import.meta.url), { type: 'module', name: 'urbangrid-balance' })
  try {
    const remote = wrap<{ balance: (input: BalanceInput) => BalanceResult }>(worker)
    return await remote.balance(input)
  } finally {
    worker.terminate()
  }
}

export interface PlanRequest {
  segments: readonly RosterSegment[]
  rosters: ReadonlyMap<number, SegmentRoster>
  grades: readonly CleaningGrade[]
  cleanerIds: readonly number[]
  gapM: number
  /** keep the current beats and repair them, or start afresh */
  mode: 'repair' | 'fresh'
}

export function balanceInput(request: PlanRequest): BalanceInput {
  const owners = new Set(request.cleanerIds.map(String))
  return {
    lines: request.segments.map((segment) => ({ id: String(segment.id), coordinates: segment.coordinates, weight: segment.lengthM * gradeFrequency(request.grades, segment.grade) })),
    beats: request.cleanerIds.length,
    owners: request.cleanerIds.map(String),
    gapM: request.gapM,
    mode: request.mode,
    seed: 1,
    // Only the pieces of the cleaners being balanced are "current"; others' pieces are up for grabs.
    current: request.segments.flatMap((segment) => {
      const measures = cumulativeMeasures(segment.coordinates)
      const scale = segment.lengthM > 0 ? measures[measures.length - 1] / segment.lengthM : 0
      return (request.rosters.get(segment.id)?.pieces ?? [])
        .filter((piece) => piece.cleanerId !== null && owners.has(String(piece.cleanerId)))
        .map((piece) => ({
          lineId: String(segment.id),
          fromM: piece.fromM * scale,
          toM: piece.toM >= segment.lengthM ? measures[measures.length - 1] : piece.toM * scale,
          owner: String(piece.cleanerId),
        }))
    }),
  }
}

/** The plan as each segment's pieces (on the segment's stored length), keyed by segment id. */
export function planRosters(result: BalanceResult, segments: readonly RosterSegment[], rosters: ReadonlyMap<number, SegmentRoster>): Map<number, SegmentRoster> {
  const byLine = new Map<string, BalanceResult['pieces']>()
  for (const piece of result.pieces) {
    const list = byLine.get(piece.lineId)
    if (list) list.push(piece)
    else byLine.set(piece.lineId, [piece])
  }
  const plan = new Map<number, SegmentRoster>()
  for (const segment of segments) {
    const pieces = (byLine.get(String(segment.id)) ?? []).sort((a, b) => a.fromM - b.fromM)
    if (pieces.length === 0) continue
    const lineLength = pieces[pieces.length - 1].toM
    const scale = lineLength > 0 ? segment.lengthM / lineLength : 0
    plan.set(segment.id, {
      segmentId: segment.id,
      base: rosters.get(segment.id)?.base ?? [],
      pieces: normalisePieces(
        segment.lengthM,
        pieces.map((piece, index) => ({
          fromM: piece.fromM * scale,
          toM: index === pieces.length - 1 ? segment.lengthM : piece.toM * scale,
          cleanerId: piece.owner === null ? null : Number(piece.owner),
        })),
      ),
    })
  }
  return plan
}
