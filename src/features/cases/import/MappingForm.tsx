/**
 * Step 2 of an import: which column feeds which field, the input's coordinate system, the
 * source to assume, what to do with points outside the district, and presets to start from
 * or to save the mapping as.
 */
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  COORDINATE_SYSTEM_LABELS,
  COORDINATE_SYSTEMS,
  FROM_ADDRESS,
  FROM_GEOMETRY,
  type ColumnMapping,
  type CoordinateSystem,
  type ImportPreset,
  type IncidentSource,
  type MappingField,
} from '../../../domain/import/index.ts'
import { SourceOptions } from '../options.tsx'

export interface MappingChoice {
  presetId: string | null
  mapping: Partial<ColumnMapping>
  crs: CoordinateSystem
  defaultSource: IncidentSource
  outsideDistrict: 'error' | 'keep'
  categoryAliases: Record<string, string>
}

export interface MappingFormProps {
  columns: string[]
  hasGeometries: boolean
  presets: ImportPreset[]
  choice: MappingChoice
  onChange: (choice: MappingChoice) => void
  onPreset: (preset: ImportPreset | null) => void
  onSavePreset: (name: string) => void
}

const FIELDS: { field: MappingField; required: boolean }[] = [
  { field: 'lon', required: true },
  { field: 'lat', required: true },
  { field: 'category', required: true },
  { field: 'externalId', required: false },
  { field: 'source', required: false },
  { field: 'reportedAt', required: false },
  { field: 'description', required: false },
  { field: 'address', required: false },
]

export function MappingForm({ columns, hasGeometries, presets, choice, onChange, onPreset, onSavePreset }: MappingFormProps) {
  const { t } = useTranslation('cases')
  const [presetName, setPresetName] = useState('')
  const [saveMessage, setSaveMessage] = useState<{ ok: boolean; text: string } | null>(null)
  const setField = (field: MappingField, column: string) => {
    const mapping = { ...choice.mapping }
    if (column === '') delete mapping[field]
    else mapping[field] = column
    // "No coordinate columns" holds for both, or for neither.
    if (field === 'lon' || field === 'lat') {
      const other = field === 'lon' ? 'lat' : 'lon'
      if (column === FROM_ADDRESS) mapping[other] = FROM_ADDRESS
      else if (choice.mapping[field] === FROM_ADDRESS && mapping[other] === FROM_ADDRESS) delete mapping[other]
    }
    onChange({ ...choice, presetId: null, mapping })
  }

  return (
    <div className="import-mapping" data-testid="import-mapping">
      <label className="cases-field">
        <span>{t('import.preset')}</span>
        <select
          value={choice.presetId ?? ''}
          onChange={(event) => onPreset(presets.find((preset) => preset.id === event.target.value) ?? null)}
          data-testid="import-preset"
        >
          <option value="">{t('import.presetCustom')}</option>
          {presets.map((preset) => (
            <option key={preset.id} value={preset.id} title={preset.description}>
              {preset.name}
            </option>
          ))}
        </select>
      </label>
      <div className="import-fields">
        {FIELDS.map(({ field, required }) => (
          <label key={field} className="cases-field">
            <span>
              {t(`import.field.${field}`)}
              {required && <em className="required"> {t('import.required')}</em>}
            </span>
            <select value={choice.mapping[field] ?? ''} onChange={(event) => setField(field, event.target.value)} data-field={field}>
              <option value="">{t('import.notMapped')}</option>
              {hasGeometries && (field === 'lon' || field === 'lat') && <option value={FROM_GEOMETRY}>{t('import.fromGeometry')}</option>}
              {(field === 'lon' || field === 'lat') && <option value={FROM_ADDRESS}>{t('import.fromAddress')}</option>}
              {columns.map((column) => (
                <option key={column} value={column}>
                  {column}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      <label className="cases-field">
        <span>{t('import.crs')}</span>
        <select
          value={choice.crs}
          onChange={(event) => onChange({ ...choice, crs: event.target.value as CoordinateSystem })}
          data-testid="import-crs"
        >
          {COORDINATE_SYSTEMS.map((system) => (
            <option key={system} value={system}>
              {COORDINATE_SYSTEM_LABELS[system]}
            </option>
          ))}
        </select>
      </label>
      <label className="cases-field">
        <span>{t('import.defaultSource')}</span>
        <select value={choice.defaultSource} onChange={(event) => onChange({ ...choice, defaultSource: event.target.value as IncidentSource })}>
          <SourceOptions />
        </select>
      </label>
      <label className="cases-field">
        <span>{t('import.outside')}</span>
        <select value={choice.outsideDistrict} onChange={(event) => onChange({ ...choice, outsideDistrict: event.target.value as 'error' | 'keep' })}>
          <option value="error">{t('import.outsideError')}</option>
          <option value="keep">{t('import.outsideKeep')}</option>
        </select>
      </label>
      <div className="import-save-preset">
        <input value={presetName} placeholder={t('import.presetName')} aria-label={t('import.presetName')} onChange={(event) => setPresetName(event.target.value)} />
        <button
          type="button"
          onClick={() => {
            const name = presetName.trim()
            if (!name) {
              setSaveMessage({ ok: false, text: t('import.presetNameRequired') })
              return
            }
            onSavePreset(name)
            setSaveMessage({ ok: true, text: t('import.presetSaved', { name }) })
          }}
        >
          {t('import.savePreset')}
        </button>
        {saveMessage && <small className={saveMessage.ok ? 'form-ok' : 'form-error'}>{saveMessage.text}</small>}
      </div>
    </div>
  )
}
