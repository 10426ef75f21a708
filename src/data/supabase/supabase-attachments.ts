/**
 * Case photos and files in Supabase Storage (issue 15, item 6): the bytes go to the private
 * bucket case-attachments at <case id>/<stage>/<sha256>, the row to the database after them
 * (public.add_stored_case_attachment, which finds the object and checks its size and type).
 *
 * add: upload (upsert false; an object already there has the same sha256, so the same
 * bytes, and is used as it is) → the SQL function → the row. If the function refuses, the
 * object this call uploaded is removed again (best effort; a failed removal leaves an object
 * no row names, never a row without its object; after a network failure, when the row may
 * have been written, the object stays). If the upload is refused, nothing is
 * written. Reading: a signed URL of the object (one hour), or the row's own bytes for a
 * file stored before (content in the row). Removing: the row, then the object when no other
 * row of the case names it. Storage's policies (20261208000300_case_attachments.sql) admit
 * the same roles per stage folder as the SQL function.
 */
import { ATTACHMENT_RPC, type CaseAttachment } from '../attachment-reads.ts'
import { dataUrl, namedRefusal, type AttachmentStore, type AttachmentUpload } from '../attachment-store.ts'
import { RepositoryError } from '../errors.ts'
import type { Repository } from '../repository.ts'

export const ATTACHMENT_BUCKET = 'case-attachments'
/** Signed URLs last an hour; the app asks for a new one after 50 minutes. */
export const SIGNED_URL_SECONDS = 3600
const URL_LIFETIME_MS = 50 * 60 * 1000

/** What the store uses of supabase-js Storage (`client.storage`), so a test can hand in a fake. */
export interface StorageFailure {
  message: string
  status?: number
  statusCode?: string
}
type StorageAnswer<T> = Promise<{ data: T; error: null } | { data: null; error: StorageFailure }>
export interface StorageBucketApi {
  upload(path: string, body: Blob, options: { contentType: string; upsert: boolean; cacheControl?: string }): StorageAnswer<unknown>
  remove(paths: string[]): StorageAnswer<unknown>
  createSignedUrl(path: string, expiresIn: number, options?: { download?: string | boolean }): StorageAnswer<{ signedUrl: string }>
}
export interface StorageApi {
  from(bucket: string): StorageBucketApi
}

export async function sha256Hex(blob: Blob): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()))
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('')
}

export function attachmentObjectPath(caseId: number, stage: string, sha256: string): string {
  return `${caseId}/${stage}/${sha256}`
}

const STAGE_NAMES: Record<string, string> = { report: '上报', handle: '处置', check: '核查' }

/** Storage answers 409 (statusCode "409", "Duplicate") for an object that is already there. */
function isDuplicate(error: StorageFailure): boolean {
  return error.status === 409 || error.statusCode === '409' || /already exists/i.test(error.message)
}

/** Storage's refusal of an upload, in Chinese, naming the file. */
export function uploadRefusal(upload: AttachmentUpload, error: StorageFailure): RepositoryError {
  const code = error.statusCode ?? String(error.status ?? '')
  const status = error.status ?? (Number(error.statusCode) || 0)
  let reason: string
  if (status === 403 || status === 401 || /row-level security|unauthorized/i.test(error.message)) {
    reason = `无权上传到此案件「${STAGE_NAMES[upload.stage] ?? upload.stage}」阶段的文件存储（${error.message}）`
  } else if (status === 413 || /maximum allowed size|too large/i.test(error.message)) {
    reason = '文件存储拒绝：超过 5 MB 的上限'
  } else if (status === 415 || /mime type/i.test(error.message)) {
    reason = `文件存储不接受此类型（${upload.type}）`
  } else {
    reason = `上传到文件存储失败（${error.message || code || '未知错误'}）`
  }
  return new RepositoryError(`未添加 ${upload.name}：${reason}`, {
    code: code || 'storage',
    kind: status === 403 || status === 401 ? 'permission' : status === 0 ? 'network' : 'validation',
    cause: error,
  })
}

export function storageAttachmentStore(storage: StorageApi, repository: Repository): AttachmentStore {
  const bucket = () => storage.from(ATTACHMENT_BUCKET)
  return {
    bytesIn: 'storage',
    urlLifetime: URL_LIFETIME_MS,

    async add(upload) {
      const sha256 = await sha256Hex(upload.blob)
      const path = attachmentObjectPath(upload.caseId, upload.stage, sha256)
      let uploaded: boolean
      try {
        const { error } = await bucket().upload(path, upload.blob, { contentType: upload.type, upsert: false, cacheControl: '31536000' })
        if (error && !isDuplicate(error)) throw uploadRefusal(upload, error)
        // An object already at this path holds these very bytes (the name is their sha256): used as it is, never removed here.
        uploaded = !error
      } catch (error) {
        if (error instanceof RepositoryError) throw error
        throw uploadRefusal(upload, { message: error instanceof Error ? error.message : String(error) })
      }
      try {
        return await repository.rpc(ATTACHMENT_RPC.addStored, {
          p_case_id: upload.caseId,
          p_stage: upload.stage,
          p_name: upload.name,
          p_mime: upload.type,
          p_sha256: sha256,
        })
      } catch (error) {
        const refusal = namedRefusal(upload.name, error)
        // Nothing half-written: the database answered with a refusal (a code; its transaction is
        // rolled back), so the object this call uploaded goes again. Without an answer (the
        // network) the row may exist: the object stays.
        if (uploaded && refusal.code !== '' && refusal.kind !== 'network') await bucket().remove([path]).catch(() => undefined)
        throw refusal
      }
    },

    async remove(attachment: CaseAttachment) {
      await repository.rpc(ATTACHMENT_RPC.remove, { p_id: attachment.id })
      if (!attachment.in_storage) return
      // The same bytes attached twice to the case at the same stage share one object.
      try {
        const rest = await repository.rpc(ATTACHMENT_RPC.list, { p_case_id: attachment.case_id })
        if (!rest.some((other) => other.in_storage && other.storage_path === attachment.storage_path)) {
          await bucket().remove([attachment.storage_path])
        }
      } catch {
        // Best effort: the row is gone; an object no row names costs only space.
      }
    },

    async url(attachment: CaseAttachment) {
      const content = await repository.rpc(ATTACHMENT_RPC.content, { p_id: attachment.id })
      if (!content) return null
      if (content.base64 !== null) return dataUrl({ ...content, base64: content.base64 })
      if (content.storage_path === null) return null
      // A PDF downloads under its own name; a photo is shown.
      const options = attachment.mime_type.startsWith('image/') ? undefined : { download: attachment.file_name }
      const { data, error } = await bucket().createSignedUrl(content.storage_path, SIGNED_URL_SECONDS, options)
      if (error) {
        throw new RepositoryError(`附件「${attachment.file_name}」无法从文件存储读取（${error.message}）`, {
          code: error.statusCode ?? 'storage',
          kind: error.status === 403 || error.status === 401 ? 'permission' : 'unknown',
          cause: error,
        })
      }
      return data.signedUrl
    },
  }
}
