/**
 * The legend entries under each layer toggle. Colours come from src/map/colours.ts and
 * facility symbols from the same runtime atlas the map draws, so they match the map.
 */
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { caseStatusLabel } from '../../i18n/case-labels.ts'
import { FACILITY_KINDS } from '../../domain/facilities/facility-kind.ts'
import {
  ASSIGNMENT_COLOURS,
  CLEANING_GRADE_COLOURS,
  CONSTRUCTION_STATUS_COLOURS,
  GRID_OUTLINE_COLOURS,
  HEATMAP_COLOUR_RANGE,
  INCIDENT_COLOURS,
  MARKET_COLOUR,
  PERMIT_EXPIRED_COLOUR,
  toCss,
  type Rgb,
} from '../../map/colours.ts'
import { facilityLegendIcon } from '../../map/facility-icons.ts'
import type { DisplayedGridLevel } from '../../domain/grids/grid-level-for-zoom.ts'
import type { SegmentColourMode } from '../../map/thematic-layers.ts'
import type { OverviewLayer } from './overview-layers.ts'

function Swatch({ colour, shape = 'box', dashed = false }: { colour: Rgb; shape?: 'box' | 'line' | 'dot'; dashed?: boolean }) {
  return <span className={`legend-swatch legend-${shape}${dashed ? ' legend-dashed' : ''}`} style={{ ['--swatch' as string]: toCss(colour) }} />
}

function Entry({ children, label }: { children: React.ReactNode; label: string }) {
  return (
    <li>
      {children}
      <span>{label}</span>
    </li>
  )
}

export interface LayerLegendProps {
  layer: OverviewLayer
  gridLevel: DisplayedGridLevel
  segmentMode: SegmentColourMode
  incidentPoints: boolean
}

export function LayerLegend({ layer, gridLevel, segmentMode, incidentPoints }: LayerLegendProps) {
  const { t } = useTranslation('overview')
  const facilityIcons = useMemo(() => (layer === 'facilities' ? FACILITY_KINDS.map((kind) => [kind, facilityLegendIcon(kind)] as const) : []), [layer])
  let entries: React.ReactNode
  switch (layer) {
    case 'grids':
      entries = <Entry label={t(`gridLevel.${gridLevel}`)}><Swatch colour={GRID_OUTLINE_COLOURS[gridLevel]} shape="line" /></Entry>
      break
    case 'segments':
      entries =
        segmentMode === 'grade' ? (
          ([1, 2, 3] as const).map((grade) => (
            <Entry key={grade} label={t(`legend.grade${grade}`)}><Swatch colour={CLEANING_GRADE_COLOURS[grade]} shape="line" /></Entry>
          ))
        ) : (
          <>
            <Entry label={t('legend.assigned')}><Swatch colour={ASSIGNMENT_COLOURS.assigned} shape="line" /></Entry>
            <Entry label={t('legend.unassigned')}><Swatch colour={ASSIGNMENT_COLOURS.unassigned} shape="line" /></Entry>
          </>
        )
      break
    case 'markets':
      entries = <Entry label={t('legend.market')}><Swatch colour={MARKET_COLOUR} /></Entry>
      break
    case 'sites':
      entries = (
        <>
          {(['active', 'suspended', 'completed'] as const).map((status) => (
            <Entry key={status} label={t(`legend.${status}`)}><Swatch colour={CONSTRUCTION_STATUS_COLOURS[status]} /></Entry>
          ))}
          <Entry label={t('legend.expired')}><Swatch colour={PERMIT_EXPIRED_COLOUR} shape="line" dashed /></Entry>
        </>
      )
      break
    case 'facilities':
      entries = facilityIcons.map(([kind, icon]) => (
        <Entry key={kind} label={t(`facilityKind.${kind}`)}><img className="legend-icon" src={icon} alt="" /></Entry>
      ))
      break
    case 'incidents':
      entries = incidentPoints ? (
        <>
          <Entry label={t('legend.incidentOpen')}><Swatch colour={INCIDENT_COLOURS.open} shape="dot" /></Entry>
          <Entry label={t('legend.incidentOverdue')}><Swatch colour={INCIDENT_COLOURS.overdue} shape="dot" /></Entry>
          <Entry label={t('legend.incidentClosed', { closed: caseStatusLabel('closed'), rejected: caseStatusLabel('rejected') })}><Swatch colour={INCIDENT_COLOURS.closed} shape="dot" /></Entry>
        </>
      ) : (
        <li className="legend-ramp">
          <span>{t('legend.heatLow')}</span>
          <span className="legend-ramp-bar" style={{ background: `linear-gradient(to right, ${HEATMAP_COLOUR_RANGE.map((colour) => toCss(colour)).join(', ')})` }} />
          <span>{t('legend.heatHigh')}</span>
        </li>
      )
      break
  }
  return <ul className="legend">{entries}</ul>
}
