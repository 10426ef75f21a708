-- pgTAP checks of the case workflow (20261122001100_case_workflow.sql), run by
-- `npm run test:postgres` with pg_prove after the migrations and the seed. The thorough
-- behaviour tests are in tests/db/workflow-suite.ts; these pin the shape and the security.
begin;
set local search_path = public, pgtap;
select plan(24);

select has_table('public', 'case_history', 'case history table exists');
select is((select relrowsecurity from pg_class where oid = 'public.case_history'::regclass), true,
  'row level security is enabled on the case history');
select ok(has_table_privilege('authenticated', 'public.case_history', 'select'), 'signed-in users may read the history');
select ok(not has_table_privilege('authenticated', 'public.case_history', 'insert')
          and not has_table_privilege('authenticated', 'public.case_history', 'update')
          and not has_table_privilege('authenticated', 'public.case_history', 'delete'),
  'nobody writes the history but the workflow function');
select ok(not has_table_privilege('anon', 'public.case_history', 'select'), 'anon cannot read the history');

select has_function('public', 'transition_case', array['bigint', 'text', 'text', 'jsonb'], 'transition_case(id, action, expected status, payload)');
select has_function('public', 'list_cases', 'list_cases exists');
select has_function('public', 'case_detail', array['bigint'], 'case_detail(id)');
select is((select p.prosecdef from pg_proc p where p.oid = 'private.apply_case_transition(bigint, text, jsonb, text)'::regprocedure), true,
  'the step itself runs as definer, in the unexposed private schema');
select ok(not has_function_privilege('anon', 'public.transition_case(bigint, text, text, jsonb)', 'execute'), 'anon cannot call transition_case');
select has_trigger('public', 'incidents', 'incidents_guard_workflow', 'direct status changes are guarded');
select ok(exists (select 1 from pg_publication_tables
                  where pubname = 'supabase_realtime' and schemaname = 'public' and tablename = 'case_history'),
  'history changes reach browsers through realtime');
select ok(exists (select 1 from pg_publication_tables
                  where pubname = 'supabase_realtime' and schemaname = 'public' and tablename = 'incidents'),
  'case changes reach browsers through realtime');
select is(private.case_allowed_actions('accepted', 'hotline_12319', 'dispatcher'), array['verify', 'reject'],
  'a hotline case is verified before it is registered');
select is(private.case_allowed_actions('accepted', 'patrol', 'dispatcher'), array['register', 'reject'],
  'a patrol case is registered directly');

select set_config('ug_test.case_id', (select min(id)::text from public.incidents where status = 'reported'), true);

-- As the demo viewer, then the demo dispatcher, through the API role.
select set_config('request.jwt.claims', '{"sub": "00000000-0000-4000-8000-000000000006", "role": "authenticated"}', true);
set local role authenticated;
select throws_ok(
  $$select public.transition_case(current_setting('ug_test.case_id')::bigint, 'accept')$$,
  '42501', null, 'a viewer cannot accept a case');

select set_config('request.jwt.claims', '{"sub": "00000000-0000-4000-8000-000000000004", "role": "authenticated"}', true);
select throws_ok(
  $$select public.transition_case(current_setting('ug_test.case_id')::bigint, 'close')$$,
  'UG203', null, 'a reported case cannot be closed');
select throws_ok(
  $$update public.incidents set status = 'closed' where id = current_setting('ug_test.case_id')::bigint$$,
  '42501', null, 'a dispatcher cannot set the status directly: no API role writes the table');
select lives_ok(
  $$select public.transition_case(current_setting('ug_test.case_id')::bigint, 'accept', 'reported')$$,
  'a dispatcher accepts a reported case');
select is((select status from public.incidents where id = current_setting('ug_test.case_id')::bigint), 'accepted',
  'the case is accepted');
select is((select count(*)::int from public.case_history where incident_id = current_setting('ug_test.case_id')::bigint and not derived), 1,
  'one recorded history row');
select throws_ok(
  $$select public.transition_case(current_setting('ug_test.case_id')::bigint, 'accept', 'reported')$$,
  'UG204', null, 'acting on a state that has changed is refused');
select is((public.case_detail(current_setting('ug_test.case_id')::bigint) -> 'timeline' -> 0 ->> 'action'), 'report',
  'the timeline starts with the report');
select is(jsonb_array_length(public.list_cases(p_statuses => array['accepted'], p_limit => 3) -> 'rows'), 3,
  'list_cases pages through the cases');

reset role;
select * from finish();
rollback;
