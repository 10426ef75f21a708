/**
 * Case attachments (supabase/migrations/20261208000300_case_attachments.sql): the list of a
 * case's photos and files, one attachment's bytes, and the two writes.
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
  uploaded_by: z.string().nullable(),
  uploaded_by_name: z.string().nullable(),
  uploaded_by_role: z.string().nullable(),
  uploaded_at: z.string(),
})
export type CaseAttachment = z.infer<typeof caseAttachmentSchema>

const contentSchema = z.object({ id: z.number(), mime_type: z.string(), base64: z.string() }).nullable()

export const ATTACHMENT_RPC = {
  list: { name: 'case_attachments', args: { p_case_id: 'bigint' }, result: z.array(caseAttachmentSchema) },
  content: { name: 'case_attachment_content', args: { p_id: 'bigint' }, result: contentSchema },
  add: {
    name: 'add_case_attachment',
    args: { p_case_id: 'bigint', p_stage: 'text', p_name: 'text', p_mime: 'text', p_base64: 'text' },
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

/** An attachment's bytes never change (a new file is a new row): cached until dropped. */
export const ATTACHMENT_CONTENT_READ = defineRead({
  kind: 'caseAttachmentContent',
  fetch: (repository, id: number) => repository.rpc(ATTACHMENT_RPC.content, { p_id: id }),
  staleTime: Infinity,
})
