-- The 热点分析 workspace's read (issue 17): every case of one period as columns, so the
-- browser bins them on any unit (grids, communities, streets, squares, hexagons), plays
-- them by day or week and ranks places, without one call per unit or step.
--
-- Columns rather than features: 25,000 cases of a quarter are ~1 MB as columns and ~6 MB
-- as GeoJSON features. Cases are ordered by reported time (then id), the order playback needs.
-- `grid` is the code of the case's grid *today* (incident_current_grids after a grid edit,
-- else the version that placed it), so counts per grid follow the current tiling, as the
-- 总览's counts do.
create or replace function public.hotspot_cases(
  p_from timestamptz,
  p_to timestamptz,
  p_categories text[] default null,
  p_sources text[] default null
) returns jsonb
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
    select jsonb_build_object(
      'from', p_from,
      'to', p_to,
      'id', coalesce(to_jsonb(array_agg(q.id order by q.reported_at, q.id)), '[]'::jsonb),
      'lon', coalesce(to_jsonb(array_agg(round(extensions.st_x(q.geom)::numeric, 6) order by q.reported_at, q.id)), '[]'::jsonb),
      'lat', coalesce(to_jsonb(array_agg(round(extensions.st_y(q.geom)::numeric, 6) order by q.reported_at, q.id)), '[]'::jsonb),
      't', coalesce(to_jsonb(array_agg(floor(extract(epoch from q.reported_at))::bigint order by q.reported_at, q.id)), '[]'::jsonb),
      'category', coalesce(to_jsonb(array_agg(q.category_code order by q.reported_at, q.id)), '[]'::jsonb),
      'source', coalesce(to_jsonb(array_agg(q.source order by q.reported_at, q.id)), '[]'::jsonb),
      'grid', coalesce(to_jsonb(array_agg(q.grid_code order by q.reported_at, q.id)), '[]'::jsonb),
      'segment', coalesce(to_jsonb(array_agg(q.segment_id order by q.reported_at, q.id)), '[]'::jsonb))
    from (
      select i.id, i.geom, i.reported_at, i.category_code, i.source, i.segment_id, g.code as grid_code
      from public.incidents i
      left join public.incident_current_grids c on c.incident_id = i.id
      left join public.grids g on g.id = coalesce(c.grid_id, i.grid_id)
      where i.reported_at >= p_from
        and i.reported_at < p_to
        and (p_categories is null or i.category_code = any (p_categories) or left(i.category_code, 2) = any (p_categories))
        and (p_sources is null or i.source = any (p_sources))
    ) q
  );
end;
$$;

revoke execute on function public.hotspot_cases(timestamptz, timestamptz, text[], text[]) from public, anon;
grant execute on function public.hotspot_cases(timestamptz, timestamptz, text[], text[]) to authenticated, service_role;
