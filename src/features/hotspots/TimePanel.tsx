/**
 * The 时间 tab: days or weeks, playback (the map shows each step's cases per unit on one
 * fixed scale, the trend marks the step), the trend of the selection and its day-of-week ×
 * hour matrix (echarts, loaded with this workspace only).
 */
import { Button, Radio, Slider, Space, Switch } from 'antd'
import { useTranslation } from 'react-i18next'
import { TrendChart, WeekHourMatrix } from '../hotspots-charts/index.ts'
import type { TimeSteps } from '../../domain/hotspots/index.ts'
import { formatNumber } from '../../i18n/format.ts'
import type { PlaybackState } from './use-playback.ts'

export interface TimePanelProps {
  state: PlaybackState
  onState: (update: (state: PlaybackState) => PlaybackState) => void
  steps: TimeSteps | null
  step: number
  trend: Int32Array | null
  matrix: Int32Array | null
  /** what the trend and matrix count: the district or the selected unit's name */
  selection: string
}

export function TimePanel({ state, onState, steps, step, trend, matrix, selection }: TimePanelProps) {
  const { t, i18n } = useTranslation('hotspots')
  const stepCount = steps?.starts.length ?? 0
  const set = (patch: Partial<PlaybackState>) => onState((previous) => ({ ...previous, ...patch }))
  const label = steps?.labels[step] ?? ''
  return (
    <div className="hotspots-time" data-testid="hotspots-time">
      <Space wrap>
        <Radio.Group
          size="small"
          optionType="button"
          value={state.kind}
          options={[
            { value: 'day', label: t('time.day') },
            { value: 'week', label: t('time.week') },
          ]}
          onChange={(event) => set({ kind: event.target.value, step: 0, playing: false })}
        />
        <label className="hotspots-inline">
          <Switch size="small" checked={state.on} onChange={(on) => set({ on, playing: false })} data-testid="hotspots-playback" />
          {t('time.playback')}
        </label>
        <Button size="small" disabled={!state.on || stepCount === 0} onClick={() => set({ playing: !state.playing, step: state.step + 1 >= stepCount ? 0 : state.step })} data-testid="hotspots-play">
          {state.playing ? t('time.pause') : t('time.play')}
        </Button>
      </Space>
      {state.on && stepCount > 0 && (
        <>
          <Slider min={0} max={stepCount - 1} value={step} onChange={(value) => set({ step: value, playing: false })} tooltip={{ formatter: (value) => steps?.labels[value ?? 0] }} data-testid="hotspots-slider" />
          <p className="hotspots-step" data-testid="hotspots-step">
            {t(state.kind === 'day' ? 'time.stepDay' : 'time.stepWeek', { label, step: step + 1, steps: stepCount, count: formatNumber(trend?.[step] ?? 0, i18n.language) })}
          </p>
        </>
      )}
      <h3>{t('time.trendOf', { selection })}</h3>
      {steps && trend && <TrendChart labels={steps.labels} values={trend} current={state.on ? step : undefined} language={i18n.language} height={200} />}
      <h3>{t('time.matrixOf', { selection })}</h3>
      {matrix && <WeekHourMatrix matrix={matrix} language={i18n.language} height={240} />}
    </div>
  )
}
