/**
 * The selected grids' attributes: name, land use, management level, responsible person and
 * body (属地兜底 when nobody is named). One grid shows its figures; several can be given the
 * same values at once. 应用 is one undo step; an empty body falls back to 属地兜底.
 */
import { useState } from 'react'
import { Button, Descriptions, Empty, Form, Input, Select } from 'antd'
import { useTranslation } from 'react-i18next'
import { sphericalArea } from '../../domain/geometry/spherical-area.ts'
import { LAND_USES, type EditableGrid, type LandUse } from '../../domain/grids/editing/types.ts'
import { formatNumber } from '../../i18n/format.ts'
import type { GridEditor } from './use-grid-editor.ts'

interface Values {
  name?: string
  landUse?: LandUse
  managementLevel?: 1 | 2 | 3
  responsiblePerson?: string
  responsibleBody?: string
}

const FALLBACK_BODY = '属地兜底'

function common<K extends keyof EditableGrid>(grids: readonly EditableGrid[], key: K): EditableGrid[K] | undefined {
  const first = grids[0]?.[key]
  return grids.every((grid) => grid[key] === first) ? first : undefined
}

export function AttributePanel({ editor, grids }: { editor: GridEditor; grids: EditableGrid[] }) {
  const { t, i18n } = useTranslation('grids')
  const codes = grids.map((grid) => grid.code).join(',')
  if (grids.length === 0) return <Empty description={t('attributes.none')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
  return <AttributeForm key={codes} editor={editor} grids={grids} language={i18n.language} t={t} />
}

function AttributeForm({ editor, grids, language, t }: { editor: GridEditor; grids: EditableGrid[]; language: string; t: (key: string, options?: Record<string, unknown>) => string }) {
  const [form] = Form.useForm<Values>()
  const [touched, setTouched] = useState(false)
  const single = grids.length === 1 ? grids[0] : null
  const initial: Values = {
    name: common(grids, 'name'),
    landUse: common(grids, 'landUse'),
    managementLevel: common(grids, 'managementLevel'),
    responsiblePerson: common(grids, 'responsiblePerson'),
    responsibleBody: common(grids, 'responsibleBody'),
  }

  const submit = (values: Values) => {
    const label = single ? t('attributes.label', { code: single.code }) : t('attributes.labelMany', { count: grids.length })
    const changed = Object.fromEntries(Object.entries(values).filter(([key, value]) => value !== undefined && value !== initial[key as keyof Values])) as Values
    if (changed.responsibleBody !== undefined && changed.responsibleBody.trim() === '') changed.responsibleBody = FALLBACK_BODY
    editor.apply({
      ok: true,
      label,
      puts: grids.map((grid) => ({ ...grid, ...changed, name: (changed.name ?? grid.name).trim(), responsiblePerson: (changed.responsiblePerson ?? grid.responsiblePerson).trim() })),
      creates: [],
      deletes: [],
      selection: grids.map((grid) => grid.code),
    })
    setTouched(false)
  }

  return (
    <div className="attribute-panel" data-testid="attribute-panel">
      {single ? (
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label={t('attributes.code')}>{single.code}</Descriptions.Item>
          <Descriptions.Item label={t('attributes.version')}>{single.version === null ? t('attributes.new') : t('attributes.versionN', { version: single.version })}</Descriptions.Item>
          <Descriptions.Item label={t('attributes.area')}>{formatNumber(Math.round(sphericalArea(single.geometry)), language)} m²</Descriptions.Item>
        </Descriptions>
      ) : (
        <p>{t('attributes.many', { count: grids.length })}</p>
      )}
      <Form form={form} layout="vertical" size="small" initialValues={initial} onFinish={submit} onValuesChange={() => setTouched(true)}>
        <Form.Item name="name" label={t('attributes.name')} rules={[{ max: 60, message: t('attributes.nameTooLong') }]}>
          <Input placeholder={grids.length > 1 && initial.name === undefined ? t('attributes.mixed') : undefined} />
        </Form.Item>
        <Form.Item name="landUse" label={t('attributes.landUse')}>
          <Select options={LAND_USES.map((value) => ({ value, label: t(`landUse.${value}`) }))} placeholder={t('attributes.mixed')} />
        </Form.Item>
        <Form.Item name="managementLevel" label={t('attributes.level')}>
          <Select options={[1, 2, 3].map((value) => ({ value, label: t(`level.${value}`) }))} placeholder={t('attributes.mixed')} />
        </Form.Item>
        <Form.Item name="responsiblePerson" label={t('attributes.person')} rules={[{ max: 40, message: t('attributes.personTooLong') }]}>
          <Input placeholder={t('attributes.personPlaceholder')} />
        </Form.Item>
        <Form.Item name="responsibleBody" label={t('attributes.body')} extra={t('attributes.bodyHelp')}>
          <Input placeholder={FALLBACK_BODY} />
        </Form.Item>
        <Button type="primary" htmlType="submit" disabled={!touched || editor.committing} data-testid="attribute-apply">
          {t('attributes.apply')}
        </Button>
      </Form>
    </div>
  )
}
