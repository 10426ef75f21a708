/**
 * The layer list: per layer a visibility toggle, its feature count (with "N+（已截断）"
 * when the API hit its limit), the legend, and the layer's own options (grid level,
 * segment colouring).
 */
import { useTranslation } from 'react-i18next'
import { INCIDENT_POINTS_MIN_ZOOM } from '../../data/overview-reads.ts'
import type { DisplayedGridLevel, GridLevelChoice } from '../../domain/grids/grid-level-for-zoom.ts'
import type { SegmentColourMode } from '../../map/thematic-layers.ts'
import { LayerLegend } from './LayerLegend.tsx'
import { OVERVIEW_LAYERS, type OverviewLayer } from './overview-layers.ts'
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
  return (layer: OverviewLayer, status: LayerStatus, incidentPoints: boolean) => {
    if (status.error) return t('layers.error', { message: status.error })
    if (status.count === null) return t('layers.loading')
    const count = new Intl.NumberFormat(i18n.language).format(status.count)
    if (layer === 'incidents' && !incidentPoints) return t('layers.heatmapCount', { count: count as never })
    return status.truncated ? t('layers.truncated', { count: count as never }) : t('layers.count', { count: count as never })
  }
}

export function LayerPanel(props: LayerPanelProps) {
  const { t } = useTranslation('overview')
  const countLabel = useCountLabel()
  return (
    <section className="overview-section" aria-labelledby="overview-layers-title">
      <h2 id="overview-layers-title">{t('layers.title')}</h2>
      <ul className="layer-list">
        {OVERVIEW_LAYERS.map((layer) => {
          const name = t(`layers.${layer}`)
          const status = props.statuses[layer]
          const visible = props.visible.includes(layer)
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
                {visible && (
                  <span className={`layer-count${status.error ? ' error' : ''}`} data-testid={`count-${layer}`} data-loading={status.loading || undefined}>
                    {countLabel(layer, status, props.incidentPoints)}
                  </span>
                )}
              </label>
              {visible && (
                <div className="layer-details">
                  {layer === 'grids' && (
                    <label className="layer-option">
                      {t('gridLevel.label')}
                      <select value={props.gridLevelChoice} onChange={(event) => props.onGridLevel(event.target.value as GridLevelChoice)}>
                        {(['auto', 'street', 'community', 'grid'] as const).map((choice) => (
                          <option key={choice} value={choice}>
                            {t(`gridLevel.${choice}`)}
                          </option>
                        ))}
                      </select>
                    </label>
                  )}
                  {layer === 'segments' && (
                    <label className="layer-option">
                      {t('segmentMode.label')}
                      <select value={props.segmentMode} onChange={(event) => props.onSegmentMode(event.target.value as SegmentColourMode)}>
                        <option value="grade">{t('segmentMode.grade')}</option>
                        <option value="assignment">{t('segmentMode.assignment')}</option>
                      </select>
                    </label>
                  )}
                  <LayerLegend layer={layer} gridLevel={props.gridLevel} segmentMode={props.segmentMode} incidentPoints={props.incidentPoints} />
                  {layer === 'incidents' && !props.incidentPoints && (
                    <p className="layer-hint">{t('layers.pointsHint', { zoom: INCIDENT_POINTS_MIN_ZOOM })}</p>
                  )}
                </div>
              )}
            </li>
          )
        })}
      </ul>
    </section>
  )
}
