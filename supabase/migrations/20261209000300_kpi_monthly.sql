-- 考核 (issue 19, items 1, 4, 5 and 7): the monthly evaluation of streets, communities, grids
-- and departments, and the weights of its composite score. docs/evaluation.md is the reference
-- for every definition below; docs/decisions.md, "考核: kpi_monthly", says why.
--
--   public.kpi_monthly(p_month, p_level)        one jsonb array, one object per unit
--   public.kpi_weights(p_month)                 the weight set in force for a month, and the presets
--   public.set_kpi_weights(p_effective_month, p_weights)   admins: a weight set from a month on
--
-- Error codes UG270–UG277 (used nowhere else):
--   UG270 level unknown · UG271 month missing · UG272 month in the future · UG273 month before
--   the data (or no data at all) · UG274 a weight not a number or negative · UG275 weights do
--   not sum to 100 % · UG276 unknown weight or preset · UG277 effective month missing or past

-- ---------------------------------------------------------------------------------------
-- Weights. Percentages of the composite score per figure; a set always names all six.
create or replace function private.kpi_weight_keys() returns text[]
language sql immutable
set search_path = ''
as $$
  select array['closure_rate', 'on_time_rate', 'rework_rate', 'public_report_rate', 'stage_late_rate', 'cleaning_quality']
$$;

create or replace function private.kpi_weight_label(p_key text) returns text
language sql immutable
set search_path = ''
as $$
  select case p_key
    when 'closure_rate' then '结案率' when 'on_time_rate' then '按期结案率' when 'rework_rate' then '返工率'
    when 'public_report_rate' then '监督举报率' when 'stage_late_rate' then '环节超时率'
    when 'cleaning_quality' then '保洁质量（以克论净）' else coalesce(p_key, '') end
$$;

create table public.kpi_weight_presets (
  code text primary key check (code ~ '^[a-z][a-z0-9_]{0,39}$'),
  label text not null,
  weights jsonb not null,
  -- where the numbers come from, in words (shown beside the preset)
  source text not null,
  sort integer not null default 0
);
alter table public.kpi_weight_presets enable row level security;
revoke all on table public.kpi_weight_presets from anon, authenticated, public;
grant select on table public.kpi_weight_presets to authenticated;
create policy kpi_weight_presets_read on public.kpi_weight_presets for select to authenticated using ((select private.has_profile()));

-- The two presets (docs/evaluation.md, "Presets"). The figures and their direction are
-- DOMAIN.md's and the issue's; DOMAIN.md says the weights vary by city, and neither gives
-- numbers, so both sets of numbers are our choice and say so.
insert into public.kpi_weight_presets (code, label, weights, source, sort) values
  ('standard', '标准（按期优先）',
   '{"closure_rate": 30, "on_time_rate": 40, "rework_rate": 15, "public_report_rate": 15, "stage_late_rate": 0, "cleaning_quality": 0}',
   '指标及方向取自 DOMAIN.md「综合评价」与 issue 19；权重数值为本项目选择（两者均未给出数值）：按期结案率最重（平台的处置时限即为此而设），结案率次之，返工率与监督举报率各 15%；环节超时率与保洁质量默认不计分。', 10),
  ('equal', '四率等权',
   '{"closure_rate": 25, "on_time_rate": 25, "rework_rate": 25, "public_report_rate": 25, "stage_late_rate": 0, "cleaning_quality": 0}',
   '指标取自 DOMAIN.md「综合评价」；四率各 25% 为本项目选择的中性基准，便于与其他方案对照。', 20);

-- A set holds from its month until the next set's month. Rows are written only by
-- private.set_kpi_weights; the seed row makes every month have a set in force.
create table public.kpi_weight_sets (
  effective_month date primary key check (extract(day from effective_month) = 1),
  preset text references public.kpi_weight_presets (code),
  weights jsonb not null,
  set_by uuid,
  set_at timestamptz not null default now()
);
alter table public.kpi_weight_sets enable row level security;
revoke all on table public.kpi_weight_sets from anon, authenticated, public;
grant select on table public.kpi_weight_sets to authenticated;
create policy kpi_weight_sets_read on public.kpi_weight_sets for select to authenticated using ((select private.has_profile()));
create trigger kpi_weight_sets_audit after insert or update or delete on public.kpi_weight_sets
  for each row execute function private.write_audit();
-- Followed by the app (src/data/rpc.ts WATCHED_TABLES): another admin's change re-reads the scores.
alter publication supabase_realtime add table public.kpi_weight_sets;
create trigger kpi_weight_presets_audit after insert or update or delete on public.kpi_weight_presets
  for each row execute function private.write_audit();

insert into public.kpi_weight_sets (effective_month, preset, weights)
select date '2000-01-01', p.code, p.weights from public.kpi_weight_presets p where p.code = 'standard';

-- The set in force for the month holding p_month: the latest one effective no later.
create or replace function private.kpi_weight_set_for(p_month date) returns public.kpi_weight_sets
language sql stable
set search_path = ''
as $$
  select s.* from public.kpi_weight_sets s
  where s.effective_month <= date_trunc('month', p_month::timestamp)::date
  order by s.effective_month desc
  limit 1
$$;

-- ---------------------------------------------------------------------------------------
-- Months. A month is local (app_settings.timezone_offset_hours): [first day 00:00, next
-- first day 00:00) local time, as UTC instants.
create or replace function private.kpi_month_start(p_month date) returns timestamptz
language sql stable
set search_path = ''
as $$
  select (date_trunc('month', p_month::timestamp)::date::timestamp - private.local_offset()) at time zone 'UTC'
$$;

create or replace function private.kpi_month_label(p_month date) returns text
language sql stable
set search_path = ''
as $$
  select to_char(p_month::timestamp, 'YYYY"年"FMMM"月"')
$$;

-- ---------------------------------------------------------------------------------------
-- One BRIN index over the three stamps a month is read by. Cases are written in the order
-- they happen, so the stamps follow the table's physical order (correlation 0.9999 in the
-- demo) and a block range summary finds a month's cases: the month's read touches ~350 of
-- 3,385 pages instead of all of them. A btree per stamp would cost ~2 MB each in the demo
-- snapshot (its budget has ~40 KB left); this index is 4 pages. Rows moved out of order
-- (bulk updates) land in unsummarised ranges, read until a VACUUM summarises them: the
-- answer stays exact, the read touches more pages.
create index incidents_month_brin on public.incidents using brin (registered_at, deadline_at, closed_at) with (pages_per_range = 16);

-- ---------------------------------------------------------------------------------------
-- The figures of every unit of a level for one month, ranked, with the unit's rank in the
-- previous month (p_with_previous; that month with its own weights). Security invoker: the
-- caller reads what row level security lets them read. One pass over the cases registered,
-- due or closed in the two months, each case flagged for the month(s) it counts in, grouped
-- by month and unit; units without cases are listed too.
create or replace function private.kpi_unit_rows(p_month date, p_level text, p_with_previous boolean)
returns table (
  unit_code text, unit_name text,
  registered integer, due integer, closed integer, closed_on_time integer, reworked integer, public_verified integer, stage_late integer,
  closure_rate numeric, on_time_rate numeric, rework_rate numeric, public_report_rate numeric, stage_late_rate numeric,
  cleaning_samples integer, cleaning_passed integer, cleaning_pass_rate numeric,
  score numeric, grade text, rank integer, previous_rank integer
)
language plpgsql stable
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_month date := date_trunc('month', p_month::timestamp)::date;
  v_previous date := (date_trunc('month', p_month::timestamp) - interval '1 month')::date;
  v_start timestamptz := private.kpi_month_start(v_month);
  v_end timestamptz := private.kpi_month_start((date_trunc('month', p_month::timestamp) + interval '1 month')::date);
  v_previous_start timestamptz := private.kpi_month_start(v_previous);
  -- the stamps read: from the previous month's start when it is ranked too
  v_from timestamptz := case when p_with_previous then private.kpi_month_start(v_previous) else private.kpi_month_start(v_month) end;
  v_weights jsonb := (private.kpi_weight_set_for(v_month)).weights;
  v_previous_weights jsonb := (private.kpi_weight_set_for(v_previous)).weights;
begin
  if v_weights is null or (p_with_previous and v_previous_weights is null) then
    raise exception 'month: % 没有生效的考核权重', private.kpi_month_label(v_month) using errcode = 'UG273', column = 'month';
  end if;
  return query
  with months as (
    -- m = 0: the month asked for; m = 1: the previous month
    select 0 as m, v_start as s, v_end as e, v_weights as w
    union all
    select 1, v_previous_start, v_start, v_previous_weights where p_with_previous
  ),
  month_cases as (
    -- v_from/v_end are parameters here, so the planner uses the BRIN index on the stamps
    select i.id, i.grid_id, i.department_id, i.source, i.status, i.late_stages, i.registered_at, i.handled_at, i.closed_at, i.deadline_at
    from public.incidents i
    where (i.registered_at >= v_from and i.registered_at < v_end)
       or (i.deadline_at >= v_from and i.deadline_at < v_end)
       or (i.closed_at >= v_from and i.closed_at < v_end)
  ),
  case_months as (
    select c.*, mo.m, mo.e,
      (c.registered_at >= mo.s and c.registered_at < mo.e) as is_registered,
      (c.registered_at is not null and c.status <> 'rejected'
        and ((c.deadline_at >= mo.s and c.deadline_at < mo.e)
          or (c.closed_at >= mo.s and c.closed_at < mo.e and c.deadline_at >= mo.e))) as is_due
    from month_cases c cross join months mo
  ),
  flagged as materialized (
    select
      c.m,
      case p_level
        when 'street' then left(g.code, 9)
        when 'community' then left(g.code, 12)
        when 'grid' then g.code
        else d.code end as code,
      c.is_registered,
      c.is_due,
      c.is_due and c.closed_at < c.e as is_closed,
      -- the one overdue rule (private.case_overdue): handled, or never handled and closed, by the deadline
      c.is_due and c.closed_at < c.e and coalesce(c.handled_at, c.closed_at) <= c.deadline_at as is_on_time,
      case when c.is_due then exists (
        select 1 from public.case_history h
        where h.incident_id = c.id and h.action = 'check' and h.details -> 'passed' = 'false'::jsonb and h.at < c.e)
      else false end as is_reworked,
      c.is_registered and c.source in ('hotline_12319', 'public_report', 'media') as is_public,
      -- 受理 1, 核实 2, 立案 4, 派遣 8, 核查 32 (处置 16 is the on-time rate's business)
      c.is_due and (coalesce(c.late_stages, 0) & 47) <> 0 as is_stage_late
    from case_months c
    -- both joined whatever the level (two hash joins): a join conditioned on p_level became a
    -- nested loop testing the condition once per case
    left join public.grids g on g.id = c.grid_id
    left join public.departments d on d.id = c.department_id
    where c.is_registered or c.is_due
  ),
  counts as materialized (
    select f.m, f.code,
      count(*) filter (where f.is_registered)::integer as registered,
      count(*) filter (where f.is_due)::integer as due,
      count(*) filter (where f.is_closed)::integer as closed,
      count(*) filter (where f.is_on_time)::integer as closed_on_time,
      count(*) filter (where f.is_reworked)::integer as reworked,
      count(*) filter (where f.is_public)::integer as public_verified,
      count(*) filter (where f.is_stage_late)::integer as stage_late
    from flagged f
    where f.code is not null
    group by f.m, f.code
  ),
  cleaning as materialized (
    -- 以克论净 (20261207000100_roster.sql): the month's sample weighings on the unit's back-street
    -- segments, passed when within the segment's cleaning grade's limit; departments have none
    select mo.m,
      case p_level when 'street' then left(g.code, 9) when 'community' then left(g.code, 12) else g.code end as code,
      count(*)::integer as samples,
      count(*) filter (where ci.grams_per_m2 <= cg.dust_limit)::integer as passed
    from months mo
    join public.cleaning_inspections ci on ci.at >= mo.s and ci.at < mo.e
    join public.street_segments ss on ss.id = ci.segment_id
    join public.cleaning_grades cg on cg.grade = ss.cleaning_grade
    join public.grids g on g.id = ss.grid_id
    where p_level <> 'department'
    group by 1, 2
  ),
  units as (
    select mo.m, s.code, s.name from public.streets s cross join months mo where p_level = 'street'
    union all
    select mo.m, c.code, c.name from public.communities c cross join months mo where p_level = 'community'
    union all
    -- every grid code with a version in force during the month, named as its latest such version
    (select distinct on (mo.m, g.code) mo.m, g.code, g.name from public.grids g join months mo on g.valid_from < mo.e and (g.valid_to is null or g.valid_to > mo.s)
     where p_level = 'grid'
     order by mo.m, g.code, g.valid_from desc)
    union all
    select mo.m, d.code, d.name from public.departments d cross join months mo where p_level = 'department'
  ),
  rated as (
    select coalesce(u.m, k.m) as m, coalesce(u.code, k.code) as code, coalesce(nullif(u.name, ''), coalesce(u.code, k.code)) as name,
      coalesce(k.registered, 0) as registered, coalesce(k.due, 0) as due, coalesce(k.closed, 0) as closed,
      coalesce(k.closed_on_time, 0) as closed_on_time, coalesce(k.reworked, 0) as reworked,
      coalesce(k.public_verified, 0) as public_verified, coalesce(k.stage_late, 0) as stage_late,
      k.closed::numeric / nullif(k.due, 0) as closure_rate,
      k.closed_on_time::numeric / nullif(k.due, 0) as on_time_rate,
      k.reworked::numeric / nullif(k.due, 0) as rework_rate,
      k.public_verified::numeric / nullif(k.registered, 0) as public_report_rate,
      k.stage_late::numeric / nullif(k.due, 0) as stage_late_rate,
      coalesce(q.samples, 0) as cleaning_samples, coalesce(q.passed, 0) as cleaning_passed,
      q.passed::numeric / nullif(q.samples, 0) as cleaning_pass_rate
    from units u
    full join counts k on k.m = u.m and k.code = u.code
    left join cleaning q on q.m = coalesce(u.m, k.m) and q.code = coalesce(u.code, k.code)
  ),
  weighted as (
    select r.*,
      coalesce((mo.w ->> 'closure_rate')::numeric, 0) as w_closure,
      coalesce((mo.w ->> 'on_time_rate')::numeric, 0) as w_on_time,
      coalesce((mo.w ->> 'rework_rate')::numeric, 0) as w_rework,
      coalesce((mo.w ->> 'public_report_rate')::numeric, 0) as w_public,
      coalesce((mo.w ->> 'stage_late_rate')::numeric, 0) as w_stage,
      coalesce((mo.w ->> 'cleaning_quality')::numeric, 0) as w_cleaning
    from rated r join months mo on mo.m = r.m
  ),
  scored as (
    -- points 0–100 per figure: higher is better for closure and on-time, lower for the rest.
    -- A figure without a denominator (null rate) leaves the score, and the other figures'
    -- weights are scaled up to 100 %; with none left the unit has no score. Rounded to 0.01,
    -- halves up, on the exact value: numeric division stops at 20 digits (7/24 → …667), which
    -- would put an exact 95.625 at 95.6249…; rounding to 10 places first restores the half.
    select r.*,
      round(round(
        (case when r.closure_rate is not null then r.w_closure * 100 * r.closure_rate else 0 end
         + case when r.on_time_rate is not null then r.w_on_time * 100 * r.on_time_rate else 0 end
         + case when r.rework_rate is not null then r.w_rework * 100 * (1 - r.rework_rate) else 0 end
         + case when r.public_report_rate is not null then r.w_public * 100 * (1 - r.public_report_rate) else 0 end
         + case when r.stage_late_rate is not null then r.w_stage * 100 * (1 - r.stage_late_rate) else 0 end
         + case when r.cleaning_pass_rate is not null then r.w_cleaning * 100 * r.cleaning_pass_rate else 0 end)
        / nullif(
          case when r.closure_rate is not null then r.w_closure else 0 end
          + case when r.on_time_rate is not null then r.w_on_time else 0 end
          + case when r.rework_rate is not null then r.w_rework else 0 end
          + case when r.public_report_rate is not null then r.w_public else 0 end
          + case when r.stage_late_rate is not null then r.w_stage else 0 end
          + case when r.cleaning_pass_rate is not null then r.w_cleaning else 0 end, 0),
        10), 2) as score
    from weighted r
  ),
  ranked as (
    -- equal scores share a rank, and the next rank skips (1, 2, 2, 4)
    select s.*, case when s.score is not null then (rank() over (partition by s.m order by s.score desc nulls last))::integer end as rank
    from scored s
  ),
  paired as (
    -- the unit's previous-month rank beside this month's (a window, not a self-join: the
    -- planner cannot size CTEs and chose a nested loop over 2,950 × 2,950 rows)
    select r.*, max(r.rank) filter (where r.m = 1) over (partition by r.code) as previous_rank
    from ranked r
  )
  select s.code, s.name, s.registered, s.due, s.closed, s.closed_on_time, s.reworked, s.public_verified, s.stage_late,
    s.closure_rate, s.on_time_rate, s.rework_rate, s.public_report_rate, s.stage_late_rate,
    s.cleaning_samples, s.cleaning_passed, s.cleaning_pass_rate,
    s.score,
    case when s.score is null then null when s.score >= 90 then 'A' when s.score >= 75 then 'B'
         when s.score >= 60 then 'C' when s.score >= 40 then 'D' else 'E' end,
    s.rank,
    s.previous_rank
  from paired s
  where s.m = 0;
end
$$;

-- ---------------------------------------------------------------------------------------
-- The month's first day, after checking it is a month the data can answer.
create or replace function private.kpi_checked_month(p_month date) returns date
language plpgsql stable
set search_path = ''
as $$
declare
  v_month date := date_trunc('month', p_month::timestamp)::date;
  v_current date := date_trunc('month', (now() at time zone 'UTC') + private.local_offset())::date;
  v_first date;
begin
  if p_month is null then
    raise exception 'month: 请指定考核月份（该月任意一天，如 2026-10-01）' using errcode = 'UG271', column = 'month';
  end if;
  if v_month > v_current then
    raise exception 'month: % 尚未到来，本月为 %，无法考核', private.kpi_month_label(v_month), private.kpi_month_label(v_current)
      using errcode = 'UG272', column = 'month';
  end if;
  v_first := date_trunc('month', (select min(i.reported_at) from public.incidents i) at time zone 'UTC' + private.local_offset())::date;
  if v_first is null then
    raise exception 'month: 尚无案件数据，无法考核 %', private.kpi_month_label(v_month) using errcode = 'UG273', column = 'month';
  end if;
  if v_month < v_first then
    raise exception 'month: % 早于案件数据（最早的案件上报于 %），没有可考核的数据', private.kpi_month_label(v_month), private.kpi_month_label(v_first)
      using errcode = 'UG273', column = 'month';
  end if;
  return v_month;
end
$$;

-- p_month: any day of the month; p_level: street | community | grid | department.
-- Returns [{unit_code, unit_name, registered, due, closed, closed_on_time, reworked,
-- public_verified, stage_late, closure_rate, on_time_rate, rework_rate, public_report_rate,
-- stage_late_rate, cleaning_samples, cleaning_passed, cleaning_pass_rate, score, grade, rank,
-- previous_rank}], best rank first, unscored units last.
create or replace function public.kpi_monthly(p_month date, p_level text) returns jsonb
language plpgsql stable security invoker
set search_path = ''
as $$
declare
  v_month date;
  v_previous date;
  v_first date;
  v_result jsonb;
begin
  if p_level is null or p_level not in ('street', 'community', 'grid', 'department') then
    raise exception 'level: 考核层级应为 street（街道）、community（社区）、grid（网格）或 department（部门）之一，收到 "%"', coalesce(p_level, '')
      using errcode = 'UG270', column = 'level';
  end if;
  v_month := private.kpi_checked_month(p_month);
  v_previous := (v_month - interval '1 month')::date;
  v_first := date_trunc('month', (select min(i.reported_at) from public.incidents i) at time zone 'UTC' + private.local_offset())::date;
  -- the previous month is ranked too (with its own weights), unless it is before the data
  select coalesce(jsonb_agg(jsonb_build_object(
      'unit_code', c.unit_code, 'unit_name', c.unit_name,
      'registered', c.registered, 'due', c.due, 'closed', c.closed, 'closed_on_time', c.closed_on_time,
      'reworked', c.reworked, 'public_verified', c.public_verified, 'stage_late', c.stage_late,
      'closure_rate', c.closure_rate, 'on_time_rate', c.on_time_rate, 'rework_rate', c.rework_rate,
      'public_report_rate', c.public_report_rate, 'stage_late_rate', c.stage_late_rate,
      'cleaning_samples', c.cleaning_samples, 'cleaning_passed', c.cleaning_passed, 'cleaning_pass_rate', c.cleaning_pass_rate,
      'score', c.score, 'grade', c.grade, 'rank', c.rank, 'previous_rank', c.previous_rank)
    order by c.rank nulls last, c.unit_code), '[]'::jsonb)
  into v_result
  from private.kpi_unit_rows(v_month, p_level, v_previous >= v_first) c;
  return v_result;
end
$$;

-- The weight set in force for a month (default: this month) and the presets, for the
-- workspace to show how a score is made.
create or replace function public.kpi_weights(p_month date default null) returns jsonb
language sql stable security invoker
set search_path = ''
as $$
  select jsonb_build_object(
    'month', m.month,
    'effective_month', s.effective_month,
    'preset', s.preset,
    'weights', s.weights,
    'sets', (select coalesce(jsonb_agg(jsonb_build_object('effective_month', x.effective_month, 'preset', x.preset, 'weights', x.weights)
                                       order by x.effective_month), '[]'::jsonb) from public.kpi_weight_sets x),
    'presets', (select coalesce(jsonb_agg(jsonb_build_object('code', p.code, 'label', p.label, 'weights', p.weights, 'source', p.source)
                                          order by p.sort, p.code), '[]'::jsonb) from public.kpi_weight_presets p))
  from (select coalesce(date_trunc('month', p_month::timestamp)::date,
                        date_trunc('month', (now() at time zone 'UTC') + private.local_offset())::date) as month) m
  left join lateral (select * from private.kpi_weight_set_for(m.month)) s on true
$$;

-- ---------------------------------------------------------------------------------------
-- Setting the weights from a month on. p_weights: {"preset": "<code>"} or the weights by
-- key in percent ({"closure_rate": 30, …}; a key left out is 0). Only admins (or the owner /
-- service_role directly); a month already begun keeps the set it was computed with, so the
-- effective month is this month or later.
create or replace function private.set_kpi_weights(p_effective_month date, p_weights jsonb) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_keys constant text[] := private.kpi_weight_keys();
  v_month date := date_trunc('month', p_effective_month::timestamp)::date;
  v_current date := date_trunc('month', (now() at time zone 'UTC') + private.local_offset())::date;
  v_preset public.kpi_weight_presets;
  v_weights jsonb := '{}'::jsonb;
  v_key text;
  v_value jsonb;
  v_number numeric;
  v_sum numeric := 0;
  v_row public.kpi_weight_sets;
begin
  if coalesce(current_setting('role', true), 'none') in ('authenticated', 'anon') and not private.has_role(array['admin']) then
    raise exception '当前用户（角色：%）无权修改考核权重，需要系统管理员角色',
      private.role_label(coalesce(private.current_app_role(), '未分配')) using errcode = '42501';
  end if;
  if p_effective_month is null then
    raise exception 'effective_month: 请指定权重的生效月份' using errcode = 'UG277', column = 'effective_month';
  end if;
  if v_month < v_current then
    raise exception 'effective_month: 生效月份 % 早于本月（%）：已开始的月份按当时生效的权重考核，不能改变', private.kpi_month_label(v_month),
      private.kpi_month_label(v_current) using errcode = 'UG277', column = 'effective_month';
  end if;
  if p_weights is null or jsonb_typeof(p_weights) <> 'object' then
    raise exception 'weights: 权重应为对象，如 {"closure_rate": 30, "on_time_rate": 40, …} 或 {"preset": "standard"}'
      using errcode = 'UG274', column = 'weights';
  end if;

  if p_weights ? 'preset' then
    if (select count(*) from jsonb_object_keys(p_weights)) > 1 then
      raise exception 'weights: 选择预设方案时不能同时给出各项权重' using errcode = 'UG276', column = 'preset';
    end if;
    select * into v_preset from public.kpi_weight_presets p where p.code = p_weights ->> 'preset';
    if not found then
      raise exception 'preset: 没有名为「%」的预设方案；可选：%', coalesce(p_weights ->> 'preset', ''),
        (select string_agg(p.code || '（' || p.label || '）', '、' order by p.sort, p.code) from public.kpi_weight_presets p)
        using errcode = 'UG276', column = 'preset';
    end if;
    p_weights := v_preset.weights;
  end if;

  for v_key in select k from jsonb_object_keys(p_weights) k order by k loop
    if not v_key = any (v_keys) then
      raise exception '%: 未知的权重「%」；可用：%', v_key, v_key,
        (select string_agg(k || '（' || private.kpi_weight_label(k) || '）', '、' order by o) from unnest(v_keys) with ordinality as u (k, o))
        using errcode = 'UG276', column = v_key;
    end if;
  end loop;
  foreach v_key in array v_keys loop
    v_value := coalesce(p_weights -> v_key, '0'::jsonb);
    if jsonb_typeof(v_value) <> 'number' then
      raise exception '%: 权重「%」应为数字（百分数），收到 %', v_key, private.kpi_weight_label(v_key), v_value
        using errcode = 'UG274', column = v_key;
    end if;
    v_number := (v_value #>> '{}')::numeric;
    if v_number < 0 then
      raise exception '%: 权重「%」不能为负数，收到 %', v_key, private.kpi_weight_label(v_key), v_number
        using errcode = 'UG274', column = v_key;
    end if;
    v_sum := v_sum + v_number;
    v_weights := v_weights || jsonb_build_object(v_key, v_number);
  end loop;
  if v_sum <> 100 then
    raise exception 'weights: 各项权重之和应为 100%%，现为 %（%）', v_sum || '%',
      (select string_agg(private.kpi_weight_label(k) || ' ' || (v_weights ->> k), ' + ' order by o)
       from unnest(v_keys) with ordinality as u (k, o) where (v_weights ->> k)::numeric <> 0)
      using errcode = 'UG275', column = 'weights';
  end if;

  insert into public.kpi_weight_sets as s (effective_month, preset, weights, set_by, set_at)
  values (v_month, v_preset.code, v_weights, (select auth.uid()), now())
  on conflict (effective_month) do update set
    preset = excluded.preset, weights = excluded.weights, set_by = excluded.set_by, set_at = excluded.set_at
  returning s.* into v_row;
  return to_jsonb(v_row);
end
$$;

create or replace function public.set_kpi_weights(p_effective_month date, p_weights jsonb) returns jsonb
language plpgsql volatile security invoker
set search_path = ''
as $$
begin
  return private.set_kpi_weights(p_effective_month, p_weights);
end
$$;

do $$
declare
  v_function text;
begin
  foreach v_function in array array[
    'private.kpi_weight_keys()', 'private.kpi_weight_label(text)', 'private.kpi_weight_set_for(date)',
    'private.kpi_month_start(date)', 'private.kpi_month_label(date)', 'private.kpi_unit_rows(date, text, boolean)',
    'private.kpi_checked_month(date)', 'public.kpi_monthly(date, text)', 'public.kpi_weights(date)',
    'private.set_kpi_weights(date, jsonb)', 'public.set_kpi_weights(date, jsonb)'
  ] loop
    execute format('revoke all on function %s from public, anon', v_function);
    execute format('grant execute on function %s to authenticated, service_role', v_function);
  end loop;
end
$$;
