/**
 * One case: what, where (street → community → grid, the nearest back-street segment), who
 * handles it and by when, the history of its steps, and the steps the user may take now.
 */
import { useTranslation } from 'react-i18next'
import { caseStatusLabel } from '../../i18n/case-labels.ts'
import { useCaseDetail } from '../../data/hooks.ts'
import { CaseActions } from './CaseActions.tsx'
import { CaseLinkButton } from './CaseLinkButton.tsx'
import { CaseAttachments, StepAttachments, useCaseAttachments } from './CaseAttachments.tsx'
import { CaseStages } from './CaseStages.tsx'
import { CaseTimeline } from './CaseTimeline.tsx'
import { formatDateTime } from '../../i18n/format.ts'

export interface CaseDetailPanelProps {
  id: number
  departments: { id: number; name: string }[]
  onClose: () => void
}

export function CaseDetailPanel({ id, departments, onClose }: CaseDetailPanelProps) {
  const { t, i18n } = useTranslation('cases')
  const query = useCaseDetail(id)
  const detail = query.data
  const time = (iso: string | null | undefined) => formatDateTime(iso, i18n.language)
  const files = useCaseAttachments({ id, timeline: detail?.timeline ?? [] })

  return (
    <section className="case-detail" aria-labelledby="case-detail-title" data-testid="case-detail">
      <header className="case-detail-header">
        <h2 id="case-detail-title">
          {t('detail.title')} {detail && <span className="mono">{detail.case_number}</span>}
        </h2>
        <CaseLinkButton caseId={id} />
        <button type="button" className="link-button" onClick={onClose}>
          {t('detail.close')}
        </button>
      </header>
      {query.isPending && <p className="muted">{t('detail.loading')}</p>}
      {query.isError && (
        <p className="form-error" role="alert">
          {t('detail.error', { message: query.error.message })}
        </p>
      )}
      {query.isSuccess && detail === null && <p className="muted">{t('detail.missing')}</p>}
      {detail && (
        <>
          <p className="case-detail-status">
            <span className={`case-status case-status-${detail.status}`} data-testid="case-status">
              {caseStatusLabel(detail.status)}
            </span>
            {detail.closure_type && <span className="case-closure">{t(`closure.${detail.closure_type}`)}</span>}
            <span className={detail.overdue ? 'case-overdue' : 'case-on-time'}>{detail.overdue ? t('detail.overdue') : t('detail.onTime')}</span>
            {detail.rework_count > 0 && <span className="case-rework">{t('detail.rework', { count: detail.rework_count })}</span>}
          </p>
          <dl className="case-fields">
            {detail.external_id && (
              <>
                <dt>{t('detail.externalId')}</dt>
                <dd className="mono">{detail.external_id}</dd>
              </>
            )}
            <dt>{t('detail.category')}</dt>
            <dd>
              {detail.major_name} / {detail.category_name} <span className="muted mono">{detail.category_code}</span>
            </dd>
            <dt>{t('detail.source')}</dt>
            <dd>{t(`source.${detail.source}`)}</dd>
            {detail.description && (
              <>
                <dt>{t('detail.description')}</dt>
                <dd>{detail.description}</dd>
              </>
            )}
            <dt>{t('detail.grid')}</dt>
            <dd data-testid="case-grid">
              {detail.grid ? (
                <>
                  {detail.grid.street_name} / {detail.grid.community_name} / {detail.grid.name} <span className="mono">{detail.grid.code}</span>
                </>
              ) : (
                t('detail.gridNone')
              )}
            </dd>
            {detail.grid && (
              <>
                <dt>{t('detail.responsible')}</dt>
                <dd>{detail.grid.responsible_person || '—'}</dd>
              </>
            )}
            <dt>{t('detail.segment')}</dt>
            <dd>
              {detail.segment
                ? t('detail.segmentValue', {
                    name: detail.segment.back_street_name,
                    seq: detail.segment.seq,
                    distance: detail.segment.distance_m.toFixed(1),
                  })
                : t('detail.segmentNone')}
            </dd>
            <dt>{t('detail.department')}</dt>
            <dd data-testid="case-department">{detail.department?.name ?? '—'}</dd>
            <dt>{t('timeline.handler')}</dt>
            <dd data-testid="case-handler-name">{detail.handler?.name ?? (detail.dispatched_at ? t('timeline.handlerNone') : '—')}</dd>
            <dt>{t('detail.timeLimit')}</dt>
            <dd>{detail.time_limit ? t(`unit.${detail.time_limit.unit}`, { amount: detail.time_limit.amount }) : '—'}</dd>
            <dt>{t('detail.deadline')}</dt>
            <dd className="mono">{time(detail.deadline_at)}</dd>
            <dt>{t('detail.location')}</dt>
            <dd className="mono">{t('detail.coordinates', { lon: detail.lon.toFixed(6), lat: detail.lat.toFixed(6) })}</dd>
          </dl>
          <div className="case-action-bar" data-testid="case-action-bar">
            <h3 title={t('steps.shortcutsHint')}>{t('detail.actions')}</h3>
            <CaseActions key={`${detail.id}-${detail.status}`} detail={detail} departments={departments} />
          </div>
          <CaseAttachments detail={detail} />
          <h3>{t('stages.title')}</h3>
          <p className={detail.late_stages.length > 0 ? 'case-overdue' : 'muted'} data-testid="case-late-stages">
            {detail.late_stages.length > 0
              ? t('stages.lateList', { stages: detail.late_stages.map((stage) => t(`stage.${stage}`)).join('、') })
              : t('stages.none')}
          </p>
          <CaseStages stages={detail.stages} />
          <h3>{t('detail.timeline')}</h3>
          <CaseTimeline
            timeline={detail.timeline}
            departments={departments}
            stepExtra={(index) => <StepAttachments attachments={files.attachments.filter((_, file) => files.steps[file] === index)} />}
          />
        </>
      )}
    </section>
  )
}
