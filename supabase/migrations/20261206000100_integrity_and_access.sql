-- Integrity and access (issue 12). What the earlier migrations allowed, and what this one
-- makes true for every route into the database (PostgREST, the embedded transport, psql as
-- an API role):
--   * no direct writes: anon and authenticated hold no INSERT/UPDATE/DELETE/TRUNCATE on any
--     table; every write is a public function (security invoker, checks the role) whose
--     privileged part is a security-definer helper in `private`;
--   * reads for the office only: a signed-in account without a profile reads nothing, the
--     audit trail is for admins, a profile row for its owner and admins;
--   * history is append-only for everyone (case_history, audit_log), cases are never deleted
--     and enter only through intake, in their first status;
--   * the audit skip for bulk loads belongs to a role only the database owner can take
--     (urbangrid_loader), not to a setting any session can set;
--   * grid versions are followed: a case is placed in the version current at its reported
--     time, today's grid of every case is kept for the map, edit_grids re-places what points
--     at the grids it changes, refuses edits based on a replaced version (UG108) and
--     serialises edits per community;
--   * one overdue rule; a category or location change after dispatch is refused; no two
--     roster assignments of one segment and shift overlap.

-- ---------------------------------------------------------------------------------------
-- The bulk loader. The demo seed runs `set local role urbangrid_loader`; SET ROLE needs
-- membership, so an API role can never take it, and inside a security-definer function the
-- `role` setting keeps naming the session's role, so the check below cannot be borrowed.
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'urbangrid_loader') then
    create role urbangrid_loader nologin noinherit;
  end if;
end
$$;
grant urbangrid_loader to current_user;
grant usage on schema public, extensions, private to urbangrid_loader;
grant select, insert, update on all tables in schema public to urbangrid_loader;
grant usage, select, update on all sequences in schema public to urbangrid_loader;
grant execute on all functions in schema private to urbangrid_loader;
-- Column defaults (created_by) call auth.uid(). Supabase's auth schema belongs to its own
-- admin; where the migrating role may not pass these on, the seed fails loudly at its
-- first insert instead of here.
do $$
begin
  grant usage on schema auth to urbangrid_loader;
  grant execute on function auth.uid(), auth.jwt(), auth.role() to urbangrid_loader;
exception when insufficient_privilege then
  raise warning 'urbangrid_loader: 无法授予 auth 模式的使用权限（%）', sqlerrm;
end
$$;

create or replace function private.is_bulk_load() returns boolean
language sql stable
set search_path = ''
as $$
  select coalesce(current_setting('role', true), '') = 'urbangrid_loader'
$$;
revoke all on function private.is_bulk_load() from public;
grant execute on function private.is_bulk_load() to authenticated, service_role, urbangrid_loader;

create or replace function private.write_audit() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_old jsonb := case when tg_op in ('UPDATE', 'DELETE') then to_jsonb(old) - 'geom' end;
  v_new jsonb := case when tg_op in ('INSERT', 'UPDATE') then to_jsonb(new) - 'geom' end;
begin
  -- The demo seed (100,000 cases) loads as urbangrid_loader and is not audited row by row;
  -- every other write, including the service's nightly imports, is.
  if private.is_bulk_load() then
    return coalesce(new, old);
  end if;
  insert into public.audit_log (table_name, row_id, action, actor, actor_role, old_row, new_row)
  values (
    tg_table_name,
    coalesce(v_new ->> 'id', v_old ->> 'id', v_new ->> 'key', v_old ->> 'key', v_new ->> 'user_id', v_old ->> 'user_id', ''),
    lower(tg_op),
    (select auth.uid()),
    private.current_app_role(),
    v_old,
    v_new
  );
  return coalesce(new, old);
end
$$;
revoke all on function private.write_audit() from public;

-- ---------------------------------------------------------------------------------------
-- Today's grid of every case, where it differs from the grid version the case records.
-- A case keeps the version that was current at its reported time (its 15-digit code then);
-- maps and hotspot counts attribute cases to today's grids. Only the differences are
-- stored (none until a grid is edited), so the embedded download does not grow.
-- The placement trigger writes the row before the case itself exists (BEFORE INSERT), so
-- the reference to the case is checked at commit.
create table public.incident_current_grids (
  incident_id bigint primary key references public.incidents (id) deferrable initially deferred,
  grid_id bigint not null references public.grids (id)
);
create index incident_current_grids_grid_idx on public.incident_current_grids (grid_id);
create index grids_valid_from_idx on public.grids (valid_from);
create index grids_valid_to_idx on public.grids (valid_to) where valid_to is not null;

-- ---------------------------------------------------------------------------------------
-- No direct writes, reads for the office only.
create or replace function private.has_profile() returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (select 1 from public.profiles p where p.user_id = (select auth.uid()))
$$;
revoke all on function private.has_profile() from public;
grant execute on function private.has_profile() to authenticated, service_role;

do $$
declare
  v_table text;
  v_policy record;
begin
  for v_table in select t.tablename from pg_tables t where t.schemaname = 'public' loop
    execute format('alter table public.%I enable row level security', v_table);
    execute format('revoke all on table public.%I from anon, authenticated, public', v_table);
    execute format('grant select on table public.%I to authenticated', v_table);
    for v_policy in select p.policyname from pg_policies p where p.schemaname = 'public' and p.tablename = v_table loop
      execute format('drop policy %I on public.%I', v_policy.policyname, v_table);
    end loop;
    execute format(
      'create policy %I on public.%I for select to authenticated using (%s)', v_table || '_read', v_table,
      case v_table
        when 'audit_log' then '(select private.has_role(array[''admin'']))'
        when 'profiles' then 'user_id = (select auth.uid()) or (select private.has_role(array[''admin'']))'
        else '(select private.has_profile())'
      end);
    execute format('create policy %I on public.%I for all to urbangrid_loader using (true) with check (true)',
                   v_table || '_bulk_load', v_table);
  end loop;
end
$$;
revoke all on all sequences in schema public from anon, authenticated;
alter default privileges in schema public revoke insert, update, delete, truncate, references, trigger on tables from anon, authenticated;
alter default privileges in schema public revoke all on sequences from anon, authenticated;
grant select, insert on public.incident_current_grids to urbangrid_loader;

-- ---------------------------------------------------------------------------------------
-- Append-only history; cases are never deleted.
create or replace function private.refuse_change() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  raise exception '%', tg_argv[0] using errcode = tg_argv[1];
end
$$;

alter table public.case_history drop constraint case_history_incident_id_fkey;
alter table public.case_history add constraint case_history_incident_id_fkey
  foreign key (incident_id) references public.incidents (id) on delete restrict;

create trigger case_history_append_only before update or delete on public.case_history
  for each row execute function private.refuse_change('案件流程记录只能追加，不能修改或删除', 'UG110');
create trigger case_history_no_truncate before truncate on public.case_history
  for each statement execute function private.refuse_change('案件流程记录只能追加，不能清空', 'UG110');
create trigger audit_log_append_only before update or delete on public.audit_log
  for each row execute function private.refuse_change('审计日志只能追加，不能修改或删除', 'UG110');
create trigger audit_log_no_truncate before truncate on public.audit_log
  for each statement execute function private.refuse_change('审计日志只能追加，不能清空', 'UG110');
create trigger incidents_no_delete before delete on public.incidents
  for each row execute function private.refuse_change('案件不能删除；不需处理的案件请「不予立案」，已处理的请结案', 'UG214');
create trigger incidents_no_truncate before truncate on public.incidents
  for each statement execute function private.refuse_change('案件不能删除；不需处理的案件请「不予立案」，已处理的请结案', 'UG214');

create trigger incidents_audit after insert or update on public.incidents
  for each row execute function private.write_audit();

-- A case enters in its first status, with no workflow stamps: its later states are reached
-- only through transition_case, which writes their history. Named to fire first.
create or replace function private.guard_case_insert() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if not private.is_bulk_load()
     and (new.status <> 'reported' or new.accepted_at is not null or new.verified_at is not null or new.registered_at is not null
          or new.dispatched_at is not null or new.handled_at is not null or new.checked_at is not null or new.closed_at is not null
          or new.closure_type is not null) then
    raise exception 'status: 新案件只能以「已上报（待受理）」状态登记，不带流程时间和结案类型（收到状态 %）', new.status
      using errcode = 'UG212', column = 'status';
  end if;
  return new;
end
$$;
create trigger incidents_guard_insert before insert on public.incidents
  for each row execute function private.guard_case_insert();

-- Status, stamps and department change only through the workflow (as before); category and
-- location no longer change once a case has been dispatched, for anyone: the department
-- and the deadline follow from them, and a silent re-route would bypass 改派.
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
  if not private.is_bulk_load() and old.status not in ('reported', 'accepted', 'verified', 'registered') then
    if new.category_code is distinct from old.category_code then
      raise exception 'category_code: 案件已派遣（%），不能再修改事项类别；如需其他部门处理，请改派', private.case_status_label(old.status)
        using errcode = 'UG213', column = 'category_code';
    end if;
    if extensions.st_asewkb(new.geom) is distinct from extensions.st_asewkb(old.geom) then
      raise exception 'geometry: 案件已派遣（%），不能再修改位置', private.case_status_label(old.status)
        using errcode = 'UG213', column = 'geometry';
    end if;
  end if;
  return new;
end
$$;

-- ---------------------------------------------------------------------------------------
-- Placement by time. The version of a grid that answered for a location at a moment; points
-- on shared edges go to the smallest code, as today.
create or replace function private.grid_at(p_point extensions.geometry, p_at timestamptz)
returns table (grid_id bigint, grid_code text)
language sql stable
set search_path = ''
as $$
  select g.id, g.code
  from public.grids g
  where g.valid_from <= p_at and (g.valid_to is null or g.valid_to > p_at)
    and g.geom operator(extensions.&&) p_point
    and extensions.st_covers(g.geom, p_point)
  order by g.code
  limit 1
$$;
revoke all on function private.grid_at(extensions.geometry, timestamptz) from public;
grant execute on function private.grid_at(extensions.geometry, timestamptz) to authenticated, service_role, urbangrid_loader;

-- The grid a case is placed in: the version current at its reported time; a case reported
-- before any version of the grids existed takes today's grid.
create or replace function private.grid_for_case(p_point extensions.geometry, p_reported_at timestamptz) returns bigint
language sql stable
set search_path = ''
as $$
  select coalesce((select g.grid_id from private.grid_at(p_point, p_reported_at) g),
                  (select g.grid_id from private.grid_at(p_point) g))
$$;

-- Today's grid of one case, stored only where it differs from the recorded version. Grids
-- that changed after the report are the only reason it can differ, and two indexed lookups
-- say whether any did, so the common case (a case reported after the last grid edit) costs
-- nothing more.
create or replace function private.track_current_grid(p_incident_id bigint, p_point extensions.geometry,
                                                      p_reported_at timestamptz, p_grid_id bigint, p_is_new boolean)
returns void
language plpgsql
set search_path = ''
as $$
declare
  v_current bigint;
begin
  if p_reported_at < greatest((select max(g.valid_from) from public.grids g),
                              (select max(g.valid_to) from public.grids g where g.valid_to is not null)) then
    v_current := (select g.grid_id from private.grid_at(p_point) g);
  else
    v_current := p_grid_id;
  end if;
  if v_current is not distinct from p_grid_id then
    if not p_is_new then
      delete from public.incident_current_grids c where c.incident_id = p_incident_id;
    end if;
  else
    insert into public.incident_current_grids (incident_id, grid_id) values (p_incident_id, v_current)
    on conflict (incident_id) do update set grid_id = excluded.grid_id;
  end if;
end
$$;

create or replace function private.place_incident() returns trigger
language plpgsql
set search_path = ''
as $$
declare
  v_distance_m double precision := coalesce(
    (select (s.value #>> '{}')::double precision from public.app_settings s where s.key = 'segment_match_distance_m'), 30);
  -- A degree box wide enough for the distance at this latitude, to use the GiST index
  -- before the exact spherical distance.
  v_box_deg double precision;
  v_level smallint;
  v_limit public.time_limits;
  v_clock_start timestamptz;
begin
  -- Compared as bytes: with search_path = '' the geometry "=" operator is not in scope, and
  -- byte equality is the question anyway (did the stored location change?).
  if tg_op = 'INSERT' or extensions.st_asewkb(new.geom) is distinct from extensions.st_asewkb(old.geom) then
    perform private.assert_geometry(new.geom, 'POINT', 'geometry');
    new.grid_id := private.grid_for_case(new.geom, new.reported_at);
    v_box_deg := v_distance_m / (111000.0 * greatest(cos(radians(extensions.st_y(new.geom))), 0.01));
    -- The distance itself is not stored: it is cheap to recompute for the one case a
    -- dispatcher looks at, and 100,000 random doubles are a megabyte of every download.
    new.segment_id := (
      select s.id
      from public.street_segments s
      where s.geom operator(extensions.&&) extensions.st_expand(new.geom, v_box_deg)
        and extensions.st_distance(s.geom::extensions.geography, new.geom::extensions.geography, false) <= v_distance_m
      order by extensions.st_distance(s.geom::extensions.geography, new.geom::extensions.geography, false), s.id
      limit 1);
    -- The id is assigned before BEFORE triggers run (incident_current_grids checks the
    -- reference at commit).
    perform private.track_current_grid(new.id, new.geom, new.reported_at, new.grid_id, tg_op = 'INSERT');
  end if;
  if tg_op = 'INSERT' or new.category_code is distinct from old.category_code then
    new.department_id := private.route_department(new.category_code);
  end if;
  if tg_op = 'INSERT' or new.category_code is distinct from old.category_code or new.grid_id is distinct from old.grid_id
     or new.dispatched_at is distinct from old.dispatched_at or new.registered_at is distinct from old.registered_at then
    select g.management_level into v_level from public.grids g where g.id = new.grid_id;
    v_limit := private.time_limit_for(new.category_code, coalesce(v_level, 2::smallint));
    -- The 处置 clock starts at dispatch; before that, at registration or report.
    v_clock_start := coalesce(new.dispatched_at, new.registered_at, new.reported_at);
    new.deadline_at := case when v_limit.id is null then null
                            else private.add_work_time(v_clock_start, v_limit.amount, v_limit.unit) end;
  end if;
  -- A closed case without an explicit closure type closed on time or late by the clock.
  if new.status = 'closed' and new.closure_type is null then
    new.closure_type := case when new.deadline_at is not null and coalesce(new.handled_at, new.closed_at) > new.deadline_at
                             then 'overdue' else 'normal' end;
  end if;
  new.updated_at := now();
  return new;
end
$$;

-- ---------------------------------------------------------------------------------------
-- Intake: the only way a case enters. The role check stays with the caller (security
-- invoker); the insert runs in the definer helper, since no API role may insert.
create or replace function private.intake_incident_row(p_row jsonb) returns public.incidents
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_geom extensions.geometry;
  v_incident public.incidents;
begin
  if p_row ? 'geometry' then
    v_geom := private.geometry_from_geojson(p_row -> 'geometry', 'geometry');
  else
    if jsonb_typeof(p_row -> 'lon') is distinct from 'number' then
      raise exception 'lon: 经度缺失或不是数字' using errcode = 'UG010', column = 'lon';
    end if;
    if jsonb_typeof(p_row -> 'lat') is distinct from 'number' then
      raise exception 'lat: 纬度缺失或不是数字' using errcode = 'UG010', column = 'lat';
    end if;
    v_geom := extensions.st_setsrid(extensions.st_makepoint((p_row ->> 'lon')::double precision,
                                                            (p_row ->> 'lat')::double precision), 4326);
  end if;
  perform private.assert_geometry(v_geom, 'POINT', 'geometry');
  if not exists (select 1 from public.categories k where k.kind = 'matter' and k.code = p_row ->> 'category_code') then
    raise exception 'category_code: 未知的事项类别代码 "%"（应为 GB/T 47678.5 事项代码）', coalesce(p_row ->> 'category_code', '')
      using errcode = 'UG011', column = 'category_code';
  end if;
  if coalesce(p_row ->> 'source', '') not in ('patrol', 'hotline_12319', 'public_report', 'video', 'drone', 'superior', 'media') then
    raise exception 'source: 未知的案件来源 "%"', coalesce(p_row ->> 'source', '')
      using errcode = 'UG012', column = 'source';
  end if;
  begin
    insert into public.incidents (external_id, geom, category_code, source, description, reported_at, created_by)
    values (nullif(p_row ->> 'external_id', ''), v_geom, p_row ->> 'category_code', p_row ->> 'source',
            coalesce(p_row ->> 'description', ''),
            coalesce((p_row ->> 'reported_at')::timestamptz, now()), auth.uid())
    returning * into v_incident;
  exception when invalid_datetime_format or datetime_field_overflow then
    raise exception 'reported_at: 无法识别的时间 "%"', p_row ->> 'reported_at'
      using errcode = 'UG013', column = 'reported_at';
  end;
  return v_incident;
end
$$;

-- Batch intake of cases (hotline exports, patrol apps, imports), per row: every row is
-- tried in its own subtransaction; a bad row is reported with its index, field and reason
-- and leaves nothing behind; good rows are kept. A row whose external_id is already known
-- is reported as a duplicate and not inserted again, so re-importing a file is harmless.
create or replace function public.intake_incidents(p_rows jsonb) returns jsonb
language plpgsql volatile security invoker
set search_path = ''
as $$
declare
  v_row jsonb;
  v_index integer := 0;
  v_results jsonb := '[]'::jsonb;
  v_existing bigint;
  v_incident public.incidents;
  v_state text;
  v_message text;
  v_column text;
begin
  if not private.has_role(array['dispatcher', 'admin']) then
    raise exception '当前用户（角色：%）无权登记案件，需要受理派遣员或管理员角色', private.role_label(private.current_app_role())
      using errcode = '42501';
  end if;
  if p_rows is null or jsonb_typeof(p_rows) <> 'array' then
    raise exception 'rows: 应为 JSON 数组' using errcode = 'UG009', column = 'rows';
  end if;
  for v_row in select value from jsonb_array_elements(p_rows) loop
    begin
      if jsonb_typeof(v_row) <> 'object' then
        raise exception 'row: 每一行应为 JSON 对象' using errcode = 'UG009', column = 'row';
      end if;
      v_existing := null;
      if nullif(v_row ->> 'external_id', '') is not null then
        select i.id into v_existing from public.incidents i where i.external_id = v_row ->> 'external_id';
      end if;
      if v_existing is not null then
        v_results := v_results || jsonb_build_object('index', v_index, 'ok', true, 'duplicate', true, 'id', v_existing);
      else
        v_incident := private.intake_incident_row(v_row);
        v_results := v_results || jsonb_build_object('index', v_index, 'ok', true, 'duplicate', false,
          'id', v_incident.id, 'grid_code', (select g.code from public.grids g where g.id = v_incident.grid_id),
          'segment_id', v_incident.segment_id, 'department_id', v_incident.department_id, 'deadline_at', v_incident.deadline_at);
      end if;
    exception when others then
      get stacked diagnostics v_state = returned_sqlstate, v_message = message_text, v_column = column_name;
      v_results := v_results || jsonb_build_object('index', v_index, 'ok', false, 'code', v_state,
        'field', nullif(v_column, ''), 'message', v_message);
    end;
    v_index := v_index + 1;
  end loop;
  return v_results;
end
$$;

-- ---------------------------------------------------------------------------------------
-- Grid edits, all or nothing. Each edit names a grid by code and gives the fields that
-- change (geometry as GeoJSON, name, responsible_person, responsible_body, land_use,
-- management_level), a reason and, to guard against lost updates, base_version: the
-- version the planner edited. "retire": true ends the grid; "create": true with a geometry
-- adds a new grid under the community its code names. The current version is closed and
-- the next one inserted; old versions stay.
--
-- Edits are serialised per community (an advisory lock taken before anything is read), so
-- two planners' transactions can never both commit overlapping grids: grids never straddle
-- communities, so only edits within one community can collide. After the edits, no current
-- grid may overlap another (UG107) and the communities touched must still be covered
-- without a gap (UG109). Street segments and today's grid of every case inside the changed
-- area are re-placed in the same transaction.
create or replace function private.apply_grid_edits(p_edits jsonb) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_edit jsonb;
  v_index integer := 0;
  v_now timestamptz := now();
  v_old public.grids;
  v_new public.grids;
  v_geom extensions.geometry;
  v_community_id bigint;
  v_community text;
  v_results jsonb := '[]'::jsonb;
  v_new_ids bigint[] := '{}';
  v_changed_ids bigint[] := '{}';
  v_stale text[] := '{}';
  v_current_version integer;
  v_clash record;
  v_gap record;
begin
  if p_edits is null or jsonb_typeof(p_edits) <> 'array' or jsonb_array_length(p_edits) = 0 then
    raise exception 'edits: 应为非空 JSON 数组' using errcode = 'UG009', column = 'edits';
  end if;
  -- Codes first: the locks are taken per community, in one order, before anything is read.
  for v_edit in select value from jsonb_array_elements(p_edits) loop
    if jsonb_typeof(v_edit) <> 'object' or coalesce(v_edit ->> 'code', '') !~ '^[0-9]{15}$' then
      raise exception 'edits[%].code: 网格编码应为15位数字，收到 "%"', v_index,
        coalesce(case when jsonb_typeof(v_edit) = 'object' then v_edit ->> 'code' end, '')
        using errcode = 'UG101', column = 'code';
    end if;
    if v_edit ? 'base_version' and jsonb_typeof(v_edit -> 'base_version') not in ('number', 'null') then
      raise exception 'edits[%].base_version: 应为版本号（整数）', v_index using errcode = 'UG009', column = 'base_version';
    end if;
    v_index := v_index + 1;
  end loop;
  for v_community in
    select distinct left(e.value ->> 'code', 12) as community from jsonb_array_elements(p_edits) e order by 1
  loop
    perform pg_advisory_xact_lock(hashtextextended('urbangrid.grid-community.' || v_community, 0));
  end loop;

  -- Lost updates: every edit based on a version someone else has replaced meanwhile is
  -- named, and nothing is written.
  v_index := 0;
  for v_edit in select value from jsonb_array_elements(p_edits) loop
    if v_edit ? 'base_version' and jsonb_typeof(v_edit -> 'base_version') = 'number' then
      select g.version into v_current_version from public.grids g where g.code = v_edit ->> 'code' and g.valid_to is null;
      if v_current_version is distinct from (v_edit ->> 'base_version')::integer then
        v_stale := v_stale || format('%s（您编辑的是第 %s 版，当前%s）', v_edit ->> 'code', v_edit ->> 'base_version',
                                     case when v_current_version is null then '已停用' else format('为第 %s 版', v_current_version) end);
      end if;
    end if;
    v_index := v_index + 1;
  end loop;
  if cardinality(v_stale) > 0 then
    raise exception 'base_version: 网格已被他人修改，请刷新后重新编辑：%', array_to_string(v_stale, '；')
      using errcode = 'UG108', column = 'base_version';
  end if;

  v_index := 0;
  for v_edit in select value from jsonb_array_elements(p_edits) loop
    v_geom := case when v_edit ? 'geometry'
                   then private.geometry_from_geojson(v_edit -> 'geometry', format('edits[%s].geometry', v_index)) end;
    -- Checked here, not only by the trigger: the column's type (Polygon, 4326) is enforced
    -- while the row is formed, before any trigger, with a generic message.
    if v_geom is not null then
      perform private.assert_geometry(v_geom, 'POLYGON', 'geometry');
    end if;
    select * into v_old from public.grids g where g.code = v_edit ->> 'code' and g.valid_to is null for update;
    if coalesce((v_edit ->> 'create')::boolean, false) then
      if found then
        raise exception 'edits[%].code: 网格 % 已存在', v_index, v_edit ->> 'code' using errcode = 'UG106', column = 'code';
      end if;
      select c.id into v_community_id from public.communities c where c.code = left(v_edit ->> 'code', 12);
      if v_community_id is null then
        raise exception 'edits[%].code: 编码前12位 % 不是已知社区', v_index, left(v_edit ->> 'code', 12)
          using errcode = 'UG102', column = 'code';
      end if;
      insert into public.grids (code, community_id, name, land_use, management_level, responsible_person,
                                responsible_body, geom, valid_from, change_reason, created_by)
      values (v_edit ->> 'code', v_community_id, coalesce(v_edit ->> 'name', ''),
              coalesce(v_edit ->> 'land_use', 'mixed'), coalesce((v_edit ->> 'management_level')::smallint, 2),
              coalesce(v_edit ->> 'responsible_person', ''), coalesce(v_edit ->> 'responsible_body', '属地兜底'),
              v_geom, v_now, coalesce(v_edit ->> 'reason', ''), auth.uid())
      returning * into v_new;
    else
      if not found then
        raise exception 'edits[%].code: 网格 % 不存在或已停用', v_index, v_edit ->> 'code' using errcode = 'UG106', column = 'code';
      end if;
      update public.grids set valid_to = v_now where id = v_old.id;
      v_changed_ids := v_changed_ids || v_old.id;
      if coalesce((v_edit ->> 'retire')::boolean, false) then
        v_results := v_results || jsonb_build_object('code', v_old.code, 'retired_id', v_old.id, 'version', v_old.version);
        v_index := v_index + 1;
        continue;
      end if;
      insert into public.grids (code, version, previous_version_id, community_id, name, land_use, management_level,
                                responsible_person, responsible_body, geom, valid_from, change_reason, created_by)
      values (v_old.code, v_old.version + 1, v_old.id, v_old.community_id,
              coalesce(v_edit ->> 'name', v_old.name),
              coalesce(v_edit ->> 'land_use', v_old.land_use),
              coalesce((v_edit ->> 'management_level')::smallint, v_old.management_level),
              coalesce(v_edit ->> 'responsible_person', v_old.responsible_person),
              coalesce(v_edit ->> 'responsible_body', v_old.responsible_body),
              coalesce(v_geom, v_old.geom), v_now, coalesce(v_edit ->> 'reason', ''), auth.uid())
      returning * into v_new;
    end if;
    v_new_ids := v_new_ids || v_new.id;
    v_changed_ids := v_changed_ids || v_new.id;
    v_results := v_results || jsonb_build_object('code', v_new.code, 'id', v_new.id, 'version', v_new.version,
                                                 'previous_id', v_new.previous_version_id);
    v_index := v_index + 1;
  end loop;

  -- Two current grids may share edges but never interior area.
  select n.code as new_code, o.code as other_code into v_clash
  from public.grids n
  join public.grids o on o.valid_to is null and o.id <> n.id
    and o.geom operator(extensions.&&) n.geom
    and extensions.st_relate(o.geom, n.geom, '2********')
  where n.id = any (v_new_ids)
  limit 1;
  if found then
    raise exception 'geometry: 网格 % 与网格 % 重叠；相邻网格的边界需在同一次提交中一起修改', v_clash.new_code, v_clash.other_code
      using errcode = 'UG107', column = 'geometry';
  end if;

  -- 横向到边: the communities touched are still covered by their current grids. Slivers
  -- under 1 m² are digitising noise.
  select c.code, c.name, gap.m2 into v_gap
  from public.communities c
  cross join lateral (
    select coalesce(extensions.st_area(extensions.st_difference(c.geom, extensions.st_union(g.geom))::extensions.geography),
                    extensions.st_area(c.geom::extensions.geography)) as m2
    from public.grids g where g.community_id = c.id and g.valid_to is null
  ) gap
  where c.id in (select g.community_id from public.grids g where g.id = any (v_changed_ids))
    and gap.m2 > 1
  order by c.code
  limit 1;
  if found then
    raise exception 'geometry: 修改后社区“%”（%）有 % 平方米不属于任何网格；停用或缩小网格时，相邻网格须在同一次提交中补齐',
      v_gap.name, v_gap.code, round(v_gap.m2::numeric, 1)
      using errcode = 'UG109', column = 'geometry';
  end if;

  perform private.replace_in_changed_area(v_changed_ids);
  return v_results;
end
$$;

-- What points at grids follows them: street segments get today's grid, and today's grid of
-- every case in the changed area (the union of the closed and the new versions) is
-- re-computed. A case's own record keeps the version of its reported time.
create or replace function private.replace_in_changed_area(p_changed_ids bigint[]) returns void
language plpgsql volatile security definer
set search_path = ''
as $$
begin
  update public.street_segments s
  set grid_id = (select g.grid_id from private.grid_at(extensions.st_lineinterpolatepoint(s.geom, 0.5)) g)
  where exists (
    select 1 from public.grids c
    where c.id = any (p_changed_ids)
      and c.geom operator(extensions.&&) s.geom
      and extensions.st_covers(c.geom, extensions.st_lineinterpolatepoint(s.geom, 0.5)))
    and s.grid_id is distinct from (select g.grid_id from private.grid_at(extensions.st_lineinterpolatepoint(s.geom, 0.5)) g);

  perform private.track_current_grid(i.id, i.geom, i.reported_at, i.grid_id, false)
  from public.incidents i
  where exists (
    select 1 from public.grids c
    where c.id = any (p_changed_ids)
      and c.geom operator(extensions.&&) i.geom
      and extensions.st_covers(c.geom, i.geom));
end
$$;

create or replace function public.edit_grids(p_edits jsonb) returns jsonb
language plpgsql volatile security invoker
set search_path = ''
as $$
begin
  if not private.has_role(array['planner', 'admin']) then
    raise exception '当前用户（角色：%）无权修改网格，需要网格规划员或管理员角色', private.role_label(private.current_app_role())
      using errcode = '42501';
  end if;
  return private.apply_grid_edits(p_edits);
end
$$;

-- ---------------------------------------------------------------------------------------
-- Reads that follow the versions and the one overdue rule.

-- Incident counts per current grid: a case counts in today's grid that covers it (its
-- recorded version where that is still current, otherwise incident_current_grids).
create or replace function public.incident_counts_by_grid(
  p_from timestamptz default null,
  p_to timestamptz default null,
  p_categories text[] default null,
  p_statuses text[] default null,
  p_bbox double precision[] default null
) returns jsonb
language sql stable security invoker
set search_path = ''
as $$
  -- lon/lat: a point inside the grid, so a heatmap of counts needs no grid polygons.
  select coalesce(jsonb_agg(jsonb_build_object('grid_id', q.grid_id, 'grid_code', g.code, 'count', q.n,
                                               'lon', round(extensions.st_x(g.label_point)::numeric, 6),
                                               'lat', round(extensions.st_y(g.label_point)::numeric, 6))
                            order by g.code), '[]'::jsonb)
  from (
    select coalesce(c.grid_id, i.grid_id) as grid_id, count(*) as n
    from public.incidents i
    left join public.incident_current_grids c on c.incident_id = i.id
    cross join (select private.bbox_envelope(p_bbox) as envelope offset 0) box
    where i.grid_id is not null
      and (box.envelope is null or i.geom operator(extensions.&&) box.envelope)
      and (p_from is null or i.reported_at >= p_from)
      and (p_to is null or i.reported_at < p_to)
      and (p_categories is null or i.category_code = any (p_categories) or left(i.category_code, 2) = any (p_categories))
      and (p_statuses is null or i.status = any (p_statuses))
    group by 1
  ) q
  join public.grids g on g.id = q.grid_id and g.valid_to is null
$$;

create or replace function public.layer_incidents(
  p_bbox double precision[] default null,
  p_from timestamptz default null,
  p_to timestamptz default null,
  p_categories text[] default null,
  p_statuses text[] default null,
  p_limit integer default 5000
) returns jsonb
language sql stable security invoker
set search_path = ''
as $$
  select private.feature_collection(array_agg(f), private.clamp_limit(p_limit, 5000, 20000)) from (
    select jsonb_build_object('type', 'Feature', 'id', i.id,
      'geometry', extensions.st_asgeojson(i.geom, 6)::jsonb,
      'properties', jsonb_build_object('id', i.id, 'external_id', i.external_id,
        'category_code', i.category_code, 'category_name', k.name, 'source', i.source, 'status', i.status,
        'reported_at', i.reported_at, 'deadline_at', i.deadline_at, 'closed_at', i.closed_at,
        'grid_code', g.code, 'segment_id', i.segment_id, 'department_name', d.name,
        'overdue', private.case_overdue(i.status, i.deadline_at, i.handled_at, i.closed_at, now()))) f
    from public.incidents i
    join public.categories k on k.kind = i.category_kind and k.code = i.category_code
    left join public.departments d on d.id = i.department_id
    left join public.grids g on g.id = i.grid_id
    -- The envelope is built once per call, not once per row.
    cross join (select private.bbox_envelope(p_bbox) as envelope offset 0) box
    where (box.envelope is null or i.geom operator(extensions.&&) box.envelope)
      and (p_from is null or i.reported_at >= p_from)
      and (p_to is null or i.reported_at < p_to)
      and (p_categories is null or i.category_code = any (p_categories) or left(i.category_code, 2) = any (p_categories))
      and (p_statuses is null or i.status = any (p_statuses))
    order by i.reported_at desc, i.id desc
    limit private.clamp_limit(p_limit, 5000, 20000) + 1) q
$$;

-- The browser's copy of the placement rules, now with the versions it needs to place a
-- case reported before a grid edit the way the trigger does: current grids with the time
-- they took effect, and the closed versions with their validity.
create or replace function public.assignment_reference() returns jsonb
language sql stable security invoker
set search_path = ''
as $$
  select jsonb_build_object(
    'grids', coalesce((
      select jsonb_agg(jsonb_build_object(
               'code', g.code,
               'management_level', g.management_level,
               'valid_from', g.valid_from,
               'geometry', extensions.st_asgeojson(g.geom, 15)::jsonb) order by g.code)
      from public.grids g
      where g.valid_to is null), '[]'::jsonb),
    'closed_grids', coalesce((
      select jsonb_agg(jsonb_build_object(
               'code', g.code,
               'management_level', g.management_level,
               'valid_from', g.valid_from,
               'valid_to', g.valid_to,
               'geometry', extensions.st_asgeojson(g.geom, 15)::jsonb) order by g.code, g.version)
      from public.grids g
      where g.valid_to is not null), '[]'::jsonb),
    'segments', coalesce((
      select jsonb_agg(jsonb_build_object(
               'id', s.id,
               'coordinates', extensions.st_asgeojson(s.geom, 15)::jsonb -> 'coordinates') order by s.id)
      from public.street_segments s), '[]'::jsonb),
    'departments', coalesce((
      select jsonb_agg(jsonb_build_object('id', d.id, 'code', d.code, 'name', d.name, 'is_default', d.is_default) order by d.id)
      from public.departments d), '[]'::jsonb),
    'routes', coalesce((
      select jsonb_agg(jsonb_build_object('category_pattern', r.category_pattern, 'department_id', r.department_id) order by r.id)
      from public.category_routes r), '[]'::jsonb),
    'time_limits', coalesce((
      select jsonb_agg(jsonb_build_object('id', t.id, 'category_pattern', t.category_pattern,
                                          'management_level', t.management_level, 'amount', t.amount, 'unit', t.unit) order by t.id)
      from public.time_limits t), '[]'::jsonb),
    'calendar', coalesce((
      select jsonb_agg(jsonb_build_object('day', c.day, 'is_workday', c.is_workday) order by c.day)
      from public.work_calendar c), '[]'::jsonb),
    'settings', jsonb_build_object(
      'segment_match_distance_m', coalesce((select s.value from public.app_settings s where s.key = 'segment_match_distance_m'), '30'::jsonb),
      'work_hours', coalesce((select s.value from public.app_settings s where s.key = 'work_hours'),
                             '[["08:30","12:00"],["13:30","17:30"]]'::jsonb),
      'timezone_offset_hours', coalesce((select s.value from public.app_settings s where s.key = 'timezone_offset_hours'), '8'::jsonb)))
$$;

-- ---------------------------------------------------------------------------------------
-- Roster: one cleaner answers for a segment on a shift at a time. Ranges with GiST (no
-- extension needed, unlike btree_gist for plain columns), so the same constraint holds on
-- Supabase, native PostgreSQL and PGlite.
alter table public.segment_assignments add constraint segment_assignments_no_overlap exclude using gist (
  int8range(segment_id, segment_id, '[]') with &&,
  int4range(array_position(array['early', 'day', 'late']::text[], shift), array_position(array['early', 'day', 'late']::text[], shift), '[]')
    with &&,
  daterange(valid_from, valid_to, '[]') with &&
);

-- ---------------------------------------------------------------------------------------
-- Grants for everything above: private helpers for the API roles that reach them through
-- public functions, nothing for anon.
do $$
declare
  v_function text;
begin
  foreach v_function in array array[
    'private.refuse_change()', 'private.guard_case_insert()', 'private.guard_case_workflow()',
    'private.grid_for_case(extensions.geometry, timestamptz)',
    'private.track_current_grid(bigint, extensions.geometry, timestamptz, bigint, boolean)',
    'private.place_incident()', 'private.intake_incident_row(jsonb)', 'private.apply_grid_edits(jsonb)',
    'private.replace_in_changed_area(bigint[])'
  ] loop
    execute format('revoke all on function %s from public, anon', v_function);
    execute format('grant execute on function %s to authenticated, service_role, urbangrid_loader', v_function);
  end loop;
end
$$;
revoke execute on all functions in schema public from public, anon;
grant execute on all functions in schema public to authenticated, service_role;

alter publication supabase_realtime add table public.incident_current_grids;
