/**
 * 照片与附件 of a case: the upload control for the stages the signed-in user may attach to
 * now (drag or pick; photos scaled down in the browser first), the files of a step that has
 * not happened yet, and from 处置 on the before (上报) and after (处置) photos side by side,
 * which is how 核查 is done. Thumbnails open antd's image preview. The files of a step that
 * has happened also show in the timeline at that step (StepAttachments).
 */
import { useContext, useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { Alert, Image, Popconfirm, Segmented, Upload } from 'antd'
import { useRead } from '../../data/hooks.ts'
import { invalidateAfterWrite } from '../../data/invalidation.ts'
import { ATTACHMENT_RPC, CASE_ATTACHMENTS_READ, type CaseAttachment } from '../../data/attachment-reads.ts'
import { useAttachmentStore } from '../../data/attachment-store.ts'
import { QUERY_ROOT } from '../../data/reads.ts'
import type { CaseDetail } from '../../data/schemas.ts'
import { SessionContext, useSessionRole } from '../../app/use-operation.ts'
import { attachableStages, attachmentSteps, type AttachmentStage } from '../../domain/attachments/attachment-stages.ts'
import { formatFileSize, IMAGE_TYPES, type AttachmentType } from '../../domain/attachments/attachment-validation.ts'
import { DOWNSCALE_LONG_SIDE } from '../../domain/attachments/downscale.ts'
import { formatDateTime } from '../../i18n/format.ts'
import { prepareAttachment, type PreparedAttachment } from './prepare-attachment.ts'
import './links-attachments.i18n.ts'

const isImage = (attachment: Pick<CaseAttachment, 'mime_type'>) => IMAGE_TYPES.includes(attachment.mime_type as AttachmentType)

/** The attachments of a case, and which timeline entry each belongs to (-1: its step is still to come). */
export function useCaseAttachments(detail: Pick<CaseDetail, 'id' | 'timeline'>) {
  const query = useRead(CASE_ATTACHMENTS_READ, [detail.id])
  const attachments = query.data ?? []
  const steps = attachmentSteps(detail.timeline, attachments)
  return { query, attachments, steps }
}

/** One attachment: a thumbnail that opens the preview, or a PDF's name to open. */
function AttachmentItem({ attachment, size = 64, fit = 'cover', onRemove }: { attachment: CaseAttachment; size?: number; fit?: 'cover' | 'contain'; onRemove?: () => void }) {
  const { t, i18n } = useTranslation('cases')
  const store = useAttachmentStore()
  // The bytes (a data: URL) or a signed Storage URL: the backend's store knows where they are.
  const content = useQuery({
    queryKey: [QUERY_ROOT, 'caseAttachmentUrl', attachment.id],
    queryFn: () => store.url(attachment),
    staleTime: store.urlLifetime,
  })
  const url = content.data ?? undefined
  const who = t('attachments.by', { name: attachment.uploaded_by_name ?? attachment.uploaded_by_role ?? '—', time: formatDateTime(attachment.uploaded_at, i18n.language) })
  return (
    <figure className="attachment-item" data-testid="attachment-item" data-stage={attachment.stage} data-name={attachment.file_name} title={`${attachment.file_name}\n${who}`}>
      {isImage(attachment) ? (
        url ? (
          <Image src={url} width={size} height={size} alt={attachment.file_name} style={{ objectFit: fit, background: '#f1f5f9' }} />
        ) : content.isError ? (
          // The bytes could not be read (e.g. the file storage refused): the box says why.
          <span className="attachment-loading" role="img" data-testid="attachment-unreadable" aria-label={content.error.message} title={content.error.message} style={{ width: size, height: size }} />
        ) : (
          // The photo's bytes are fetched apart from the list: a grey box of its size until they arrive.
          <span className="attachment-loading" role="img" aria-busy="true" aria-label={attachment.file_name} style={{ width: size, height: size }} />
        )
      ) : (
        <a className="attachment-file" href={url} download={attachment.file_name} style={{ width: size, height: size }}>
          PDF
        </a>
      )}
      <figcaption>
        <span className="attachment-name">{attachment.file_name}</span>
        <span className="muted">{formatFileSize(attachment.size_bytes)}</span>
        {onRemove && (
          <Popconfirm title={t('attachments.removeConfirm', { name: attachment.file_name })} onConfirm={onRemove}>
            <button type="button" className="link-button">
              {t('attachments.remove')}
            </button>
          </Popconfirm>
        )}
      </figcaption>
    </figure>
  )
}

/** The files shown at one timeline entry. */
export function StepAttachments({ attachments }: { attachments: CaseAttachment[] }) {
  if (attachments.length === 0) return null
  return (
    <div className="attachment-row" data-testid="step-attachments">
      <Image.PreviewGroup>
        {attachments.map((attachment) => (
          <AttachmentItem key={attachment.id} attachment={attachment} size={56} />
        ))}
      </Image.PreviewGroup>
    </div>
  )
}

/** 核查's view: the latest before (上报) and after (处置) photos side by side. */
function BeforeAfter({ attachments }: { attachments: CaseAttachment[] }) {
  const { t } = useTranslation('cases')
  const side = (stage: AttachmentStage, title: string, none: string) => {
    const photos = attachments.filter((attachment) => attachment.stage === stage && isImage(attachment))
    return (
      <div className="before-after-side" data-testid={`compare-${stage}`}>
        <h4>{title}</h4>
        {photos.length === 0 ? (
          <p className="muted">{none}</p>
        ) : (
          <div className="attachment-row">
            {photos.map((photo) => (
              <AttachmentItem key={photo.id} attachment={photo} size={160} fit="contain" />
            ))}
          </div>
        )}
      </div>
    )
  }
  return (
    <section className="before-after" data-testid="attachments-compare">
      <h4 className="before-after-title">{t('attachments.compare')}</h4>
      <Image.PreviewGroup>
        <div className="before-after-pair">
          {side('report', t('attachments.before'), t('attachments.noBefore'))}
          {side('handle', t('attachments.after'), t('attachments.noAfter'))}
        </div>
      </Image.PreviewGroup>
    </section>
  )
}

interface Outcome {
  kind: 'success' | 'error' | 'info'
  text: string
}

export function CaseAttachments({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation('cases')
  const role = useSessionRole()
  const session = useContext(SessionContext)
  const userId = session.status === 'signed-in' ? session.user.id : null
  const store = useAttachmentStore()
  const client = useQueryClient()
  const { query, attachments, steps } = useCaseAttachments(detail)
  const stages = attachableStages(detail.status, role)
  const [chosen, setChosen] = useState<AttachmentStage | null>(null)
  const stage = chosen !== null && stages.includes(chosen) ? chosen : (stages[0] ?? null)
  const [outcomes, setOutcomes] = useState<Outcome[]>([])
  const [busy, setBusy] = useState(0)
  const stageName = (value: AttachmentStage) => t(`attachments.stage.${value}`)

  const refusal = (prepared: Extract<PreparedAttachment, { ok: false }>): string => {
    const reason =
      prepared.why === 'type'
        ? t('attachments.reason.type', { mime: prepared.type || '—' })
        : prepared.why === 'magic'
          ? t('attachments.reason.magic', { mime: prepared.type })
          : prepared.why === 'size'
            ? t('attachments.reason.size', { size: formatFileSize(prepared.size) })
            : prepared.why === 'empty'
              ? t('attachments.reason.empty')
              : t('attachments.reason.image', { message: prepared.message ?? '' })
    return t('attachments.refused', { name: prepared.name, reason })
  }

  const upload = async (file: File, target: AttachmentStage) => {
    setBusy((count) => count + 1)
    try {
      const prepared = await prepareAttachment(file)
      if (!prepared.ok) {
        setOutcomes((list) => [...list, { kind: 'error', text: refusal(prepared) }])
        return
      }
      await store.add({ caseId: detail.id, stage: target, name: prepared.name, type: prepared.type, blob: prepared.blob })
      await invalidateAfterWrite(client, ATTACHMENT_RPC.add)
      setOutcomes((list) => [...list, { kind: 'success', text: t('attachments.uploaded', { name: prepared.name }) }])
    } catch (error) {
      // The database's (or the file storage's) refusal names the file and the reason, in Chinese.
      setOutcomes((list) => [...list, { kind: 'error', text: error instanceof Error ? error.message : String(error) }])
    } finally {
      setBusy((count) => count - 1)
    }
  }

  const remove = async (attachment: CaseAttachment) => {
    try {
      await store.remove(attachment)
      await invalidateAfterWrite(client, ATTACHMENT_RPC.remove)
      setOutcomes([{ kind: 'info', text: t('attachments.removed', { name: attachment.file_name }) }])
    } catch (error) {
      setOutcomes([{ kind: 'error', text: error instanceof Error ? error.message : String(error) }])
    }
  }

  const waiting = attachments.filter((_, index) => steps[index] === -1)
  // At 核查 always (saying what is missing); afterwards only where there is a photo to compare.
  const hasPhotos = attachments.some((attachment) => attachment.stage !== 'check' && isImage(attachment))
  const showCompare = detail.status === 'handled' || (['checked', 'closed'].includes(detail.status) && hasPhotos)
  const mayRemove = (attachment: CaseAttachment) => role === 'admin' || (userId !== null && attachment.uploaded_by === userId)

  return (
    <section className="case-attachments" data-testid="case-attachments">
      <h3>{t('attachments.title')}</h3>
      {query.isError && <p className="form-error">{query.error.message}</p>}
      {showCompare && <BeforeAfter attachments={attachments} />}
      {stage !== null && (
        <>
          {stages.length > 1 && (
            <Segmented
              size="small"
              value={stage}
              options={stages.map((value) => ({ value, label: stageName(value) }))}
              onChange={(value) => setChosen(value as AttachmentStage)}
              data-testid="attachment-stage"
            />
          )}
          <Upload.Dragger
            multiple
            accept="image/jpeg,image/png,image/webp,application/pdf,.jpg,.jpeg,.png,.webp,.pdf"
            showUploadList={false}
            beforeUpload={(file) => {
              setOutcomes([])
              void upload(file, stage)
              return Upload.LIST_IGNORE
            }}
            disabled={busy > 0}
            data-testid="attachment-upload"
          >
            <p className="attachment-upload-text">{busy > 0 ? t('attachments.uploading') : t('attachments.upload', { stage: stageName(stage) })}</p>
            <p className="muted attachment-upload-hint">{t('attachments.uploadHint', { pixels: DOWNSCALE_LONG_SIDE })}</p>
          </Upload.Dragger>
        </>
      )}
      {outcomes.map((outcome, index) => (
        <Alert
          key={index}
          type={outcome.kind}
          showIcon
          title={outcome.text}
          className="attachment-outcome"
          data-testid={outcome.kind === 'error' ? 'attachment-refusal' : 'attachment-outcome'}
        />
      ))}
      {waiting.length > 0 && (
        <div className="attachment-row">
          <Image.PreviewGroup>
            {waiting.map((attachment) => (
              <AttachmentItem key={attachment.id} attachment={attachment} onRemove={mayRemove(attachment) ? () => void remove(attachment) : undefined} />
            ))}
          </Image.PreviewGroup>
        </div>
      )}
      {attachments.length === 0 && stage === null && <p className="muted">{t('attachments.none')}</p>}
    </section>
  )
}
