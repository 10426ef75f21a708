-- pgTAP checks of the schema's shape and security, run by `npm run test:postgres` with
-- pg_prove on native PostgreSQL 15 + PostGIS 3.3 after the migrations and the seed.
begin;
set local search_path = public, pgtap;
select plan(24);

select tables_are('public', array[
  'app_settings', 'audit_log', 'back_streets', 'cameras', 'case_attachments', 'case_history', 'case_reasons', 'categories', 'category_routes', 'cleaners', 'cleaning_grades',
  'cleaning_inspections', 'communities', 'construction_sites', 'departments', 'districts', 'facilities', 'facility_duties', 'grid_drafts', 'grids',
  'incident_current_grids', 'incidents', 'kpi_weight_presets', 'kpi_weight_sets', 'markets', 'profiles', 'roads', 'roster_shifts', 'segment_assignments', 'street_segments', 'streets',
  'stage_time_limits', 'team_areas', 'teams', 'time_limits', 'work_calendar'
], 'public has exactly the documented tables');

select is(
  (select count(*)::int from pg_tables where schemaname = 'public' and not rowsecurity), 0,
  'row level security is enabled on every public table');

select is(
  (select count(*)::int from information_schema.role_table_grants where grantee = 'anon' and table_schema = 'public'), 0,
  'anon holds no privilege on any public table');

select is(
  (select count(*)::int from information_schema.role_table_grants
   where grantee in ('anon', 'authenticated', 'PUBLIC') and table_schema = 'public'
     and privilege_type in ('INSERT', 'UPDATE', 'DELETE', 'TRUNCATE')), 0,
  'no API role holds INSERT, UPDATE, DELETE or TRUNCATE on any public table: every write is a function');

select is(
  (select count(*)::int from pg_class c
   where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
     and (has_table_privilege('authenticated', c.oid, 'INSERT') or has_table_privilege('authenticated', c.oid, 'UPDATE')
       or has_table_privilege('authenticated', c.oid, 'DELETE') or has_table_privilege('authenticated', c.oid, 'TRUNCATE'))), 0,
  'authenticated may write no public table, by any grant');

select is(
  (select count(*)::int from pg_policies p
   where p.schemaname = 'public' and 'authenticated' = any (p.roles) and p.cmd <> 'SELECT'), 0,
  'no write policy for authenticated is left behind');

select is(
  (select count(*)::int from pg_proc p join pg_namespace n on n.oid = p.pronamespace
   where n.nspname = 'public' and has_function_privilege('anon', p.oid, 'execute')), 0,
  'anon may execute no public function');

select is(
  (select count(*)::int from pg_proc p join pg_namespace n on n.oid = p.pronamespace
   where n.nspname = 'public' and p.prosecdef), 0,
  'every public function is security invoker');

select is(
  (select count(*)::int from pg_proc p join pg_namespace n on n.oid = p.pronamespace
   where n.nspname in ('public', 'private') and p.prokind = 'f'
     and not coalesce(p.proconfig @> array['search_path=""'], false)), 0,
  'every project function pins search_path to the empty string');

select is(
  (select count(*)::int from extensions.geometry_columns where f_table_schema = 'public' and srid <> 4326), 0,
  'every geometry column is typed with SRID 4326');

select is(
  (select count(*)::int from extensions.geometry_columns g
   where g.f_table_schema = 'public' and not exists (
     select 1 from pg_index i join pg_class c on c.oid = i.indrelid join pg_class ic on ic.oid = i.indexrelid
     join pg_am am on am.oid = ic.relam join pg_attribute a on a.attrelid = c.oid and a.attnum = any (i.indkey)
     where c.relname = g.f_table_name and a.attname = g.f_geometry_column and am.amname = 'gist')), 0,
  'every geometry column has a GiST index');

select col_is_pk('public', 'grids', 'id', 'grids have a surrogate key per version');
select has_index('public', 'grids', 'grids_current_code_idx', 'a code is unique among current grid versions');

select throws_ok(
  $$insert into public.grids (code, community_id, geom)
    select '12345', c.id, extensions.st_geomfromtext('POLYGON((119.9 32.47,119.901 32.47,119.901 32.471,119.9 32.47))', 4326)
    from public.communities c limit 1$$,
  'UG101', null, 'a grid code that is not 15 digits is refused');

-- As the demo viewer, through the API role, the way PostgREST runs a request.
select set_config('request.jwt.claims', '{"sub": "00000000-0000-4000-8000-000000000006", "role": "authenticated"}', true);
set local role authenticated;
select throws_ok(
  $$select public.edit_grids(jsonb_build_array(jsonb_build_object('code', (select code from public.grids limit 1), 'name', 'x')))$$,
  '42501', null, 'a viewer cannot edit grids');
select throws_ok(
  $$update public.incidents set description = 'x' where id = 1$$,
  '42501', null, 'a viewer cannot change a case');
select throws_ok(
  $$delete from public.case_history$$,
  '42501', null, 'a viewer cannot delete case history');
select throws_ok(
  $$select public.save_grid_draft((select code from public.communities order by code limit 1), '{"changes": []}'::jsonb, '{}'::jsonb)$$,
  '42501', null, 'a viewer cannot save a grid draft');
select throws_ok(
  $$insert into public.grid_drafts (scope_code, owner, payload) values ('329001001', '00000000-0000-4000-8000-000000000006', '{}')$$,
  '42501', null, 'nobody writes grid drafts directly');
select is(
  (select count(*)::int from pg_proc p join pg_namespace n on n.oid = p.pronamespace
   where n.nspname = 'public'
     and p.proname in ('save_grid_draft', 'grid_draft', 'discard_grid_draft', 'list_grid_drafts', 'grids_for_edit',
                       'grid_history', 'grid_version', 'grid_whatif_inputs')
     and has_function_privilege('authenticated', p.oid, 'execute') and not has_function_privilege('anon', p.oid, 'execute')), 8,
  'the grid editor functions are for signed-in users only');
select throws_ok(
  $$select public.roster_assign(current_date, 'late', (select min(id) from public.cleaners), '[{"segment_id": 1}]'::jsonb)$$,
  '42501', null, 'a viewer cannot change the roster');
select throws_ok(
  $$insert into public.facility_duties (facility_id, cleaner_id) values (1, 1)$$,
  '42501', null, 'nobody writes facility duties directly');
select is(
  (select count(*)::int from pg_proc p join pg_namespace n on n.oid = p.pronamespace
   where n.nspname = 'public'
     and p.proname in ('roster_workspace', 'roster_assignments', 'roster_apply', 'roster_assign', 'roster_unassign', 'roster_apply_plan',
                       'roster_coverage', 'roster_coverage_units', 'roster_save_team', 'roster_save_cleaner', 'roster_set_cleaner_active',
                       'roster_import_cleaners', 'roster_save_shifts', 'roster_save_grades', 'roster_import_assignments',
                       'facility_duties_read', 'facility_duty_set', 'facility_duty_import', 'roster_record_inspection',
                       'roster_inspections', 'roster_quality')
     and has_function_privilege('authenticated', p.oid, 'execute') and not has_function_privilege('anon', p.oid, 'execute')), 21,
  'the roster functions are for signed-in users only');
reset role;
select throws_ok(
  $$insert into public.segment_assignments (cleaner_id, segment_id, shift, valid_from, from_m, to_m)
    select a.cleaner_id, a.segment_id, a.shift, a.valid_from + 1, a.from_m, a.to_m
    from public.segment_assignments a where a.valid_to is null order by a.id limit 1$$,
  '23P01', null, 'two pieces of one segment and shift never overlap in time and measure, even for the owner');

select * from finish();
rollback;
