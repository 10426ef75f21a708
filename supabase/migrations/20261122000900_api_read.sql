-- The read side of the SQL API: one jsonb FeatureCollection per map layer, always bounded
-- by a bbox ([west, south, east, north], WGS84; null = whole district) and a row limit, so
-- no call returns more than the map can draw. `truncated` tells the caller the limit was hit.

create or replace function private.bbox_envelope(p_bbox double precision[])
returns extensions.geometry
language plpgsql immutable
set search_path = ''
as $$
begin
  if p_bbox is null then
    return null;
  end if;
  if array_length(p_bbox, 1) <> 4 or p_bbox[1] > p_bbox[3] or p_bbox[2] > p_bbox[4] then
    raise exception 'bbox: 应为 [西, 南, 东, 北] 四个数且西≤东、南≤北' using errcode = 'UG009', column = 'bbox';
  end if;
  return extensions.st_makeenvelope(p_bbox[1], p_bbox[2], p_bbox[3], p_bbox[4], 4326);
end
$$;
grant execute on function private.bbox_envelope(double precision[]) to authenticated, service_role;

create or replace function private.clamp_limit(p_limit integer, p_default integer, p_max integer)
returns integer
language sql immutable
set search_path = ''
as $$
  select least(greatest(coalesce(p_limit, p_default), 0), p_max)
$$;
grant execute on function private.clamp_limit(integer, integer, integer) to authenticated, service_role;

-- Features arrive as (feature jsonb) rows, at most limit + 1 of them.
create or replace function private.feature_collection(p_features jsonb[], p_limit integer)
returns jsonb
language sql immutable
set search_path = ''
as $$
  select jsonb_build_object(
    'type', 'FeatureCollection',
    'features', coalesce(to_jsonb(p_features[1:p_limit]), '[]'::jsonb),
    'truncated', coalesce(array_length(p_features, 1), 0) > p_limit,
    'limit', p_limit
  )
$$;
grant execute on function private.feature_collection(jsonb[], integer) to authenticated, service_role;

create or replace function public.layer_grids(
  p_level text default 'grid',
  p_bbox double precision[] default null,
  p_limit integer default 5000
) returns jsonb
language plpgsql stable security invoker
set search_path = ''
as $$
declare
  v_box extensions.geometry := private.bbox_envelope(p_bbox);
  v_limit integer := private.clamp_limit(p_limit, 5000, 10000);
  v_features jsonb[];
begin
  if p_level not in ('district', 'street', 'community', 'grid') then
    raise exception 'level: 应为 district/street/community/grid 之一，收到 %', p_level using errcode = 'UG009', column = 'level';
  end if;
  if p_level = 'district' then
    select array_agg(f) into v_features from (
      select jsonb_build_object('type', 'Feature', 'id', d.id,
        'geometry', extensions.st_asgeojson(d.geom, 6)::jsonb,
        'properties', jsonb_build_object('id', d.id, 'level', 'district', 'code', d.code, 'name', d.name,
          'is_synthetic', d.is_synthetic, 'area_m2', round(extensions.st_area(d.geom::extensions.geography)))) f
      from public.districts d
      where v_box is null or d.geom operator(extensions.&&) v_box
      order by d.code limit v_limit + 1) q;
  elsif p_level = 'street' then
    select array_agg(f) into v_features from (
      select jsonb_build_object('type', 'Feature', 'id', s.id,
        'geometry', extensions.st_asgeojson(s.geom, 6)::jsonb,
        'properties', jsonb_build_object('id', s.id, 'level', 'street', 'code', s.code, 'name', s.name)) f
      from public.streets s
      where v_box is null or s.geom operator(extensions.&&) v_box
      order by s.code limit v_limit + 1) q;
  elsif p_level = 'community' then
    select array_agg(f) into v_features from (
      select jsonb_build_object('type', 'Feature', 'id', c.id,
        'geometry', extensions.st_asgeojson(c.geom, 6)::jsonb,
        'properties', jsonb_build_object('id', c.id, 'level', 'community', 'code', c.code, 'name', c.name,
          'street_name', s.name)) f
      from public.communities c
      join public.streets s on s.id = c.street_id
      where v_box is null or c.geom operator(extensions.&&) v_box
      order by c.code limit v_limit + 1) q;
  else
    select array_agg(f) into v_features from (
      select jsonb_build_object('type', 'Feature', 'id', g.id,
        'geometry', extensions.st_asgeojson(g.geom, 6)::jsonb,
        'properties', jsonb_build_object('id', g.id, 'level', 'grid', 'code', g.code, 'name', g.name,
          'version', g.version, 'community_name', c.name, 'street_name', s.name,
          'responsible_person', g.responsible_person, 'responsible_body', g.responsible_body,
          'land_use', g.land_use, 'management_level', g.management_level,
          'area_m2', round(g.area_m2::numeric, 1), 'valid_from', g.valid_from)) f
      from public.grids g
      join public.communities c on c.id = g.community_id
      join public.streets s on s.id = c.street_id
      where g.valid_to is null and (v_box is null or g.geom operator(extensions.&&) v_box)
      order by g.code limit v_limit + 1) q;
  end if;
  return private.feature_collection(v_features, v_limit);
end
$$;

create or replace function public.layer_roads(
  p_bbox double precision[] default null,
  p_limit integer default 5000
) returns jsonb
language sql stable security invoker
set search_path = ''
as $$
  select private.feature_collection(array_agg(f), private.clamp_limit(p_limit, 5000, 20000)) from (
    select jsonb_build_object('type', 'Feature', 'id', r.id,
      'geometry', extensions.st_asgeojson(r.geom, 6)::jsonb,
      'properties', jsonb_build_object('id', r.id, 'name', r.name, 'kind', r.kind)) f
    from public.roads r
    -- The envelope is built once per call, not once per row.
    cross join (select private.bbox_envelope(p_bbox) as envelope offset 0) box
    where box.envelope is null or r.geom operator(extensions.&&) box.envelope
    order by r.kind, r.id
    limit private.clamp_limit(p_limit, 5000, 20000) + 1) q
$$;

create or replace function public.layer_segments(
  p_bbox double precision[] default null,
  p_limit integer default 5000
) returns jsonb
language sql stable security invoker
set search_path = ''
as $$
  select private.feature_collection(array_agg(f), private.clamp_limit(p_limit, 5000, 20000)) from (
    select jsonb_build_object('type', 'Feature', 'id', s.id,
      'geometry', extensions.st_asgeojson(s.geom, 6)::jsonb,
      'properties', jsonb_build_object('id', s.id, 'back_street_id', b.id, 'back_street_name', b.name,
        'seq', s.seq, 'length_m', round(s.length_m::numeric, 1), 'cleaning_grade', s.cleaning_grade,
        'grid_code', g.code,
        'cleaners', coalesce((
          select jsonb_agg(distinct c.name)
          from public.segment_assignments a join public.cleaners c on c.id = a.cleaner_id
          where a.segment_id = s.id and a.valid_to is null), '[]'::jsonb),
        'assigned', exists (select 1 from public.segment_assignments a where a.segment_id = s.id and a.valid_to is null))) f
    from public.street_segments s
    join public.back_streets b on b.id = s.back_street_id
    left join public.grids g on g.id = s.grid_id
    -- The envelope is built once per call, not once per row.
    cross join (select private.bbox_envelope(p_bbox) as envelope offset 0) box
    where box.envelope is null or s.geom operator(extensions.&&) box.envelope
    order by s.id
    limit private.clamp_limit(p_limit, 5000, 20000) + 1) q
$$;

create or replace function public.layer_markets(
  p_bbox double precision[] default null,
  p_limit integer default 1000
) returns jsonb
language sql stable security invoker
set search_path = ''
as $$
  select private.feature_collection(array_agg(f), private.clamp_limit(p_limit, 1000, 10000)) from (
    select jsonb_build_object('type', 'Feature', 'id', m.id,
      'geometry', extensions.st_asgeojson(m.geom, 6)::jsonb,
      'properties', jsonb_build_object('id', m.id, 'name', m.name, 'stalls', m.stalls, 'operator', m.operator,
        'component_code', m.component_code)) f
    from public.markets m
    -- The envelope is built once per call, not once per row.
    cross join (select private.bbox_envelope(p_bbox) as envelope offset 0) box
    where box.envelope is null or m.geom operator(extensions.&&) box.envelope
    order by m.id
    limit private.clamp_limit(p_limit, 1000, 10000) + 1) q
$$;

create or replace function public.layer_construction_sites(
  p_bbox double precision[] default null,
  p_limit integer default 1000,
  p_on date default null
) returns jsonb
language sql stable security invoker
set search_path = ''
as $$
  select private.feature_collection(array_agg(f), private.clamp_limit(p_limit, 1000, 10000)) from (
    select jsonb_build_object('type', 'Feature', 'id', c.id,
      'geometry', extensions.st_asgeojson(c.geom, 6)::jsonb,
      'properties', jsonb_build_object('id', c.id, 'name', c.name, 'status', c.status,
        'permit_start', c.permit_start, 'permit_end', c.permit_end, 'contractor', c.contractor,
        'has_enclosure', c.has_enclosure, 'has_wheel_wash', c.has_wheel_wash,
        -- Still working after the permit ran out: what an inspector wants highlighted.
        'permit_expired', c.status <> 'completed' and c.permit_end < coalesce(p_on, current_date))) f
    from public.construction_sites c
    -- The envelope is built once per call, not once per row.
    cross join (select private.bbox_envelope(p_bbox) as envelope offset 0) box
    where box.envelope is null or c.geom operator(extensions.&&) box.envelope
    order by c.id
    limit private.clamp_limit(p_limit, 1000, 10000) + 1) q
$$;

create or replace function public.layer_facilities(
  p_bbox double precision[] default null,
  p_kinds text[] default null,
  p_limit integer default 5000
) returns jsonb
language sql stable security invoker
set search_path = ''
as $$
  select private.feature_collection(array_agg(f), private.clamp_limit(p_limit, 5000, 20000)) from (
    select jsonb_build_object('type', 'Feature', 'id', x.id,
      'geometry', extensions.st_asgeojson(x.geom, 6)::jsonb,
      'properties', jsonb_build_object('id', x.id, 'kind', x.kind, 'name', x.name,
        'component_code', x.component_code, 'is_local_extension', k.is_local_extension)) f
    from public.facilities x
    join public.categories k on k.kind = x.component_kind and k.code = x.component_code
    -- The envelope is built once per call, not once per row.
    cross join (select private.bbox_envelope(p_bbox) as envelope offset 0) box
    where (box.envelope is null or x.geom operator(extensions.&&) box.envelope)
      and (p_kinds is null or x.kind = any (p_kinds))
    order by x.id
    limit private.clamp_limit(p_limit, 5000, 20000) + 1) q
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
        'overdue', i.deadline_at is not null and coalesce(i.handled_at, now()) > i.deadline_at)) f
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

-- Incident counts per current grid for the same filters; grids without incidents are left
-- out. One row per grid (at most a few thousand), as a jsonb array.
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
    select i.grid_id, count(*) as n
    from public.incidents i
    cross join (select private.bbox_envelope(p_bbox) as envelope offset 0) box
    where i.grid_id is not null
      and (box.envelope is null or i.geom operator(extensions.&&) box.envelope)
      and (p_from is null or i.reported_at >= p_from)
      and (p_to is null or i.reported_at < p_to)
      and (p_categories is null or i.category_code = any (p_categories) or left(i.category_code, 2) = any (p_categories))
      and (p_statuses is null or i.status = any (p_statuses))
    group by i.grid_id
  ) q
  join public.grids g on g.id = q.grid_id
$$;

-- Counts the header and the overview show, in one round trip.
create or replace function public.district_summary() returns jsonb
language sql stable security invoker
set search_path = ''
as $$
  select jsonb_build_object(
    'district', (select jsonb_build_object('code', d.code, 'name', d.name, 'is_synthetic', d.is_synthetic,
                   'area_m2', round(extensions.st_area(d.geom::extensions.geography)),
                   'bbox', jsonb_build_array(extensions.st_xmin(d.geom::extensions.box2d), extensions.st_ymin(d.geom::extensions.box2d),
                                             extensions.st_xmax(d.geom::extensions.box2d), extensions.st_ymax(d.geom::extensions.box2d)))
                 from public.districts d order by d.id limit 1),
    'streets', (select count(*) from public.streets),
    'communities', (select count(*) from public.communities),
    'grids', (select count(*) from public.grids where valid_to is null),
    'back_streets', (select count(*) from public.back_streets),
    'segments', (select count(*) from public.street_segments),
    'segments_assigned', (select count(distinct a.segment_id) from public.segment_assignments a where a.valid_to is null),
    'markets', (select count(*) from public.markets),
    'construction_sites', (select count(*) from public.construction_sites),
    'facilities', (select coalesce(jsonb_object_agg(k.kind, k.n), '{}'::jsonb)
                   from (select f.kind, count(*) as n from public.facilities f group by f.kind) k),
    'cleaners', (select count(*) from public.cleaners where active),
    'incidents', (select count(*) from public.incidents),
    'incidents_from', (select min(reported_at) from public.incidents),
    'incidents_to', (select max(reported_at) from public.incidents)
  )
$$;

revoke execute on all functions in schema public from public, anon;
grant execute on all functions in schema public to authenticated, service_role;

-- The category directory for pickers and filters (a few hundred rows, returned whole).
create or replace function public.category_directory() returns jsonb
language sql stable security invoker
set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object('kind', k.kind, 'code', k.code, 'major_code', k.major_code,
    'major_name', k.major_name, 'name', k.name, 'is_local_extension', k.is_local_extension)
    order by k.kind, k.code), '[]'::jsonb)
  from public.categories k
$$;
revoke execute on function public.category_directory() from public, anon;
grant execute on function public.category_directory() to authenticated, service_role;

-- Find-as-you-type for the map's search box: grid codes (prefix), street/community names,
-- back-street names and facility/market/site names (substring). Each hit carries a bbox to
-- fly to and what to select.
create or replace function public.search_features(p_query text, p_limit integer default 20)
returns jsonb
language sql stable security invoker
set search_path = ''
as $$
  with q as (select btrim(coalesce(p_query, '')) as text),
  hits as (
    select 'grid' as layer, g.id, g.code, g.name, 1 as rank, g.geom from public.grids g, q
      where q.text <> '' and g.valid_to is null and (g.code like q.text || '%' or g.name like '%' || q.text || '%')
    union all
    select 'street', s.id, s.code, s.name, 0, s.geom from public.streets s, q
      where q.text <> '' and (s.name like '%' || q.text || '%' or s.code = q.text)
    union all
    select 'community', c.id, c.code, c.name, 0, c.geom from public.communities c, q
      where q.text <> '' and (c.name like '%' || q.text || '%' or c.code = q.text)
    union all
    select 'back_street', b.id, null, b.name, 2, b.geom from public.back_streets b, q
      where q.text <> '' and b.name like '%' || q.text || '%'
    union all
    select 'facility', f.id, null, f.name, 3, f.geom from public.facilities f, q
      where q.text <> '' and f.name like '%' || q.text || '%'
    union all
    select 'market', m.id, null, m.name, 3, m.geom from public.markets m, q
      where q.text <> '' and m.name like '%' || q.text || '%'
    union all
    select 'construction_site', x.id, null, x.name, 3, x.geom from public.construction_sites x, q
      where q.text <> '' and x.name like '%' || q.text || '%'
  )
  select coalesce(jsonb_agg(jsonb_build_object('layer', h.layer, 'id', h.id, 'code', h.code, 'name', h.name,
    'bbox', jsonb_build_array(extensions.st_xmin(h.geom::extensions.box2d), extensions.st_ymin(h.geom::extensions.box2d),
                              extensions.st_xmax(h.geom::extensions.box2d), extensions.st_ymax(h.geom::extensions.box2d)))
    order by h.rank, length(h.name), h.code, h.id), '[]'::jsonb)
  from (select * from hits order by rank, length(name), code, id limit private.clamp_limit(p_limit, 20, 100)) h
$$;
revoke execute on function public.search_features(text, integer) from public, anon;
grant execute on function public.search_features(text, integer) to authenticated, service_role;

-- Who the caller is, for the header and for what the UI offers them.
create or replace function public.current_profile() returns jsonb
language sql stable security invoker
set search_path = ''
as $$
  select jsonb_build_object('user_id', p.user_id, 'display_name', p.display_name, 'role', p.role)
  from public.profiles p
  where p.user_id = (select auth.uid())
$$;
revoke execute on function public.current_profile() from public, anon;
grant execute on function public.current_profile() to authenticated, service_role;
