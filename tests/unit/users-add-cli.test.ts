/**
 * `npm run users:add`: its options, the password input and the summary line, without a
 * database (tests/db/users-suite.ts covers public.admin_set_user itself).
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import bcrypt from 'bcryptjs'
import {
  hashPassword,
  MAXIMUM_PASSWORD_BYTES,
  MINIMUM_PASSWORD_LENGTH,
  parseUsersAddArgs,
  readPassword,
  summaryLine,
  UsersAddError,
  type PasswordSource,
} from '../../scripts/users-add.ts'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const URL = 'postgres://postgres:secret@db.example.cn:5432/postgres'
const required = ['--database-url', URL, '--email', 'a@b.cn', '--role', 'dispatcher']

function refusal(work: () => unknown): UsersAddError {
  try {
    work()
  } catch (error) {
    expect(error).toBeInstanceOf(UsersAddError)
    return error as UsersAddError
  }
  throw new Error('expected the options to be refused')
}

async function refusalOf(work: Promise<unknown>): Promise<UsersAddError> {
  try {
    await work
  } catch (error) {
    expect(error).toBeInstanceOf(UsersAddError)
    return error as UsersAddError
  }
  throw new Error('expected the password to be refused')
}

describe('users:add options', () => {
  it('reads every option, normalising email and role as the database does', () => {
    expect(parseUsersAddArgs(['--database-url', URL, '--email', ' Zhang.San@Example.CN ', '--role', 'Dispatcher', '--name', ' 张三 '])).toEqual({
      databaseUrl: URL,
      email: 'zhang.san@example.cn',
      role: 'dispatcher',
      name: '张三',
      password: null,
      department: null,
    })
    expect(parseUsersAddArgs([...required, '--department', ' hw ']).department).toBe('HW')
    expect(parseUsersAddArgs([...required, '--no-department']).department).toBe('')
    expect(parseUsersAddArgs([...required, '--password-stdin']).password).toEqual({ from: 'stdin' })
    expect(parseUsersAddArgs([...required, '--password-env', 'NEW_USER_PASSWORD']).password).toEqual({ from: 'env', variable: 'NEW_USER_PASSWORD' })
    expect(parseUsersAddArgs([`--database-url=${URL}`, '--email=a@b.cn', '--role=viewer', '--name=']).name).toBeNull()
  })

  it('names what is missing or wrong, in Chinese, with exit code 1', () => {
    const cases: [string[], RegExp][] = [
      [[], /缺少选项 --database-url、--email、--role/],
      [['--email', 'a@b.cn', '--role', 'viewer'], /缺少选项 --database-url/],
      [[...required.slice(0, 4)], /缺少选项 --role/],
      [['--database-url', URL, '--email', 'not-an-email', '--role', 'viewer'], /--email 邮箱地址格式不正确：“not-an-email”/],
      [['--database-url', URL, '--email', 'a@b', '--role', 'viewer'], /--email 邮箱地址格式不正确/],
      [['--database-url', URL, '--email', 'a@b.cn', '--role', 'superuser'], /--role 应为 admin 系统管理员、.*viewer 访客.* 之一，收到“superuser”/],
      [['--database-url', 'mysql://x', '--email', 'a@b.cn', '--role', 'viewer'], /--database-url 应以 postgres:\/\//],
      [[...required, '--password-stdin', '--password-env', 'X'], /只能选一个/],
      [[...required, '--password-env', 'NOT A NAME'], /--password-env 应为环境变量名/],
      [[...required, '--password', 'hunter22'], /未知选项 --password/],
      [[...required, '--name'], /选项 --name 需要一个值/],
      [[...required, 'stray'], /多余的参数 stray/],
      [[...required, '--department', 'HW', '--no-department'], /--department 与 --no-department 只能选一个/],
      [[...required, '--department', '环卫处'], /--department 应为部门代码（字母或数字，如 HW），收到“环卫处”/],
    ]
    for (const [argv, message] of cases) {
      const error = refusal(() => parseUsersAddArgs(argv))
      expect(error.message, argv.join(' ')).toMatch(message)
      expect(error.exitCode, argv.join(' ')).toBe(1)
    }
  })

  it('never echoes the database password in an error', () => {
    const error = refusal(() => parseUsersAddArgs(['--database-url', 'mysql://root:secret@host/db', '--email', 'a@b.cn', '--role', 'viewer']))
    expect(error.message).not.toContain('secret')
    expect(error.message).toContain('root:***@')
  })

  it('prints the usage with exit code 0 for --help', () => {
    const error = refusal(() => parseUsersAddArgs(['--help']))
    expect([error.exitCode, error.message.startsWith('用法：npm run users:add')]).toEqual([0, true])
  })

  it('fails the real command with exit code 1 and the reason on stderr', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/users-add.ts', '--email', 'a@b.cn', '--role', 'viewer'], {
      cwd: repoRoot,
      encoding: 'utf8',
    })
    expect(run.status).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(/^缺少选项 --database-url\n用法：/)
  })
})

describe('users:add password input', () => {
  const stdin = (text: string, isTTY = false) => Object.assign(Readable.from([Buffer.from(text, 'utf8')]), { isTTY })
  const read = (source: PasswordSource, text = '', env: Record<string, string> = {}, isTTY = false) => readPassword(source, { stdin: stdin(text, isTTY), env })

  it('takes standard input without the final line break, or an environment variable', async () => {
    expect(await read({ from: 'stdin' }, '城管 secret 2026\n')).toBe('城管 secret 2026')
    expect(await read({ from: 'stdin' }, 'with-crlf-line\r\n')).toBe('with-crlf-line')
    expect(await read({ from: 'stdin' }, ' spaces kept \n\n')).toBe(' spaces kept \n')
    expect(await read({ from: 'env', variable: 'PW' }, '', { PW: 'from-the-environment' })).toBe('from-the-environment')
  })

  it('refuses a terminal, an empty source and passwords GoTrue or bcrypt would not take as given', async () => {
    expect((await refusalOf(read({ from: 'stdin' }, 'typed-in-clear', {}, true))).message).toMatch(/从管道读取密码/)
    expect((await refusalOf(read({ from: 'stdin' }, '\n'))).message).toMatch(/标准输入中没有密码/)
    expect((await refusalOf(read({ from: 'env', variable: 'PW' }))).message).toMatch(/环境变量 PW 未设置或为空/)
    expect((await refusalOf(read({ from: 'stdin' }, 'x'.repeat(MINIMUM_PASSWORD_LENGTH - 1)))).message).toMatch(/密码太短/)
    expect(await read({ from: 'stdin' }, '密码'.repeat(MINIMUM_PASSWORD_LENGTH / 2))).toHaveLength(MINIMUM_PASSWORD_LENGTH)
    expect(await read({ from: 'stdin' }, 'x'.repeat(MAXIMUM_PASSWORD_BYTES))).toHaveLength(MAXIMUM_PASSWORD_BYTES)
    // 25 Chinese characters are 75 bytes: bcrypt would ignore the last one
    expect((await refusalOf(read({ from: 'stdin' }, '城'.repeat(25)))).message).toMatch(/密码太长.*72 字节/)
  })
})

describe('users:add summary', () => {
  const result = { user_id: 'c0ffee00-0000-4000-8000-000000000001', email: 'a@b.cn', display_name: '张三', role: 'dispatcher' as const }
  it('says what happened to the account, its role and its password', () => {
    expect(summaryLine({ ...result, created: true, password_set: true })).toBe(
      '已创建账号 a@b.cn（张三），角色：受理派遣员 / dispatcher，已设置密码。用户 ID：c0ffee00-0000-4000-8000-000000000001',
    )
    expect(summaryLine({ ...result, created: true, password_set: false })).toMatch(/^已创建账号 .*未设置密码（账号暂不能登录/)
    expect(summaryLine({ ...result, created: false, password_set: false })).toMatch(/^已更新账号 a@b\.cn（张三），角色：受理派遣员 \/ dispatcher，密码未改。/)
    expect(summaryLine({ ...result, role: 'staff', created: false, password_set: false, department: { code: 'HW', name: '区环境卫生管理处' } })).toMatch(
      /^已更新账号 a@b\.cn（张三），角色：环卫作业 \/ staff，部门：区环境卫生管理处（HW），密码未改。/,
    )
    expect(summaryLine({ ...result, created: false, password_set: false, department: null })).toContain('，已移出部门，')
  })
})

describe('hashPassword', () => {
  it('stores a bcrypt hash at GoTrue\'s cost that verifies the password and no other', async () => {
    const hash = await hashPassword('城管办2026!')
    expect(hash).toMatch(/^\$2b\$10\$[./A-Za-z0-9]{53}$/)
    expect(await bcrypt.compare('城管办2026!', hash)).toBe(true)
    expect(await bcrypt.compare('城管办2025!', hash)).toBe(false)
  })
})
