/**
 * Time in 热点分析 (issue 17 item 4): the period in days or weeks, counts per unit and step
 * for playback (one pass over the cases), the trend of the selection (the district, or the
 * selected unit) and its day-of-week × hour matrix, and a clock that advances the step.
 */
import { useEffect, useMemo } from 'react'
import type { PeriodCases } from '../../data/hotspot-reads.ts'
import { colourDomain, timeSeries, timeSteps, unitStepCounts, weekHourMatrix, type TimeStepUnit } from '../../domain/hotspots/index.ts'

/** How long a step stays on screen while playing. */
export const PLAYBACK_STEP_MS = 1200

export interface PlaybackState {
  on: boolean
  kind: TimeStepUnit
  step: number
  playing: boolean
}

export const PLAYBACK_OFF: PlaybackState = { on: false, kind: 'week', step: 0, playing: false }

export interface PlaybackInput {
  state: PlaybackState
  onState: (update: (state: PlaybackState) => PlaybackState) => void
  /** whether the time tab is shown (its charts are computed only then) */
  visible: boolean
  current: PeriodCases | null
  from: string | null
  to: string | null
  offsetHours: number
  unitCount: number
  unitOfCase: Int32Array | null
  selected: number | null
}

export function usePlayback({ state, onState, visible, current, from, to, offsetHours, unitCount, unitOfCase, selected }: PlaybackInput) {
  const active = state.on || visible
  const steps = useMemo(() => (active && from && to ? timeSteps(Date.parse(from), Date.parse(to), state.kind, offsetHours) : null), [active, from, to, state.kind, offsetHours])
  const perUnit = useMemo(() => {
    if (!state.on || !steps || !current || !unitOfCase) return null
    const counts = unitStepCounts(current.time, unitOfCase, unitCount, steps)
    return { counts, domain: colourDomain([counts]) }
  }, [state.on, steps, current, unitOfCase, unitCount])
  // The selection's cases: the whole district, or the selected unit's.
  const chosen = useMemo(() => {
    if (!current || !unitOfCase || selected === null) return undefined
    const indices: number[] = []
    for (let k = 0; k < unitOfCase.length; k++) if (unitOfCase[k] === selected) indices.push(k)
    return Int32Array.from(indices)
  }, [current, unitOfCase, selected])
  const trend = useMemo(() => (visible && steps && current ? timeSeries(current.time, steps, { cases: chosen }) : null), [visible, steps, current, chosen])
  const matrix = useMemo(() => (visible && current ? weekHourMatrix(current.time, { offsetHours, cases: chosen }) : null), [visible, current, offsetHours, chosen])

  const stepCount = steps?.starts.length ?? 0
  useEffect(() => {
    if (!state.playing || stepCount === 0) return
    const timer = setInterval(() => {
      onState((previous) => (previous.step + 1 >= stepCount ? { ...previous, playing: false } : { ...previous, step: previous.step + 1 }))
    }, PLAYBACK_STEP_MS)
    return () => clearInterval(timer)
  }, [state.playing, stepCount, onState])

  return { steps, perUnit, trend, matrix, step: Math.min(state.step, Math.max(0, stepCount - 1)) }
}
