-- The embedded demo's clock, to the minute (issue 15). 20261208000500 moved the demo's
-- timeline by whole days so that its last case fell on the day before it was opened; the
-- cases in flight then were those of the midnight after that day, and as the day went on
-- nothing moved: opened at four in the afternoon, 13 % of the open cases were overdue, by ten
-- at night 22 % (docs/decisions.md, "The demo's clock").
--
-- private.open_demo_at(now) moves the timeline by the fewest whole days that bring its end to
-- or past `now` (so its last day is today, and every time of day and hourly pattern stays),
-- then cuts it at `now`: cases reported later are not reported yet and go; every later stamp
-- of the others goes, and the case is in the stage it had reached by `now` (a 返工 not yet
-- found by its 核查 is undone as well); history and 以克论净 samples after `now` go. The open
-- cases' deadlines are then counted again, and the late-stage bits of the cut cases recounted
-- from the stamps that remain (the stage trigger's own formula, 20261208000100). Called once by
-- the browser's database worker on the first start; production never calls it.

-- The open cases' 处置 deadlines on the calendar of their (new) days, and the deadline of the
-- stage each open case is in, as the placement and stage triggers compute them. Was written
-- inline in shift_demo_clock; open_demo_at needs it again after its cut.
create or replace function private.recount_demo_open_deadlines() returns void
language plpgsql volatile
set search_path = ''
as $$
declare
  v_rules record;
begin
  select * into v_rules from private.work_rules();
  update public.incidents i set deadline_at = (
    select case when l.id is null then null
                else private.add_work_time(coalesce(i.dispatched_at, i.registered_at, i.reported_at), l.amount, l.unit,
                                           v_rules.utc_offset, v_rules.opens, v_rules.closes,
                                           v_rules.exception_days, v_rules.exception_workdays) end
    from private.time_limit_for(i.category_code,
           coalesce((select g.management_level from public.grids g where g.id = i.grid_id), 2::smallint)) l)
  where i.status not in ('closed', 'rejected');
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
end
$$;
revoke all on function private.recount_demo_open_deadlines() from public;

-- As in 20261208000500, with the deadline recount moved into the function above.
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
    -- Closed cases keep their deadlines: whether they closed in time was settled then.
    perform private.recount_demo_open_deadlines();
    perform set_config('session_replication_role', 'origin', true);
  end if;

  insert into public.app_settings (key, value, description)
  values ('demo_clock', v_answer, '演示数据的时间平移：最后一天的案件落在首次打开演示前一天（private.shift_demo_clock）');
  return v_answer;
end
$$;
revoke all on function private.shift_demo_clock(date) from public;

-- p_now: the moment the demo is opened (null: now()). Returns {data_end, today, shifted_days,
-- opened_at, cases_not_yet_reported, cases_cut}; a database already moved is
-- left as it is and the recorded answer returned. When the demo is opened before its data
-- ends (a clock set back), nothing moves and nothing is cut.
create or replace function private.open_demo_at(p_now timestamptz default null) returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
  v_now timestamptz := coalesce(p_now, now());
  v_offset interval := private.local_offset();
  v_answer jsonb;
  v_end date;
  v_end_moment timestamptz;
  v_days integer;
  v_removed integer := 0;
  v_cut integer := 0;
  v_reworks boolean := to_regclass('private.demo_reworks') is not null;
begin
  select s.value into v_answer from public.app_settings s where s.key = 'demo_clock';
  if v_answer is not null then
    return v_answer;
  end if;
  select ((max(i.reported_at) at time zone 'UTC') + v_offset)::date into v_end from public.incidents i;
  -- the local midnight after the demo's last day
  v_end_moment := ((v_end + 1)::timestamp - v_offset) at time zone 'UTC';
  v_days := greatest(ceil(extract(epoch from (v_now - v_end_moment)) / 86400.0)::integer, 0);
  -- shift_demo_clock(d) moves (d − 1) − last day days
  v_answer := private.shift_demo_clock(v_end + 1 + v_days);

  if v_days > 0 then
    perform set_config('session_replication_role', 'replica', true);
    create temp table demo_cut (id bigint primary key) on commit drop;

    -- Not reported yet: the case and what hangs off it (foreign keys are triggers, and off).
    create temp table demo_future on commit drop as
      select i.id from public.incidents i where i.reported_at > v_now;
    delete from public.case_history h using demo_future f where h.incident_id = f.id;
    delete from public.case_attachments a using demo_future f where a.incident_id = f.id;
    delete from public.incident_current_grids c using demo_future f where c.incident_id = f.id;
    if v_reworks then
      execute 'delete from private.demo_reworks r using demo_future f where r.incident_id = f.id';
    end if;
    delete from public.incidents i using demo_future f where i.id = f.id;
    get diagnostics v_removed = row_count;

    -- A 返工 its 核查 has not found yet: the case is at its first 处置 (or before it).
    if v_reworks then
      execute $q$
        with undone as (
          delete from private.demo_reworks r
          using public.incidents i
          where i.id = r.incident_id and i.dispatched_at + make_interval(secs => r.failed_check_after_s) > $1
          returning r.incident_id, i.dispatched_at + make_interval(secs => r.handled_after_s) as first_handled_at
        ), reset as (
          update public.incidents i
          set handled_at = case when u.first_handled_at <= $1 then u.first_handled_at end,
              checked_at = null, closed_at = null, closure_type = null,
              status = case when u.first_handled_at <= $1 then 'handled' else 'dispatched' end
          from undone u where i.id = u.incident_id
          returning i.id
        )
        insert into pg_temp.demo_cut (id) select id from reset on conflict do nothing
      $q$ using v_now;
    end if;

    -- Every stamp after now goes; the case is in the last stage it reached.
    with cut as (
      update public.incidents i set
        accepted_at = case when i.accepted_at <= v_now then i.accepted_at end,
        verified_at = case when i.verified_at <= v_now then i.verified_at end,
        registered_at = case when i.registered_at <= v_now then i.registered_at end,
        dispatched_at = case when i.dispatched_at <= v_now then i.dispatched_at end,
        handled_at = case when i.handled_at <= v_now then i.handled_at end,
        checked_at = case when i.checked_at <= v_now then i.checked_at end,
        closed_at = case when i.closed_at <= v_now then i.closed_at end,
        closure_type = case when i.closed_at <= v_now then i.closure_type end,
        status = case
          when i.closed_at <= v_now then 'closed'
          -- 不予立案 is decided right after 受理 (or 核实): it stands once those are done
          when i.status = 'rejected' and coalesce(greatest(i.accepted_at, i.verified_at) <= v_now, false) then 'rejected'
          when i.checked_at <= v_now then 'checked'
          when i.handled_at <= v_now then 'handled'
          when i.dispatched_at <= v_now then 'dispatched'
          when i.registered_at <= v_now then 'registered'
          when i.verified_at <= v_now then 'verified'
          when i.accepted_at <= v_now then 'accepted'
          else 'reported' end
      where greatest(i.accepted_at, i.verified_at, i.registered_at, i.dispatched_at, i.handled_at, i.checked_at, i.closed_at) > v_now
      returning i.id
    )
    insert into demo_cut (id) select id from cut on conflict do nothing;
    select count(*) into v_cut from demo_cut;

    delete from public.case_history h where h.at > v_now;
    delete from public.cleaning_inspections c where c.at > v_now;

    perform private.recount_demo_open_deadlines();
    -- The late stages of the cut cases from the stamps they keep (a stage not finished yet
    -- was not finished late), as 20261208000100 computes them.
    with levels as (
      select c.id, g.management_level as level
      from demo_cut c join public.incidents x on x.id = c.id left join public.grids g on g.id = x.grid_id
    )
    update public.incidents i set late_stages = nullif(
        (case when i.accepted_at > private.stage_deadline('accept', i.reported_at, i.category_code, l.level) then 1 else 0 end)
      | (case when i.verified_at > private.stage_deadline('verify', i.accepted_at, i.category_code, l.level) then 2 else 0 end)
      | (case when i.registered_at > private.stage_deadline('register', coalesce(i.verified_at, i.accepted_at), i.category_code, l.level) then 4 else 0 end)
      | (case when i.dispatched_at > private.stage_deadline('dispatch', i.registered_at, i.category_code, l.level) then 8 else 0 end)
      | (case when i.handled_at > i.deadline_at then 16 else 0 end)
      | (case when i.checked_at > private.stage_deadline('check', i.handled_at, i.category_code, l.level) then 32 else 0 end),
      0)::smallint
    from levels l
    where i.id = l.id;
    -- Every case row was rewritten: the month index of 考核 (20261209000300) summarises the
    -- page ranges the new row versions went to, or its reads would scan them all until a vacuum.
    if to_regclass('public.incidents_month_brin') is not null then
      perform brin_summarize_new_values('public.incidents_month_brin');
    end if;
    perform set_config('session_replication_role', 'origin', true);
  end if;

  -- today: the day it was opened (shift_demo_clock's "today" is the day after the last one)
  v_answer := v_answer || jsonb_build_object('today', ((v_now at time zone 'UTC') + v_offset)::date, 'opened_at', v_now,
                                             'cases_not_yet_reported', v_removed, 'cases_cut', v_cut);
  update public.app_settings s set value = v_answer,
    description = '演示数据的时间平移：整日平移到打开当天，并截到打开时刻（private.open_demo_at）'
  where s.key = 'demo_clock';
  return v_answer;
end
$$;
revoke all on function private.open_demo_at(timestamptz) from public;
