-- The 热点分析 workspace's read (issue 17): every case of one period as columns, so the
-- browser bins them on any unit (grids, communities, streets, squares, hexagons), plays
-- them by day or week and ranks places, without one call per unit or step.
--
-- Columns rather than features: 30,000 cases of a quarter are ~1.9 MB as columns and ~10 MB
-- as GeoJSON features. Coordinates are whole micro-degrees (lon_e6, lat_e6: exact to the 6
-- decimals stored, and no numeric rounding per value). The columns are aggregated from one
-- time-sorted row stream, so they line up row by row (every aggregate sees each row once,
-- together) and come in reported order; `json`, not `jsonb`: nothing is looked up in it, and
-- building 240,000 jsonb values took most of the call's time.
-- With p_cells, each case's H3 resolution-9 cell (stored at intake, 20261206001000) as h3-js
-- writes it (to_hex: a 64-bit number would lose digits in JSON); only the hexagon analysis
-- asks for it, so the other reads stay ~20 % smaller.
-- `grid` is the code of the case's grid *today* (incident_current_grids after a grid edit,
-- else the version that placed it), so counts per grid follow the current tiling, as the
-- 总览's counts do.
create or replace function public.hotspot_cases(
  p_from timestamptz,
  p_to timestamptz,
  p_categories text[] default null,
  p_sources text[] default null,
  p_cells boolean default false
) returns json
language plpgsql stable security invoker
set search_path = ''
as $$
begin
  if p_from is null or p_to is null then
    raise exception 'period: 热点分析需要起止时间' using errcode = 'UG009', column = 'period';
  end if;
  if p_to <= p_from then
    raise exception 'period: 结束时间应晚于开始时间（% – %）', p_from, p_to using errcode = 'UG009', column = 'period';
  end if;
  -- Two years is enough for any comparison or emerging-hotspot run; longer periods would
  -- send every case of a decade to the browser.
  if p_to - p_from > interval '731 days' then
    raise exception 'period: 时段最长两年（731 天），收到 % 天', extract(day from p_to - p_from)::int using errcode = 'UG009', column = 'period';
  end if;
  return (
    select json_build_object(
      'from', p_from,
      'to', p_to,
      'id', coalesce(array_to_json(array_agg(q.id)), '[]'::json),
      'lon_e6', coalesce(array_to_json(array_agg(q.lon_e6)), '[]'::json),
      'lat_e6', coalesce(array_to_json(array_agg(q.lat_e6)), '[]'::json),
      't', coalesce(array_to_json(array_agg(q.t)), '[]'::json),
      'category', coalesce(array_to_json(array_agg(q.category_code)), '[]'::json),
      'source', coalesce(array_to_json(array_agg(q.source)), '[]'::json),
      'grid', coalesce(array_to_json(array_agg(q.grid_code)), '[]'::json),
      'segment', coalesce(array_to_json(array_agg(q.segment_id)), '[]'::json),
      'h3', case when p_cells then coalesce(array_to_json(array_agg(to_hex(q.h3_r9))), '[]'::json) end)
    from (
      select i.id,
             round(extensions.st_x(i.geom) * 1e6)::integer as lon_e6,
             round(extensions.st_y(i.geom) * 1e6)::integer as lat_e6,
             floor(extract(epoch from i.reported_at))::bigint as t,
             i.category_code, i.source, i.segment_id, i.h3_r9, g.code as grid_code
      from public.incidents i
      left join public.incident_current_grids c on c.incident_id = i.id
      left join public.grids g on g.id = coalesce(c.grid_id, i.grid_id)
      where i.reported_at >= p_from
        and i.reported_at < p_to
        and (p_categories is null or i.category_code = any (p_categories) or left(i.category_code, 2) = any (p_categories))
        and (p_sources is null or i.source = any (p_sources))
      order by i.reported_at, i.id
    ) q
  );
end;
$$;

revoke execute on function public.hotspot_cases(timestamptz, timestamptz, text[], text[], boolean) from public, anon;
grant execute on function public.hotspot_cases(timestamptz, timestamptz, text[], text[], boolean) to authenticated, service_role;
