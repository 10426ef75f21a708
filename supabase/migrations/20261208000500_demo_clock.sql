-- The embedded demo as a live office on the day it is opened (issue 15). The demo's cases
-- end on a fixed day (2026-10-31, scripts/demo/timeline.ts); opened weeks later, every open
-- case would be weeks overdue. On the first start from the snapshot, the browser's database
-- worker calls private.shift_demo_clock once: the demo's own timeline moves forward by whole
-- days so that its last case falls on the day before today, and the deadlines of the cases
-- still open are counted again on the work calendar of their new days. Production databases
-- (Supabase, native PostgreSQL) never call it. docs/decisions.md: "The demo's clock".

-- What moves: every timestamp and date column of the case timeline and of the few demo
-- records that are dated relative to it. The grids (valid since 2025-01-01), the rosters
-- and duties (valid since the window opened, open-ended), the work calendar (holidays are
-- dates, not demo data), the audit log and the accounts stay where they are.
create or replace function private.demo_clock_tables() returns text[]
language sql immutable
set search_path = ''
as $$
  select array['incidents', 'case_history', 'cleaning_inspections', 'construction_sites', 'case_attachments']
$$;

-- p_today: the local day the demo is opened (null: today at the database's offset). Returns
-- {data_end, today, shifted_days}; a database already shifted (or opened before its last
-- case's next day) is left as it is and the recorded answer returned.
create or replace function private.shift_demo_clock(p_today date default null) returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
  v_offset interval := private.local_offset();
  v_today date := coalesce(p_today, ((now() at time zone 'UTC') + private.local_offset())::date);
  v_end date;
  v_days integer;
  v_table text;
  v_sets text;
  v_rules record;
  v_answer jsonb;
begin
  select s.value into v_answer from public.app_settings s where s.key = 'demo_clock';
  if v_answer is not null then
    return v_answer;
  end if;
  select ((max(i.reported_at) at time zone 'UTC') + v_offset)::date into v_end from public.incidents i;
  v_days := greatest(coalesce((v_today - 1) - v_end, 0), 0);
  v_answer := jsonb_build_object('data_end', v_end, 'today', v_today, 'shifted_days', v_days);

  if v_days > 0 then
    -- Moving the timeline is not an edit of the cases: no trigger (placement, workflow guard,
    -- audit, realtime) runs for it. Local to this transaction.
    perform set_config('session_replication_role', 'replica', true);
    foreach v_table in array private.demo_clock_tables() loop
      select string_agg(format('%1$I = %1$I + %2$s', c.column_name,
                               case when c.data_type = 'date' then v_days::text
                                    else quote_literal(make_interval(days => v_days)::text) || '::interval' end),
                        ', ' order by c.ordinal_position)
      into v_sets
      from information_schema.columns c
      where c.table_schema = 'public' and c.table_name = v_table
        and c.data_type in ('timestamp with time zone', 'date');
      if v_sets is not null then
        execute format('update public.%I set %s', v_table, v_sets);
      end if;
    end loop;

    -- The open cases' 处置 deadlines on the calendar of their new days (weekends and
    -- holidays fall elsewhere now), as the placement trigger computes them. Closed cases keep
    -- theirs: whether they closed in time was settled when they closed.
    select * into v_rules from private.work_rules();
    update public.incidents i set deadline_at = (
      select case when l.id is null then null
                  else private.add_work_time(coalesce(i.dispatched_at, i.registered_at, i.reported_at), l.amount, l.unit,
                                             v_rules.utc_offset, v_rules.opens, v_rules.closes,
                                             v_rules.exception_days, v_rules.exception_workdays) end
      from private.time_limit_for(i.category_code,
             coalesce((select g.management_level from public.grids g where g.id = i.grid_id), 2::smallint)) l)
    where i.status not in ('closed', 'rejected');
    -- And the deadline of the stage an open case is in (受理, 核实, 立案, 派遣 or 核查,
    -- 20261208000100_case_stages.sql), from the same stamps the stage trigger starts it at.
    update public.incidents i set stage_deadline_at = private.stage_deadline(
      o.stage,
      case o.stage when 'accept' then i.reported_at when 'verify' then i.accepted_at
        when 'register' then coalesce(i.verified_at, i.accepted_at) when 'dispatch' then i.registered_at
        when 'check' then i.handled_at end,
      i.category_code,
      (select g.management_level from public.grids g where g.id = i.grid_id))
    from (select x.id, private.case_open_stage(x.status, x.source) as stage
          from public.incidents x where x.status not in ('closed', 'rejected', 'dispatched')) o
    where i.id = o.id and o.stage is not null;
    perform set_config('session_replication_role', 'origin', true);
  end if;

  insert into public.app_settings (key, value, description)
  values ('demo_clock', v_answer, '演示数据的时间平移：最后一天的案件落在首次打开演示前一天（private.shift_demo_clock）');
  return v_answer;
end
$$;
revoke all on function private.shift_demo_clock(date) from public;
revoke all on function private.demo_clock_tables() from public;
