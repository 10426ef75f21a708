-- Foundation: PostGIS in `extensions` (as on Supabase), a non-exposed `private` schema for
-- security-definer helpers, user profiles with roles, settings and the audit trail.
create extension if not exists postgis with schema extensions;

create schema if not exists private;
revoke all on schema private from public;
grant usage on schema private to authenticated, service_role;

-- Roles of the office, stored per user. Policies ask private.has_role() rather than reading
-- this table directly, so the check does not recurse into profiles' own policies.
create table public.profiles (
  user_id uuid primary key references auth.users (id) on delete cascade,
  display_name text not null default '',
  role text not null default 'viewer'
    check (role in ('admin', 'planner', 'manager', 'dispatcher', 'staff', 'viewer')),
  department_id bigint,
  created_at timestamptz not null default now()
);

create or replace function private.current_app_role() returns text
language sql stable security definer
set search_path = ''
as $$
  select p.role from public.profiles p where p.user_id = (select auth.uid())
$$;

create or replace function private.has_role(roles text[]) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select coalesce((select p.role = any (roles) from public.profiles p where p.user_id = (select auth.uid())), false)
$$;

revoke all on all functions in schema private from public;
grant execute on function private.current_app_role() to authenticated, service_role;
grant execute on function private.has_role(text[]) to authenticated, service_role;

-- Deployment settings that differ between cities (distance for snapping a case to a street
-- segment, office hours for deadline arithmetic, KPI weights later on).
create table public.app_settings (
  key text primary key,
  value jsonb not null,
  description text not null default ''
);

insert into public.app_settings (key, value, description) values
  ('segment_match_distance_m', '30'::jsonb, '案件匹配后街背巷路段的最大距离（米）'),
  ('work_hours', '[["08:30","12:00"],["13:30","17:30"]]'::jsonb, '工作时段（北京时间），用于工作时/工作日时限计算'),
  ('timezone_offset_hours', '8'::jsonb, '本地时区相对 UTC 的小时数（中国不实行夏令时）');

-- Who changed what. Written by triggers through a security-definer function, so users
-- can read the trail but never write it directly.
create table public.audit_log (
  id bigint generated always as identity primary key,
  table_name text not null,
  row_id text not null,
  action text not null check (action in ('insert', 'update', 'delete')),
  actor uuid,
  actor_role text,
  at timestamptz not null default now(),
  old_row jsonb,
  new_row jsonb
);
create index audit_log_table_row_idx on public.audit_log (table_name, row_id);

create or replace function private.write_audit() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_old jsonb := case when tg_op in ('UPDATE', 'DELETE') then to_jsonb(old) - 'geom' end;
  v_new jsonb := case when tg_op in ('INSERT', 'UPDATE') then to_jsonb(new) - 'geom' end;
begin
  -- Bulk loads (the demo seed, nightly imports run by the service) set this flag so that
  -- a 100,000-row load does not double the database; interactive edits are always audited.
  if coalesce(current_setting('urbangrid.bulk_load', true), '') = 'on' then
    return coalesce(new, old);
  end if;
  insert into public.audit_log (table_name, row_id, action, actor, actor_role, old_row, new_row)
  values (
    tg_table_name,
    coalesce(v_new ->> 'id', v_old ->> 'id', v_new ->> 'key', v_old ->> 'key', ''),
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

create trigger profiles_audit after insert or update or delete on public.profiles
  for each row execute function private.write_audit();
create trigger app_settings_audit after insert or update or delete on public.app_settings
  for each row execute function private.write_audit();
