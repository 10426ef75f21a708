-- DEVELOPMENT STAND-IN (branch h-kpi-ui): the 考核 workspace needs public.kpi_monthly to run
-- in the app and in its e2e test. Another helper writes the real function in a file of this
-- same name; at merge that file REPLACES this one. This version implements issue 19's
-- definitions plainly (one set-based query per month), with a fixed weighting, and no
-- configuration table.
--
-- kpi_monthly(p_month, p_level): one jsonb object per unit with cases in the month.
--   registered       cases with registered_at in M (local month, app_settings offset)
--   due              not rejected, deadline in M; plus closed in M with the deadline after M
--   closed           of due, closed before the end of M
--   closed_on_time   of due, closed before the end of M and not late by the desk's one rule
--                    (private.case_overdue: handled, else closed, by the deadline)
--   reworked         of due, with a failed 核查 in case_history (check, passed = false)
--   public_verified  of registered, reported by the public (12319, 群众上报, 媒体曝光)
--   stage_late       of due, with at least one stage recorded late (incidents.late_stages)
--   rates            unrounded fractions, null when the denominator is 0
--   score            0–100: 40 % 按期结案率, 30 % 结案率, 15 % (1 − 返工率), 15 % (1 − 监督举报率),
--                    over the rates that exist (weights of missing rates spread over the rest)
--   grade            A ≥ 90, B ≥ 75, C ≥ 60, D ≥ 40, E < 40; rank 1 = best; previous_rank in M − 1

create or replace function private.kpi_month_rows(p_month date, p_level text)
returns table (
  unit_code text, registered bigint, due bigint, closed bigint, closed_on_time bigint,
  reworked bigint, public_verified bigint, stage_late bigint
)
language plpgsql stable
set search_path = ''
set plan_cache_mode = force_custom_plan
as $$
declare
  -- The local month as instants, computed once so the planner sees constants (index ranges).
  v_from timestamptz := (date_trunc('month', p_month)::timestamp at time zone 'UTC') - private.local_offset();
  v_to timestamptz := ((date_trunc('month', p_month) + interval '1 month')::timestamp at time zone 'UTC') - private.local_offset();
begin
  return query
  with touched as materialized (
    select i.id, i.grid_id, i.department_id, i.source, i.late_stages,
      i.registered_at >= v_from and i.registered_at < v_to as is_registered,
      i.status <> 'rejected' and i.deadline_at is not null
        and ((i.deadline_at >= v_from and i.deadline_at < v_to)
             or (i.closed_at >= v_from and i.closed_at < v_to and i.deadline_at >= v_to)) as is_due,
      i.closed_at is not null and i.closed_at < v_to as is_closed,
      not private.case_overdue(i.status, i.deadline_at, i.handled_at, i.closed_at, v_to) as in_time
    from public.incidents i
    where (i.registered_at >= v_from and i.registered_at < v_to)
       or (i.deadline_at >= v_from and i.deadline_at < v_to)
       or (i.closed_at >= v_from and i.closed_at < v_to)
  ),
  facts as (
    select
      case p_level
        when 'street' then left(g.code, 9)
        when 'community' then left(g.code, 12)
        when 'grid' then g.code
        else d.code
      end as unit_code,
      t.*,
      t.is_due and exists (
        select 1 from public.case_history h
        where h.incident_id = t.id and h.action = 'check' and h.details ->> 'passed' = 'false') as is_reworked
    from touched t
    left join public.grids g on g.id = t.grid_id
    left join public.departments d on d.id = t.department_id
    where t.is_registered or t.is_due
  )
  select f.unit_code,
    count(*) filter (where f.is_registered),
    count(*) filter (where f.is_due),
    count(*) filter (where f.is_due and f.is_closed),
    count(*) filter (where f.is_due and f.is_closed and f.in_time),
    count(*) filter (where f.is_reworked),
    count(*) filter (where f.is_registered and f.source in ('hotline_12319', 'public_report', 'media')),
    count(*) filter (where f.is_due and coalesce(f.late_stages, 0) <> 0)
  from facts f
  where f.unit_code is not null
  group by f.unit_code;
end;
$$;

create or replace function private.kpi_scored(p_month date, p_level text)
returns table (
  unit_code text, registered bigint, due bigint, closed bigint, closed_on_time bigint,
  reworked bigint, public_verified bigint, stage_late bigint,
  closure_rate double precision, on_time_rate double precision, rework_rate double precision,
  public_report_rate double precision, stage_late_rate double precision, score double precision, rank bigint
)
language sql stable
set search_path = ''
as $$
  with rated as (
    select r.*,
      r.closed::double precision / nullif(r.due, 0) as closure_rate,
      r.closed_on_time::double precision / nullif(r.due, 0) as on_time_rate,
      r.reworked::double precision / nullif(r.due, 0) as rework_rate,
      r.public_verified::double precision / nullif(r.registered, 0) as public_report_rate,
      r.stage_late::double precision / nullif(r.due, 0) as stage_late_rate
    from private.kpi_month_rows(p_month, p_level) r
  ),
  scored as (
    select q.*,
      round((100 * (coalesce(0.40 * q.on_time_rate, 0) + coalesce(0.30 * q.closure_rate, 0)
                    + coalesce(0.15 * (1 - q.rework_rate), 0) + coalesce(0.15 * (1 - q.public_report_rate), 0))
             / nullif((case when q.on_time_rate is null then 0 else 0.40 end) + (case when q.closure_rate is null then 0 else 0.30 end)
                      + (case when q.rework_rate is null then 0 else 0.15 end) + (case when q.public_report_rate is null then 0 else 0.15 end), 0)
            )::numeric, 1)::double precision as score
    from rated q
  )
  select s.unit_code, s.registered, s.due, s.closed, s.closed_on_time, s.reworked, s.public_verified, s.stage_late,
    s.closure_rate, s.on_time_rate, s.rework_rate, s.public_report_rate, s.stage_late_rate, s.score,
    rank() over (order by s.score desc)
  from scored s
$$;

create or replace function public.kpi_monthly(p_month date, p_level text)
returns jsonb
language plpgsql stable security invoker
set search_path = ''
as $$
declare
  v_month date := date_trunc('month', p_month)::date;
  v_today date := (now() + private.local_offset())::date;
begin
  if p_month is null then
    raise exception 'month: 请选择月份' using errcode = 'UG501', column = 'month';
  end if;
  if p_level is null or p_level not in ('street', 'community', 'grid', 'department') then
    raise exception 'level: 未知的考核层级“%”（可选：street 街道、community 社区、grid 单元网格、department 部门）', coalesce(p_level, '')
      using errcode = 'UG501', column = 'level';
  end if;
  if v_month > date_trunc('month', v_today)::date then
    raise exception 'month: % 年 % 月尚未开始，不能考核', extract(year from v_month), extract(month from v_month)
      using errcode = 'UG502', column = 'month';
  end if;
  return coalesce((
    select jsonb_agg(jsonb_build_object(
        'unit_code', c.unit_code,
        'unit_name', coalesce(
          case p_level
            when 'street' then (select s.name from public.streets s where s.code = c.unit_code)
            when 'community' then (select m.name from public.communities m where m.code = c.unit_code)
            when 'grid' then (select nullif(g.name, '') from public.grids g where g.code = c.unit_code order by g.valid_to is null desc, g.version desc limit 1)
            else (select d.name from public.departments d where d.code = c.unit_code)
          end, c.unit_code),
        'registered', c.registered, 'due', c.due, 'closed', c.closed, 'closed_on_time', c.closed_on_time,
        'reworked', c.reworked, 'public_verified', c.public_verified,
        'closure_rate', c.closure_rate, 'on_time_rate', c.on_time_rate, 'rework_rate', c.rework_rate,
        'public_report_rate', c.public_report_rate,
        'stage_late', c.stage_late, 'stage_late_rate', c.stage_late_rate,
        'score', c.score,
        'grade', case when c.score is null then null when c.score >= 90 then 'A' when c.score >= 75 then 'B'
                      when c.score >= 60 then 'C' when c.score >= 40 then 'D' else 'E' end,
        'rank', c.rank,
        'previous_rank', p.rank)
      order by c.rank, c.unit_code)
    from private.kpi_scored(v_month, p_level) c
    left join private.kpi_scored((v_month - interval '1 month')::date, p_level) p on p.unit_code = c.unit_code
  ), '[]'::jsonb);
end;
$$;

-- Security invoker like the public function: the caller's row-level security still decides
-- which cases are counted.
revoke all on function private.kpi_month_rows(date, text) from public, anon;
revoke all on function private.kpi_scored(date, text) from public, anon;
grant execute on function private.kpi_month_rows(date, text) to authenticated, service_role;
grant execute on function private.kpi_scored(date, text) to authenticated, service_role;
revoke all on function public.kpi_monthly(date, text) from public, anon;
grant execute on function public.kpi_monthly(date, text) to authenticated, service_role;
