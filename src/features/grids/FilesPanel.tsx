/**
 * Import and export of grids: GeoJSON, Shapefile (zip) and KML, in and out. An import is read
 * with its declared coordinate system (WGS84, GCJ-02 or BD-09, converted to WGS84), reports
 * per feature what it could not take, warns when GCJ-02 would fit the district better, and
 * becomes a draft (import-draft.ts). Export writes the draft's grids as they are now.
 */
import { useState } from 'react'
import { Alert, Button, Input, List, Select, Space, Typography, Upload } from 'antd'
import { useTranslation } from 'react-i18next'
import { useAreas } from '../../data/hooks.ts'
import { featuresToEditableGrids, readGridFile, suggestCrs, writeGridsGeoJson, writeGridsKml, writeGridsShapefileZip } from '../../domain/grids/files/index.ts'
import { downloadBlob } from '../shared/export/table-export.ts'
import { importAsDraft } from './import-draft.ts'
import type { GridEditor } from './use-grid-editor.ts'

type Crs = 'wgs84' | 'gcj02' | 'bd09'

interface Report {
  file: string
  grids: number
  problems: string[]
  warnings: string[]
}

export function FilesPanel({ editor }: { editor: GridEditor }) {
  const { t } = useTranslation('grids')
  const [crs, setCrs] = useState<Crs>('wgs84')
  const [idField, setIdField] = useState('')
  const [report, setReport] = useState<Report | null>(null)
  const [error, setError] = useState<string | null>(null)
  const district = useAreas('district', {})
  const scope = editor.loaded.scope.code
  const communities = editor.loaded.editScope.communities.map((community) => community.code)

  const read = async (file: File) => {
    setError(null)
    setReport(null)
    try {
      const bytes = await file.arrayBuffer()
      const read = await readGridFile(file.name, bytes, { idField: idField.trim() || undefined, crs })
      const warnings = read.warnings.map((warning) => (warning.featureNumber ? t('files.problem', { feature: warning.featureNumber, field: warning.field ?? '', reason: warning.reason }) : warning.reason))
      const outline = district.data?.features[0]?.geometry as GeoJSON.Polygon | GeoJSON.MultiPolygon | undefined
      if (outline && crs === 'wgs84') {
        const suggestion = suggestCrs(read.features, outline)
        if (suggestion) warnings.push(suggestion.message)
      }
      const converted = featuresToEditableGrids(read.features, { codeField: read.idField, communities: editor.loaded.editScope.communities })
      const problems = converted.issues.filter((issue) => issue.severity === 'error').map((issue) => t('files.problem', { feature: issue.featureNumber, field: issue.field, reason: issue.reason }))
      warnings.push(...converted.issues.filter((issue) => issue.severity === 'warning').map((issue) => t('files.problem', { feature: issue.featureNumber, field: issue.field, reason: issue.reason })))
      const outcome = importAsDraft(editor.values, converted.grids, communities, t('files.importLabel', { file: file.name }))
      if (!outcome.ok) {
        setError(outcome.reason)
        setReport({ file: file.name, grids: converted.grids.length, problems, warnings })
        return
      }
      editor.apply(outcome)
      setReport({ file: file.name, grids: outcome.puts.length + outcome.creates.length, problems, warnings })
    } catch (caught) {
      setError((caught as Error).message)
    }
  }

  const grids = [...editor.values.values()]
  const name = `网格_${scope}`
  return (
    <div className="files-panel" data-testid="files-panel">
      <Typography.Title level={5}>{t('files.import')}</Typography.Title>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Select<Crs>
            size="small"
            value={crs}
            onChange={setCrs}
            style={{ width: 200 }}
            options={(['wgs84', 'gcj02', 'bd09'] as const).map((value) => ({ value, label: t(`files.crs.${value}`) }))}
          />
          <Input size="small" style={{ width: 160 }} placeholder={t('files.idField')} value={idField} onChange={(event) => setIdField(event.target.value)} />
        </Space>
        <Upload
          accept=".geojson,.json,.zip,.kml"
          showUploadList={false}
          beforeUpload={(file) => {
            void read(file)
            return false
          }}
        >
          <Button size="small" disabled={editor.committing}>{t('files.choose')}</Button>
        </Upload>
        <p className="muted">{t('files.importHelp')}</p>
      </Space>
      {error && <Alert type="error" title={error} showIcon />}
      {report && (
        <div className="import-report" data-testid="import-report">
          <p>{t('files.read', { file: report.file, count: report.grids })}</p>
          {report.warnings.map((warning) => (
            <Alert key={warning} type="warning" title={warning} showIcon />
          ))}
          {report.problems.length > 0 && <List size="small" header={t('files.problems', { count: report.problems.length })} dataSource={report.problems} renderItem={(item) => <List.Item>{item}</List.Item>} />}
        </div>
      )}
      <Typography.Title level={5}>{t('files.export')}</Typography.Title>
      <Space wrap>
        <Button size="small" onClick={() => downloadBlob(new Blob([JSON.stringify(writeGridsGeoJson(grids))], { type: 'application/geo+json' }), `${name}.geojson`)}>GeoJSON</Button>
        <Button size="small" onClick={() => void writeGridsShapefileZip(grids).then((zip) => downloadBlob(new Blob([zip as BlobPart], { type: 'application/zip' }), `${name}.zip`))}>Shapefile (zip)</Button>
        <Button size="small" onClick={() => downloadBlob(new Blob([writeGridsKml(grids)], { type: 'application/vnd.google-earth.kml+xml' }), `${name}.kml`)}>KML</Button>
      </Space>
      <p className="muted">{t('files.exportHelp')}</p>
    </div>
  )
}
