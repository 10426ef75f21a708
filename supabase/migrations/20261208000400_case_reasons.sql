-- Standard reasons, dispatch to a person, people in the timeline (issue 15, item 7).
--   * public.case_reasons: the configured reason lists for 不予立案 (reject), 返工 (rework,
--     a failed 核查), 改派 (redispatch), 特殊结案 (special) and 差错结案 (error), seeded with
--     the usual wording and edited by an admin through public.admin_set_case_reason only;
--   * a step that needs a reason takes reason_code (one of its kind's active reasons) and an
--     optional note; without a code the note is the reason (what a list does not cover), and
--     a reason marked needs_note (其他…) needs the note as well. A code not in the list, an
--     inactive one or one of another kind is refused, whatever the note says;
--   * people belong to a department (profiles.department_id, set by an admin through
--     public.admin_set_user_department); 派遣/改派 may name a handler (handler_id), who must
--     be a 作业人员 of the department the case goes to; the case keeps its handler
--     (incidents.handler_id) and the handler reads their own open cases with my_cases();
--   * history records the reason's code and label, the department's and the handler's
--     names, so the timeline reads 「张伟（受理派遣员）改派：非本部门职责」 without lookups.
-- private.apply_case_transition and public.transition_case are redefined here (the model is
-- 20261122001100_case_workflow.sql); everything the earlier version checked it still checks.

-- ---------------------------------------------------------------------------------------
-- The reason lists.
create table public.case_reasons (
  kind text not null check (kind in ('reject', 'rework', 'redispatch', 'special', 'error')),
  code text not null check (code ~ '^[a-z][a-z0-9_]{0,39}$'),
  label text not null check (btrim(label) <> '' and char_length(label) <= 60),
  sort integer not null default 0,
  active boolean not null default true,
  -- the reason is a heading only (其他…): the step needs a note with it
  needs_note boolean not null default false,
  primary key (kind, code)
);

do $$
begin
  execute 'alter table public.case_reasons enable row level security';
  execute 'revoke all on table public.case_reasons from anon, authenticated, public';
  execute 'grant select on table public.case_reasons to authenticated';
  execute 'create policy case_reasons_read on public.case_reasons for select to authenticated using ((select private.has_profile()))';
  execute 'create policy case_reasons_bulk_load on public.case_reasons for all to urbangrid_loader using (true) with check (true)';
  execute 'grant select, insert, update on table public.case_reasons to urbangrid_loader';
  execute 'create trigger case_reasons_audit after insert or update or delete on public.case_reasons for each row execute function private.write_audit()';
end
$$;

insert into public.case_reasons (kind, code, label, sort, needs_note) values
  ('reject', 'not_our_duty', '不属于城管职责范围', 10, false),
  ('reject', 'duplicate', '重复上报', 20, false),
  ('reject', 'unverifiable', '信息不全，无法核实', 30, false),
  ('reject', 'not_found', '现场未发现问题', 40, false),
  ('reject', 'already_solved', '问题已自行消除', 50, false),
  ('reject', 'private_dispute', '属于私人纠纷或民事事项', 60, false),
  ('reject', 'other', '其他原因', 90, true),
  ('rework', 'incomplete', '处置不彻底', 10, false),
  ('rework', 'photo_mismatch', '照片与现场不符', 20, false),
  ('rework', 'not_as_required', '未按要求处置', 30, false),
  ('rework', 'recurred', '问题复发', 40, false),
  ('rework', 'no_photo', '缺少处置照片', 50, false),
  ('rework', 'other', '其他原因', 90, true),
  ('redispatch', 'not_department_duty', '非本部门职责', 10, false),
  ('redispatch', 'wrong_address', '地址有误', 20, false),
  ('redispatch', 'wrong_category', '案件类别有误', 30, false),
  ('redispatch', 'beyond_capacity', '超出本部门处置能力', 40, false),
  ('redispatch', 'handler_unavailable', '处置人员不在岗', 50, false),
  ('redispatch', 'other', '其他原因', 90, true),
  ('special', 'historical', '历史遗留问题', 10, false),
  ('special', 'needs_planning', '需纳入规划或工程解决', 20, false),
  ('special', 'force_majeure', '不可抗力（天气、施工等）', 30, false),
  ('special', 'approved_by_leader', '经领导批准特殊结案', 40, false),
  ('special', 'other', '其他原因', 90, true),
  ('error', 'wrong_report', '误报', 10, false),
  ('error', 'wrong_category', '立案类别错误', 20, false),
  ('error', 'wrong_location', '上报位置错误', 30, false),
  ('error', 'other', '其他原因', 90, true);

create or replace function private.case_reason_kind_label(p_kind text) returns text
language sql immutable
set search_path = ''
as $$
  select case p_kind
    when 'reject' then '不予立案' when 'rework' then '返工（核查不通过）' when 'redispatch' then '改派'
    when 'special' then '特殊结案' when 'error' then '差错结案'
    else coalesce(p_kind, '未知') end
$$;

-- Active reasons, in order, by kind: the forms' selects. p_all: inactive ones too (admins).
create or replace function public.case_reason_options(p_all boolean default false) returns jsonb
language sql stable security invoker
set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object('kind', r.kind, 'code', r.code, 'label', r.label, 'sort', r.sort,
                                               'active', r.active, 'needs_note', r.needs_note)
                            order by array_position(array['reject', 'rework', 'redispatch', 'special', 'error'], r.kind), r.sort, r.code),
                  '[]'::jsonb)
  from public.case_reasons r
  where r.active or coalesce(p_all, false)
$$;

create or replace function private.set_case_reason(
  p_kind text, p_code text, p_label text, p_sort integer, p_active boolean, p_needs_note boolean
) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_row public.case_reasons;
begin
  -- Admins through the API; the database owner or service_role connecting directly (psql,
  -- the SQL editor, server code) as for admin_set_user. current_setting('role') names the
  -- API role even inside this security-definer function.
  if coalesce(current_setting('role', true), 'none') in ('authenticated', 'anon') and not private.has_role(array['admin']) then
    raise exception '当前用户（角色：%）无权修改标准原因，需要系统管理员角色',
      private.role_label(coalesce(private.current_app_role(), '未分配')) using errcode = '42501';
  end if;
  if p_kind is null or p_kind not in ('reject', 'rework', 'redispatch', 'special', 'error') then
    raise exception 'kind: 原因类别应为 reject（不予立案）、rework（返工）、redispatch（改派）、special（特殊结案）、error（差错结案）之一，收到 "%"',
      coalesce(p_kind, '') using errcode = 'UG254', column = 'kind';
  end if;
  if p_code is null or p_code !~ '^[a-z][a-z0-9_]{0,39}$' then
    raise exception 'code: 原因代码应为小写字母开头的字母、数字或下划线（至多 40 个），收到 "%"', coalesce(p_code, '')
      using errcode = 'UG254', column = 'code';
  end if;
  if p_label is null or btrim(p_label) = '' or char_length(btrim(p_label)) > 60 then
    raise exception 'label: 原因名称不能为空，且不超过 60 个字' using errcode = 'UG254', column = 'label';
  end if;
  if exists (select 1 from public.case_reasons r where r.kind = p_kind and r.label = btrim(p_label) and r.code <> p_code) then
    raise exception 'label: 「%」的原因中已有「%」', private.case_reason_kind_label(p_kind), btrim(p_label)
      using errcode = 'UG254', column = 'label';
  end if;
  insert into public.case_reasons as r (kind, code, label, sort, active, needs_note)
  values (p_kind, p_code, btrim(p_label),
          coalesce(p_sort, (select coalesce(max(x.sort), 0) + 10 from public.case_reasons x where x.kind = p_kind)),
          coalesce(p_active, true), coalesce(p_needs_note, false))
  on conflict (kind, code) do update set
    label = excluded.label,
    sort = coalesce(p_sort, r.sort),
    active = coalesce(p_active, r.active),
    needs_note = coalesce(p_needs_note, r.needs_note)
  returning r.* into v_row;
  return to_jsonb(v_row);
end
$$;

-- Adds or changes one reason (admins, or the owner/service_role directly). Reasons are never deleted: cases recorded them;
-- p_active => false takes one out of the lists. Null keeps the current value.
create or replace function public.admin_set_case_reason(
  p_kind text, p_code text, p_label text, p_sort integer default null, p_active boolean default null, p_needs_note boolean default null
) returns jsonb
language plpgsql volatile security invoker
set search_path = ''
as $$
begin
  return private.set_case_reason(p_kind, p_code, p_label, p_sort, p_active, p_needs_note);
end
$$;

-- ---------------------------------------------------------------------------------------
-- People in departments.
alter table public.profiles
  add constraint profiles_department_fk foreign key (department_id) references public.departments (id);
create index profiles_department_idx on public.profiles (department_id) where department_id is not null;

create or replace function private.set_user_department(p_user_id uuid, p_department_id bigint) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_profile public.profiles;
begin
  if coalesce(current_setting('role', true), 'none') in ('authenticated', 'anon') and not private.has_role(array['admin']) then
    raise exception '当前用户（角色：%）无权设置人员所属部门，需要系统管理员角色',
      private.role_label(coalesce(private.current_app_role(), '未分配')) using errcode = '42501';
  end if;
  if p_department_id is not null and not exists (select 1 from public.departments d where d.id = p_department_id) then
    raise exception 'department_id: 部门 % 不存在', p_department_id using errcode = 'UG256', column = 'department_id';
  end if;
  update public.profiles p set department_id = p_department_id where p.user_id = p_user_id returning p.* into v_profile;
  if not found then
    raise exception 'user_id: 用户 % 不存在（没有用户资料）', coalesce(p_user_id::text, 'null') using errcode = 'UG256', column = 'user_id';
  end if;
  return jsonb_build_object('user_id', v_profile.user_id, 'display_name', v_profile.display_name, 'role', v_profile.role,
    'department_id', v_profile.department_id,
    'department_name', (select d.name from public.departments d where d.id = v_profile.department_id));
end
$$;

-- Puts a user into a department (null: into none). Admins, or the owner/service_role directly.
create or replace function public.admin_set_user_department(p_user_id uuid, p_department_id bigint) returns jsonb
language plpgsql volatile security invoker
set search_path = ''
as $$
begin
  return private.set_user_department(p_user_id, p_department_id);
end
$$;

-- Who a case can be dispatched to: 作业人员 with a department, and how many open cases
-- (处置中 or 待核查) each holds. Profiles are private to their owner and admins, so the
-- names are read here, for anyone with a profile.
create or replace function private.case_handler_rows(p_department_id bigint) returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
begin
  if not private.has_profile() then
    raise exception '当前用户没有用户资料，不能读取处置人员' using errcode = '42501';
  end if;
  return coalesce((
    select jsonb_agg(jsonb_build_object('id', p.user_id, 'name', p.display_name, 'department_id', p.department_id,
             'department_name', d.name,
             'open_cases', (select count(*) from public.incidents i where i.handler_id = p.user_id and i.status in ('dispatched', 'handled')))
           order by d.id, p.display_name, p.user_id)
    from public.profiles p
    join public.departments d on d.id = p.department_id
    where p.role = 'staff' and (p_department_id is null or p.department_id = p_department_id)), '[]'::jsonb);
end
$$;

create or replace function public.case_handlers(p_department_id bigint default null) returns jsonb
language plpgsql stable security invoker
set search_path = ''
as $$
begin
  return private.case_handler_rows(p_department_id);
end
$$;

-- ---------------------------------------------------------------------------------------
-- The case's handler.
alter table public.incidents add column handler_id uuid null references public.profiles (user_id) on delete set null;
create index incidents_handler_idx on public.incidents (handler_id) where handler_id is not null;

-- Like status and department, the handler changes only through the workflow.
create or replace function private.guard_case_handler() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if current_user in ('authenticated', 'anon') and new.handler_id is distinct from old.handler_id then
    raise exception 'handler_id: 处置人员只能通过派遣或改派（transition_case）指定' using errcode = 'UG211', column = 'handler_id';
  end if;
  return new;
end
$$;
create trigger incidents_guard_handler before update on public.incidents
  for each row execute function private.guard_case_handler();

-- A name with its role, as the timeline and messages say it: 张伟（受理派遣员）.
create or replace function private.person_label(p_name text, p_role text) returns text
language sql immutable
set search_path = ''
as $$
  select case
    when nullif(btrim(coalesce(p_name, '')), '') is null then private.role_label(p_role)
    when p_role is null or btrim(p_name) = private.role_label(p_role) then btrim(p_name)
    else btrim(p_name) || '（' || private.role_label(p_role) || '）' end
$$;

-- ---------------------------------------------------------------------------------------
-- One step of the workflow (as in 20261122001100), with reasons and handlers.
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
  v_note text;
  v_case public.incidents;
  v_rule record;
  v_roles text[];
  v_allowed text[];
  v_to text;
  v_department bigint;
  v_handler uuid;
  v_handler_profile public.profiles;
  v_passed boolean;
  v_closure text;
  v_reason_kind text;
  v_reason_code text;
  v_reason public.case_reasons;
  v_details jsonb := '{}'::jsonb;
  v_now timestamptz := now();
  v_last record;
begin
  if jsonb_typeof(v_payload) <> 'object' then
    raise exception 'payload: 应为 JSON 对象' using errcode = 'UG009', column = 'payload';
  end if;
  v_note := btrim(coalesce(v_payload ->> 'note', ''));
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
    select h.at, h.actor_name, h.actor_role, h.action into v_last
    from public.case_history h where h.incident_id = p_id and not h.derived order by h.at desc, h.id desc limit 1;
    raise exception 'status: 案件状态已变更：您看到的是「%」，当前为「%」%，请刷新后重试',
      private.case_status_label(p_expected_status), private.case_status_label(v_case.status),
      case when v_last.at is null then ''
           else format('（%s于 %s %s）',
                       case when nullif(v_last.actor_name, '') is null and v_last.actor_role is null then '其他用户'
                            else private.person_label(v_last.actor_name, v_last.actor_role) end,
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
  if v_payload ? 'handler_id' and jsonb_typeof(v_payload -> 'handler_id') <> 'null' and p_action not in ('dispatch', 'redispatch') then
    raise exception 'handler_id: 只有派遣或改派可以指定处置人员' using errcode = 'UG250', column = 'handler_id';
  end if;
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
    v_department := coalesce(v_department, v_case.department_id);
    if v_payload ? 'handler_id' and jsonb_typeof(v_payload -> 'handler_id') <> 'null' then
      if jsonb_typeof(v_payload -> 'handler_id') <> 'string'
         or (v_payload ->> 'handler_id') !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
        raise exception 'handler_id: 处置人员应为用户编号（UUID），收到 %', v_payload -> 'handler_id'
          using errcode = 'UG250', column = 'handler_id';
      end if;
      v_handler := (v_payload ->> 'handler_id')::uuid;
      select * into v_handler_profile from public.profiles p where p.user_id = v_handler;
      if not found or v_handler_profile.role <> 'staff' then
        raise exception 'handler_id: %不是作业人员，不能作为处置人员',
          case when not found then format('用户 %s ', v_handler) else format('「%s」（%s）', v_handler_profile.display_name, private.role_label(v_handler_profile.role)) end
          using errcode = 'UG251', column = 'handler_id';
      end if;
      if v_handler_profile.department_id is distinct from v_department then
        raise exception 'handler_id: 「%」%，不在承办部门「%」，不能派给其处置；请选择该部门的人员，或改选承办部门',
          v_handler_profile.display_name,
          coalesce('属于「' || (select d.name from public.departments d where d.id = v_handler_profile.department_id) || '」', '未分配部门'),
          coalesce((select d.name from public.departments d where d.id = v_department), '未定')
          using errcode = 'UG252', column = 'handler_id';
      end if;
    end if;
    if p_action = 'redispatch' and v_department = v_case.department_id and v_handler is not distinct from v_case.handler_id then
      raise exception 'department_id: 案件已由该部门%承办，改派须选择其他部门或该部门的其他处置人员',
        coalesce('的「' || (select p.display_name from public.profiles p where p.user_id = v_case.handler_id) || '」', '')
        using errcode = 'UG210', column = 'department_id';
    end if;
    v_details := jsonb_build_object('department_id', v_department,
      'department_name', (select d.name from public.departments d where d.id = v_department));
    if v_handler is not null then
      v_details := v_details || jsonb_build_object('handler_id', v_handler, 'handler_name', v_handler_profile.display_name);
    end if;
    if p_action = 'redispatch' then
      v_details := v_details || jsonb_build_object('previous_department_id', v_case.department_id,
                                                   'previous_dispatched_at', v_case.dispatched_at);
      if v_case.handler_id is not null then
        v_details := v_details || jsonb_build_object('previous_handler_id', v_case.handler_id,
          'previous_handler_name', (select p.display_name from public.profiles p where p.user_id = v_case.handler_id));
      end if;
      v_reason_kind := 'redispatch';
    end if;
  elsif p_action = 'check' then
    if jsonb_typeof(v_payload -> 'passed') is distinct from 'boolean' then
      raise exception 'passed: 核查须说明是否通过（true/false）' using errcode = 'UG208', column = 'passed';
    end if;
    v_passed := (v_payload ->> 'passed')::boolean;
    if not v_passed then
      v_reason_kind := 'rework';
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
    v_reason_kind := v_closure;
  elsif p_action = 'reject' then
    v_reason_kind := 'reject';
  end if;

  -- The reason: a code from the kind's active list (with an optional note), or a note alone.
  if v_payload ? 'reason_code' and jsonb_typeof(v_payload -> 'reason_code') <> 'null' then
    if v_reason_kind is null then
      raise exception 'reason_code: 「%」不需要选择原因%', private.case_action_label(p_action),
        case when p_action = 'check' then '（核查通过时）' when p_action = 'close' then '（正常结案时）' else '' end
        using errcode = 'UG253', column = 'reason_code';
    end if;
    if jsonb_typeof(v_payload -> 'reason_code') <> 'string' then
      raise exception 'reason_code: 原因代码应为文本，收到 %', v_payload -> 'reason_code' using errcode = 'UG253', column = 'reason_code';
    end if;
    v_reason_code := v_payload ->> 'reason_code';
    select * into v_reason from public.case_reasons r where r.kind = v_reason_kind and r.code = v_reason_code;
    if not found or not v_reason.active then
      raise exception 'reason_code: "%" 不在「%」的%原因列表中；可选：%', v_reason_code, private.case_reason_kind_label(v_reason_kind),
        case when found then '启用的' else '' end,
        coalesce((select string_agg(r.label, '、' order by r.sort, r.code) from public.case_reasons r
                  where r.kind = v_reason_kind and r.active), '（列表为空）')
        using errcode = 'UG253', column = 'reason_code';
    end if;
    if v_reason.needs_note and v_note = '' then
      raise exception 'note: 原因「%」须填写说明', v_reason.label using errcode = 'UG255', column = 'note';
    end if;
    v_details := v_details || jsonb_build_object('reason_code', v_reason.code, 'reason_label', v_reason.label);
  elsif v_reason_kind = 'reject' and v_note = '' then
    raise exception 'note: 不予立案须选择原因或填写说明' using errcode = 'UG209', column = 'note';
  elsif v_reason_kind = 'rework' and v_note = '' then
    raise exception 'note: 核查不通过须选择返工原因或填写说明' using errcode = 'UG209', column = 'note';
  elsif v_reason_kind = 'redispatch' and v_note = '' then
    raise exception 'note: 改派须选择改派原因或填写说明' using errcode = 'UG209', column = 'note';
  elsif v_reason_kind in ('special', 'error') and v_note = '' then
    raise exception 'note: 差错结案或特殊结案须选择原因或填写说明' using errcode = 'UG209', column = 'note';
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
    -- a dispatch without a person leaves the case to the department as a whole
    handler_id = case when p_action in ('dispatch', 'redispatch') then v_handler else i.handler_id end,
    -- 返工 takes the case back to 处置: it is no longer handled; the deadline stands.
    handled_at = case when p_action = 'handle' then v_now when p_action = 'check' and not v_passed then null else i.handled_at end,
    checked_at = case when p_action = 'check' and v_passed then v_now else i.checked_at end,
    closed_at = case when p_action = 'close' then v_now else i.closed_at end,
    closure_type = case when p_action = 'close' then v_closure else i.closure_type end
  where i.id = p_id;

  if p_action = 'close' then
    select v_details || jsonb_build_object('closure_type', i.closure_type) into v_details from public.incidents i where i.id = p_id;
  end if;
  insert into public.case_history (incident_id, action, from_status, to_status, at, actor, actor_role, actor_name, note, details)
  values (p_id, p_action, v_case.status, v_to, v_now, v_actor, v_role, v_actor_name, v_note, v_details);
end
$$;

-- The API, as before. p_payload: {note, reason_code (reject, failed check, redispatch, special
-- or error closure), department_id and handler_id (dispatch/redispatch), passed (check),
-- closure_type (close)}.
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

-- ---------------------------------------------------------------------------------------
-- case_detail gains the handler. The detail as earlier migrations built it is kept, renamed,
-- in private and extended here, so what they (and any migration before this one) put into
-- it stays.
alter function public.case_detail(bigint) rename to case_detail_before_handler;
alter function public.case_detail_before_handler(bigint) set schema private;

create or replace function public.case_detail(p_id bigint) returns jsonb
language plpgsql stable security invoker
set search_path = ''
as $$
declare
  v_detail jsonb := private.case_detail_before_handler(p_id);
begin
  if v_detail is null then
    return null;
  end if;
  return v_detail || jsonb_build_object('handler', (
    select jsonb_build_object('id', p.user_id, 'name', p.display_name, 'department_id', p.department_id)
    from public.incidents i
    join lateral private.case_handler_profile(i.handler_id) p on true
    where i.id = p_id));
end
$$;

-- The handler's name, for anyone who may read the case (profiles are private).
create or replace function private.case_handler_profile(p_user_id uuid)
returns table (user_id uuid, display_name text, department_id bigint)
language sql stable security definer
set search_path = ''
as $$
  select p.user_id, p.display_name, p.department_id from public.profiles p where p.user_id = p_user_id and private.has_profile()
$$;

-- The signed-in handler's open cases (处置中, 待核查), the earliest deadline first.
create or replace function public.my_cases(p_limit integer default 50) returns jsonb
language sql stable security invoker
set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object(
      'id', x.id, 'case_number', private.case_number(x.id, x.reported_at), 'category_code', x.category_code,
      'category_name', x.category_name, 'status', x.status, 'reported_at', x.reported_at, 'deadline_at', x.deadline_at,
      'overdue', private.case_overdue(x.status, x.deadline_at, x.handled_at, x.closed_at, now()),
      'lon', round(extensions.st_x(x.geom)::numeric, 6), 'lat', round(extensions.st_y(x.geom)::numeric, 6))
      order by x.deadline_at nulls last, x.id), '[]'::jsonb)
  from (
    select i.*, k.name as category_name
    from public.incidents i
    join public.categories k on k.kind = i.category_kind and k.code = i.category_code
    where i.handler_id = auth.uid() and i.status in ('dispatched', 'handled')
    order by i.deadline_at nulls last, i.id
    limit private.clamp_limit(p_limit, 50, 500)
  ) x
$$;

do $$
declare
  v_function text;
begin
  foreach v_function in array array[
    'private.case_reason_kind_label(text)', 'public.case_reason_options(boolean)',
    'private.set_case_reason(text, text, text, integer, boolean, boolean)',
    'public.admin_set_case_reason(text, text, text, integer, boolean, boolean)',
    'private.set_user_department(uuid, bigint)', 'public.admin_set_user_department(uuid, bigint)',
    'private.case_handler_rows(bigint)', 'public.case_handlers(bigint)', 'private.guard_case_handler()',
    'private.person_label(text, text)',
    'private.apply_case_transition(bigint, text, jsonb, text)', 'public.transition_case(bigint, text, text, jsonb)',
    'private.case_detail_before_handler(bigint)', 'public.case_detail(bigint)',
    'private.case_handler_profile(uuid)', 'public.my_cases(integer)'
  ] loop
    execute format('revoke all on function %s from public, anon', v_function);
    execute format('grant execute on function %s to authenticated, service_role', v_function);
  end loop;
end
$$;
