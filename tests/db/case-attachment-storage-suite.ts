/**
 * Case attachments whose bytes live in Supabase Storage
 * (supabase/migrations/20261209000100_case_attachment_storage.sql), run unchanged on PGlite
 * and on native PostgreSQL 15. Neither has Supabase's `storage` schema, so each test makes a
 * minimal one inside its rolled-back transaction — buckets, objects and storage.foldername
 * shaped like Supabase's — and runs the bucket + policies block of
 * 20261208000300_case_attachments.sql on it, so the function's object checks and the
 * bucket's policies by role run for real. Without it the function refuses (UG261).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { MIGRATIONS_DIR } from '../../scripts/db/migrations.ts'
import { DEMO_USERS } from '../../scripts/seed/reference-data.ts'
import { failure, type Engine, type Query } from './engine.ts'
import { registeredCase } from './case-at.ts'

const user = (role: (typeof DEMO_USERS)[number]['role']) => DEMO_USERS.find((candidate) => candidate.role === role)!.id
const DISPATCHER = user('dispatcher')
const STAFF = user('staff')
const ADMIN = user('admin')

const SHA = (digit: string) => digit.repeat(64)
const FIVE_MB = 5 * 1024 * 1024

/** Supabase's storage schema, as much of it as the bucket, its policies and the function use. */
const STORAGE_SCHEMA = [
  `create schema storage`,
  `create table storage.buckets (
    id text primary key, name text not null, owner uuid, owner_id text, public boolean default false,
    file_size_limit bigint, allowed_mime_types text[], created_at timestamptz default now(), updated_at timestamptz default now())`,
  `create table storage.objects (
    id uuid primary key default gen_random_uuid(), bucket_id text references storage.buckets (id), name text,
    owner uuid, owner_id text, metadata jsonb, user_metadata jsonb, version text,
    path_tokens text[] generated always as (string_to_array(name, '/')) stored,
    created_at timestamptz default now(), updated_at timestamptz default now(), last_accessed_at timestamptz default now(),
    unique (bucket_id, name))`,
  `create function storage.foldername(name text) returns text[] language plpgsql immutable as $f$
  declare _parts text[];
  begin
    select string_to_array(name, '/') into _parts;
    return _parts[1:array_length(_parts, 1) - 1];
  end
  $f$`,
  `alter table storage.objects enable row level security`,
  `grant usage on schema storage to authenticated, anon`,
  `grant select, insert, update, delete on storage.objects to authenticated`,
  `grant select on storage.buckets to authenticated`,
]

/** The guarded Storage block at the end of the attachments migration: the bucket and its policies. */
function bucketBlock(): string {
  const sql = readFileSync(join(MIGRATIONS_DIR, '20261208000300_case_attachments.sql'), 'utf8')
  const start = sql.lastIndexOf('do $$\nbegin\n  if exists (select from pg_namespace where nspname = \'storage\')')
  if (start < 0) throw new Error('the Storage block of 20261208000300_case_attachments.sql was not found')
  return sql.slice(start)
}

interface Row {
  id: number
  case_id: number
  stage: string
  file_name: string
  mime_type: string
  size_bytes: number
  sha256: string
  storage_path: string
  in_storage: boolean
  uploaded_by: string | null
  uploaded_by_role: string
}

/** As Storage records an upload: the object row with its owner, size and Content-Type. */
const putObject = (as: Query, path: string, size: number, mime: string, owner: string) =>
  as(`insert into storage.objects (bucket_id, name, owner, owner_id, metadata) values ('case-attachments', $1, $2::uuid, $3, $4::jsonb)`, [
    path,
    owner,
    owner,
    JSON.stringify({ size, mimetype: mime, eTag: '"x"', cacheControl: 'max-age=3600' }),
  ])

const addStored = async (as: Query, caseId: number, stage: string, name: string, mime: string, sha: string) =>
  (await as<{ r: Row }>(`select public.add_stored_case_attachment($1, $2, $3, $4, $5) as r`, [caseId, stage, name, mime, sha]))[0].r

const countFor = async (as: Query, caseId: number) =>
  (await as<{ n: number }>(`select count(*)::int as n from public.case_attachments where incident_id = $1`, [caseId]))[0].n

const caseIn = async (as: Query, status: string) =>
  (await as<{ id: number }>(`select id::int from public.incidents where status = $1 order by id limit 1`, [status]))[0].id

/** Acts as `userId` through the API role, the way PostgREST runs a request. */
const actAs = async (as: Query, userId: string) => {
  await as(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub: userId, role: 'authenticated' })])
  await as('set local role authenticated')
}

/**
 * One rolled-back transaction with Supabase's storage schema, the bucket and its policies;
 * `work` starts as the database owner (to put objects as Storage would) and calls actAs.
 */
const withStorage = <T>(engine: Engine, work: (as: Query) => Promise<T>) =>
  engine.asOwner(async (as) => {
    for (const statement of [...STORAGE_SCHEMA, bucketBlock()]) await as(statement)
    return work(as)
  })

export function defineCaseAttachmentStorageSuite(engine: () => Engine) {
  it('a photo already in the bucket becomes a row without content: size from Storage, in_storage, the object named by storage_path', async () => {
    await withStorage(engine(), async (as) => {
      const id = await registeredCase(as)
      const path = `${id}/report/${SHA('a')}`
      await actAs(as, DISPATCHER)
      // The upload itself, under the bucket's insert policy (dispatcher, report folder).
      await putObject(as, path, 123_456, 'image/jpeg', DISPATCHER)
      const row = await addStored(as, id, 'report', ' 现场.jpg ', 'image/jpeg', SHA('a'))
      expect(row).toMatchObject({
        case_id: id,
        stage: 'report',
        file_name: '现场.jpg',
        mime_type: 'image/jpeg',
        size_bytes: 123_456,
        sha256: SHA('a'),
        storage_path: path,
        in_storage: true,
        uploaded_by: DISPATCHER,
        uploaded_by_role: 'dispatcher',
      })
      const [{ stored }] = await as<{ stored: boolean }>(`select content is null and in_storage as stored from public.case_attachments where id = $1`, [row.id])
      expect(stored).toBe(true)
      const list = (await as<{ r: Row[] }>(`select public.case_attachments($1) as r`, [id]))[0].r
      expect(list.map((entry) => [entry.id, entry.in_storage])).toEqual([[row.id, true]])
      // The content read says where the bytes are instead of carrying them.
      const content = (await as<{ r: unknown }>(`select public.case_attachment_content($1) as r`, [row.id]))[0].r
      expect(content).toEqual({ id: row.id, mime_type: 'image/jpeg', base64: null, storage_path: path })
      // An identical file (same sha256) attached again refers to the same object.
      const again = await addStored(as, id, 'report', '现场（副本）.jpg', 'image/jpeg', SHA('a'))
      expect(again.storage_path).toBe(path)
      // Bytes in the row, as before: in_storage false, base64 given, storage_path null.
      const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex')
      const inRow = (await as<{ r: Row }>(`select public.add_case_attachment($1, 'report', 'a.png', 'image/png', $2) as r`, [id, png.toString('base64')]))[0].r
      expect(inRow.in_storage).toBe(false)
      const inRowContent = (await as<{ r: { base64: string; storage_path: string | null } }>(`select public.case_attachment_content($1) as r`, [inRow.id]))[0].r
      expect([Buffer.from(inRowContent.base64, 'base64').equals(png), inRowContent.storage_path]).toEqual([true, null])
    })
  })

  it('refuses an object that is not in the bucket, one over 5 MB or empty, one of another type and a malformed sha256 — each named, nothing written', async () => {
    await withStorage(engine(), async (as) => {
      const id = await registeredCase(as)
      // Exactly 5 MB passes; one byte more does not. Objects put as Storage's service would (no policy).
      await putObject(as, `${id}/report/${SHA('1')}`, FIVE_MB + 1, 'image/jpeg', DISPATCHER)
      await putObject(as, `${id}/report/${SHA('2')}`, 0, 'application/pdf', DISPATCHER)
      await putObject(as, `${id}/report/${SHA('3')}`, 2048, 'image/png', DISPATCHER)
      await putObject(as, `${id}/report/${SHA('4')}`, FIVE_MB, 'image/jpeg', DISPATCHER)
      // An object of another bucket with the same name is not the file.
      await as(`insert into storage.buckets (id, name) values ('other', 'other')`)
      await as(`insert into storage.objects (bucket_id, name, metadata) values ('other', $1, '{"size": 10, "mimetype": "image/jpeg"}')`, [`${id}/report/${SHA('5')}`])
      await actAs(as, DISPATCHER)
      const refusals: [string, string, string, string, string, string][] = [
        ['没传上.jpg', 'image/jpeg', SHA('9'), 'UG262', 'storage_path', '没有对象'],
        ['别的桶.jpg', 'image/jpeg', SHA('5'), 'UG262', 'storage_path', '没有对象'],
        ['大图.jpg', 'image/jpeg', SHA('1'), 'UG263', 'content', '超过 5 MB'],
        ['空.pdf', 'application/pdf', SHA('2'), 'UG263', 'content', '空'],
        ['类型不符.jpg', 'image/jpeg', SHA('3'), 'UG264', 'mime_type', 'image/png'],
        ['坏哈希.jpg', 'image/jpeg', 'ABC', 'UG260', 'sha256', 'sha256'],
        ['大写哈希.jpg', 'image/jpeg', SHA('A'), 'UG260', 'sha256', 'sha256'],
        ['表格.xlsx', 'application/vnd.ms-excel', SHA('3'), 'UG244', 'mime_type', '只能上传'],
      ]
      for (const [name, mime, sha, code, column, words] of refusals) {
        const error = await failure(addStored(as, id, 'report', name, mime, sha))
        expect([error.code, error.column, error.message], name).toEqual([code, column, expect.stringContaining(words)])
        expect(error.message).toContain(name)
      }
      expect(await countFor(as, id)).toBe(0)
      expect((await addStored(as, id, 'report', '刚好.jpg', 'image/jpeg', SHA('4'))).size_bytes).toBe(FIVE_MB)
      expect(await countFor(as, id)).toBe(1)
    })
  })

  it('the role for the stage and the case’s state are checked as for bytes in the row; the bucket’s policies admit the same roles', async () => {
    await withStorage(engine(), async (as) => {
      const handled = await caseIn(as, 'handled')
      const closed = await caseIn(as, 'closed')
      for (const [caseId, stage] of [[handled, 'report'], [handled, 'handle'], [closed, 'report']] as const) {
        await putObject(as, `${caseId}/${stage}/${SHA('b')}`, 100, 'application/pdf', ADMIN)
      }
      await actAs(as, STAFF)
      const staffAtReport = await failure(addStored(as, handled, 'report', 'a.pdf', 'application/pdf', SHA('b')))
      expect([staffAtReport.code, staffAtReport.message]).toEqual(['42501', expect.stringContaining('无权')])
      expect((await addStored(as, handled, 'handle', '处置后.pdf', 'application/pdf', SHA('b'))).uploaded_by_role).toBe('staff')
      await actAs(as, DISPATCHER)
      const movedOn = await failure(addStored(as, closed, 'report', 'a.pdf', 'application/pdf', SHA('b')))
      expect([movedOn.code, movedOn.column]).toEqual(['UG242', 'stage'])
      const noCase = await failure(addStored(as, 999_999_999, 'report', 'a.pdf', 'application/pdf', SHA('b')))
      expect([noCase.code, noCase.column]).toEqual(['UG241', 'case_id'])
      const badStage = await failure(addStored(as, handled, 'archive', 'a.pdf', 'application/pdf', SHA('b')))
      expect([badStage.code, badStage.column]).toEqual(['UG240', 'stage'])
      expect(await countFor(as, handled)).toBe(1)
      expect(await countFor(as, closed)).toBe(0)

      // The bucket: a dispatcher may not upload into a case's 处置 folder, staff may; no case, no upload.
      const intoHandle = await failure(putObject(as, `${handled}/handle/${SHA('c')}`, 100, 'application/pdf', DISPATCHER))
      expect(intoHandle.code).toBe('42501')
      const noSuchCase = await failure(putObject(as, `999999999/report/${SHA('c')}`, 100, 'application/pdf', DISPATCHER))
      expect(noSuchCase.code).toBe('42501')
      await putObject(as, `${handled}/check/${SHA('c')}`, 100, 'application/pdf', DISPATCHER)
      await actAs(as, STAFF)
      await putObject(as, `${handled}/handle/${SHA('c')}`, 100, 'application/pdf', STAFF)
      // Delete: the owner or an admin; anyone else's delete touches nothing.
      const deleted = async (path: string) =>
        (await as<{ n: number }>(`with d as (delete from storage.objects where bucket_id = 'case-attachments' and name = $1 returning 1) select count(*)::int as n from d`, [path]))[0].n
      expect(await deleted(`${handled}/check/${SHA('c')}`)).toBe(0)
      expect(await deleted(`${handled}/handle/${SHA('c')}`)).toBe(1)
      await actAs(as, ADMIN)
      expect(await deleted(`${handled}/check/${SHA('c')}`)).toBe(1)
    })
  })

  it('the table holds the bytes in exactly one place: no row with neither content nor an object, nor with both', async () => {
    await engine().asOwner(async (as) => {
      const id = await registeredCase(as)
      const insert = (content: Buffer | null, inStorage: boolean) =>
        as(
          `insert into public.case_attachments (incident_id, stage, file_name, mime_type, size_bytes, sha256, content, in_storage, storage_path)
           values ($1, 'report', 'x.pdf', 'application/pdf', 3, repeat('0', 64), $2, $3, 'x')`,
          [id, content, inStorage],
        )
      expect((await failure(insert(null, false))).code).toBe('23514')
      expect((await failure(insert(Buffer.from('abc'), true))).code).toBe('23514')
      await insert(Buffer.from('abc'), false)
      await insert(null, true)
      expect(await countFor(as, id)).toBe(2)
    })
  })

  it('without Supabase Storage (the embedded demo, native PostgreSQL) it refuses and says the bytes go in the row', async () => {
    await engine().asUser(DISPATCHER, async (as) => {
      const id = await registeredCase(as)
      const error = await failure(addStored(as, id, 'report', '现场.jpg', 'image/jpeg', SHA('a')))
      expect([error.code, error.column]).toEqual(['UG261', 'storage_path'])
      expect(error.message).toContain('未启用对象存储')
      expect(error.message).toContain('现场.jpg')
      expect(await countFor(as, id)).toBe(0)
    })
  })
}
