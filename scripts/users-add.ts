/**
 * Creates an account, or changes the role of an existing one, with public.admin_set_user —
 * the administrator's way in, since sign-up is off (supabase/config.toml):
 *
 *   npm run users:add -- --database-url postgres://… --email a@b.cn --role dispatcher
 *       [--name 张三] [--department HW | --no-department] [--password-stdin | --password-env VAR]
 *
 * It connects as the role in the URL (the database owner `postgres`, or service_role) and
 * calls the function directly, outside any API role; with --department it also puts the person in
 * that department (public.admin_set_user_department, by the department's code), in the same
 * transaction, so a refused department leaves the account as it was. The password never reaches the database:
 * it is read from standard input or an environment variable (never from the command line,
 * where `ps` and the shell history would keep it) and hashed with bcrypt here.
 *
 * Exit codes: 0 done; 1 refused or failed (options, password, connection, database).
 */
import { parseArgs } from 'node:util'
import pg from 'pg'
import { APP_ROLES, type AppRole } from '../src/data/schemas.ts'
import { zhCN } from '../src/i18n/zh-CN.ts'
import bcrypt from 'bcryptjs'

export class UsersAddError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message)
  }
}

export type PasswordSource = { from: 'stdin' } | { from: 'env'; variable: string }

export interface UsersAddOptions {
  databaseUrl: string
  email: string
  role: AppRole
  name: string | null
  password: PasswordSource | null
  /** a department's code; null: leave the department as it is; '' : take the person out of any */
  department: string | null
}

/** The shape public.admin_set_user accepts (UG301); checked here too, before connecting. */
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/
/** A bcrypt hash as GoTrue reads it (UG303). */
const BCRYPT_SHAPE = /^\$2[aby]\$(0[4-9]|[12][0-9]|3[01])\$[./A-Za-z0-9]{53}$/
/** supabase/config.toml's minimum_password_length: GoTrue only checks passwords it hashes itself. */
export const MINIMUM_PASSWORD_LENGTH = 8
/** bcrypt reads no further than 72 bytes; a longer password would be silently cut. */
export const MAXIMUM_PASSWORD_BYTES = 72
/** GoTrue's bcrypt.DefaultCost: on sign-in it rehashes anything costlier (or at the minimum, 4). */
const BCRYPT_COST = 10
/** public.departments.code as the reference data spells them (ZF, HW, …) */
const DEPARTMENT_CODE_SHAPE = /^[A-Z0-9_-]{1,20}$/

const ROLE_LIST = APP_ROLES.map((role) => `${role} ${zhCN.role[role]}`).join('、')

export const USAGE = `用法：npm run users:add -- --database-url postgres://… --email <邮箱> --role <角色> [--name <姓名>]
       [--department <部门代码> | --no-department] [--password-stdin | --password-env <环境变量名>]
  --database-url   数据库连接串，以数据库所有者（postgres）或 service_role 连接；密码也可放在环境变量 PGPASSWORD
  --email          账号邮箱；已存在的账号只修改角色（和给出的姓名、密码）
  --role           ${ROLE_LIST}
  --name           显示姓名；新账号缺省为邮箱 @ 前的部分
  --department     所属部门的代码（如 HW 区环境卫生管理处）；派遣、改派可指定到该部门的作业人员
  --no-department  移出所属部门
  --password-stdin 从标准输入读取密码，例如 printf '%s' "$密码" | npm run users:add -- … --password-stdin
  --password-env   从指定的环境变量读取密码
密码至少 ${MINIMUM_PASSWORD_LENGTH} 个字符、不超过 ${MAXIMUM_PASSWORD_BYTES} 字节（UTF-8）。不给密码时账号暂不能登录，之后可带密码选项再运行一次。`

function translateParseError(error: unknown): string {
  const record = error as { code?: string; message?: string }
  const quoted = /'([^']+)'/.exec(record.message ?? '')?.[1] ?? ''
  switch (record.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `未知选项 ${quoted}`
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return `选项 ${quoted.split(' ')[0]} 需要一个值`
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `多余的参数 ${quoted}（选项值含空格时请加引号）`
    default:
      return record.message ?? String(error)
  }
}

export function parseUsersAddArgs(argv: string[]): UsersAddOptions {
  let values
  try {
    ;({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        'database-url': { type: 'string' },
        email: { type: 'string' },
        role: { type: 'string' },
        name: { type: 'string' },
        department: { type: 'string' },
        'no-department': { type: 'boolean', default: false },
        'password-stdin': { type: 'boolean', default: false },
        'password-env': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }))
  } catch (error) {
    throw new UsersAddError(`${translateParseError(error)}\n${USAGE}`)
  }
  if (values.help) throw new UsersAddError(USAGE, 0)

  const missing = (['database-url', 'email', 'role'] as const).filter((option) => !values[option]?.trim())
  if (missing.length > 0) throw new UsersAddError(`缺少选项 ${missing.map((option) => `--${option}`).join('、')}\n${USAGE}`)

  const email = values.email!.trim().toLowerCase()
  if (email.length > 255 || !EMAIL_SHAPE.test(email)) throw new UsersAddError(`--email 邮箱地址格式不正确：“${values.email}”`)
  const role = values.role!.trim().toLowerCase()
  if (!(APP_ROLES as readonly string[]).includes(role)) throw new UsersAddError(`--role 应为 ${ROLE_LIST} 之一，收到“${values.role}”`)
  const databaseUrl = values['database-url']!.trim()
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) throw new UsersAddError(`--database-url 应以 postgres:// 或 postgresql:// 开头，收到“${redacted(databaseUrl)}”`)

  if (values['password-stdin'] && values['password-env'] !== undefined) throw new UsersAddError('--password-stdin 与 --password-env 只能选一个')
  let password: PasswordSource | null = null
  if (values['password-stdin']) password = { from: 'stdin' }
  if (values['password-env'] !== undefined) {
    const variable = values['password-env'].trim()
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable)) throw new UsersAddError(`--password-env 应为环境变量名（如 NEW_USER_PASSWORD），收到“${values['password-env']}”`)
    password = { from: 'env', variable }
  }

  if (values.department !== undefined && values['no-department']) throw new UsersAddError('--department 与 --no-department 只能选一个')
  let department: string | null = values['no-department'] ? '' : null
  if (values.department !== undefined) {
    department = values.department.trim().toUpperCase()
    if (!DEPARTMENT_CODE_SHAPE.test(department)) throw new UsersAddError(`--department 应为部门代码（字母或数字，如 HW），收到“${values.department}”`)
  }

  const name = values.name?.trim() || null
  return { databaseUrl, email, role: role as AppRole, name, password, department }
}

interface PasswordInput {
  stdin: AsyncIterable<Buffer | string> & { isTTY?: boolean }
  env: Record<string, string | undefined>
}

/** Reads the password from where the options say and checks it the way GoTrue would. */
export async function readPassword(source: PasswordSource, input: PasswordInput): Promise<string> {
  let password: string
  if (source.from === 'stdin') {
    if (input.stdin.isTTY) {
      throw new UsersAddError(`--password-stdin 从管道读取密码，例如 printf '%s' "$密码" | npm run users:add -- …；在终端里交互使用请改用 --password-env`)
    }
    const chunks: Buffer[] = []
    for await (const chunk of input.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)
    // `echo` and here-strings add one line break; it is not part of the password.
    password = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '')
    if (password === '') throw new UsersAddError('--password-stdin：标准输入中没有密码')
  } else {
    password = input.env[source.variable] ?? ''
    if (password === '') throw new UsersAddError(`--password-env：环境变量 ${source.variable} 未设置或为空`)
  }
  if ([...password].length < MINIMUM_PASSWORD_LENGTH) throw new UsersAddError(`密码太短：至少 ${MINIMUM_PASSWORD_LENGTH} 个字符`)
  if (Buffer.byteLength(password, 'utf8') > MAXIMUM_PASSWORD_BYTES) {
    throw new UsersAddError(`密码太长：bcrypt 只取前 ${MAXIMUM_PASSWORD_BYTES} 字节（UTF-8，一个汉字占 3 字节），请缩短`)
  }
  return password
}

export async function hashPassword(password: string): Promise<string> {
  const hash = await bcrypt.hash(password, BCRYPT_COST)
  if (!BCRYPT_SHAPE.test(hash)) throw new UsersAddError('bcryptjs 返回的不是 bcrypt 哈希，未写入数据库')
  return hash
}

export interface SetUserResult {
  user_id: string
  email: string
  role: AppRole
  display_name: string
  created: boolean
  password_set: boolean
  /** set when --department or --no-department was given: the department the person is now in */
  department?: { code: string; name: string } | null
}

export function summaryLine(result: SetUserResult): string {
  const role = `${zhCN.role[result.role] ?? result.role} / ${result.role}`
  const who = `${result.email}（${result.display_name}）`
  const password = result.password_set ? '已设置密码' : result.created ? '未设置密码（账号暂不能登录，可带 --password-stdin 或 --password-env 再运行一次）' : '密码未改'
  const department = result.department === undefined ? '' : result.department ? `，部门：${result.department.name}（${result.department.code}）` : '，已移出部门'
  return `${result.created ? '已创建账号' : '已更新账号'} ${who}，角色：${role}${department}，${password}。用户 ID：${result.user_id}`
}

function redacted(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@')
}

const DATABASE_HINTS: Record<string, string> = {
  '42501': '请用数据库所有者（postgres）或 service_role 的连接串。',
  '42883': '数据库中没有 public.admin_set_user：请先应用迁移（npx supabase db push）。',
}

function databaseError(error: unknown, url: string): UsersAddError {
  const record = error as { code?: string; message?: string; column?: string }
  const code = record.code ?? ''
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT' || code.startsWith('08') || code === '28P01' || code === '28000') {
    return new UsersAddError(`无法连接数据库 ${redacted(url)}：${record.message}${code ? `（${code}）` : ''}`)
  }
  const field = record.column ? `，字段 ${record.column}` : ''
  const hint = DATABASE_HINTS[code] ? `\n${DATABASE_HINTS[code]}` : ''
  return new UsersAddError(`数据库拒绝：${record.message}（SQLSTATE ${code || '未知'}${field}）${hint}`)
}

type Query = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>

/**
 * The database part of users:add, inside the caller's transaction: the account and role
 * (admin_set_user), then the department by its code (admin_set_user_department). An unknown code
 * is refused naming the codes there are; the caller rolls back, so the account stays as it was.
 */
export async function setUserAndDepartment(query: Query, options: Pick<UsersAddOptions, 'email' | 'role' | 'name' | 'department'>, hash: string | null): Promise<SetUserResult> {
  const [row] = await query('select public.admin_set_user($1, $2, $3, $4) as result', [options.email, options.role, options.name, hash])
  const result = row.result as SetUserResult
  if (options.department === null) return result
  let department: { id: number; code: string; name: string } | null = null
  if (options.department !== '') {
    const found = (await query('select id::int as id, code, name from public.departments where upper(code) = $1', [options.department])) as { id: number; code: string; name: string }[]
    if (found.length === 0) {
      const known = (await query('select code, name from public.departments order by code', [])) as { code: string; name: string }[]
      throw new UsersAddError(`--department 没有代码为“${options.department}”的部门，未作任何修改。现有部门：${known.map((d) => `${d.code} ${d.name}`).join('、')}`)
    }
    department = found[0]
  }
  await query('select public.admin_set_user_department($1, $2)', [result.user_id, department?.id ?? null])
  return { ...result, department: department && { code: department.code, name: department.name } }
}

export async function run(options: UsersAddOptions, input: PasswordInput): Promise<SetUserResult> {
  // Hashed before connecting, so a password problem leaves the database untouched.
  const hash = options.password ? await hashPassword(await readPassword(options.password, input)) : null
  const client = new pg.Client({ connectionString: options.databaseUrl })
  try {
    await client.connect()
  } catch (error) {
    throw databaseError(error, options.databaseUrl)
  }
  try {
    await client.query('begin')
    const result = await setUserAndDepartment(async (sql, params) => (await client.query(sql, params)).rows, options, hash)
    await client.query('commit')
    return result
  } catch (error) {
    await client.query('rollback').catch(() => {})
    if (error instanceof UsersAddError) throw error
    throw databaseError(error, options.databaseUrl)
  } finally {
    await client.end().catch(() => {})
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const result = await run(parseUsersAddArgs(process.argv.slice(2)), { stdin: process.stdin, env: process.env })
    console.log(summaryLine(result))
  } catch (error) {
    if (error instanceof UsersAddError) {
      if (error.exitCode === 0) console.log(error.message)
      else console.error(error.message)
      process.exit(error.exitCode)
    }
    console.error('users:add 意外中止：', error)
    process.exit(1)
  }
}
