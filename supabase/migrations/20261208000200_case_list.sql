-- The case table (issue 15, item 4): the case list sorted by the server, and pages of up to
-- 5,000 rows for the XLSX export.
--
-- list_cases as 20261206000900 defines it, with two new trailing parameters:
--   p_sort        the column to order by, one of a whitelist (below); default reported_at
--   p_descending  direction; default true (newest first, as before)
-- It also adds the stage limits of 20261208000100_case_stages.sql (the p_late_stage filter and
-- the rows' late_stages, marked "stage limits"); the `sort_*` columns of `matched`, the ORDER BY of
-- `page` and of the rows' jsonb_agg, the raised page cap (5,000) and `handled_at` in the rows
-- are this migration's; everything else is 20261206000900's unchanged.
--
-- How rows are ordered (docs/workflow.md, "排序"):
--   reported_at, deadline_at   the instant
--   status                     the workflow's order (待受理 → … → 已结案, 不予立案), not the alphabet
--   category                   the matter code (小类)
--   grid                       the 15-digit grid code
--   department                 the department's name, byte order (collate "C": the same on every
--                              engine, and a department's cases stay together)
--   number                     the case number (YYYYMMDD-id): the local report day, then the id
-- A missing value (no deadline, no grid, no department) comes last in either direction. Ties
-- are broken by the id in the same direction, so a page boundary never splits or repeats rows
-- and the default order is exactly the old one (reported_at desc, id desc).
--
-- Speed (EXPLAIN ANALYZE on PGlite with the 100,000 demo cases, docs/workflow.md): the
-- function is planned for its values (force_custom_plan), so the CASEs below fold to the one
-- key asked for, and the joins the other keys would need fold away with them. Newest first
-- (reported_at desc, the default) still reads the time index backwards and stops after the
-- page; every other key is a top-N heapsort over the matched rows, which `total` counts
-- anyway. An index on deadline_at made "soonest deadline first" read 50 rows instead of
-- sorting 100,000, but cost 382 KB of the embedded snapshot's 16 MB budget for a call that is
-- dominated by the count: not added (docs/decisions.md, "案件列表服务器排序").
--
-- The page cap rises from 1,000 to 5,000 rows: the export (src/features/cases/case-export.ts)
-- reads the filtered list 5,000 rows a call. It is one jsonb value, not a table read, so
-- PostgREST's max_rows does not apply; the table itself asks for 20–100.
drop function public.list_cases(text[], boolean, text, bigint, text, text[], timestamptz, timestamptz, text, integer, integer, bigint[]);

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
  p_ids bigint[] default null,
  p_late_stage text default null,
  p_sort text default 'reported_at',
  p_descending boolean default true
) returns jsonb
language plpgsql stable security invoker
set search_path = ''
set plan_cache_mode = force_custom_plan
as $$
declare
  v_limit integer := private.clamp_limit(p_limit, 50, 5000);
  v_offset integer := greatest(coalesce(p_offset, 0), 0);
  v_search text := nullif(btrim(coalesce(p_search, '')), '');
  v_search_id bigint;
  v_grid_ids bigint[];
  v_now timestamptz := now();
  v_sort text := coalesce(p_sort, 'reported_at');
  v_descending boolean := coalesce(p_descending, true);
  -- a local midnight (the case number's day is a local day), computed once
  v_local_midnight timestamptz := timestamptz '2000-01-01 00:00:00+00' - private.local_offset();
  -- stage limits: the bit of the stage asked for (63 = any)
  v_late_bit integer := case when p_late_stage is null then null when p_late_stage = 'any' then 63
                             else private.case_stage_bit(p_late_stage) end;
  v_result jsonb;
begin
  if v_sort not in ('reported_at', 'deadline_at', 'status', 'category', 'grid', 'department', 'number') then
    raise exception 'sort: 不能按“%”排序，可选：上报时间 reported_at、截止时间 deadline_at、状态 status、类别 category、网格 grid、部门 department、编号 number', v_sort
      using errcode = 'UG230', column = 'sort';
  end if;
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
  -- stage limits
  if p_late_stage is not null and v_late_bit = 0 then
    raise exception 'late_stage: 未知的环节 "%"（可用：any、accept 受理、verify 核实、register 立案、dispatch 派遣、handle 处置、check 核查）',
      p_late_stage using errcode = 'UG220', column = 'late_stage';
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
    select i.id,
      -- the sort key in one of four typed slots; the others are null (issue 15, item 4)
      -- reported_at is never null: its own slot sorts descending with nulls first, which is the
      -- time index read backwards, so the default page (newest first) can stop early as before
      case v_sort when 'reported_at' then i.reported_at end as sort_reported,
      case v_sort
        when 'deadline_at' then i.deadline_at
        -- the case number: its local report day (the id follows as the tie-break)
        when 'number' then date_bin('1 day', i.reported_at, v_local_midnight)
      end as sort_time,
      case v_sort
        when 'category' then i.category_code
        when 'grid' then sg.code
        when 'department' then sd.name
      end collate "C" as sort_text,
      case v_sort
        when 'status' then array_position(
          array['reported', 'accepted', 'verified', 'registered', 'dispatched', 'handled', 'checked', 'closed', 'rejected'], i.status)::bigint
      end as sort_rank
    from public.incidents i
    -- joined for their sort keys only: when the key is another, the CASE above folds away (the
    -- function is planned for its values) and so do these joins (unique keys, nothing read)
    left join public.grids sg on sg.id = i.grid_id
    left join public.departments sd on sd.id = i.department_id
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
      -- stage limits: recorded late, or in the stage past its deadline (written out, as above;
      -- stage_deadline_at is set only while a case is in a stage other than 处置, so the
      -- status test names the stage)
      and (v_late_bit is null
           or (i.late_stages & v_late_bit) <> 0
           or (i.stage_deadline_at < v_now
               and (v_late_bit = 63
                    or (v_late_bit = 1 and i.status = 'reported')
                    or (v_late_bit = 2 and i.status = 'accepted' and i.source in ('hotline_12319', 'public_report', 'media'))
                    or (v_late_bit = 4 and (i.status = 'verified'
                                            or (i.status = 'accepted' and i.source not in ('hotline_12319', 'public_report', 'media'))))
                    or (v_late_bit = 8 and i.status = 'registered')
                    or (v_late_bit = 32 and i.status = 'handled')))
           or ((v_late_bit & 16) <> 0 and i.status = 'dispatched' and i.deadline_at < v_now))
  ),
  page as (
    select m.id, m.sort_reported, m.sort_time, m.sort_text, m.sort_rank from matched m
    order by
      case when not v_descending then m.sort_reported end asc,
      case when v_descending then m.sort_reported end desc,
      case when not v_descending then m.sort_time end asc nulls last,
      case when v_descending then m.sort_time end desc nulls last,
      case when not v_descending then m.sort_text end asc nulls last,
      case when v_descending then m.sort_text end desc nulls last,
      case when not v_descending then m.sort_rank end asc nulls last,
      case when v_descending then m.sort_rank end desc nulls last,
      case when not v_descending then m.id end asc,
      case when v_descending then m.id end desc
    limit v_limit offset v_offset
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
        -- the end of 处置 (issue 15, item 4): 剩余/超期 of a handled case is measured to it
        'handled_at', i.handled_at,
        'closed_at', i.closed_at,
        'closure_type', i.closure_type,
        'overdue', private.case_overdue(i.status, i.deadline_at, i.handled_at, i.closed_at, v_now),
        -- stage limits
        'late_stages', to_jsonb(private.case_late_stages(i.late_stages, i.status, i.source, i.stage_deadline_at, i.deadline_at, v_now)),
        'lon', round(extensions.st_x(i.geom)::numeric, 6),
        'lat', round(extensions.st_y(i.geom)::numeric, 6))
        -- the page's order again (an aggregate does not keep its input's order by contract)
        order by
          case when not v_descending then p.sort_reported end asc,
      case when v_descending then p.sort_reported end desc,
      case when not v_descending then p.sort_time end asc nulls last,
          case when v_descending then p.sort_time end desc nulls last,
          case when not v_descending then p.sort_text end asc nulls last,
          case when v_descending then p.sort_text end desc nulls last,
          case when not v_descending then p.sort_rank end asc nulls last,
          case when v_descending then p.sort_rank end desc nulls last,
          case when not v_descending then p.id end asc,
          case when v_descending then p.id end desc)
      from page p
      join public.incidents i on i.id = p.id
      join public.categories k on k.kind = i.category_kind and k.code = i.category_code
      left join public.grids g on g.id = i.grid_id
      left join public.departments d on d.id = i.department_id), '[]'::jsonb))
  into v_result;
  return v_result;
end
$$;

revoke all on function public.list_cases(text[], boolean, text, bigint, text, text[], timestamptz, timestamptz, text, integer, integer, bigint[], text, text, boolean) from public, anon;
grant execute on function public.list_cases(text[], boolean, text, bigint, text, text[], timestamptz, timestamptz, text, integer, integer, bigint[], text, text, boolean) to authenticated, service_role;
