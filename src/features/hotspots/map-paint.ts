/**
 * The map of one period as the chosen view paints it: a colour per unit (or per density
 * cell) and the legend that says what the colours mean. Counts, rates and density take their
 * classes from both compared periods, so the two periods side by side are
 * read on one scale; Gi* and emerging hot spots are categorical and fixed by definition; the
 * difference view colours the change from the previous period on a diverging scale.
 * Classes: colour-domain.ts (quantiles of every unit's value in both periods, 0 its own class).
 */
import type { TFunction } from 'i18next'
import type { EmergingOutcome } from './hotspot-analysis.ts'
import { colourDomain, type ColourDomain, type HotspotResult } from '../../domain/hotspots/index.ts'
import { densityCellPolygon, type DensityGrid } from '../../domain/hotspots/kernel-density.ts'
import { formatNumber } from '../../i18n/format.ts'
import type { HotspotView } from './HotspotFilters.tsx'
import type { HotspotLegend } from './HotspotMap.tsx'
import { DIVERGING_COLOURS, EMERGING_COLOURS, GI_BIN_COLOURS, SEQUENTIAL_COLOURS } from './hotspot-layers.ts'
import type { UnitSet } from './unit-sets.ts'

const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] }
const ZERO_COLOUR = 'rgba(242,242,242,0.6)'

export interface PaintInput {
  view: HotspotView
  side: 'current' | 'previous'
  units: UnitSet | null
  counts: Float64Array | null
  previousCounts: Float64Array | null
  rates: Float64Array | null
  previousRates: Float64Array | null
  gi: HotspotResult | null
  emerging: EmergingOutcome | null
  density: { now: DensityGrid; before: DensityGrid; classes: ColourDomain; radiusMetres: number } | null
  fdr: boolean
  t: TFunction<'hotspots'>
  language: string
}

export interface Painted {
  unitFeatures: GeoJSON.FeatureCollection
  densityFeatures: GeoJSON.FeatureCollection
  legend: HotspotLegend | null
}

/**
 * The colour of a class: the zero class (if any) is left clear, the others take the
 * sequential ramp from its second colour on, so 6 classes with a zero class use 5 colours.
 */
function classColour(domain: ColourDomain, level: number, colours: readonly string[] = SEQUENTIAL_COLOURS): string | null {
  if (level < 0 || (domain.hasZeroClass && level === 0)) return null
  const graded = domain.hasZeroClass ? level : level + 1
  return colours[Math.min(graded, colours.length - 1)]
}

function sequentialEntries(domain: ColourDomain, digits: number, language: string): HotspotLegend['entries'] {
  const n = (value: number) => formatNumber(value, language, digits)
  return domain.ranges.map((range, level) => ({
    colour: classColour(domain, level) ?? ZERO_COLOUR,
    label: domain.hasZeroClass && level === 0 ? '0' : `${n(range.lower ?? 0)} – ${n(range.upper)}`,
  }))
}

function unitCollection(units: UnitSet, colourOf: (unit: number) => string | null): GeoJSON.FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: units.geometries.map((geometry, unit) => ({ type: 'Feature', id: unit, geometry, properties: { colour: colourOf(unit), name: units.names[unit] } })),
  }
}

export function paintMap(input: PaintInput): Painted {
  const { view, side, units, t, language } = input
  const previous = side === 'previous'
  if (view === 'density') {
    if (!input.density) return { unitFeatures: EMPTY, densityFeatures: EMPTY, legend: null }
    const { classes, radiusMetres } = input.density
    const grid = previous ? input.density.before : input.density.now
    const features: GeoJSON.Feature[] = []
    // The lowest graded class (the faint background of everywhere) is left out with zero.
    const lowest = classes.hasZeroClass ? 1 : 0
    for (let cell = 0; cell < grid.values.length; cell++) {
      const level = classes.classOf(grid.values[cell])
      if (level > lowest) features.push({ type: 'Feature', id: cell, geometry: densityCellPolygon(grid, cell), properties: { colour: classColour(classes, level) } })
    }
    return {
      unitFeatures: EMPTY,
      densityFeatures: { type: 'FeatureCollection', features },
      legend: { title: t('legend.density', { radius: radiusMetres }), entries: sequentialEntries(classes, 0, language).slice(lowest + 1), note: t('legend.densityNote') },
    }
  }
  if (!units) return { unitFeatures: EMPTY, densityFeatures: EMPTY, legend: null }
  const none = (): Painted => ({ unitFeatures: unitCollection(units, () => null), densityFeatures: EMPTY, legend: null })
  const sequential = (now: Float64Array | null, before: Float64Array | null, digits: number, title: string): Painted => {
    if (!now || !before) return none()
    const domain = colourDomain([now, before])
    const shown = previous ? before : now
    return {
      unitFeatures: unitCollection(units, (unit) => classColour(domain, domain.classOf(shown[unit]))),
      densityFeatures: EMPTY,
      legend: { title, entries: sequentialEntries(domain, digits, language), note: t('legend.fixedNote') },
    }
  }
  switch (view) {
    case 'count':
      return sequential(input.counts, input.previousCounts, 0, t('legend.count'))
    case 'rate':
      return sequential(input.rates, input.previousRates, 1, t('legend.rate'))
    case 'difference': {
      const { counts, previousCounts } = input
      if (!counts || !previousCounts) return none()
      const change = Float64Array.from(counts, (count, unit) => count - previousCounts[unit])
      // Classes of the size of the change, either way: one scale for more and for fewer.
      // Three classes a side (plus no change, when some unit did not change).
      const size = Float64Array.from(change, Math.abs)
      const domain = colourDomain([size], { classes: size.includes(0) ? 4 : 3 })
      const n = (value: number) => formatNumber(value, language, 0)
      const graded = domain.ranges.map((range, level) => ({ range, level })).filter(({ level }) => !(domain.hasZeroClass && level === 0))
      const offset = domain.hasZeroClass ? 0 : 1
      const entries: HotspotLegend['entries'] = [
        ...[...graded].reverse().map(({ range, level }) => ({ colour: DIVERGING_COLOURS[3 + level + offset], label: `+${n(range.lower ?? 0)} – +${n(range.upper)}` })),
        { colour: ZERO_COLOUR, label: t('legend.noChange') },
        ...graded.map(({ range, level }) => ({ colour: DIVERGING_COLOURS[3 - level - offset], label: `−${n(range.lower ?? 0)} – −${n(range.upper)}` })),
      ]
      return {
        unitFeatures: unitCollection(units, (unit) => {
          const level = domain.classOf(Math.abs(change[unit]))
          if (change[unit] === 0 || level < 0) return null
          return DIVERGING_COLOURS[3 + Math.sign(change[unit]) * Math.min(3, level + offset)]
        }),
        densityFeatures: EMPTY,
        legend: { title: t('legend.difference'), entries, note: t('legend.fixedNote') },
      }
    }
    case 'gi': {
      const result = input.gi
      if (!result) return none()
      return {
        unitFeatures: unitCollection(units, (unit) => (result.bin[unit] === 0 ? null : GI_BIN_COLOURS[result.bin[unit]])),
        densityFeatures: EMPTY,
        legend: {
          title: t('legend.gi'),
          entries: [3, 2, 1, 0, -1, -2, -3].map((bin) => ({ colour: GI_BIN_COLOURS[bin], label: t(`bin.${bin}`) })),
          note: t(input.fdr ? 'legend.giNoteFdr' : 'legend.giNote'),
        },
      }
    }
    case 'emerging': {
      const emerging = input.emerging
      if (!emerging) return none()
      const present = new Set(emerging.units.map((unit) => unit.category))
      return {
        unitFeatures: unitCollection(units, (unit) => (emerging.units[unit].category === 'no_pattern' ? null : EMERGING_COLOURS[emerging.units[unit].category])),
        densityFeatures: EMPTY,
        legend: {
          title: t('legend.emerging', { steps: emerging.steps.length, kind: t(`stepKind.${emerging.stepKind}`) }),
          entries: Object.keys(EMERGING_COLOURS)
            .filter((category) => present.has(category as never) && category !== 'no_pattern')
            .map((category) => ({ colour: EMERGING_COLOURS[category], label: t(`emerging.${category}`) })),
        },
      }
    }
  }
}

/**
 * One time step of playback: each unit coloured by its cases in that step, on classes taken
 * from every unit in every step of the period, so the colours of two steps compare.
 */
export function paintStep(units: UnitSet, counts: Int32Array, stepCount: number, step: number, domain: ColourDomain, title: string, language: string, note: string): Painted {
  return {
    unitFeatures: unitCollection(units, (unit) => classColour(domain, domain.classOf(counts[unit * stepCount + step]))),
    densityFeatures: EMPTY,
    legend: { title, entries: sequentialEntries(domain, 0, language), note },
  }
}
