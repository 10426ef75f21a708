-- ---------------------------------------------------------------------------------------
-- The import preview asks, before anything is written, which of its rows the database
-- already has (issue 13, item 9). Read only: nothing here writes, and intake_incidents
-- stays the judge at commit time.
--
-- A row is already there
--   1. by external id: a case carries the same external_id (what intake_incidents itself
--      treats as a duplicate), or else
--   2. by content: a case of the same matter code (category_code), reported at most 60
--      seconds earlier or later, lies within 5 metres (on the sphere). Exports drop seconds
--      ("2026/3/5 8:05") and round or convert coordinates (6 decimals ≈ 0.1 m; GCJ-02 →
--      WGS84 round trips are millimetres), and another system (12345, a patrol app) numbers
--      the same report differently; two different problems of one kind reported within the
--      same minute at the same spot are, for an office, one case (重复件). Description and
--      source are not compared: every system words them its own way. Of several such cases
--      the nearest, then the closest in time, then the smallest id is named.
--
-- p_rows: a JSON array of at most 1000 objects with the keys intake_incidents takes
-- (external_id, lon, lat, category_code, reported_at; others are ignored). A row without a
-- location, category or time is checked by external id only. The answer has one object per
-- input row, in order: {index, match: 'external_id' | 'content' | null, id, case_number,
-- external_id, status, reported_at, distance_m, seconds_apart} — the existing case, or
-- nulls. Security invoker: the cases matched are the ones the caller may read, which is
-- every case for any account with a profile; an account without one is refused rather
-- than told that nothing exists.
create or replace function public.existing_incidents(p_rows jsonb) returns jsonb
language plpgsql stable security invoker
set search_path = ''
as $$
declare
  v_bad record;
  v_time timestamptz;
  v_result jsonb;
begin
  if not private.has_profile() then
    raise exception '当前账号没有用户资料，不能读取案件' using errcode = '42501';
  end if;
  if p_rows is null or jsonb_typeof(p_rows) <> 'array' then
    raise exception 'rows: 应为 JSON 数组' using errcode = 'UG009', column = 'rows';
  end if;
  if jsonb_array_length(p_rows) > 1000 then
    raise exception 'rows: 每次最多核对 1000 行，收到 % 行', jsonb_array_length(p_rows) using errcode = 'UG009', column = 'rows';
  end if;

  -- The first malformed row, if any, named with its index and field. Set-based: one pass,
  -- no subtransaction per row.
  select e.ordinality - 1 as index, e.value as row,
         case
           when jsonb_typeof(e.value) <> 'object' then 'row'
           when jsonb_typeof(e.value -> 'external_id') not in ('string', 'null') then 'external_id'
           when jsonb_typeof(e.value -> 'category_code') not in ('string', 'null') then 'category_code'
           when jsonb_typeof(e.value -> 'lon') not in ('number', 'null') then 'lon'
           when jsonb_typeof(e.value -> 'lat') not in ('number', 'null') then 'lat'
           -- compared as numeric: a JSON number such as 1e400 does not fit a double
           when jsonb_typeof(e.value -> 'lon') = 'number' and abs((e.value ->> 'lon')::numeric) > 180 then 'lon'
           when jsonb_typeof(e.value -> 'lat') = 'number' and abs((e.value ->> 'lat')::numeric) > 90 then 'lat'
           when jsonb_typeof(e.value -> 'reported_at') not in ('string', 'null') then 'reported_at'
           -- ISO 8601 only: a cast would also take 'epoch', 'infinity' or 'today'
           when (e.value ->> 'reported_at') !~ '^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?)?(Z|[+-]\d{2}(:?\d{2})?)?$' then 'reported_at'
         end as field
  into v_bad
  from jsonb_array_elements(p_rows) with ordinality e
  where jsonb_typeof(e.value) <> 'object'
     or jsonb_typeof(e.value -> 'external_id') not in ('string', 'null')
     or jsonb_typeof(e.value -> 'category_code') not in ('string', 'null')
     or jsonb_typeof(e.value -> 'lon') not in ('number', 'null')
     or jsonb_typeof(e.value -> 'lat') not in ('number', 'null')
     or (jsonb_typeof(e.value -> 'lon') = 'number' and abs((e.value ->> 'lon')::numeric) > 180)
     or (jsonb_typeof(e.value -> 'lat') = 'number' and abs((e.value ->> 'lat')::numeric) > 90)
     or jsonb_typeof(e.value -> 'reported_at') not in ('string', 'null')
     or (e.value ->> 'reported_at') !~ '^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?)?(Z|[+-]\d{2}(:?\d{2})?)?$'
  order by e.ordinality
  limit 1;
  if found then
    case v_bad.field
      when 'row' then
        raise exception 'rows[%]: 每一行应为 JSON 对象', v_bad.index using errcode = 'UG009', column = 'row';
      when 'external_id' then
        raise exception 'rows[%].external_id: 应为文本', v_bad.index using errcode = 'UG009', column = 'external_id';
      when 'category_code' then
        raise exception 'rows[%].category_code: 应为事项代码文本', v_bad.index using errcode = 'UG009', column = 'category_code';
      when 'lon', 'lat' then
        raise exception 'rows[%].%: 经纬度应为范围内的数字，收到 %', v_bad.index, v_bad.field, left((v_bad.row -> v_bad.field)::text, 40)
          using errcode = 'UG010', column = v_bad.field;
      else
        raise exception 'rows[%].reported_at: 无法识别的时间 %', v_bad.index, left((v_bad.row -> 'reported_at')::text, 40)
          using errcode = 'UG013', column = 'reported_at';
    end case;
  end if;

  begin
    -- Materialized: every row's time is cast (an impossible one fails here, whatever else
    -- the row lacks), and each lookup runs once per row.
    with input as materialized (
      select (e.ordinality - 1)::integer as index,
             nullif(e.value ->> 'external_id', '') as external_id,
             e.value ->> 'category_code' as category_code,
             (e.value ->> 'reported_at')::timestamptz as reported_at,
             case when jsonb_typeof(e.value -> 'lon') = 'number' and jsonb_typeof(e.value -> 'lat') = 'number'
                  then extensions.st_setsrid(extensions.st_makepoint((e.value ->> 'lon')::double precision,
                                                                     (e.value ->> 'lat')::double precision), 4326)::extensions.geography end as place
      from jsonb_array_elements(p_rows) with ordinality e
    ),
    by_id as materialized (
      select n.*, (select i.id from public.incidents i where i.external_id = n.external_id) as id_match
      from input n
    ),
    matched as materialized (
      select b.index, b.reported_at, b.place,
             case when b.id_match is not null then 'external_id' when c.id is not null then 'content' end as match,
             coalesce(b.id_match, c.id) as id
      from by_id b
      left join lateral (
        -- The report-time index narrows this to the cases of about two minutes.
        select i.id
        from public.incidents i
        where b.id_match is null and b.place is not null and b.reported_at is not null and b.category_code is not null
          and i.reported_at between b.reported_at - interval '60 seconds' and b.reported_at + interval '60 seconds'
          and i.category_code = b.category_code
          and extensions.st_dwithin(i.geom::extensions.geography, b.place, 5, false)
        order by extensions.st_distance(i.geom::extensions.geography, b.place, false),
                 abs(extract(epoch from i.reported_at - b.reported_at)), i.id
        limit 1
      ) c on true
    )
    select coalesce(jsonb_agg(jsonb_build_object(
             'index', m.index,
             'match', m.match,
             'id', m.id,
             'case_number', case when i.id is not null then private.case_number(i.id, i.reported_at) end,
             'external_id', i.external_id,
             'status', i.status,
             'reported_at', i.reported_at,
             'distance_m', case when i.id is not null and m.place is not null
                                then round(extensions.st_distance(i.geom::extensions.geography, m.place, false)::numeric, 2) end,
             'seconds_apart', case when i.id is not null and m.reported_at is not null
                                   then round(abs(extract(epoch from i.reported_at - m.reported_at))::numeric, 3) end
           ) order by m.index), '[]'::jsonb)
    into v_result
    from matched m
    left join public.incidents i on i.id = m.id;
  exception when invalid_datetime_format or datetime_field_overflow then
    -- A well-formed but impossible time (2026-02-30): found row by row, only on this path.
    for v_bad in select e.ordinality - 1 as index, e.value ->> 'reported_at' as text
                 from jsonb_array_elements(p_rows) with ordinality e order by e.ordinality loop
      begin
        v_time := v_bad.text::timestamptz;
      exception when invalid_datetime_format or datetime_field_overflow then
        raise exception 'rows[%].reported_at: 无法识别的时间 "%"', v_bad.index, left(v_bad.text, 40)
          using errcode = 'UG013', column = 'reported_at';
      end;
    end loop;
    raise;
  end;
  return v_result;
end
$$;

revoke all on function public.existing_incidents(jsonb) from public, anon;
grant execute on function public.existing_incidents(jsonb) to authenticated, service_role;
