-- The case list takes the ids of the cases to list (issue 17 item 6: a recurring problem's
-- cases, handed from 热点分析 to 案件), combined with every other filter, at most 1,000.
-- A new trailing parameter changes the signature: the old function is dropped, the body is
-- 20261206000900's (the period as an index range, custom plans) with the one filter added.
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
