/**
 * Case attachments (supabase/migrations/20261208000300_case_attachments.sql and
 * 20261209000100_case_attachment_storage.sql): the list of a case's photos and files, where
 * one attachment's bytes are, and the writes. Which write stores a file is the backend's
 * AttachmentStore's choice (data/attachment-store.ts): bytes in the row (embedded), or in
 * Supabase Storage first and then the row (Supabase).
 */
import { z } from 'zod'
import { defineRead } from './reads.ts'
import type { RpcSpec } from './rpc.ts'

import { ATTACHMENT_STAGES } from '../domain/attachments/attachment-stages.ts'

export const caseAttachmentSchema = z.object({
  id: z.number(),
  case_id: z.number(),
  stage: z.enum(ATTACHMENT_STAGES),
  file_name: z.string(),
  mime_type: z.string(),
  size_bytes: z.number(),
  sha256: z.string(),
  storage_path: z.string(),
  /** the bytes are the Storage object storage_path (bucket case-attachments), not in the row */
  in_storage: z.boolean(),
  uploaded_by: z.string().nullable(),
  uploaded_by_name: z.string().nullable(),
  uploaded_by_role: z.string().nullable(),
  uploaded_at: z.string(),
})
export type CaseAttachment = z.infer<typeof caseAttachmentSchema>

/** base64 when the bytes are in the row; otherwise null, and storage_path names the object to fetch */
const contentSchema = z.object({ id: z.number(), mime_type: z.string(), base64: z.string().nullable(), storage_path: z.string().nullable() }).nullable()
export type AttachmentContent = z.infer<typeof contentSchema>

export const ATTACHMENT_RPC = {
  list: { name: 'case_attachments', args: { p_case_id: 'bigint' }, result: z.array(caseAttachmentSchema) },
  content: { name: 'case_attachment_content', args: { p_id: 'bigint' }, result: contentSchema },
  add: {
    name: 'add_case_attachment',
    args: { p_case_id: 'bigint', p_stage: 'text', p_name: 'text', p_mime: 'text', p_base64: 'text' },
    result: caseAttachmentSchema,
    writes: ['case_attachments'],
  },
  /** a file whose bytes are already in the bucket at <case>/<stage>/<sha256> (Supabase only) */
  addStored: {
    name: 'add_stored_case_attachment',
    args: { p_case_id: 'bigint', p_stage: 'text', p_name: 'text', p_mime: 'text', p_sha256: 'text' },
    result: caseAttachmentSchema,
    writes: ['case_attachments'],
  },
  remove: { name: 'remove_case_attachment', args: { p_id: 'bigint' }, result: z.unknown(), writes: ['case_attachments'] },
} satisfies Record<string, RpcSpec>

export const CASE_ATTACHMENTS_READ = defineRead({
  kind: 'caseAttachments',
  fetch: (repository, caseId: number) => repository.rpc(ATTACHMENT_RPC.list, { p_case_id: caseId }),
  tables: ['case_attachments'],
})
