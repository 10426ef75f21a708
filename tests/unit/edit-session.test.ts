/**
 * Issue 14 item 3: the client edit session. Inverses are exact (checked against an
 * independent model over seeded random sequences), redo is cleared by a new edit, the change
 * set collapses to the net change per key, and a commit either becomes the base or changes
 * nothing.
 */
import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import {
  collapseTransactions,
  createEditSession,
  EditSessionError,
  type ChangeSet,
  type EditChange,
  type EditOperation,
  type EditSession,
} from '../../src/domain/edit/index.ts'

interface Grid {
  readonly code: string
  readonly version: number
  readonly name: string
}

const grid = (code: string, name: string, version = 1): Grid => ({ code, version, name })
const A = '329001001001001'
const B = '329001001001002'
const C = '329001001001003'
const initialGrids = (): Map<string, Grid> => new Map([[A, grid(A, '甲')], [B, grid(B, '乙')]])
const rename = (key: string, name: string, label = '修改名称'): EditChange<string, Grid> => ({
  label,
  operations: [{ type: 'update', key, update: (previous) => ({ ...previous, name }) }],
})

function refusal(run: () => unknown): EditSessionError {
  try {
    run()
  } catch (error) {
    if (error instanceof EditSessionError) return error
    throw error
  }
  throw new Error('expected an EditSessionError')
}

/** A promise whose settling the test controls. */
function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

// ---------------------------------------------------------------------------------------
// An independent model: plain objects, a list of whole snapshots and a cursor. It knows
// nothing of inverses, so agreeing with it means the recorded inverses are exact.

type Model = Record<string, Grid>

/** The model's reading of a change: the next snapshot, or 'refused'. */
function modelApply(state: Model, operations: readonly EditOperation<string, Grid>[]): Model | 'refused' {
  const next: Model = { ...state }
  for (const operation of operations) {
    const present = Object.prototype.hasOwnProperty.call(next, operation.key)
    if (operation.type === 'put') next[operation.key] = operation.value
    else if (operation.type === 'create') {
      if (present) return 'refused'
      next[operation.key] = operation.value
    } else if (operation.type === 'update') {
      if (!present) return 'refused'
      next[operation.key] = operation.update(next[operation.key])
    } else {
      if (!present) return 'refused'
      delete next[operation.key]
    }
  }
  return next
}

const asModel = (values: ReadonlyMap<string, Grid>): Model => Object.fromEntries(values)
const sameModel = (a: Model, b: Model): boolean =>
  Object.keys(a).length === Object.keys(b).length && Object.keys(a).every((key) => Object.is(a[key], b[key]))
/** The same keys in the same order, each holding the very same object. */
const identical = (a: ReadonlyMap<string, Grid>, b: ReadonlyMap<string, Grid>): boolean =>
  a.size === b.size && [...a].every(([key, value], index) => {
    const [otherKey, otherValue] = [...b][index]
    return key === otherKey && Object.is(value, otherValue)
  })

const KEYS = ['k1', 'k2', 'k3', 'k4', 'k5']
const keyArbitrary = fc.constantFrom(...KEYS)
const valueArbitrary = (key: string) => fc.string({ maxLength: 3 }).map((name) => grid(key, name))
const operationArbitrary: fc.Arbitrary<EditOperation<string, Grid>> = keyArbitrary.chain((key) =>
  fc.oneof(
    valueArbitrary(key).map((value) => ({ type: 'put' as const, key, value })),
    valueArbitrary(key).map((value) => ({ type: 'create' as const, key, value })),
    fc.string({ maxLength: 3 }).map((suffix) => ({
      type: 'update' as const,
      key,
      update: (previous: Grid) => ({ ...previous, name: previous.name + suffix, version: previous.version + 1 }),
    })),
    fc.constant({ type: 'delete' as const, key }),
  ),
)
const changeArbitrary: fc.Arbitrary<EditChange<string, Grid>> = fc.record({
  label: fc.constantFrom('拆分网格', '合并网格', '移动顶点', '修改名称', '停用网格'),
  operations: fc.array(operationArbitrary, { minLength: 1, maxLength: 4 }),
})
const commandArbitrary = fc.oneof(
  { weight: 3, arbitrary: changeArbitrary.map((change) => ({ kind: 'transact' as const, change })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'undo' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'redo' as const }) },
)
const initialArbitrary = fc
  .uniqueArray(keyArbitrary, { maxLength: KEYS.length })
  .chain((keys) => fc.tuple(...keys.map((key) => valueArbitrary(key))))
  .map((grids) => new Map(grids.map((value) => [value.code, value] as const)))

const SEED = 20261214

describe('inverses', () => {
  it('N random transactions undone one by one give back the initial snapshot; redone, the final one (seeded)', () => {
    fc.assert(
      fc.property(initialArbitrary, fc.array(changeArbitrary, { maxLength: 30 }), (initial, changes) => {
        const session = createEditSession(initial)
        const snapshots = [session.getState().values]
        for (const change of changes) {
          try {
            if (session.transact(change)) snapshots.push(session.getState().values)
          } catch (error) {
            if (!(error instanceof EditSessionError)) throw error
          }
        }
        const final = session.getState().values
        for (let index = snapshots.length - 1; index > 0; index--) {
          expect(session.undo()).toBe(true)
          expect(identical(session.getState().values, snapshots[index - 1])).toBe(true)
        }
        expect(session.undo()).toBe(false)
        expect(identical(session.getState().values, initial)).toBe(true)
        expect(session.getState().dirty).toBe(false)
        expect(session.changeSet()).toEqual([])
        for (let index = 1; index < snapshots.length; index++) {
          expect(session.redo()).toBe(true)
          expect(identical(session.getState().values, snapshots[index])).toBe(true)
        }
        expect(session.redo()).toBe(false)
        expect(identical(session.getState().values, final)).toBe(true)
      }),
      { seed: SEED, numRuns: 300 },
    )
  })

  it('agrees with a snapshot-list model over random interleavings of transact, undo and redo (seeded)', () => {
    fc.assert(
      fc.property(initialArbitrary, fc.array(commandArbitrary, { maxLength: 40 }), (initial, commands) => {
        const session = createEditSession(initial)
        const history: Model[] = [asModel(initial)]
        let cursor = 0
        for (const command of commands) {
          if (command.kind === 'undo') {
            expect(session.undo()).toBe(cursor > 0)
            cursor = Math.max(0, cursor - 1)
          } else if (command.kind === 'redo') {
            expect(session.redo()).toBe(cursor < history.length - 1)
            cursor = Math.min(history.length - 1, cursor + 1)
          } else {
            const expected = modelApply(history[cursor], command.change.operations)
            const before = session.getState()
            if (expected === 'refused') {
              expect(() => session.transact(command.change)).toThrow(EditSessionError)
              expect(session.getState()).toBe(before)
            } else {
              const recorded = session.transact(command.change)
              if (sameModel(expected, history[cursor])) expect(recorded).toBeNull()
              else {
                expect(recorded).not.toBeNull()
                history.splice(cursor + 1, history.length, expected)
                cursor += 1
              }
            }
          }
          const state = session.getState()
          // Deep and in iteration order: the model calls update functions itself, so its values are equal, not the same objects.
          expect([...state.values.entries()]).toEqual(Object.entries(history[cursor]))
          expect(state.canUndo).toBe(cursor > 0)
          expect(state.canRedo).toBe(cursor < history.length - 1)
          // The change set, applied to the base, gives the current values, and names only keys that differ.
          const base = asModel(state.base)
          const rebuilt = { ...base }
          for (const change of session.changeSet()) {
            if (change.kind === 'deleted') {
              expect(change.base).toBe(base[change.key])
              delete rebuilt[change.key]
            } else {
              if (change.kind === 'updated') expect(change.base).toBe(base[change.key])
              else expect(base[change.key]).toBeUndefined()
              expect(base[change.key]).not.toBe(change.value)
              rebuilt[change.key] = change.value
            }
          }
          expect(sameModel(rebuilt, asModel(state.values))).toBe(true)
          expect(state.dirty).toBe(!sameModel(base, asModel(state.values)))
        }
      }),
      { seed: SEED, numRuns: 300 },
    )
  })

  it('several operations on one key in one transaction are taken back to the value before the first', () => {
    const session = createEditSession(initialGrids())
    const before = session.getState().values
    session.transact({
      label: '拆分网格',
      operations: [
        { type: 'update', key: A, update: (previous) => ({ ...previous, name: '甲一' }) },
        { type: 'delete', key: A },
        { type: 'create', key: A, value: grid(A, '甲二') },
        { type: 'create', key: C, value: grid(C, '丙') },
        { type: 'update', key: C, update: (previous) => ({ ...previous, name: '丙一' }) },
      ],
    })
    expect(session.getState().values.get(A)?.name).toBe('甲二')
    session.undo()
    expect(session.getState().values.get(A)).toBe(before.get(A))
    expect(session.getState().values.has(C)).toBe(false)
    expect([...session.getState().values.keys()]).toEqual([...before.keys()])
  })

  it('redo replays the recorded values; it does not call an update function again', () => {
    const session = createEditSession(initialGrids())
    const update = vi.fn((previous: Grid) => ({ ...previous, version: previous.version + 1 }))
    session.transact({ label: '修改名称', operations: [{ type: 'update', key: A, update }] })
    const after = session.getState().values.get(A)
    session.undo()
    session.redo()
    expect(update).toHaveBeenCalledTimes(1)
    expect(session.getState().values.get(A)).toBe(after)
  })

  it('a refused operation anywhere in a change applies none of it, and says which operation and key', () => {
    const session = createEditSession(initialGrids())
    session.transact(rename(A, '甲一'))
    const before = session.getState()
    const error = refusal(() =>
      session.transact({
        label: '合并网格',
        operations: [
          { type: 'delete', key: B },
          { type: 'update', key: C, update: (previous) => previous },
        ],
      }),
    )
    expect(error.code).toBe('missing_key')
    expect(error.operationIndex).toBe(1)
    expect(error.key).toBe(C)
    expect(error.message).toContain('第 2 项操作')
    expect(error.message).toContain(C)
    expect(session.getState()).toBe(before)
    expect(session.getState().values.has(B)).toBe(true)
    expect(refusal(() => session.transact({ label: '新建网格', operations: [{ type: 'create', key: B, value: grid(B, '乙') }] })).code).toBe('key_exists')
    expect(
      refusal(() => session.transact({ label: '修改名称', operations: [{ type: 'update', key: A, update: () => undefined as unknown as Grid }] })).code,
    ).toBe('undefined_value')
    expect(session.getState()).toBe(before)
  })

  it('snapshots are never changed afterwards, and the caller’s map is not the base', () => {
    const initial = initialGrids()
    const session = createEditSession(initial)
    initial.delete(A)
    const first = session.getState().values
    expect(first.has(A)).toBe(true)
    session.transact({ label: '停用网格', operations: [{ type: 'delete', key: A }] })
    expect(first.has(A)).toBe(true)
    expect(session.getState().values.has(A)).toBe(false)
    // Values nobody touched are shared, not copied.
    expect(session.getState().values.get(B)).toBe(first.get(B))
  })
})

describe('redo', () => {
  it('is cleared by a new transaction', () => {
    const session = createEditSession(initialGrids())
    session.transact(rename(A, '甲一'))
    session.transact(rename(A, '甲二'))
    session.undo()
    expect(session.getState().canRedo).toBe(true)
    session.transact(rename(B, '乙一'))
    expect(session.getState().canRedo).toBe(false)
    expect(session.redo()).toBe(false)
    expect(session.getState().values.get(A)?.name).toBe('甲一')
  })

  it('is kept when a change changes nothing, and nothing is recorded', () => {
    const session = createEditSession(initialGrids())
    session.transact(rename(A, '甲一'))
    session.undo()
    const listener = vi.fn()
    session.subscribe(listener)
    const same = session.getState().values.get(B)!
    expect(session.transact({ label: '修改名称', operations: [{ type: 'put', key: B, value: same }] })).toBeNull()
    expect(session.transact({ label: '修改名称', operations: [] })).toBeNull()
    expect(session.getState().canRedo).toBe(true)
    expect(session.getState().canUndo).toBe(false)
    expect(listener).not.toHaveBeenCalled()
  })
})

describe('change set', () => {
  it('a create is one created entry with the last value', () => {
    const session = createEditSession(initialGrids())
    session.transact({ label: '新建网格', operations: [{ type: 'create', key: C, value: grid(C, '丙') }] })
    session.transact(rename(C, '丙一'))
    expect(session.changeSet()).toEqual([{ kind: 'created', key: C, value: grid(C, '丙一'), labels: ['新建网格', '修改名称'] }])
  })

  it('a create followed by a delete vanishes (and an equals option is never asked about a missing value)', () => {
    const equals = vi.fn((a: Grid, b: Grid) => a.name === b.name)
    const session = createEditSession(initialGrids(), { equals })
    session.transact({ label: '新建网格', operations: [{ type: 'put', key: C, value: grid(C, '丙') }] })
    session.transact({ label: '删除网格', operations: [{ type: 'delete', key: C }] })
    expect(session.changeSet()).toEqual([])
    expect(session.getState().dirty).toBe(false)
    expect(session.getState().canUndo).toBe(true)
    expect(equals).not.toHaveBeenCalled()
  })

  it('names each label once per key, however often it was used', () => {
    const session = createEditSession(initialGrids())
    session.transact(rename(A, '甲一', '移动顶点'))
    session.transact(rename(A, '甲二', '修改名称'))
    session.transact(rename(A, '甲三', '移动顶点'))
    expect(session.changeSet()[0].labels).toEqual(['移动顶点', '修改名称'])
  })

  it('update then update keeps the first base value and the last value', () => {
    const initial = initialGrids()
    const session = createEditSession(initial)
    session.transact(rename(A, '甲一'))
    session.transact(rename(A, '甲二', '修正名称'))
    const [change] = session.changeSet()
    expect(change).toEqual({ kind: 'updated', key: A, base: grid(A, '甲'), value: grid(A, '甲二'), labels: ['修改名称', '修正名称'] })
    expect(change.kind === 'updated' && change.base).toBe(initial.get(A))
  })

  it('an update put back leaves the change set: by undo always, by hand with an equals option', () => {
    const byUndo = createEditSession(initialGrids())
    byUndo.transact(rename(A, '甲一'))
    byUndo.undo()
    expect(byUndo.changeSet()).toEqual([])

    const byHand = createEditSession(initialGrids())
    byHand.transact(rename(A, '甲一'))
    byHand.transact(rename(A, '甲'))
    expect(byHand.changeSet().map((change) => change.kind)).toEqual(['updated'])
    expect(byHand.getState().dirty).toBe(true)

    const compared = createEditSession(initialGrids(), { equals: (a, b) => a.name === b.name && a.version === b.version })
    compared.transact(rename(A, '甲一'))
    compared.transact(rename(A, '甲'))
    expect(compared.changeSet()).toEqual([])
    expect(compared.getState().dirty).toBe(false)
  })

  it('a delete carries the base value; a delete then a new value under the key is an update of the base', () => {
    const initial = initialGrids()
    const session = createEditSession(initial)
    session.transact({ label: '停用网格', operations: [{ type: 'delete', key: B }] })
    expect(session.changeSet()).toEqual([{ kind: 'deleted', key: B, base: initial.get(B), labels: ['停用网格'] }])
    session.transact({ label: '重新划定', operations: [{ type: 'create', key: B, value: grid(B, '乙新') }] })
    expect(session.changeSet()).toEqual([{ kind: 'updated', key: B, base: initial.get(B), value: grid(B, '乙新'), labels: ['停用网格', '重新划定'] }])
  })

  it('lists keys in the order they were first touched; undone transactions leave it', () => {
    const session = createEditSession(initialGrids())
    session.transact({ label: '新建网格', operations: [{ type: 'create', key: C, value: grid(C, '丙') }] })
    session.transact({ label: '拆分网格', operations: [{ type: 'delete', key: B }, { type: 'update', key: A, update: (previous) => ({ ...previous, name: '甲一' }) }] })
    session.transact(rename(C, '丙一'))
    expect(session.changeSet().map((change) => [change.kind, change.key])).toEqual([['created', C], ['deleted', B], ['updated', A]])
    session.undo()
    session.undo()
    expect(session.changeSet()).toEqual([{ kind: 'created', key: C, value: grid(C, '丙'), labels: ['新建网格'] }])
  })

  it('collapseTransactions on its own: only the first base and the last value count', () => {
    const base = new Map([['x', 1], ['y', 2]])
    const current = new Map([['x', 3], ['z', 4]])
    const changes = collapseTransactions(base, current, [
      { label: '一', operations: [{ key: 'x', before: 1, after: 5 }, { key: 'w', before: undefined, after: 9 }] },
      { label: '二', operations: [{ key: 'x', before: 5, after: 3 }, { key: 'y', before: 2, after: undefined }, { key: 'w', before: 9, after: undefined }, { key: 'z', before: undefined, after: 4 }] },
    ])
    expect(changes).toEqual([
      { kind: 'updated', key: 'x', base: 1, value: 3, labels: ['一', '二'] },
      { kind: 'deleted', key: 'y', base: 2, labels: ['二'] },
      { kind: 'created', key: 'z', value: 4, labels: ['二'] },
    ])
  })

  it('carries everything public.edit_grids takes: code, create, retire, the fields and base_version', () => {
    // What the grid editor will send (private.apply_grid_edits): an update and a retire name the
    // version they were based on, so an edit over someone else's newer version is refused (UG108).
    const toGridEdits = (changes: ChangeSet<string, Grid>) =>
      changes.map((change) => {
        const reason = change.labels.join('；')
        if (change.kind === 'created') return { code: change.key, create: true, name: change.value.name, reason }
        if (change.kind === 'deleted') return { code: change.key, retire: true, base_version: change.base.version, reason }
        return { code: change.key, name: change.value.name, base_version: change.base.version, reason }
      })
    const session = createEditSession(new Map([[A, grid(A, '甲', 3)], [B, grid(B, '乙', 7)]]))
    session.transact({
      label: '合并网格',
      operations: [
        { type: 'delete', key: B },
        { type: 'update', key: A, update: (previous) => ({ ...previous, name: '甲乙' }) },
      ],
    })
    session.transact({ label: '新建网格', operations: [{ type: 'create', key: C, value: grid(C, '丙', 0) }] })
    expect(JSON.parse(JSON.stringify(toGridEdits(session.changeSet())))).toEqual([
      { code: B, retire: true, base_version: 7, reason: '合并网格' },
      { code: A, name: '甲乙', base_version: 3, reason: '合并网格' },
      { code: C, create: true, name: '丙', reason: '新建网格' },
    ])
  })
})

describe('commit', () => {
  /** Answers like edit_grids: the new version of every created or updated grid. */
  const fakeEditGrids = async (changes: ChangeSet<string, Grid>) =>
    changes
      .filter((change) => change.kind !== 'deleted')
      .map((change) => ({ code: change.key, version: change.kind === 'created' ? 1 : change.base.version + 1 }))
  const settleVersions = (result: { code: string; version: number }[], changes: ChangeSet<string, Grid>) =>
    result.map(({ code, version }) => {
      const change = changes.find((candidate) => candidate.key === code)
      if (!change || change.kind === 'deleted') throw new Error(`no value for ${code}`)
      return [code, { ...change.value, version }] as const
    })

  it('on success the committed values become the base with the versions the database gave, and the history is cleared', async () => {
    const session = createEditSession(initialGrids())
    session.transact(rename(A, '甲一'))
    session.transact({ label: '停用网格', operations: [{ type: 'delete', key: B }] })
    session.transact({ label: '新建网格', operations: [{ type: 'create', key: C, value: grid(C, '丙', 0) }] })
    session.undo()
    const send = vi.fn(fakeEditGrids)
    const outcome = await session.commit(send, { settle: settleVersions })
    expect(send).toHaveBeenCalledTimes(1)
    expect(outcome.status).toBe('committed')
    if (outcome.status !== 'committed') return
    expect(outcome.result).toEqual([{ code: A, version: 2 }])
    expect(outcome.changes.map((change) => [change.kind, change.key])).toEqual([['updated', A], ['deleted', B]])
    const state = session.getState()
    expect(state.values).toBe(state.base)
    expect(asModel(state.values)).toEqual({ [A]: grid(A, '甲一', 2) })
    expect(state).toMatchObject({ dirty: false, canUndo: false, canRedo: false, undoLabel: null, redoLabel: null, committing: false })
    expect(session.changeSet()).toEqual([])
    // The next edit is based on the version just written, not the one loaded.
    session.transact(rename(A, '甲二'))
    const [next] = session.changeSet()
    expect(next.kind === 'updated' && next.base.version).toBe(2)
  })

  it('with nothing to commit, send is not called', async () => {
    const session = createEditSession(initialGrids())
    session.transact(rename(A, '甲一'))
    session.undo()
    const send = vi.fn(fakeEditGrids)
    expect(await session.commit(send)).toEqual({ status: 'nothing_to_commit' })
    expect(send).not.toHaveBeenCalled()
    expect(session.getState().canRedo).toBe(true)
  })

  it('on failure nothing changes and the error is returned; the same edits can be sent again', async () => {
    const session = createEditSession(initialGrids())
    session.transact(rename(A, '甲一'))
    session.transact(rename(B, '乙一'))
    session.undo()
    const before = session.getState()
    const stale = Object.assign(new Error('base_version: 网格已被他人修改，请刷新后重新编辑'), { code: 'UG108' })
    const outcome = await session.commit(async () => {
      throw stale
    })
    expect(outcome).toEqual({ status: 'failed', error: stale })
    const after = session.getState()
    expect(after.values).toBe(before.values)
    expect(after.base).toBe(before.base)
    expect(after).toMatchObject({ dirty: true, canUndo: true, canRedo: true, undoLabel: '修改名称', committing: false })
    expect(session.redo()).toBe(true)
    expect((await session.commit(fakeEditGrids)).status).toBe('committed')
  })

  it('a settle that throws is a failure and keeps the edits', async () => {
    const session = createEditSession(initialGrids())
    session.transact(rename(A, '甲一'))
    const before = session.getState().values
    const outcome = await session.commit(fakeEditGrids, { settle: () => [[C, grid(C, '丙')]] })
    expect(outcome.status).toBe('failed')
    expect(outcome.status === 'failed' && (outcome.error as EditSessionError).code).toBe('missing_key')
    expect(session.getState().values).toBe(before)
    expect(session.getState().dirty).toBe(true)
  })

  it('refuses a second commit, transact, undo and redo while one is under way', async () => {
    const session = createEditSession(initialGrids())
    session.transact(rename(A, '甲一'))
    session.transact(rename(B, '乙一'))
    session.undo()
    const pending = deferred<string>()
    const first = session.commit(() => pending.promise)
    expect(session.getState()).toMatchObject({ committing: true, canUndo: false, canRedo: false })
    const second = vi.fn(async () => 'second')
    const refused = await session.commit(second)
    expect(refused.status).toBe('failed')
    expect(refused.status === 'failed' && (refused.error as EditSessionError).code).toBe('committing')
    expect(second).not.toHaveBeenCalled()
    expect(refusal(() => session.transact(rename(A, '甲二'))).code).toBe('committing')
    expect(refusal(() => session.undo()).code).toBe('committing')
    expect(refusal(() => session.redo()).code).toBe('committing')
    pending.resolve('ok')
    const outcome = await first
    expect(outcome.status === 'committed' && outcome.changes.map((change) => change.key)).toEqual([A])
    expect(session.getState().values.get(A)?.name).toBe('甲一')
    expect(session.getState().committing).toBe(false)
    expect(session.transact(rename(A, '甲二'))).not.toBeNull()
  })

  it('hands send a frozen change set', async () => {
    const session = createEditSession(initialGrids())
    session.transact(rename(A, '甲一'))
    let seen: ChangeSet<string, Grid> = []
    await session.commit(async (changes) => {
      seen = changes
    })
    expect(Object.isFrozen(seen)).toBe(true)
    expect(Object.isFrozen(seen[0])).toBe(true)
    expect(Object.isFrozen(seen[0].labels)).toBe(true)
  })
})

describe('labels', () => {
  it('name the transaction undo and redo would act on', () => {
    const session = createEditSession(initialGrids())
    expect(session.getState()).toMatchObject({ undoLabel: null, redoLabel: null })
    session.transact(rename(A, '甲一', '修改名称'))
    session.transact({ label: '拆分网格', operations: [{ type: 'create', key: C, value: grid(C, '丙') }] })
    expect(session.getState()).toMatchObject({ undoLabel: '拆分网格', redoLabel: null })
    session.undo()
    expect(session.getState()).toMatchObject({ undoLabel: '修改名称', redoLabel: '拆分网格' })
    session.undo()
    expect(session.getState()).toMatchObject({ undoLabel: null, redoLabel: '修改名称' })
  })

  it('a change without a label is refused', () => {
    const session = createEditSession(initialGrids())
    for (const label of ['', '   ']) {
      const error = refusal(() => session.transact(rename(A, '甲一', label)))
      expect(error.code).toBe('empty_label')
      expect(error.message).toMatch(/名称/)
    }
    expect(session.getState().canUndo).toBe(false)
  })
})

describe('subscribe', () => {
  const watch = (session: EditSession<string, Grid>) => {
    const seen: { committing: boolean; canUndo: boolean }[] = []
    const stop = session.subscribe(() => seen.push({ committing: session.getState().committing, canUndo: session.getState().canUndo }))
    return { seen, stop }
  }

  it('is called once per transact, undo and redo, and not for a refused one', () => {
    const session = createEditSession(initialGrids())
    const { seen } = watch(session)
    session.transact(rename(A, '甲一'))
    session.undo()
    session.redo()
    expect(session.undo() && session.undo()).toBe(false)
    expect(session.redo() && session.redo()).toBe(false)
    expect(seen).toHaveLength(5)
    expect(() => session.transact(rename(C, '丙'))).toThrow(EditSessionError)
    expect(seen).toHaveLength(5)
  })

  it('a commit notifies when it starts and when it ends, success or failure', async () => {
    const session = createEditSession(initialGrids())
    session.transact(rename(A, '甲一'))
    const { seen } = watch(session)
    await session.commit(async () => {
      throw new Error('offline')
    })
    await session.commit(async () => 'ok')
    expect(seen).toEqual([
      { committing: true, canUndo: false },
      { committing: false, canUndo: true },
      { committing: true, canUndo: false },
      { committing: false, canUndo: false },
    ])
  })

  it('getState keeps its identity until something changes (as useSyncExternalStore needs)', () => {
    const session = createEditSession(initialGrids())
    const first = session.getState()
    expect(session.getState()).toBe(first)
    session.undo()
    expect(session.getState()).toBe(first)
    session.transact(rename(A, '甲一'))
    expect(session.getState()).not.toBe(first)
  })

  it('stops when unsubscribed, also from inside a notification', () => {
    const session = createEditSession(initialGrids())
    const later = vi.fn()
    const stopSelf: () => void = session.subscribe(() => stopSelf())
    const self = vi.fn()
    session.subscribe(self)
    const stopLater = session.subscribe(later)
    session.transact(rename(A, '甲一'))
    stopLater()
    session.transact(rename(A, '甲二'))
    expect(self).toHaveBeenCalledTimes(2)
    expect(later).toHaveBeenCalledTimes(1)
  })
})
