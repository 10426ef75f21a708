/**
 * Case attachments and case links (supabase/migrations/20261208000300_case_attachments.sql),
 * run unchanged on PGlite and on native PostgreSQL 15: who may attach at which stage, the
 * type read from the bytes, the 5 MB limit, nothing written on a refusal, removal, and the
 * 总览's case lookup and search by platform number.
 */
import { expect, it } from 'vitest'
import { DEMO_USERS } from '../../scripts/seed/reference-data.ts'
import { failure, type Engine, type Query } from './engine.ts'
import { registeredCase } from './case-at.ts'

const user = (role: (typeof DEMO_USERS)[number]['role']) => DEMO_USERS.find((candidate) => candidate.role === role)!.id
const DISPATCHER = user('dispatcher')
const STAFF = user('staff')
const ADMIN = user('admin')
const VIEWER = user('viewer')

// The smallest files of each type that pass the magic-byte check.
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex')
const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex')
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1')
const b64 = (bytes: Buffer) => bytes.toString('base64')

interface Attachment {
  id: number
  case_id: number
  stage: string
  file_name: string
  mime_type: string
  size_bytes: number
  sha256: string
  storage_path: string
  uploaded_by_name: string | null
  uploaded_by_role: string
}

const add = async (as: Query, caseId: number, stage: string, name: string, mime: string, base64: string) =>
  (await as<{ r: Attachment }>(`select public.add_case_attachment($1, $2, $3, $4, $5) as r`, [caseId, stage, name, mime, base64]))[0].r

const countFor = async (as: Query, caseId: number) =>
  (await as<{ n: number }>(`select count(*)::int as n from public.case_attachments where incident_id = $1`, [caseId]))[0].n

const caseIn = async (as: Query, status: string) =>
  (await as<{ id: number }>(`select id::int from public.incidents where status = $1 order by id limit 1`, [status]))[0].id

export function defineCaseAttachmentsSuite(engine: () => Engine) {
  it('a dispatcher attaches a before photo at 上报; it is read back with its bytes, size, sha256 and who added it', async () => {
    await engine().asUser(DISPATCHER, async (as) => {
      const id = await registeredCase(as)
      const row = await add(as, id, 'report', '现场.png', 'image/png', b64(PNG))
      expect(row).toMatchObject({ case_id: id, stage: 'report', file_name: '现场.png', mime_type: 'image/png', size_bytes: PNG.length, uploaded_by_role: 'dispatcher' })
      expect(row.sha256).toBe((await as<{ h: string }>(`select encode(sha256($1::bytea), 'hex') as h`, [PNG]))[0].h)
      expect(row.storage_path).toBe(`${id}/report/${row.sha256}`)
      expect(row.uploaded_by_name).toBeTruthy()
      const list = (await as<{ r: Attachment[] }>(`select public.case_attachments($1) as r`, [id]))[0].r
      expect(list.map((entry) => entry.id)).toEqual([row.id])
      const content = (await as<{ r: { mime_type: string; base64: string } }>(`select public.case_attachment_content($1) as r`, [row.id]))[0].r
      expect(Buffer.from(content.base64, 'base64').equals(PNG)).toBe(true)
    })
  })

  it('roles by stage: staff attach at 处置 only, the desk at 上报 and 核查, a viewer nowhere — refused, nothing written', async () => {
    const id = await engine().asUser(ADMIN, async (as) => caseIn(as, 'handled'))
    const cases: [string, string, boolean][] = [
      [STAFF, 'report', false],
      [STAFF, 'handle', true],
      [STAFF, 'check', false],
      [DISPATCHER, 'handle', false],
      [DISPATCHER, 'check', true],
      [VIEWER, 'report', false],
      [ADMIN, 'handle', true],
    ]
    for (const [who, stage, allowed] of cases) {
      await engine().asUser(who, async (as) => {
        if (allowed) {
          expect((await add(as, id, stage, 'a.jpg', 'image/jpeg', b64(JPEG))).stage).toBe(stage)
        } else {
          const error = await failure(add(as, id, stage, 'a.jpg', 'image/jpeg', b64(JPEG)))
          expect(error.code, `${who} ${stage}`).toBe('42501')
          expect(error.message).toContain('无权')
          expect(await countFor(as, id)).toBe(0)
        }
      })
    }
  })

  it('refuses a declared type the bytes do not have, a type not allowed, a file over 5 MB, an empty file and bad base64 — each named, nothing written', async () => {
    await engine().asUser(DISPATCHER, async (as) => {
      const id = await registeredCase(as)
      const refusals: [string, string, string, string, string][] = [
        ['假照片.jpg', 'image/jpeg', b64(PDF), 'UG247', '内容不是它声明的类型'],
        ['文本.png', 'image/png', b64(Buffer.from('hello world, not a picture')), 'UG247', '也不是'],
        ['表格.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', b64(PDF), 'UG244', '只能上传'],
        ['大图.jpg', 'image/jpeg', b64(Buffer.concat([JPEG, Buffer.alloc(5 * 1024 * 1024)])), 'UG246', '超过 5 MB'],
        ['空.pdf', 'application/pdf', '', 'UG246', '空'],
        ['坏.pdf', 'application/pdf', '!!!!', 'UG245', 'base64'],
      ]
      for (const [name, mime, base64, code, words] of refusals) {
        const error = await failure(add(as, id, 'report', name, mime, base64))
        expect([error.code, error.message], name).toEqual([code, expect.stringContaining(words)])
        expect(error.message).toContain(name)
      }
      // Exactly 5 MB passes.
      const five = Buffer.concat([JPEG, Buffer.alloc(5 * 1024 * 1024 - JPEG.length)])
      expect((await add(as, id, 'report', '刚好.jpg', 'image/jpeg', b64(five))).size_bytes).toBe(5 * 1024 * 1024)
      expect(await countFor(as, id)).toBe(1)
    })
  })

  it('refuses an unknown stage, a missing case, a bad file name and a stage its case has moved past', async () => {
    await engine().asUser(ADMIN, async (as) => {
      const registered = await registeredCase(as)
      const closed = await caseIn(as, 'closed')
      // One at a time: each statement runs under its own savepoint.
      const checks: [() => Promise<unknown>, string, string][] = [
        [() => add(as, registered, 'archive', 'a.pdf', 'application/pdf', b64(PDF)), 'UG240', 'stage'],
        [() => add(as, 999_999_999, 'report', 'a.pdf', 'application/pdf', b64(PDF)), 'UG241', 'case_id'],
        [() => add(as, registered, 'report', '../a.pdf', 'application/pdf', b64(PDF)), 'UG243', 'file_name'],
        [() => add(as, registered, 'handle', 'a.pdf', 'application/pdf', b64(PDF)), 'UG242', 'stage'],
        [() => add(as, closed, 'report', 'a.pdf', 'application/pdf', b64(PDF)), 'UG242', 'stage'],
      ]
      for (const [call, code, column] of checks) {
        const error = await failure(call())
        expect([error.code, error.column]).toEqual([code, column])
      }
      expect(await countFor(as, registered)).toBe(0)
      expect(await countFor(as, closed)).toBe(0)
    })
  })

  it('the uploader or an admin removes an attachment, another user may not; no direct writes on the table', async () => {
    const id = await engine().asUser(ADMIN, async (as) => caseIn(as, 'dispatched'))
    await engine().asUser(STAFF, async (as) => {
      const row = await add(as, id, 'handle', '处置后.pdf', 'application/pdf', b64(PDF))
      await as(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub: DISPATCHER, role: 'authenticated' })])
      const notYours = await failure(as(`select public.remove_case_attachment($1)`, [row.id]))
      expect(notYours.code).toBe('42501')
      const direct = await failure(as(`delete from public.case_attachments where id = $1`, [row.id]))
      expect(direct.code).toBe('42501')
      const insert = await failure(
        as(`insert into public.case_attachments (incident_id, stage, file_name, mime_type, size_bytes, sha256, storage_path) values ($1, 'report', 'x.pdf', 'application/pdf', 1, repeat('0', 64), 'x')`, [id]),
      )
      expect(insert.code).toBe('42501')
      await as(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub: STAFF, role: 'authenticated' })])
      await as(`select public.remove_case_attachment($1)`, [row.id])
      expect(await countFor(as, id)).toBe(0)
      const gone = await failure(as(`select public.remove_case_attachment($1)`, [row.id]))
      expect([gone.code, gone.column]).toEqual(['UG248', 'id'])
    })
  })

  it('the 总览 reads a case with its platform number and finds it by that number or by its id', async () => {
    await engine().asUser(VIEWER, async (as) => {
      const [{ id, number }] = await as<{ id: number; number: string }>(
        `select i.id::int as id, d.r ->> 'case_number' as number
         from (select id from public.incidents order by id desc limit 1) i, lateral (select public.case_detail(i.id) as r) d`,
      )
      expect(number).toMatch(/^\d{8}-\d{6}$/)
      const feature = (await as<{ r: { id: number; properties: { case_number: string } } }>(`select public.incident_feature($1) as r`, [id]))[0].r
      expect(feature.properties.case_number).toBe(number)
      for (const text of [number, String(id)]) {
        const hits = (await as<{ r: { layer: string; id: number; code: string }[] }>(`select public.search_features($1, 20) as r`, [text]))[0].r
        expect(hits[0], text).toMatchObject({ layer: 'incident', id, code: number })
      }
      // A wrong date in the number finds no case.
      const wrongDay = `19990101-${number.split('-')[1]}`
      const hits = (await as<{ r: { layer: string }[] }>(`select public.search_features($1, 20) as r`, [wrongDay]))[0].r
      expect(hits.filter((hit) => hit.layer === 'incident')).toEqual([])
    })
  })
}
