-- The case workflow (案件流程): 上报 → 受理 → (核实) → 立案 → 派遣 → 处置 → 核查 → 结案, with
-- 不予立案, 改派 and 返工. One write function, public.transition_case, performs every step:
-- it checks the caller's role and the case's current state against one transition table,
-- locks the row, stamps the time, lets the placement trigger recompute the deadline and
-- records who did what in public.case_history. docs/workflow.md describes the rules.

-- ---------------------------------------------------------------------------------------
-- The transition table. The TypeScript port (src/domain/cases/workflow.ts) holds the same
-- rows; a database test compares the two for every status × source × role.
create or replace function private.case_transitions()
returns table (action text, from_status text, to_status text, sources text[], roles text[])
language sql immutable
set search_path = ''
as $$
  values
    ('accept', 'reported', 'accepted', null::text[], array['dispatcher', 'admin']),
    -- Cases from the public are verified on site by a supervisor before they are registered;
    -- a supervisor's own patrol, video, drone and superior cases are registered directly.
    ('verify', 'accepted', 'verified', array['hotline_12319', 'public_report', 'media'], array['dispatcher', 'admin']),
    ('register', 'accepted', 'registered', array['patrol', 'video', 'drone', 'superior'], array['dispatcher', 'admin']),
    ('register', 'verified', 'registered', array['hotline_12319', 'public_report', 'media'], array['dispatcher', 'admin']),
    ('reject', 'reported', 'rejected', null, array['dispatcher', 'admin']),
    ('reject', 'accepted', 'rejected', null, array['dispatcher', 'admin']),
    ('reject', 'verified', 'rejected', null, array['dispatcher', 'admin']),
    ('dispatch', 'registered', 'dispatched', null, array['dispatcher', 'admin']),
    ('redispatch', 'dispatched', 'dispatched', null, array['dispatcher', 'admin']),
    ('handle', 'dispatched', 'handled', null, array['staff', 'admin']),
    -- A failed 核查 sends the case back to 处置 (返工); to_status names the passing outcome.
    ('check', 'handled', 'checked', null, array['dispatcher', 'admin']),
    ('close', 'checked', 'closed', null, array['dispatcher', 'admin'])
$$;

create or replace function private.case_action_order(p_action text) returns integer
language sql immutable
set search_path = ''
as $$
  select array_position(array['accept', 'verify', 'register', 'reject', 'dispatch', 'redispatch', 'handle', 'check', 'close'], p_action)
$$;

create or replace function private.case_status_label(p_status text) returns text
language sql immutable
set search_path = ''
as $$
  select case p_status
    when 'reported' then '已上报（待受理）' when 'accepted' then '已受理' when 'verified' then '已核实'
    when 'registered' then '已立案' when 'dispatched' then '已派遣（处置中）' when 'handled' then '已处置（待核查）'
    when 'checked' then '已核查（待结案）' when 'closed' then '已结案' when 'rejected' then '不予立案'
    else coalesce(p_status, '未知') end
$$;

create or replace function private.case_action_label(p_action text) returns text
language sql immutable
set search_path = ''
as $$
  select case p_action
    when 'accept' then '受理' when 'verify' then '核实' when 'register' then '立案' when 'reject' then '不予立案'
    when 'dispatch' then '派遣' when 'redispatch' then '改派' when 'handle' then '处置完成' when 'check' then '核查'
    when 'close' then '结案' when 'report' then '上报'
    else coalesce(p_action, '未知操作') end
$$;

create or replace function private.role_label(p_role text) returns text
language sql immutable
set search_path = ''
as $$
  select case p_role
    when 'admin' then '系统管理员' when 'planner' then '网格规划员' when 'manager' then '指挥中心'
    when 'dispatcher' then '受理派遣员' when 'staff' then '作业人员' when 'viewer' then '访客'
    else coalesce(p_role, '未登录') end
$$;

-- What a role may do to a case in a given state, in workflow order.
create or replace function private.case_allowed_actions(p_status text, p_source text, p_role text) returns text[]
language sql immutable
set search_path = ''
as $$
  select coalesce(array_agg(distinct_actions.action order by private.case_action_order(distinct_actions.action)), '{}')
  from (
    select distinct t.action
    from private.case_transitions() t
    where t.from_status = p_status
      and (t.sources is null or p_source = any (t.sources))
      and p_role = any (t.roles)
  ) distinct_actions
$$;

-- Late when handled (or, lacking that, closed) after the deadline, or still open past it.
-- Rejected cases never entered 处置 and are never late. Matches the closure type the
-- placement trigger gives a closed case.
create or replace function private.case_overdue(
  p_status text, p_deadline_at timestamptz, p_handled_at timestamptz, p_closed_at timestamptz, p_now timestamptz
) returns boolean
language sql immutable
set search_path = ''
as $$
  select p_status <> 'rejected' and p_deadline_at is not null and coalesce(p_handled_at, p_closed_at, p_now) > p_deadline_at
$$;

-- The platform's case number: local report date + the id, e.g. 20260315-000123.
create or replace function private.case_number(p_id bigint, p_reported_at timestamptz) returns text
language sql stable
set search_path = ''
as $$
  select to_char((p_reported_at at time zone 'UTC') + private.local_offset(), 'YYYYMMDD') || '-' || lpad(p_id::text, 6, '0')
$$;

-- ---------------------------------------------------------------------------------------
-- History. Rows are written only by private.apply_case_transition (security definer); the
-- API roles may read the history of the cases they may read.
create table public.case_history (
  id bigint generated always as identity primary key,
  incident_id bigint not null references public.incidents (id) on delete cascade,
  action text not null
    check (action in ('report', 'accept', 'verify', 'register', 'reject', 'dispatch', 'redispatch', 'handle', 'check', 'close')),
  from_status text,
  to_status text not null,
  at timestamptz not null default now(),
  actor uuid,
  actor_role text,
  actor_name text,
  note text not null default '',
  -- department_id / previous_department_id, passed, closure_type, rework, as the action has them
  details jsonb not null default '{}'::jsonb,
  -- true for entries written from the case's stamped columns when its first recorded step
  -- happens (seeded and imported cases carry their past only as stamps)
  derived boolean not null default false
);
create index case_history_incident_idx on public.case_history (incident_id, at, id);

alter table public.case_history enable row level security;
revoke all on table public.case_history from anon, authenticated, public;
grant select on table public.case_history to authenticated;
create policy case_history_read on public.case_history for select to authenticated
  using (exists (select 1 from public.incidents i where i.id = incident_id));

alter publication supabase_realtime add table public.case_history;

-- The past of a case as its stamps tell it, for cases without recorded history.
-- Seeded rejections carry no time: the demo and most exports only keep the decision.
create or replace function private.case_stamped_events(p_case public.incidents)
returns table (action text, from_status text, to_status text, at timestamptz, details jsonb)
language sql stable
set search_path = ''
as $$
  with stages (ordinal, action, to_status, at, details) as (
    values
      (0, 'report', 'reported', p_case.reported_at, '{}'::jsonb),
      (1, 'accept', 'accepted', p_case.accepted_at, '{}'::jsonb),
      (2, 'verify', 'verified', p_case.verified_at, '{}'::jsonb),
      (3, 'register', 'registered', p_case.registered_at, '{}'::jsonb),
      (4, 'dispatch', 'dispatched', p_case.dispatched_at, jsonb_build_object('department_id', p_case.department_id)),
      (5, 'handle', 'handled', p_case.handled_at, '{}'::jsonb),
      (6, 'check', 'checked', p_case.checked_at, '{"passed": true}'::jsonb),
      (7, 'close', 'closed', p_case.closed_at, jsonb_build_object('closure_type', p_case.closure_type)),
      (8, 'reject', 'rejected', null::timestamptz, '{}'::jsonb)
  ),
  reached as (
    select s.* from stages s
    where s.at is not null or (s.action = 'reject' and p_case.status = 'rejected')
  )
  select r.action, lag(r.to_status) over (order by r.ordinal), r.to_status, r.at, r.details
  from reached r
  order by r.ordinal
$$;

-- ---------------------------------------------------------------------------------------
-- Status, stamps and department change only through the workflow: a direct update by an API
-- role (PostgREST, the embedded transport) is refused. The workflow function runs as its
-- owner, seeds and imports as the owner or the service role, and they pass.
create or replace function private.guard_case_workflow() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if current_user in ('authenticated', 'anon')
     and (new.status, new.accepted_at, new.verified_at, new.registered_at, new.dispatched_at, new.handled_at,
          new.checked_at, new.closed_at, new.closure_type, new.department_id)
         is distinct from
         (old.status, old.accepted_at, old.verified_at, old.registered_at, old.dispatched_at, old.handled_at,
          old.checked_at, old.closed_at, old.closure_type, old.department_id) then
    raise exception 'status: 案件状态、流程时间和承办部门只能通过流程操作（transition_case）修改'
      using errcode = 'UG211', column = 'status';
  end if;
  return new;
end
$$;
-- Named to fire before incidents_place (triggers fire in name order), so it sees the
-- caller's own change, not the department the placement trigger re-routes.
create trigger incidents_guard_workflow before update on public.incidents
  for each row execute function private.guard_case_workflow();

-- ---------------------------------------------------------------------------------------
-- One step of the workflow. Security definer so that staff, who may not write cases
-- directly, can report 处置 through it, and so that history is written by nobody else.
create or replace function private.apply_case_transition(
  p_id bigint, p_action text, p_payload jsonb, p_expected_status text
) returns void
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_role text := private.current_app_role();
  v_actor uuid := auth.uid();
  v_actor_name text := (select p.display_name from public.profiles p where p.user_id = auth.uid());
  v_payload jsonb := coalesce(p_payload, '{}'::jsonb);
  v_note text := btrim(coalesce(v_payload ->> 'note', ''));
  v_case public.incidents;
  v_rule record;
  v_roles text[];
  v_allowed text[];
  v_to text;
  v_department bigint;
  v_passed boolean;
  v_closure text;
  v_details jsonb := '{}'::jsonb;
  v_now timestamptz := now();
  v_last record;
begin
  if jsonb_typeof(v_payload) <> 'object' then
    raise exception 'payload: 应为 JSON 对象' using errcode = 'UG009', column = 'payload';
  end if;
  select array_agg(distinct r) into v_roles
  from private.case_transitions() t, unnest(t.roles) r
  where t.action = p_action;
  if v_roles is null then
    raise exception 'action: 未知的流程操作 "%"（可用：accept、verify、register、reject、dispatch、redispatch、handle、check、close）',
      coalesce(p_action, '') using errcode = 'UG202', column = 'action';
  end if;
  if v_role is null or not v_role = any (v_roles) then
    raise exception '当前用户（角色：%）无权执行「%」，需要%角色', private.role_label(v_role), private.case_action_label(p_action),
      (select string_agg(private.role_label(r), '或' order by r desc) from unnest(v_roles) r)
      using errcode = '42501';
  end if;

  -- The row lock makes two dispatchers acting on one case take turns; the second one then
  -- sees the state the first one left.
  select * into v_case from public.incidents i where i.id = p_id for update;
  if not found then
    raise exception 'id: 案件 % 不存在', coalesce(p_id::text, 'null') using errcode = 'UG201', column = 'id';
  end if;
  if p_expected_status is not null and p_expected_status <> v_case.status then
    select h.at, h.actor_name, h.action into v_last
    from public.case_history h where h.incident_id = p_id and not h.derived order by h.at desc, h.id desc limit 1;
    raise exception 'status: 案件状态已变更：您看到的是「%」，当前为「%」%，请刷新后重试',
      private.case_status_label(p_expected_status), private.case_status_label(v_case.status),
      case when v_last.at is null then ''
           else format('（%s于 %s %s）', coalesce(nullif(v_last.actor_name, ''), '其他用户'),
                       to_char((v_last.at at time zone 'UTC') + private.local_offset(), 'YYYY-MM-DD HH24:MI:SS'),
                       private.case_action_label(v_last.action)) end
      using errcode = 'UG204', column = 'status';
  end if;

  select t.* into v_rule
  from private.case_transitions() t
  where t.action = p_action and t.from_status = v_case.status and (t.sources is null or v_case.source = any (t.sources));
  if not found then
    if p_action = 'register' and v_case.status = 'accepted' then
      raise exception 'status: 公众来源案件（%）须先现场核实，才能立案', v_case.source
        using errcode = 'UG205', column = 'status';
    end if;
    v_allowed := private.case_allowed_actions(v_case.status, v_case.source, v_role);
    raise exception 'status: 案件当前状态为「%」，不能执行「%」；%', private.case_status_label(v_case.status),
      private.case_action_label(p_action),
      case when cardinality(v_allowed) = 0 then '当前没有可执行的操作'
           else '当前可执行：' || (select string_agg(private.case_action_label(a), '、' order by n)
                                  from unnest(v_allowed) with ordinality as x(a, n)) end
      using errcode = 'UG203', column = 'status';
  end if;
  v_to := v_rule.to_status;

  -- Payload rules per action, before anything is written.
  if p_action in ('dispatch', 'redispatch') then
    if v_payload ? 'department_id' and jsonb_typeof(v_payload -> 'department_id') <> 'null' then
      if jsonb_typeof(v_payload -> 'department_id') <> 'number' then
        raise exception 'department_id: 承办部门应为部门编号（数字）' using errcode = 'UG206', column = 'department_id';
      end if;
      v_department := (v_payload ->> 'department_id')::bigint;
      if not exists (select 1 from public.departments d where d.id = v_department) then
        raise exception 'department_id: 部门 % 不存在', v_department using errcode = 'UG206', column = 'department_id';
      end if;
    elsif p_action = 'redispatch' then
      raise exception 'department_id: 改派须指定新的承办部门' using errcode = 'UG206', column = 'department_id';
    end if;
    if p_action = 'redispatch' and v_department = v_case.department_id then
      raise exception 'department_id: 案件已由该部门承办，改派须选择其他部门' using errcode = 'UG210', column = 'department_id';
    end if;
    v_department := coalesce(v_department, v_case.department_id);
    v_details := jsonb_build_object('department_id', v_department);
    if p_action = 'redispatch' then
      v_details := v_details || jsonb_build_object('previous_department_id', v_case.department_id,
                                                   'previous_dispatched_at', v_case.dispatched_at);
    end if;
  elsif p_action = 'check' then
    if jsonb_typeof(v_payload -> 'passed') is distinct from 'boolean' then
      raise exception 'passed: 核查须说明是否通过（true/false）' using errcode = 'UG208', column = 'passed';
    end if;
    v_passed := (v_payload ->> 'passed')::boolean;
    if not v_passed then
      if v_note = '' then
        raise exception 'note: 核查不通过须填写原因' using errcode = 'UG209', column = 'note';
      end if;
      v_to := 'dispatched';
      v_details := jsonb_build_object('passed', false, 'previous_handled_at', v_case.handled_at, 'rework',
        1 + (select count(*) from public.case_history h
             where h.incident_id = p_id and h.action = 'check' and h.to_status = 'dispatched'));
    else
      v_details := jsonb_build_object('passed', true);
    end if;
  elsif p_action = 'close' then
    v_closure := nullif(v_payload ->> 'closure_type', '');
    -- 正常/超时 follow from the clock (the placement trigger decides); a person may only
    -- choose 差错 or 特殊, and must say why.
    if v_closure is not null and v_closure not in ('error', 'special') then
      raise exception 'closure_type: 结案类型只能选择差错（error）或特殊（special）；正常/超时由时限自动判定，收到 "%"', v_closure
        using errcode = 'UG207', column = 'closure_type';
    end if;
    if v_closure is not null and v_note = '' then
      raise exception 'note: 差错结案或特殊结案须填写说明' using errcode = 'UG209', column = 'note';
    end if;
  elsif p_action = 'reject' then
    if v_note = '' then
      raise exception 'note: 不予立案须填写原因' using errcode = 'UG209', column = 'note';
    end if;
  end if;

  -- The first recorded step of a seeded or imported case: keep its stamped past first.
  if not exists (select 1 from public.case_history h where h.incident_id = p_id) then
    insert into public.case_history (incident_id, action, from_status, to_status, at, details, derived)
    select p_id, e.action, e.from_status, e.to_status, coalesce(e.at, v_now), e.details, true
    from private.case_stamped_events(v_case) e;
  end if;

  update public.incidents i set
    status = v_to,
    accepted_at = case when p_action = 'accept' then v_now else i.accepted_at end,
    verified_at = case when p_action = 'verify' then v_now else i.verified_at end,
    registered_at = case when p_action = 'register' then v_now else i.registered_at end,
    -- A new dispatched_at restarts the 处置 clock: the placement trigger recomputes the deadline.
    dispatched_at = case when p_action in ('dispatch', 'redispatch') then v_now else i.dispatched_at end,
    department_id = case when p_action in ('dispatch', 'redispatch') then v_department else i.department_id end,
    -- 返工 takes the case back to 处置: it is no longer handled; the deadline stands.
    handled_at = case when p_action = 'handle' then v_now when p_action = 'check' and not v_passed then null else i.handled_at end,
    checked_at = case when p_action = 'check' and v_passed then v_now else i.checked_at end,
    closed_at = case when p_action = 'close' then v_now else i.closed_at end,
    closure_type = case when p_action = 'close' then v_closure else i.closure_type end
  where i.id = p_id;

  if p_action = 'close' then
    select jsonb_build_object('closure_type', i.closure_type) into v_details from public.incidents i where i.id = p_id;
  end if;
  insert into public.case_history (incident_id, action, from_status, to_status, at, actor, actor_role, actor_name, note, details)
  values (p_id, p_action, v_case.status, v_to, v_now, v_actor, v_role, v_actor_name, v_note, v_details);
end
$$;

-- ---------------------------------------------------------------------------------------
-- The API. transition_case runs one step and returns the case as case_detail shows it.
-- p_expected_status: the status the caller saw; when the case has moved on since, the step
-- is refused (UG204) instead of being applied to a state the caller never saw.
-- p_payload: {note, department_id (dispatch/redispatch), passed (check), closure_type (close)}
create or replace function public.transition_case(
  p_id bigint,
  p_action text,
  p_expected_status text default null,
  p_payload jsonb default '{}'::jsonb
) returns jsonb
language plpgsql volatile security invoker
set search_path = ''
as $$
begin
  perform private.apply_case_transition(p_id, p_action, p_payload, p_expected_status);
  return public.case_detail(p_id);
end
$$;

-- One page of cases, newest first, with the total that matched. Filters: statuses, overdue
-- (true/false), grid code prefix (6/9/12/15 digits: district, street, community, grid),
-- department, category (大类 or 小类 code prefix), sources, reported time range [from, to),
-- and a case number (the platform's number, the id or the external system's id).
create or replace function public.list_cases(
  p_statuses text[] default null,
  p_overdue boolean default null,
  p_grid_code text default null,
  p_department_id bigint default null,
  p_category text default null,
  p_sources text[] default null,
  p_from timestamptz default null,
  p_to timestamptz default null,
  p_search text default null,
  p_limit integer default 50,
  p_offset integer default 0
) returns jsonb
language plpgsql stable security invoker
set search_path = ''
as $$
declare
  v_limit integer := private.clamp_limit(p_limit, 50, 1000);
  v_offset integer := greatest(coalesce(p_offset, 0), 0);
  v_search text := nullif(btrim(coalesce(p_search, '')), '');
  v_search_id bigint;
  v_grid_ids bigint[];
  v_now timestamptz := now();
  v_result jsonb;
begin
  if p_grid_code is not null and p_grid_code !~ '^[0-9]{1,15}$' then
    raise exception 'grid_code: 网格编码前缀应为 1–15 位数字，收到 "%"', p_grid_code using errcode = 'UG009', column = 'grid_code';
  end if;
  if p_category is not null and p_category !~ '^[0-9]{1,5}$' then
    raise exception 'category: 类别代码应为 1–5 位数字（大类 2 位，小类 5 位），收到 "%"', p_category
      using errcode = 'UG009', column = 'category';
  end if;
  if v_search ~ '^[0-9]{8}-[0-9]+$' then
    v_search_id := split_part(v_search, '-', 2)::bigint;
  elsif v_search ~ '^[0-9]{1,18}$' then
    v_search_id := v_search::bigint;
  end if;
  if p_grid_code is not null then
    -- every version with the prefix: a case keeps the version that covered it when placed
    select coalesce(array_agg(g.id), '{}') into v_grid_ids from public.grids g where g.code like p_grid_code || '%';
  end if;

  with matched as not materialized (
    select i.id, i.reported_at
    from public.incidents i
    where (p_statuses is null or i.status = any (p_statuses))
      -- private.case_overdue written out: a function with its own search_path is never
      -- inlined, and calling it 100,000 times costs half a second.
      and (p_overdue is null
           or (i.status <> 'rejected' and i.deadline_at is not null
               and coalesce(i.handled_at, i.closed_at, v_now) > i.deadline_at) = p_overdue)
      and (v_grid_ids is null or i.grid_id = any (v_grid_ids))
      and (p_department_id is null or i.department_id = p_department_id)
      and (p_category is null or i.category_code like p_category || '%')
      and (p_sources is null or i.source = any (p_sources))
      and (p_from is null or i.reported_at >= p_from)
      and (p_to is null or i.reported_at < p_to)
      and (v_search is null or i.external_id = v_search or i.id = v_search_id)
  ),
  page as (
    select m.id from matched m order by m.reported_at desc, m.id desc limit v_limit offset v_offset
  )
  select jsonb_build_object(
    'total', (select count(*) from matched),
    'limit', v_limit,
    'offset', v_offset,
    'rows', coalesce((
      select jsonb_agg(jsonb_build_object(
        'id', i.id,
        'case_number', private.case_number(i.id, i.reported_at),
        'external_id', i.external_id,
        'category_code', i.category_code,
        'category_name', k.name,
        'source', i.source,
        'status', i.status,
        'grid_code', g.code,
        'department_id', i.department_id,
        'department_name', d.name,
        'reported_at', i.reported_at,
        'deadline_at', i.deadline_at,
        'closed_at', i.closed_at,
        'closure_type', i.closure_type,
        'overdue', private.case_overdue(i.status, i.deadline_at, i.handled_at, i.closed_at, v_now),
        'lon', round(extensions.st_x(i.geom)::numeric, 6),
        'lat', round(extensions.st_y(i.geom)::numeric, 6))
        order by i.reported_at desc, i.id desc)
      from page p
      join public.incidents i on i.id = p.id
      join public.categories k on k.kind = i.category_kind and k.code = i.category_code
      left join public.grids g on g.id = i.grid_id
      left join public.departments d on d.id = i.department_id), '[]'::jsonb))
  into v_result;
  return v_result;
end
$$;

-- One case with everything the detail panel shows; null when it does not exist or the
-- caller may not read it.
create or replace function public.case_detail(p_id bigint) returns jsonb
language plpgsql stable security invoker
set search_path = ''
as $$
declare
  v_case public.incidents;
  v_level smallint;
  v_limit public.time_limits;
  v_timeline jsonb;
begin
  select * into v_case from public.incidents i where i.id = p_id;
  if not found then
    return null;
  end if;
  select g.management_level into v_level from public.grids g where g.id = v_case.grid_id;
  v_limit := private.time_limit_for(v_case.category_code, coalesce(v_level, 2::smallint));

  if exists (select 1 from public.case_history h where h.incident_id = p_id) then
    select jsonb_agg(jsonb_build_object('id', h.id, 'action', h.action, 'from_status', h.from_status, 'to_status', h.to_status,
             'at', h.at, 'actor_id', h.actor, 'actor_role', h.actor_role, 'actor_name', h.actor_name, 'note', h.note,
             'details', h.details, 'derived', h.derived) order by h.at, h.id)
      into v_timeline
    from public.case_history h where h.incident_id = p_id;
  else
    select jsonb_agg(jsonb_build_object('id', null, 'action', e.action, 'from_status', e.from_status, 'to_status', e.to_status,
             'at', e.at, 'actor_id', null, 'actor_role', null, 'actor_name', null, 'note', '',
             'details', e.details, 'derived', true) order by n)
      into v_timeline
    from private.case_stamped_events(v_case) with ordinality as e(action, from_status, to_status, at, details, n);
  end if;

  return (
    select jsonb_build_object(
      'id', v_case.id,
      'case_number', private.case_number(v_case.id, v_case.reported_at),
      'external_id', v_case.external_id,
      'category_code', v_case.category_code,
      'category_name', k.name,
      'major_code', k.major_code,
      'major_name', k.major_name,
      'source', v_case.source,
      'status', v_case.status,
      'description', v_case.description,
      'lon', round(extensions.st_x(v_case.geom)::numeric, 6),
      'lat', round(extensions.st_y(v_case.geom)::numeric, 6),
      'reported_at', v_case.reported_at,
      'accepted_at', v_case.accepted_at,
      'verified_at', v_case.verified_at,
      'registered_at', v_case.registered_at,
      'dispatched_at', v_case.dispatched_at,
      'handled_at', v_case.handled_at,
      'checked_at', v_case.checked_at,
      'closed_at', v_case.closed_at,
      'closure_type', v_case.closure_type,
      'grid', (select jsonb_build_object('id', g.id, 'code', g.code, 'name', g.name, 'management_level', g.management_level,
                 'responsible_person', g.responsible_person, 'community_code', c.code, 'community_name', c.name,
                 'street_code', s.code, 'street_name', s.name)
               from public.grids g
               join public.communities c on c.id = g.community_id
               join public.streets s on s.id = c.street_id
               where g.id = v_case.grid_id),
      'segment', (select jsonb_build_object('id', sg.id, 'back_street_id', b.id, 'back_street_name', b.name, 'seq', sg.seq,
                    'distance_m', round(extensions.st_distance(sg.geom::extensions.geography, v_case.geom::extensions.geography, false)::numeric, 1))
                  from public.street_segments sg
                  join public.back_streets b on b.id = sg.back_street_id
                  where sg.id = v_case.segment_id),
      'department', (select jsonb_build_object('id', d.id, 'code', d.code, 'name', d.name)
                     from public.departments d where d.id = v_case.department_id),
      'time_limit', case when v_limit.id is null then null
                         else jsonb_build_object('amount', v_limit.amount, 'unit', v_limit.unit) end,
      'deadline_at', v_case.deadline_at,
      'overdue', private.case_overdue(v_case.status, v_case.deadline_at, v_case.handled_at, v_case.closed_at, now()),
      'rework_count', (select count(*) from public.case_history h
                       where h.incident_id = p_id and h.action = 'check' and h.to_status = 'dispatched'),
      'allowed_actions', to_jsonb(private.case_allowed_actions(v_case.status, v_case.source, private.current_app_role())),
      'timeline', coalesce(v_timeline, '[]'::jsonb))
    from public.categories k
    where k.kind = v_case.category_kind and k.code = v_case.category_code
  );
end
$$;

do $$
declare
  v_function text;
begin
  foreach v_function in array array[
    'private.case_transitions()', 'private.case_action_order(text)', 'private.case_status_label(text)',
    'private.case_action_label(text)', 'private.role_label(text)', 'private.case_allowed_actions(text, text, text)',
    'private.case_overdue(text, timestamptz, timestamptz, timestamptz, timestamptz)', 'private.case_number(bigint, timestamptz)',
    'private.case_stamped_events(public.incidents)', 'private.guard_case_workflow()',
    'private.apply_case_transition(bigint, text, jsonb, text)',
    'public.transition_case(bigint, text, text, jsonb)',
    'public.list_cases(text[], boolean, text, bigint, text, text[], timestamptz, timestamptz, text, integer, integer)',
    'public.case_detail(bigint)'
  ] loop
    execute format('revoke all on function %s from public, anon', v_function);
    execute format('grant execute on function %s to authenticated, service_role', v_function);
  end loop;
end
$$;
