/**
 * The legend entries under each layer toggle, as the layer module declares them. Colours come
 * from src/map/colours.ts and symbols from the same runtime painters the map draws with, so
 * they match the map.
 */
import { useTranslation } from 'react-i18next'
import type { LayerOptions } from '../../layers/layer-module.ts'
import { toCss } from '../../map/colours.ts'
import { moduleOf, type OverviewLayer } from './overview-layers.ts'

export interface LayerLegendProps {
  layer: OverviewLayer
  options: LayerOptions
}

export function LayerLegend({ layer, options }: LayerLegendProps) {
  const { t } = useTranslation('overview')
  const entries = moduleOf(layer)?.legend({ t, options }) ?? []
  return (
    <ul className="legend">
      {entries.map((entry) =>
        'ramp' in entry ? (
          <li key={entry.key} className="legend-ramp">
            <span>{entry.low}</span>
            <span className="legend-ramp-bar" style={{ background: `linear-gradient(to right, ${entry.ramp.map((colour) => toCss(colour)).join(', ')})` }} />
            <span>{entry.high}</span>
          </li>
        ) : (
          <li key={entry.key}>
            {'icon' in entry ? (
              <img className="legend-icon" src={entry.icon} alt="" />
            ) : (
              <span
                className={`legend-swatch legend-${entry.swatch.shape}${entry.swatch.dashed ? ' legend-dashed' : ''}`}
                style={{ ['--swatch' as string]: toCss(entry.swatch.colour) }}
              />
            )}
            <span>{entry.label}</span>
          </li>
        ),
      )}
    </ul>
  )
}
