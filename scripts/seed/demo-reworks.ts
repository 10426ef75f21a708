/**
 * 返工 in the demo: the cases whose first 核查 failed (scripts/demo/timeline.ts, `rework`).
 *
 * A case sent back is recorded in case_history as the workflow records it (a `check` step with
 * `passed: false`, the reason, then a second `handle`), and its whole timeline must then be in
 * case_history, since a case with history rows is read from them alone. Shipped as history
 * rows, ~3,400 such cases cost ~0.7 MB of the embedded snapshot (measured: 22,600 rows, +720 KB
 * gzip) — more than its budget has left. So the seed writes one compact row per reworked case
 * into `private.demo_reworks` (times in seconds after dispatch, so they move with the demo's
 * clock) and `private.expand_demo_reworks()` writes the history rows from it:
 *   - at the end of the seed, for native PostgreSQL and `supabase db reset`;
 *   - not while the embedded snapshot is built (`urbangrid.demo_compact = on`,
 *     scripts/seed/build-snapshot.ts), where the browser's database worker calls it on the first
 *     start, after the demo's clock has moved (src/data/embedded/pglite.worker.ts).
 * It is demo data, so it lives in the seed, not in a migration: production has neither.
 */
import type { DemoDistrict } from '../demo/model.ts'

export const DEMO_REWORKS_SCHEMA = `
-- 返工 in the demo (scripts/seed/demo-reworks.ts): one row per case whose first 核查 failed.
create table private.demo_reworks (
  incident_id bigint primary key references public.incidents (id) on delete cascade,
  handled_after_s integer not null check (handled_after_s >= 0),
  failed_check_after_s integer not null check (failed_check_after_s > handled_after_s),
  reason_code text not null
);
revoke all on table private.demo_reworks from public;

-- Writes the history of each reworked case that has none yet: its stamped past (as the first
-- recorded step writes it) and the two steps the stamps cannot say — the first 处置 and the
-- 核查 that failed, with its reason from case_reasons. Then empties private.demo_reworks.
-- Returns the number of cases written. Idempotent.
create or replace function private.expand_demo_reworks() returns integer
language plpgsql volatile
set search_path = ''
as $$
declare
  v_count integer;
begin
  with cases as (
    select i.id, rr.code as reason_code, rr.label as reason_label,
           i.dispatched_at + make_interval(secs => r.handled_after_s) as first_handled_at,
           i.dispatched_at + make_interval(secs => r.failed_check_after_s) as failed_check_at
    from private.demo_reworks r
    join public.incidents i on i.id = r.incident_id
    join public.case_reasons rr on rr.kind = 'rework' and rr.code = r.reason_code
    where i.dispatched_at is not null
      and not exists (select 1 from public.case_history h where h.incident_id = r.incident_id)
  ), stamped as (
    insert into public.case_history (incident_id, action, from_status, to_status, at, details, derived)
    select i.id, e.action, e.from_status, e.to_status, e.at, e.details, true
    from cases c
    join public.incidents i on i.id = c.id
    cross join lateral private.case_stamped_events(i) e
    returning 1
  ), steps as (
    insert into public.case_history (incident_id, action, from_status, to_status, at, actor_role, details, derived)
    select c.id, 'handle', 'dispatched', 'handled', c.first_handled_at, 'staff', '{}'::jsonb, false from cases c
    union all
    select c.id, 'check', 'handled', 'dispatched', c.failed_check_at, 'dispatcher',
           jsonb_build_object('passed', false, 'previous_handled_at', c.first_handled_at, 'rework', 1,
                              'reason_code', c.reason_code, 'reason_label', c.reason_label), false
    from cases c
    returning 1
  )
  -- (data-modifying WITH parts run once and to completion whether or not they are read)
  select count(*) into v_count from cases;
  delete from private.demo_reworks;
  return v_count;
end
$$;
revoke all on function private.expand_demo_reworks() from public;
`

/** The compact rows (the reworked cases) and, outside a snapshot build, their expansion. */
export function demoReworksSql(district: Pick<DemoDistrict, 'incidents'>): string {
  const rows = district.incidents
    .filter((incident) => incident.rework !== null)
    .map((incident) => `(${incident.id}, ${incident.rework!.handledAfterS}, ${incident.rework!.failedCheckAfterS}, '${incident.rework!.reasonCode}')`)
  const out = [DEMO_REWORKS_SCHEMA]
  for (let start = 0; start < rows.length; start += 1000) {
    out.push(`insert into private.demo_reworks (incident_id, handled_after_s, failed_check_after_s, reason_code) values\n${rows.slice(start, start + 1000).join(',\n')};\n`)
  }
  out.push(`select private.expand_demo_reworks() where coalesce(current_setting('urbangrid.demo_compact', true), '') <> 'on';\n`)
  return out.join('')
}
