/**
 * 返工 in the demo (scripts/seed/demo-reworks.ts): the seed's compact rows become case_history
 * as the workflow writes it — the stamped past, the first 处置, the 核查 that failed with its
 * reason, then the second 处置 and what followed — so the evaluation can count reworked cases
 * from case_history (issue 19). Run on the seeded demo district on PGlite and native PostgreSQL.
 */
import { expect, it } from 'vitest'
import type { Engine } from './engine.ts'

export function defineDemoReworkSuite(getEngine: () => Engine): void {
  it('writes a few percent of the handled cases’ history with a failed 核查, in workflow order', async () => {
    const query = getEngine().query
    const [figures] = await query<{ reworked: number; handled: number; left: number; listed_reasons: number }>(`
      select (select count(distinct h.incident_id) from public.case_history h
               where h.action = 'check' and h.details ->> 'passed' = 'false' and h.actor is null)::int as reworked,
             (select count(*) from public.incidents i where i.handled_at is not null or i.status = 'dispatched')::int as handled,
             (select count(*) from private.demo_reworks)::int as left,
             (select count(*) from public.case_history h join public.case_reasons r on r.kind = 'rework' and r.code = h.details ->> 'reason_code'
               where h.action = 'check' and h.details ->> 'passed' = 'false' and h.actor is null and h.details ->> 'reason_label' = r.label)::int as listed_reasons`)
    expect(figures.left).toBe(0)
    expect(figures.reworked / figures.handled).toBeGreaterThan(0.02)
    expect(figures.reworked / figures.handled).toBeLessThan(0.06)
    expect(figures.listed_reasons).toBe(figures.reworked)

    // (a failed 核查 with no actor is the demo's: the workflow always records who checked; other
    // suites on native PostgreSQL commit steps of their own to the shared database)
    // every reworked case reads, in time order, as the workflow would have written it
    const sequences = await query<{ id: number; status: string; steps: string }>(`
      select h.incident_id::int as id, i.status,
             string_agg(h.action || ':' || h.to_status, ' ' order by h.at, h.id) as steps
      from public.case_history h join public.incidents i on i.id = h.incident_id
      where h.incident_id in (select incident_id from public.case_history where action = 'check' and details ->> 'passed' = 'false' and actor is null)
      group by h.incident_id, i.status`)
    const bad = sequences.filter(({ status, steps }) => {
      const rework = 'dispatch:dispatched handle:handled check:dispatched'
      if (!steps.startsWith('report:reported ') || !steps.includes(rework)) return true
      const after = steps.slice(steps.indexOf(rework) + rework.length).trim()
      if (status === 'closed') return after !== 'handle:handled check:checked close:closed'
      if (status === 'checked') return after !== 'handle:handled check:checked'
      if (status === 'handled') return after !== 'handle:handled'
      return status !== 'dispatched' || after !== ''
    })
    expect(bad.slice(0, 5)).toEqual([])
    expect(sequences.length).toBe(figures.reworked)

    // the case detail shows it (a case with history reads from history alone)
    const [{ id }] = sequences.filter((s) => s.status === 'closed')
    const [{ timeline }] = await query<{ timeline: { action: string; details: { passed?: boolean; reason_label?: string } }[] }>(
      `select public.case_detail($1) -> 'timeline' as timeline`,
      [id],
    )
    const failed = timeline.find((step) => step.action === 'check' && step.details.passed === false)
    expect(failed?.details.reason_label).toBeTruthy()
    expect(timeline.map((step) => step.action).slice(-3)).toEqual(['handle', 'check', 'close'])
  })

  it('expands once: a second call writes nothing', async () => {
    await getEngine().asOwner(async (query) => {
      const before = await query<{ n: number }>(`select count(*)::int as n from public.case_history`)
      const [{ written }] = await query<{ written: number }>(`select private.expand_demo_reworks() as written`)
      expect(written).toBe(0)
      const after = await query<{ n: number }>(`select count(*)::int as n from public.case_history`)
      expect(after[0].n).toBe(before[0].n)
    })
  })
}
