-- Everything the browser needs to place cases itself, in one call: the current grids
-- (code, management level, geometry), the back-street segments, the routing and time-limit
-- tables, the work calendar and the settings the trigger reads. The import preview and the
-- assignment worker run the same rules as private.place_incident on this copy, so a
-- dispatcher sees each row's grid, segment, department and deadline before committing.
-- Coordinates are written with up to 15 decimals: fewer would move vertices and change the
-- answer for points on or near a boundary.
create or replace function public.assignment_reference() returns jsonb
language sql stable security invoker
set search_path = ''
as $$
  select jsonb_build_object(
    'grids', coalesce((
      select jsonb_agg(jsonb_build_object(
               'code', g.code,
               'management_level', g.management_level,
               'geometry', extensions.st_asgeojson(g.geom, 15)::jsonb) order by g.code)
      from public.grids g
      where g.valid_to is null), '[]'::jsonb),
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

revoke execute on function public.assignment_reference() from public, anon;
grant execute on function public.assignment_reference() to authenticated, service_role;
