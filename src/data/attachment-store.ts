/**
 * Where a case's photos and files keep their bytes: a capability of the backend (data/backend.ts),
 * so the attachments panel never asks which backend runs. The embedded demo (and any
 * deployment without Supabase Storage) keeps them in the row: one call,
 * add_case_attachment with base64. The Supabase backend uploads them to the bucket
 * case-attachments first and then writes the row (data/supabase/supabase-attachments.ts).
 * docs/attachments.md "Where the bytes live".
 */
import { createContext, useContext } from 'react'
import type { AttachmentStage } from '../domain/attachments/attachment-stages.ts'
import type { AttachmentType } from '../domain/attachments/attachment-validation.ts'
import { ATTACHMENT_RPC, type AttachmentContent, type CaseAttachment } from './attachment-reads.ts'
import { RepositoryError, toRepositoryError } from './errors.ts'
import type { Repository } from './repository.ts'

/** A file ready to store: checked and, for a photo, scaled down (features/cases/prepare-attachment.ts). */
export interface AttachmentUpload {
  caseId: number
  stage: AttachmentStage
  name: string
  type: AttachmentType
  blob: Blob
}

export interface AttachmentStore {
  /** where new files' bytes go */
  readonly bytesIn: 'row' | 'storage'
  /**
   * Stores the file and writes its row, or nothing: a refusal (the database's or the
   * storage's) is thrown as a RepositoryError whose Chinese message names the file.
   */
  add(upload: AttachmentUpload): Promise<CaseAttachment>
  /** Deletes the row (the uploader or an admin) and, where it was the last to use it, the stored object. */
  remove(attachment: CaseAttachment): Promise<void>
  /** A URL the browser shows or downloads the file from (a data: URL, or a signed Storage URL); null: no such file. */
  url(attachment: CaseAttachment): Promise<string | null>
  /** how long (ms) a url() answer may be used */
  readonly urlLifetime: number
}

/** The database's refusal, worded to name the file when it does not already, without the leading "field: ". */
export function namedRefusal(name: string, error: unknown): RepositoryError {
  const refusal = toRepositoryError(error)
  const reason = refusal.message.replace(/^[a-z_]+:\s/, '')
  const message = reason.includes(name) ? reason : `未添加 ${name}：${reason}`
  return new RepositoryError(message, { code: refusal.code, field: refusal.field, kind: refusal.kind, cause: refusal })
}

export function dataUrl(content: NonNullable<AttachmentContent> & { base64: string }): string {
  return `data:${content.mime_type};base64,${content.base64}`
}

/** Base64 of a blob's bytes, in chunks (a 5 MB file is too long for one String.fromCharCode call). */
export async function blobToBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer())
  let binary = ''
  for (let offset = 0; offset < bytes.length; offset += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000))
  }
  return btoa(binary)
}

/** Bytes in the row: add_case_attachment with base64, the content read returns them. */
export function rowAttachmentStore(repository: Repository): AttachmentStore {
  return {
    bytesIn: 'row',
    urlLifetime: Infinity,
    async add(upload) {
      const base64 = await blobToBase64(upload.blob)
      try {
        return await repository.rpc(ATTACHMENT_RPC.add, { p_case_id: upload.caseId, p_stage: upload.stage, p_name: upload.name, p_mime: upload.type, p_base64: base64 })
      } catch (error) {
        throw namedRefusal(upload.name, error)
      }
    },
    async remove(attachment) {
      await repository.rpc(ATTACHMENT_RPC.remove, { p_id: attachment.id })
    },
    async url(attachment) {
      const content = await repository.rpc(ATTACHMENT_RPC.content, { p_id: attachment.id })
      if (!content) return null
      if (content.base64 === null) {
        throw new RepositoryError(`附件「${attachment.file_name}」的内容在文件存储中，本系统未连接文件存储`, { code: 'storage', kind: 'unknown' })
      }
      return dataUrl({ ...content, base64: content.base64 })
    },
  }
}

export const AttachmentStoreContext = createContext<AttachmentStore | null>(null)

export function useAttachmentStore(): AttachmentStore {
  const store = useContext(AttachmentStoreContext)
  if (!store) throw new Error('useAttachmentStore() outside <AttachmentStoreContext.Provider>')
  return store
}
