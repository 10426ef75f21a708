/**
 * Where a case's photos keep their bytes (data/attachment-store.ts,
 * data/supabase/supabase-attachments.ts): the Supabase store uploads to the bucket and then
 * writes the row, removes what it uploaded when the database refuses, and never calls the
 * database when the upload is refused; the embedded store sends base64 into the row. A fake
 * supabase client (storage + rpc) records what is called, in order.
 */
import { createHash } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import type { CaseAttachment } from '../../src/data/attachment-reads.ts'
import { rowAttachmentStore, type AttachmentUpload } from '../../src/data/attachment-store.ts'
import { RepositoryError } from '../../src/data/errors.ts'
import { Repository, type AuthProvider, type RpcTransport } from '../../src/data/repository.ts'
import type { RpcSpec } from '../../src/data/rpc.ts'
import { storageAttachmentStore, type StorageFailure } from '../../src/data/supabase/supabase-attachments.ts'
import { SupabaseTransport } from '../../src/data/supabase/supabase-transport.ts'

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0xff, 0xd9])
const SHA = createHash('sha256').update(JPEG).digest('hex')
const upload: AttachmentUpload = { caseId: 54108, stage: 'report', name: '现场.jpg', type: 'image/jpeg', blob: new Blob([JPEG], { type: 'image/jpeg' }) }
const PATH = `54108/report/${SHA}`

const row = (overrides: Partial<CaseAttachment> = {}): CaseAttachment => ({
  id: 7,
  case_id: 54108,
  stage: 'report',
  file_name: '现场.jpg',
  mime_type: 'image/jpeg',
  size_bytes: JPEG.length,
  sha256: SHA,
  storage_path: PATH,
  in_storage: true,
  uploaded_by: '00000000-0000-4000-8000-000000000003',
  uploaded_by_name: '受理派遣员',
  uploaded_by_role: 'dispatcher',
  uploaded_at: '2026-12-07T08:00:00+08:00',
  ...overrides,
})

const auth: AuthProvider = {
  currentUser: async () => null,
  signIn: async () => {
    throw new Error('not used')
  },
  signOut: async () => {},
  onChange: () => () => {},
}

type Answer = { data: unknown; error: null } | { data: null; error: unknown }

/** A supabase-js client as far as the store uses it: storage.from(bucket).upload/remove/createSignedUrl, and rpc. */
function fakeSupabase(answers: {
  upload?: { error: StorageFailure } | 'throws'
  rpc?: Record<string, Answer | ((args: Record<string, unknown>) => Answer) | 'network'>
  remove?: { error: StorageFailure }
}) {
  const calls: [string, ...unknown[]][] = []
  const client = {
    storage: {
      from(bucket: string) {
        return {
          async upload(path: string, body: Blob, options: unknown) {
            calls.push(['upload', bucket, path, body.size, options])
            if (answers.upload === 'throws') throw new TypeError('Failed to fetch')
            return answers.upload ? { data: null, error: answers.upload.error } : { data: { id: 'x', path, fullPath: `${bucket}/${path}` }, error: null }
          },
          async remove(paths: string[]) {
            calls.push(['remove', bucket, paths])
            return answers.remove ? { data: null, error: answers.remove.error } : { data: [], error: null }
          },
          async createSignedUrl(path: string, expiresIn: number, options?: unknown) {
            calls.push(['sign', bucket, path, expiresIn, options])
            return { data: { signedUrl: `https://project.supabase.co/storage/v1/object/sign/${bucket}/${path}?token=t` }, error: null }
          },
        }
      },
    },
    async rpc(name: string, args: Record<string, unknown>) {
      calls.push(['rpc', name, args])
      const answer = answers.rpc?.[name]
      if (answer === 'network') throw new TypeError('Failed to fetch')
      if (answer === undefined) throw new Error(`unexpected rpc ${name}`)
      return typeof answer === 'function' ? answer(args) : answer
    },
  }
  const repository = new Repository(new SupabaseTransport(client as never), auth, 'https://project.supabase.co')
  return { store: storageAttachmentStore(client.storage, repository), calls }
}

const refusedBy = async (promise: Promise<unknown>): Promise<RepositoryError> => {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(RepositoryError)
    return error as RepositoryError
  }
  throw new Error('expected a refusal')
}

describe('the Supabase attachment store', () => {
  test('uploads the bytes to case-attachments at <case>/<stage>/<sha256>, then writes the row with that sha256', async () => {
    const { store, calls } = fakeSupabase({ rpc: { add_stored_case_attachment: { data: row(), error: null } } })
    const added = await store.add(upload)
    expect(added).toMatchObject({ id: 7, in_storage: true, storage_path: PATH })
    expect(calls).toEqual([
      ['upload', 'case-attachments', PATH, JPEG.length, expect.objectContaining({ contentType: 'image/jpeg', upsert: false })],
      ['rpc', 'add_stored_case_attachment', { p_case_id: 54108, p_stage: 'report', p_name: '现场.jpg', p_mime: 'image/jpeg', p_sha256: SHA }],
    ])
  })

  test('the database refuses: the uploaded object is removed and the refusal, naming the file, is what is thrown', async () => {
    const { store, calls } = fakeSupabase({
      rpc: {
        add_stored_case_attachment: {
          data: null,
          error: { code: 'UG264', message: 'mime_type: 文件「现场.jpg」：存储中的对象类型为 image/png，与声明的类型 image/jpeg 不符', details: null, hint: null },
        },
      },
    })
    const error = await refusedBy(store.add(upload))
    expect([error.code, error.field, error.message]).toEqual(['UG264', 'mime_type', '文件「现场.jpg」：存储中的对象类型为 image/png，与声明的类型 image/jpeg 不符'])
    expect(calls.map((call) => call[0])).toEqual(['upload', 'rpc', 'remove'])
    expect(calls[2]).toEqual(['remove', 'case-attachments', [PATH]])
  })

  test('a refusal that does not name the file is worded to name it (the role, a case that moved on)', async () => {
    const { store, calls } = fakeSupabase({
      rpc: { add_stored_case_attachment: { data: null, error: { code: 'UG242', message: 'stage: 案件当前状态为「已结案」，不能再添加「上报」阶段的附件' } } },
      remove: { error: { message: 'Object not found', status: 404, statusCode: '404' } },
    })
    const error = await refusedBy(store.add(upload))
    // The failed clean-up (best effort) does not hide the database's answer.
    expect([error.code, error.message]).toEqual(['UG242', '未添加 现场.jpg：案件当前状态为「已结案」，不能再添加「上报」阶段的附件'])
    expect(calls.map((call) => call[0])).toEqual(['upload', 'rpc', 'remove'])
  })

  test('the upload is refused: no row is asked for, and the message names the file and why, in Chinese', async () => {
    const cases: [StorageFailure, string][] = [
      [{ message: 'new row violates row-level security policy', status: 403, statusCode: '403' }, '未添加 现场.jpg：无权上传到此案件「上报」阶段的文件存储'],
      [{ message: 'The object exceeded the maximum allowed size', status: 413, statusCode: '413' }, '未添加 现场.jpg：文件存储拒绝：超过 5 MB 的上限'],
      [{ message: 'mime type image/jpeg is not supported', status: 415, statusCode: '415' }, '未添加 现场.jpg：文件存储不接受此类型（image/jpeg）'],
      [{ message: 'Internal Server Error', status: 500, statusCode: '500' }, '未添加 现场.jpg：上传到文件存储失败（Internal Server Error）'],
    ]
    for (const [failure, words] of cases) {
      const { store, calls } = fakeSupabase({ upload: { error: failure } })
      const error = await refusedBy(store.add(upload))
      expect(error.message, failure.message).toContain(words)
      expect(calls.map((call) => call[0])).toEqual(['upload'])
    }
    const { store, calls } = fakeSupabase({ upload: 'throws' })
    expect((await refusedBy(store.add(upload))).message).toBe('未添加 现场.jpg：上传到文件存储失败（Failed to fetch）')
    expect(calls.map((call) => call[0])).toEqual(['upload'])
  })

  test('an object already at the path (same sha256, same bytes) is used; it is not this call’s to remove when the database refuses', async () => {
    const duplicate = { error: { message: 'The resource already exists', status: 409, statusCode: '409' } }
    const accepted = fakeSupabase({ upload: duplicate, rpc: { add_stored_case_attachment: { data: row(), error: null } } })
    expect((await accepted.store.add(upload)).id).toBe(7)
    const refused = fakeSupabase({ upload: duplicate, rpc: { add_stored_case_attachment: { data: null, error: { code: '42501', message: '当前用户（角色：访客）无权在「上报」阶段添加附件，需要受理派遣员或系统管理员角色' } } } })
    const error = await refusedBy(refused.store.add(upload))
    expect([error.code, error.message]).toEqual(['42501', '未添加 现场.jpg：当前用户（角色：访客）无权在「上报」阶段添加附件，需要受理派遣员或系统管理员角色'])
    expect(refused.calls.map((call) => call[0])).toEqual(['upload', 'rpc'])
  })

  test('no answer from the database (the network): the row may exist, so the object stays', async () => {
    const { store, calls } = fakeSupabase({ rpc: { add_stored_case_attachment: 'network' } })
    const error = await refusedBy(store.add(upload))
    expect(error.kind).toBe('network')
    expect(error.message).toContain('现场.jpg')
    expect(calls.map((call) => call[0])).toEqual(['upload', 'rpc'])
  })

  test('reads: a signed URL for a stored file (a PDF downloads under its name), the row’s own bytes for a file kept in the row', async () => {
    const { store, calls } = fakeSupabase({
      rpc: {
        case_attachment_content: (args) =>
          args.p_id === 7
            ? { data: { id: 7, mime_type: 'image/jpeg', base64: null, storage_path: PATH }, error: null }
            : args.p_id === 8
              ? { data: { id: 8, mime_type: 'application/pdf', base64: null, storage_path: `54108/check/${SHA}` }, error: null }
              : { data: { id: 9, mime_type: 'image/png', base64: 'iVBORw0K', storage_path: null }, error: null },
      },
    })
    expect(await store.url(row())).toBe(`https://project.supabase.co/storage/v1/object/sign/case-attachments/${PATH}?token=t`)
    await store.url(row({ id: 8, mime_type: 'application/pdf', file_name: '核查记录.pdf' }))
    expect(await store.url(row({ id: 9, in_storage: false }))).toBe('data:image/png;base64,iVBORw0K')
    expect(calls.filter((call) => call[0] === 'sign')).toEqual([
      ['sign', 'case-attachments', PATH, 3600, undefined],
      ['sign', 'case-attachments', `54108/check/${SHA}`, 3600, { download: '核查记录.pdf' }],
    ])
    expect(store.urlLifetime).toBeLessThan(3600 * 1000)
  })

  test('removing: the row, then the object unless another row of the case still names it', async () => {
    const last = fakeSupabase({ rpc: { remove_case_attachment: { data: null, error: null }, case_attachments: { data: [], error: null } } })
    await last.store.remove(row())
    expect(last.calls.map((call) => call[0] === 'rpc' ? call[1] : call[0])).toEqual(['remove_case_attachment', 'case_attachments', 'remove'])
    const shared = fakeSupabase({ rpc: { remove_case_attachment: { data: null, error: null }, case_attachments: { data: [row({ id: 8 })], error: null } } })
    await shared.store.remove(row())
    expect(shared.calls.map((call) => call[0])).toEqual(['rpc', 'rpc'])
    const refused = fakeSupabase({ rpc: { remove_case_attachment: { data: null, error: { code: 'UG249', message: 'id: 案件已已结案，附件「现场.jpg」不能再删除' } } } })
    expect((await refusedBy(refused.store.remove(row()))).code).toBe('UG249')
    expect(refused.calls.map((call) => call[0])).toEqual(['rpc'])
  })
})

describe('the embedded attachment store (bytes in the row)', () => {
  test('sends the bytes as base64 to add_case_attachment and reads them back as a data: URL', async () => {
    const calls: [string, Record<string, unknown>][] = []
    const transport: RpcTransport = {
      kind: 'embedded',
      async call(rpc: RpcSpec, args: Record<string, unknown>) {
        calls.push([rpc.name, args])
        if (rpc.name === 'add_case_attachment') return row({ in_storage: false })
        if (rpc.name === 'case_attachment_content') return { id: 7, mime_type: 'image/jpeg', base64: 'AAEC', storage_path: null }
        throw new Error(`unexpected rpc ${rpc.name}`)
      },
    }
    const store = rowAttachmentStore(new Repository(transport, auth, '内置演示数据库'))
    expect(store.bytesIn).toBe('row')
    await store.add(upload)
    expect(calls[0]).toEqual(['add_case_attachment', { p_case_id: 54108, p_stage: 'report', p_name: '现场.jpg', p_mime: 'image/jpeg', p_base64: Buffer.from(JPEG).toString('base64') }])
    expect(await store.url(row({ in_storage: false }))).toBe('data:image/jpeg;base64,AAEC')
  })
})
