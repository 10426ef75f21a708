-- Fetch-by-id reads for the inspect panel (issue 14 item 10): what a 街道 or 社区, a facility
-- and a cleaning segment are asked about, which the map's layer reads do not carry (they are
-- drawn by the thousand; these are asked for one at a time).

-- A 街道 (p_level 'street') or 社区 ('community') with its figures: its area, what lies in it
-- (communities, current unit grids, back streets and segments with their length and how many
-- have no cleaner, facilities by kind, markets, sites) and its cases reported in
-- [p_from, p_to) (null = open), counted by the grid of their report time (DESIGN.md §3): all,
-- still open, and overdue by the one overdue rule (private.case_overdue).
create or replace function public.area_detail(
  p_level text,
  p_id bigint,
  p_from timestamptz default null,
  p_to timestamptz default null
) returns jsonb
language plpgsql stable security invoker
set search_path = ''
as $$
declare
  v_code text;
  v_name text;
  v_street text;
  v_geom extensions.geometry;
  v_id bigint;
  v_segments record;
  v_cases record;
begin
  if p_level = 'street' then
    select s.code, s.name, null, s.geom, s.id into v_code, v_name, v_street, v_geom, v_id from public.streets s where s.id = p_id;
  elsif p_level = 'community' then
    select c.code, c.name, s.name, c.geom, c.id into v_code, v_name, v_street, v_geom, v_id
    from public.communities c join public.streets s on s.id = c.street_id where c.id = p_id;
  else
    raise exception 'level: 应为 street/community 之一，收到 %', p_level using errcode = 'UG009', column = 'level';
  end if;
  if v_id is null then
    return null;
  end if;
  -- Segments and cases by the unit grid they belong to: the area's code is the grid codes' prefix.
  select count(distinct x.back_street_id)::integer as streets, count(*)::integer as n,
    coalesce(round(sum(x.length_m)::numeric), 0) as length_m,
    (count(*) filter (where not exists (
      select 1 from public.segment_assignments a where a.segment_id = x.id and a.valid_to is null)))::integer as unassigned
  into v_segments
  from public.street_segments x join public.grids g on g.id = x.grid_id
  where g.code like v_code || '%';
  select count(*)::integer as n,
    (count(*) filter (where i.status not in ('closed', 'rejected')))::integer as open,
    (count(*) filter (where private.case_overdue(i.status, i.deadline_at, i.handled_at, i.closed_at, now())))::integer as overdue
  into v_cases
  from public.incidents i join public.grids g on g.id = i.grid_id
  where g.code like v_code || '%' and (p_from is null or i.reported_at >= p_from) and (p_to is null or i.reported_at < p_to);
  return jsonb_build_object('type', 'Feature', 'id', v_id,
    'geometry', extensions.st_asgeojson(v_geom, 6)::jsonb,
    'properties', jsonb_build_object('id', v_id, 'level', p_level, 'code', v_code, 'name', v_name, 'street_name', v_street,
      'area_m2', round(extensions.st_area(v_geom::extensions.geography)),
      'community_count', case when p_level = 'street'
        then (select count(*)::integer from public.communities c join public.streets s on s.id = c.street_id where s.code = v_code) end,
      'grid_count', (select count(*)::integer from public.grids g where g.valid_to is null and g.code like v_code || '%'),
      'back_street_count', v_segments.streets,
      'segment_count', v_segments.n,
      'segment_length_m', v_segments.length_m,
      'unassigned_segment_count', v_segments.unassigned,
      'facility_counts', (select coalesce(jsonb_object_agg(k.kind, k.n), '{}'::jsonb) from (
        select f.kind, count(*)::integer as n from public.facilities f
        where extensions.st_intersects(f.geom, v_geom) group by f.kind) k),
      'market_count', (select count(*)::integer from public.markets m where extensions.st_intersects(extensions.st_pointonsurface(m.geom), v_geom)),
      'site_count', (select count(*)::integer from public.construction_sites x where extensions.st_intersects(extensions.st_pointonsurface(x.geom), v_geom)),
      'incident_count', v_cases.n,
      'open_count', v_cases.open,
      'overdue_count', v_cases.overdue));
end
$$;
revoke execute on function public.area_detail(text, bigint, timestamptz, timestamptz) from public, anon;
grant execute on function public.area_detail(text, bigint, timestamptz, timestamptz) to authenticated, service_role;

-- A facility with where it is: its current unit grid (code and name), community and street,
-- and an address a caller can be told: the nearest road or back street within 300 m and how
-- far (the demo has no house numbers; a real deployment would add its address register).
create or replace function public.facility_detail(p_id bigint) returns jsonb
language sql stable security invoker
set search_path = ''
as $$
  select jsonb_build_object('type', 'Feature', 'id', x.id,
    'geometry', extensions.st_asgeojson(x.geom, 6)::jsonb,
    'properties', jsonb_build_object('id', x.id, 'kind', x.kind, 'name', x.name,
      'component_code', x.component_code, 'component_name', k.name, 'is_local_extension', k.is_local_extension,
      'grid_code', g.code, 'grid_name', g.name, 'community_name', c.name, 'street_name', s.name,
      'near_name', near.name, 'near_m', round(near.distance_m::numeric)))
  from public.facilities x
  join public.categories k on k.kind = x.component_kind and k.code = x.component_code
  left join lateral (
    select g.* from public.grids g
    where g.valid_to is null and extensions.st_intersects(g.geom, x.geom)
    order by g.code limit 1) g on true
  left join public.communities c on c.id = g.community_id
  left join public.streets s on s.id = c.street_id
  left join lateral (
    select n.name, extensions.st_distance(n.geom::extensions.geography, x.geom::extensions.geography) as distance_m
    from (
      select r.name, r.geom from public.roads r where r.name <> ''
      union all
      select b.name, b.geom from public.back_streets b
    ) n
    where extensions.st_dwithin(n.geom::extensions.geography, x.geom::extensions.geography, 300)
    order by 2, 1 limit 1) near on true
  where x.id = p_id
$$;
revoke execute on function public.facility_detail(bigint) from public, anon;
grant execute on function public.facility_detail(bigint) to authenticated, service_role;

-- A cleaning segment with its unit grid by code and name, community and street, and who
-- cleans it on which shift.
create or replace function public.segment_detail(p_id bigint) returns jsonb
language sql stable security invoker
set search_path = ''
as $$
  select jsonb_build_object('type', 'Feature', 'id', x.id,
    'geometry', extensions.st_asgeojson(x.geom, 6)::jsonb,
    'properties', jsonb_build_object('id', x.id, 'back_street_id', b.id, 'back_street_name', b.name,
      'seq', x.seq, 'length_m', round(x.length_m::numeric, 1), 'cleaning_grade', x.cleaning_grade,
      'grid_code', g.code, 'grid_name', g.name, 'community_name', c.name, 'street_name', s.name,
      'cleaners', coalesce((
        select jsonb_agg(distinct w.name) from public.segment_assignments a join public.cleaners w on w.id = a.cleaner_id
        where a.segment_id = x.id and a.valid_to is null), '[]'::jsonb),
      'shifts', coalesce((
        select jsonb_agg(jsonb_build_object('shift', a.shift, 'cleaner', w.name) order by
          case a.shift when 'early' then 1 when 'day' then 2 else 3 end, w.name)
        from public.segment_assignments a join public.cleaners w on w.id = a.cleaner_id
        where a.segment_id = x.id and a.valid_to is null), '[]'::jsonb),
      'assigned', exists (select 1 from public.segment_assignments a where a.segment_id = x.id and a.valid_to is null)))
  from public.street_segments x
  join public.back_streets b on b.id = x.back_street_id
  left join public.grids g on g.id = x.grid_id
  left join public.communities c on c.id = g.community_id
  left join public.streets s on s.id = c.street_id
  where x.id = p_id
$$;
revoke execute on function public.segment_detail(bigint) from public, anon;
grant execute on function public.segment_detail(bigint) to authenticated, service_role;
