-- Row level security on every table: every signed-in user reads; writes by role; anon
-- nothing. Supabase grants all on public tables to anon and authenticated by default, so we
-- revoke first and grant back the minimum.

do $$
declare
  v_table text;
begin
  foreach v_table in array array[
    'profiles', 'app_settings', 'audit_log', 'categories', 'departments', 'category_routes', 'time_limits',
    'work_calendar', 'districts', 'streets', 'communities', 'grids', 'roads', 'back_streets',
    'street_segments', 'markets', 'construction_sites', 'facilities', 'teams', 'cleaners',
    'segment_assignments', 'incidents'
  ] loop
    execute format('alter table public.%I enable row level security', v_table);
    execute format('revoke all on table public.%I from anon, authenticated, public', v_table);
    execute format('grant select on table public.%I to authenticated', v_table);
    execute format('create policy %I on public.%I for select to authenticated using (true)', v_table || '_read', v_table);
  end loop;
end
$$;

-- Writers per table. Grids are never deleted or overwritten (see protect_grid_history), so
-- planners get insert and the narrow update that closes a version.
do $$
declare
  v_rule record;
begin
  for v_rule in
    select * from (values
      ('profiles', array['admin']),
      ('app_settings', array['admin']),
      ('categories', array['admin']),
      ('departments', array['admin']),
      ('category_routes', array['admin']),
      ('time_limits', array['admin']),
      ('work_calendar', array['admin']),
      ('districts', array['admin', 'planner']),
      ('streets', array['admin', 'planner']),
      ('communities', array['admin', 'planner']),
      ('grids', array['admin', 'planner']),
      ('roads', array['admin', 'planner']),
      ('back_streets', array['admin', 'planner']),
      ('street_segments', array['admin', 'planner']),
      ('markets', array['admin', 'planner']),
      ('construction_sites', array['admin', 'planner']),
      ('facilities', array['admin', 'planner']),
      ('teams', array['admin', 'staff']),
      ('cleaners', array['admin', 'staff']),
      ('segment_assignments', array['admin', 'staff']),
      ('incidents', array['admin', 'dispatcher'])
    ) as rules (table_name, roles)
  loop
    execute format('grant insert, update, delete on table public.%I to authenticated', v_rule.table_name);
    execute format(
      'create policy %I on public.%I for insert to authenticated with check ((select private.has_role(%L::text[])))',
      v_rule.table_name || '_insert', v_rule.table_name, v_rule.roles);
    execute format(
      'create policy %I on public.%I for update to authenticated using ((select private.has_role(%L::text[]))) with check ((select private.has_role(%L::text[])))',
      v_rule.table_name || '_update', v_rule.table_name, v_rule.roles, v_rule.roles);
    execute format(
      'create policy %I on public.%I for delete to authenticated using ((select private.has_role(%L::text[])))',
      v_rule.table_name || '_delete', v_rule.table_name, v_rule.roles);
  end loop;
end
$$;

grant usage on all sequences in schema public to authenticated;
revoke all on all sequences in schema public from anon;

-- Cases and grid changes reach open browsers through Supabase Realtime.
alter publication supabase_realtime add table public.incidents, public.grids, public.segment_assignments;
