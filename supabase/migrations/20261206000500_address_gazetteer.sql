-- The district's own place names, for placing hotline rows that carry an address but no
-- coordinates (issue 13, item 8). No online geocoder: a city's 12319 export names its back
-- streets (often with the cleaning segment, "瑞丰东巷第3段"), grids, markets, facilities,
-- roads and communities, and those names are in this database. One call returns every name with a
-- point to place a case at and the community the point lies in (to tell apart places that
-- share a name); the browser matches addresses against it (src/domain/import/address-match.ts).
create or replace function public.address_gazetteer() returns jsonb
language sql stable security invoker
set search_path = ''
as $$
  with places (kind, id, name, seq, point, area) as (
    -- a cleaning segment: its back street's name and its sequence number
    select 'segment', s.id, b.name, s.seq, extensions.st_lineinterpolatepoint(s.geom, 0.5), null::extensions.geometry
    from public.street_segments s join public.back_streets b on b.id = s.back_street_id
    union all
    -- a grid by its name ("育才社区第30网格"), at the point stored inside it
    select 'grid', g.id, g.name, null, g.label_point, null from public.grids g where g.valid_to is null and g.name <> ''
    union all
    select 'back_street', b.id, b.name, null::integer, extensions.st_lineinterpolatepoint(b.geom, 0.5), b.geom
    from public.back_streets b
    union all
    select 'market', m.id, m.name, null, extensions.st_pointonsurface(m.geom), m.geom from public.markets m
    union all
    select 'facility', f.id, f.name, null, f.geom, null from public.facilities f
    union all
    select 'construction_site', c.id, c.name, null, extensions.st_pointonsurface(c.geom), c.geom from public.construction_sites c
    union all
    -- roads and communities are too large to place a case in a grid; they narrow a search
    select 'road', r.id, r.name, null, extensions.st_lineinterpolatepoint(r.geom, 0.5), r.geom from public.roads r
    union all
    select 'community', c.id, c.name, null, extensions.st_pointonsurface(c.geom), c.geom from public.communities c
  )
  select coalesce(jsonb_agg(jsonb_build_object(
           'kind', p.kind, 'id', p.id, 'name', p.name, 'seq', p.seq,
           'lon', round(extensions.st_x(p.point)::numeric, 7), 'lat', round(extensions.st_y(p.point)::numeric, 7),
           'community_code', (select c.code from public.communities c
                              where c.geom operator(extensions.&&) p.point and extensions.st_covers(c.geom, p.point)
                              order by c.code limit 1),
           'bbox', case when p.area is null then null
                        else jsonb_build_array(round(extensions.st_xmin(p.area::extensions.box2d)::numeric, 6),
                                               round(extensions.st_ymin(p.area::extensions.box2d)::numeric, 6),
                                               round(extensions.st_xmax(p.area::extensions.box2d)::numeric, 6),
                                               round(extensions.st_ymax(p.area::extensions.box2d)::numeric, 6)) end)
         order by p.kind, p.name, p.seq, p.id), '[]'::jsonb)
  from places p
$$;
revoke execute on function public.address_gazetteer() from public, anon;
grant execute on function public.address_gazetteer() to authenticated, service_role;
