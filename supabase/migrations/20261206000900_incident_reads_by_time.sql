-- Issue 17, "cost follows the window, not the history": the reads of a period (the map's
-- points and per-grid counts, the case list) cost what the period holds, not what the
-- table holds. With the demo's cases copied nine years back (1,000,000 cases), the same
-- 30-day read of the map's points took 27× as long and the 12-month counts 3.6×.
--
-- Why: these functions are planned once per call with their parameters unknown (SQL
-- functions on PostgreSQL 15; plpgsql plans may turn generic after five calls). A filter
-- written `(p_from is null or i.reported_at >= p_from)` can never be an index condition,
-- so the planner scanned the whole table, or walked the whole time index backwards for the
-- order. Each function now also states the period as one closed range:
--   i.reported_at >= greatest(p_from, '-infinity') and i.reported_at <= least(p_to, 'infinity')
-- true for every row when a bound is null (greatest/least ignore nulls), so the existing
-- btree incidents_reported_at_idx serves it as an index range. The original half-open
-- filters stay, so results are identical. Not coalesce(): under row level security a
-- condition is an index condition only if the planner can tell it leaks nothing, and it
-- cannot for coalesce (PostgreSQL 15 and 18 alike); greatest/least pass.
--
-- No new index: every index is downloaded by each first-time visitor of the embedded demo.
-- Signatures and results are unchanged; grants survive `create or replace`.
-- docs/decisions.md "Reads cost what their period holds (issue 17)"; bench/history.bench.ts.

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
  select private.feature_collection(array_agg(f order by q.reported_at desc, q.id desc), private.clamp_limit(p_limit, 5000, 20000)) from (
    select i.reported_at, i.id, jsonb_build_object('type', 'Feature', 'id', i.id,
      'geometry', extensions.st_asgeojson(i.geom, 6)::jsonb,
      'properties', jsonb_build_object('id', i.id, 'external_id', i.external_id,
        'category_code', i.category_code, 'category_name', k.name, 'source', i.source, 'status', i.status,
        'reported_at', i.reported_at, 'deadline_at', i.deadline_at, 'closed_at', i.closed_at,
        'grid_code', g.code, 'segment_id', i.segment_id, 'department_name', d.name,
        'overdue', private.case_overdue(i.status, i.deadline_at, i.handled_at, i.closed_at, now()))) f
    from (
      -- The page of cases first (time index, then the box), the names for its rows only.
      select i.*
      from public.incidents i
      -- The envelope is built once per call, not once per row.
      cross join (select private.bbox_envelope(p_bbox) as envelope offset 0) box
      where (box.envelope is null or i.geom operator(extensions.&&) box.envelope)
        and i.reported_at >= greatest(p_from, '-infinity'::timestamptz)
        and i.reported_at <= least(p_to, 'infinity'::timestamptz)
        and (p_from is null or i.reported_at >= p_from)
        and (p_to is null or i.reported_at < p_to)
        and (p_categories is null or i.category_code = any (p_categories) or left(i.category_code, 2) = any (p_categories))
        and (p_statuses is null or i.status = any (p_statuses))
      order by i.reported_at desc, i.id desc
      limit private.clamp_limit(p_limit, 5000, 20000) + 1) i
    -- Lookups by key, one per row of the page: with the parameters unknown the planner
    -- expects a row or two and otherwise may pick a nested loop over all 400 categories.
    join lateral (select k.name from public.categories k
                  where k.kind = i.category_kind and k.code = i.category_code offset 0) k on true
    left join lateral (select d.name from public.departments d where d.id = i.department_id offset 0) d on true
    left join lateral (select g.code from public.grids g where g.id = i.grid_id offset 0) g on true) q
$$;

-- Incident counts per current grid (as 20261206000100 defines them), for a period by the
-- time index. Without a period the whole table is read anyway: that branch keeps the
-- sequential scan, which a range over the time index from -infinity to infinity would not.
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
    select coalesce(c.grid_id, i.grid_id) as grid_id, count(*) as n
    from (
      select i.id, i.grid_id, i.geom, i.category_code, i.status
      from public.incidents i
      where (p_from is not null or p_to is not null)
        and i.reported_at >= greatest(p_from, '-infinity'::timestamptz)
        and i.reported_at <= least(p_to, 'infinity'::timestamptz)
        and (p_from is null or i.reported_at >= p_from)
        and (p_to is null or i.reported_at < p_to)
      union all
      select i.id, i.grid_id, i.geom, i.category_code, i.status
      from public.incidents i
      where p_from is null and p_to is null
    ) i
    left join public.incident_current_grids c on c.incident_id = i.id
    cross join (select private.bbox_envelope(p_bbox) as envelope offset 0) box
    where i.grid_id is not null
      and (box.envelope is null or i.geom operator(extensions.&&) box.envelope)
      and (p_categories is null or i.category_code = any (p_categories) or left(i.category_code, 2) = any (p_categories))
      and (p_statuses is null or i.status = any (p_statuses))
    group by 1
  ) q
  join public.grids g on g.id = q.grid_id and g.valid_to is null
$$;

-- The case list (as 20261122001100 defines it), planned for the values of each call. plpgsql
-- plans its query for the values of the first five calls in a session, then switches to one
-- generic plan when that one looks cheaper; the embedded database is one session, PostgREST
-- keeps its connections. A generic plan cannot drop the filters that were not given: a month
-- at 10× history took 680 ms generic against 30 ms planned for its values, and 12 months at
-- 1× 103 ms against 30 ms even with the range below. Planning each call costs about a
-- millisecond. The range stays, so a generic plan would still use the time index.
-- It also takes the ids of the cases to list (a recurring problem's, handed from 热点分析 to
-- 案件), combined with every other filter, at most 1,000: a new trailing parameter, so the old
-- signature is dropped first.
drop function public.list_cases(text[], boolean, text, bigint, text, text[], timestamptz, timestamptz, text, integer, integer);

create or replace function public.list_cases(
  p_statuses text[] default null,
  p_overdue boolean default null,
  p_grid_code text default null,
  p_department_id bigint default null,
  p_category text default null,
  p_sources text[] default null,
  p_from timestamptz default null,
  p_to timestamptz default null,
  p_search text default null,
  p_limit integer default 50,
  p_offset integer default 0,
  p_ids bigint[] default null
) returns jsonb
language plpgsql stable security invoker
set search_path = ''
set plan_cache_mode = force_custom_plan
as $$
declare
  v_limit integer := private.clamp_limit(p_limit, 50, 1000);
  v_offset integer := greatest(coalesce(p_offset, 0), 0);
  v_search text := nullif(btrim(coalesce(p_search, '')), '');
  v_search_id bigint;
  v_grid_ids bigint[];
  v_now timestamptz := now();
  v_result jsonb;
begin
  if p_grid_code is not null and p_grid_code !~ '^[0-9]{1,15}$' then
    raise exception 'grid_code: 网格编码前缀应为 1–15 位数字，收到 "%"', p_grid_code using errcode = 'UG009', column = 'grid_code';
  end if;
  if p_category is not null and p_category !~ '^[0-9]{1,5}$' then
    raise exception 'category: 类别代码应为 1–5 位数字（大类 2 位，小类 5 位），收到 "%"', p_category
      using errcode = 'UG009', column = 'category';
  end if;
  if coalesce(cardinality(p_ids), 0) > 1000 then
    raise exception 'ids: 一次最多列出 1000 件指定案件，收到 % 件', cardinality(p_ids) using errcode = 'UG009', column = 'ids';
  end if;
  if v_search ~ '^[0-9]{8}-[0-9]+$' then
    v_search_id := split_part(v_search, '-', 2)::bigint;
  elsif v_search ~ '^[0-9]{1,18}$' then
    v_search_id := v_search::bigint;
  end if;
  if p_grid_code is not null then
    -- every version with the prefix: a case keeps the version that covered it when placed
    select coalesce(array_agg(g.id), '{}') into v_grid_ids from public.grids g where g.code like p_grid_code || '%';
  end if;

  with matched as not materialized (
    select i.id, i.reported_at
    from public.incidents i
    where (p_statuses is null or i.status = any (p_statuses))
      -- private.case_overdue written out: a function with its own search_path is never
      -- inlined, and calling it 100,000 times costs half a second.
      and (p_overdue is null
           or (i.status <> 'rejected' and i.deadline_at is not null
               and coalesce(i.handled_at, i.closed_at, v_now) > i.deadline_at) = p_overdue)
      and (v_grid_ids is null or i.grid_id = any (v_grid_ids))
      and (p_department_id is null or i.department_id = p_department_id)
      and (p_category is null or i.category_code like p_category || '%')
      and (p_sources is null or i.source = any (p_sources))
      and i.reported_at >= greatest(p_from, '-infinity'::timestamptz)
      and i.reported_at <= least(p_to, 'infinity'::timestamptz)
      and (p_from is null or i.reported_at >= p_from)
      and (p_to is null or i.reported_at < p_to)
      and (v_search is null or i.external_id = v_search or i.id = v_search_id)
      and (p_ids is null or i.id = any (p_ids))
  ),
  page as (
    select m.id from matched m order by m.reported_at desc, m.id desc limit v_limit offset v_offset
  )
  select jsonb_build_object(
    'total', (select count(*) from matched),
    'limit', v_limit,
    'offset', v_offset,
    'rows', coalesce((
      select jsonb_agg(jsonb_build_object(
        'id', i.id,
        'case_number', private.case_number(i.id, i.reported_at),
        'external_id', i.external_id,
        'category_code', i.category_code,
        'category_name', k.name,
        'source', i.source,
        'status', i.status,
        'grid_code', g.code,
        'department_id', i.department_id,
        'department_name', d.name,
        'reported_at', i.reported_at,
        'deadline_at', i.deadline_at,
        'closed_at', i.closed_at,
        'closure_type', i.closure_type,
        'overdue', private.case_overdue(i.status, i.deadline_at, i.handled_at, i.closed_at, v_now),
        'lon', round(extensions.st_x(i.geom)::numeric, 6),
        'lat', round(extensions.st_y(i.geom)::numeric, 6))
        order by i.reported_at desc, i.id desc)
      from page p
      join public.incidents i on i.id = p.id
      join public.categories k on k.kind = i.category_kind and k.code = i.category_code
      left join public.grids g on g.id = i.grid_id
      left join public.departments d on d.id = i.department_id), '[]'::jsonb))
  into v_result;
  return v_result;
end
$$;

revoke all on function public.list_cases(text[], boolean, text, bigint, text, text[], timestamptz, timestamptz, text, integer, integer, bigint[]) from public, anon;
grant execute on function public.list_cases(text[], boolean, text, bigint, text, text[], timestamptz, timestamptz, text, integer, integer, bigint[]) to authenticated, service_role;

