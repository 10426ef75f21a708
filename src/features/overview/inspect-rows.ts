/**
 * The attribute rows the inspect panel shows for each kind of feature, as plain
 * label/value strings. Values are rendered by React as text, never as HTML, so a name
 * like "<img onerror=…>" in the data shows up literally.
 */
import type { TFunction } from 'i18next'
import { caseStatusLabel } from '../../i18n/case-labels.ts'
import { formatDateTime } from '../../i18n/format.ts'
import type { SelectionKind } from './overview-layers.ts'
import type { SelectedFeature } from './use-selected-feature.ts'

export interface InspectRow {
  key: string
  label: string
  value: string
  /** draws attention (an expired permit, an overdue case, an unassigned segment) */
  alert?: boolean
}

export interface InspectContext {
  t: TFunction<'overview'>
  language: string
  /** incidents in this grid under the current filters; undefined while loading */
  gridIncidentCount?: number | null
}

function text(value: unknown): string {
  return value === null || value === undefined || value === '' ? '—' : String(value)
}


export function inspectRows(kind: SelectionKind, features: SelectedFeature[], context: InspectContext): InspectRow[] {
  const { t, language } = context
  const number = (value: number, digits = 0) => new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value)
  const yesNo = (value: unknown) => (value ? t('inspect.yes') : t('inspect.no'))
  const row = (key: string, value: string, alert = false): InspectRow => ({ key, label: t(`inspect.field.${key}` as never), value, alert })
  const first = features[0]?.properties ?? {}

  switch (kind) {
    case 'grid': {
      const area = Number(first.area_m2)
      return [
        row('code', text(first.code)),
        row('name', text(first.name)),
        row('street', text(first.street_name)),
        row('community', text(first.community_name)),
        row('responsiblePerson', text(first.responsible_person)),
        row('responsibleBody', text(first.responsible_body)),
        row('landUse', first.land_use ? t(`landUse.${String(first.land_use)}` as never, { defaultValue: String(first.land_use) }) : '—'),
        row(
          'managementLevel',
          first.management_level === null || first.management_level === undefined
            ? '—'
            : t(`managementLevel.${String(first.management_level)}` as never, { defaultValue: String(first.management_level) }),
        ),
        row('area', Number.isFinite(area) ? `${t('inspect.squareMeters', { value: number(area) })}（${t('inspect.hectares', { value: number(area / 10_000, 2) })}）` : '—'),
        row('version', text(first.version)),
        row('validFrom', formatDateTime(first.valid_from, language, false)),
        row('incidentCount', context.gridIncidentCount === undefined ? t('inspect.loading') : number(context.gridIncidentCount ?? 0)),
      ]
    }
    case 'street':
      return [row('code', text(first.code)), row('name', text(first.name))]
    case 'community':
      return [row('code', text(first.code)), row('name', text(first.name)), row('street', text(first.street_name))]
    case 'segment': {
      const cleaners = Array.isArray(first.cleaners) ? (first.cleaners as string[]) : []
      return [
        row('backStreet', text(first.back_street_name)),
        row('seq', text(first.seq)),
        row('length', t('inspect.meters', { value: number(Number(first.length_m), 1) })),
        row('grade', t('inspect.gradeValue', { grade: text(first.cleaning_grade) })),
        row('grid', text(first.grid_code)),
        row('cleaners', cleaners.length > 0 ? cleaners.join('、') : t('inspect.unassigned'), cleaners.length === 0),
      ]
    }
    case 'back_street': {
      const cleaners = new Set<string>()
      let length = 0
      let unassigned = 0
      const grades = new Set<number>()
      for (const feature of features) {
        for (const name of (feature.properties.cleaners as string[] | undefined) ?? []) cleaners.add(name)
        length += Number(feature.properties.length_m) || 0
        if (!feature.properties.assigned) unassigned += 1
        grades.add(Number(feature.properties.cleaning_grade))
      }
      return [
        row('name', text(first.back_street_name)),
        row('segments', number(features.length)),
        row('length', t('inspect.meters', { value: number(length, 1) })),
        row('grade', [...grades].sort().map((grade) => t('inspect.gradeValue', { grade })).join('、') || '—'),
        row('cleaners', cleaners.size > 0 ? [...cleaners].join('、') : t('inspect.unassigned'), cleaners.size === 0),
        row('unassignedSegments', number(unassigned), unassigned > 0),
      ]
    }
    case 'market':
      return [
        row('name', text(first.name)),
        row('stalls', text(first.stalls)),
        row('operator', text(first.operator)),
        row('componentCode', text(first.component_code)),
      ]
    case 'construction_site':
      return [
        row('name', text(first.name)),
        row('status', t(`siteStatus.${String(first.status)}` as never)),
        row('permitStart', formatDateTime(first.permit_start, language, false)),
        row('permitEnd', formatDateTime(first.permit_end, language, false)),
        row('permitExpired', yesNo(first.permit_expired), Boolean(first.permit_expired)),
        row('contractor', text(first.contractor)),
        row('enclosure', yesNo(first.has_enclosure), !first.has_enclosure),
        row('wheelWash', yesNo(first.has_wheel_wash), !first.has_wheel_wash),
      ]
    case 'facility':
      return [
        row('name', text(first.name)),
        row('facilityKind', t(`facilityKind.${String(first.kind)}` as never)),
        row('componentCode', text(first.component_code)),
        row('localExtension', yesNo(first.is_local_extension)),
      ]
    case 'incident':
      return [
        row('externalId', text(first.external_id ?? first.id)),
        row('category', `${text(first.category_code)} ${text(first.category_name)}`),
        row('source', t(`incidentSource.${String(first.source)}` as never)),
        row('status', caseStatusLabel(String(first.status))),
        row('reportedAt', formatDateTime(first.reported_at, language)),
        row('deadlineAt', formatDateTime(first.deadline_at, language)),
        row('closedAt', formatDateTime(first.closed_at, language)),
        row('grid', text(first.grid_code)),
        row('department', text(first.department_name)),
        row('overdue', yesNo(first.overdue), Boolean(first.overdue)),
      ]
  }
}

/** The panel's heading: the feature's own name or code. */
export function inspectTitle(kind: SelectionKind, features: SelectedFeature[]): string {
  const properties = features[0]?.properties ?? {}
  if (kind === 'segment' || kind === 'back_street') return text(properties.back_street_name)
  if (kind === 'incident') return `${text(properties.category_name)}`
  return text(properties.name ?? properties.code)
}
