/**
 * The layer list: per layer a visibility toggle, its feature count (with "N+（已截断）"
 * when the API hit its limit), the legend, and the layer's own options (grid level,
 * segment colouring).
 */
import { useTranslation } from 'react-i18next'
import type { DisplayedGridLevel, GridLevelChoice } from '../../domain/grids/grid-level-for-zoom.ts'
import type { SegmentColourMode } from '../../map/thematic-layers.ts'
import { LayerLegend } from './LayerLegend.tsx'
import { TOGGLED_MODULES, type OverviewLayer } from './overview-layers.ts'
import type { LayerStatus } from './use-overview-data.ts'

export interface LayerPanelProps {
  visible: OverviewLayer[]
  statuses: Record<OverviewLayer, LayerStatus>
  gridLevelChoice: GridLevelChoice
  gridLevel: DisplayedGridLevel
  segmentMode: SegmentColourMode
  incidentPoints: boolean
  onToggle: (layer: OverviewLayer, visible: boolean) => void
  onGridLevel: (choice: GridLevelChoice) => void
  onSegmentMode: (mode: SegmentColourMode) => void
}

function useCountLabel() {
  const { t, i18n } = useTranslation('overview')
  return (status: LayerStatus) => {
    if (status.error) return t('layers.error', { message: status.error })
    if (status.count === null) return t('layers.loading')
    const count = new Intl.NumberFormat(i18n.language).format(status.count)
    if (status.aggregate) return t('layers.heatmapCount', { count: count as never })
    return status.truncated ? t('layers.truncated', { count: count as never }) : t('layers.count', { count: count as never })
  }
}

export function LayerPanel(props: LayerPanelProps) {
  const { t } = useTranslation('overview')
  const countLabel = useCountLabel()
  const options = { gridLevel: props.gridLevel, segmentMode: props.segmentMode, incidentPoints: props.incidentPoints }
  const optionValue = { gridLevel: props.gridLevelChoice, segmentMode: props.segmentMode }
  return (
    <section className="overview-section" aria-labelledby="overview-layers-title">
      <h2 id="overview-layers-title">{t('layers.title')}</h2>
      <ul className="layer-list">
        {TOGGLED_MODULES.map((module) => {
          const layer = module.id
          const name = t(`layers.${layer}` as never)
          const status = props.statuses[layer]
          const visible = props.visible.includes(layer)
          const option = module.option?.(t)
          const hint = module.hint?.({ t, options })
          return (
            <li key={layer} className="layer-item" data-layer={layer}>
              <label className="layer-toggle">
                <input
                  type="checkbox"
                  checked={visible}
                  aria-label={t('layers.show', { name })}
                  onChange={(event) => props.onToggle(layer, event.target.checked)}
                />
                <span className="layer-name">{name}</span>
                {visible && status && (
                  <span className={`layer-count${status.error ? ' error' : ''}`} data-testid={`count-${layer}`} data-loading={status.loading || undefined}>
                    {countLabel(status)}
                  </span>
                )}
              </label>
              {visible && (
                <div className="layer-details">
                  {option && (
                    <label className="layer-option">
                      {option.label}
                      <select
                        value={optionValue[option.key]}
                        onChange={(event) =>
                          option.key === 'gridLevel'
                            ? props.onGridLevel(event.target.value as GridLevelChoice)
                            : props.onSegmentMode(event.target.value as SegmentColourMode)
                        }
                      >
                        {option.choices.map((choice) => (
                          <option key={choice.value} value={choice.value}>
                            {choice.label}
                          </option>
                        ))}
                      </select>
                    </label>
                  )}
                  <LayerLegend layer={layer} options={options} />
                  {hint && <p className="layer-hint">{hint}</p>}
                </div>
              )}
            </li>
          )
        })}
      </ul>
    </section>
  )
}
