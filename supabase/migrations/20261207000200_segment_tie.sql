-- Segment ties (docs/decisions.md, "Segment ties"): the rule "the nearest cleaning segment
-- within segment_match_distance_m (30 m), the smallest id on a tie" now compares distances
-- rounded to the millimetre, order by round(distance::numeric, 3), id.
--
-- Since the demo's back streets became a connected network, consecutive segments share
-- their end points, and a case whose nearest point is such a vertex is equally far from
-- both segments. ST_Distance computes the two distances along different edges, so they
-- differ by an ulp or two of rounding noise, and the noise — not the id — chose the segment;
-- the browser (src/domain/assign/segment-index.ts), computing the same distance its own way,
-- could get the other one. Rounded to 1 mm, both distances are equal and the smaller id wins
-- on both sides. Whether a segment is within the distance at all is still decided by the
-- unrounded distance.
--
-- The two places a case's segment is chosen are re-created with only that ordering changed:
-- the trigger private.place_incident() (as 20261206000100_integrity_and_access.sql defines
-- it; it places single inserts and every move of a case's point) and the set-based intake
-- private.intake_incident_batch(json) (as 20261206001000_incident_h3.sql defines it).
-- Nothing else picks a segment for a case: a grid edit re-places cases' grids only
-- (private.replace_in_changed_area), and public.assignment_reference() hands the browser the
-- segments, not a choice. Functions replaced in place keep their grants; they are re-stated
-- at the end as the original migrations set them.

-- ---------------------------------------------------------------------------------------
-- Placement of a case, as 20261206000100_integrity_and_access.sql defines it, but for the
-- segment's ordering (to the millimetre).
create or replace function private.place_incident() returns trigger
language plpgsql
set search_path = ''
as $$
declare
  v_distance_m double precision := coalesce(
    (select (s.value #>> '{}')::double precision from public.app_settings s where s.key = 'segment_match_distance_m'), 30);
  -- A degree box wide enough for the distance at this latitude, to use the GiST index
  -- before the exact spherical distance.
  v_box_deg double precision;
  v_level smallint;
  v_limit public.time_limits;
  v_clock_start timestamptz;
begin
  -- Compared as bytes: with search_path = '' the geometry "=" operator is not in scope, and
  -- byte equality is the question anyway (did the stored location change?).
  if tg_op = 'INSERT' or extensions.st_asewkb(new.geom) is distinct from extensions.st_asewkb(old.geom) then
    perform private.assert_geometry(new.geom, 'POINT', 'geometry');
    new.grid_id := private.grid_for_case(new.geom, new.reported_at);
    v_box_deg := v_distance_m / (111000.0 * greatest(cos(radians(extensions.st_y(new.geom))), 0.01));
    -- The distance itself is not stored: it is cheap to recompute for the one case a
    -- dispatcher looks at, and 100,000 random doubles are a megabyte of every download.
    new.segment_id := (
      select s.id
      from public.street_segments s
      where s.geom operator(extensions.&&) extensions.st_expand(new.geom, v_box_deg)
        and extensions.st_distance(s.geom::extensions.geography, new.geom::extensions.geography, false) <= v_distance_m
      -- to the millimetre: a shared end point's two distances differ by rounding noise only
      order by round(extensions.st_distance(s.geom::extensions.geography, new.geom::extensions.geography, false)::numeric, 3), s.id
      limit 1);
    -- The id is assigned before BEFORE triggers run (incident_current_grids checks the
    -- reference at commit).
    perform private.track_current_grid(new.id, new.geom, new.reported_at, new.grid_id, tg_op = 'INSERT');
  end if;
  if tg_op = 'INSERT' or new.category_code is distinct from old.category_code then
    new.department_id := private.route_department(new.category_code);
  end if;
  if tg_op = 'INSERT' or new.category_code is distinct from old.category_code or new.grid_id is distinct from old.grid_id
     or new.dispatched_at is distinct from old.dispatched_at or new.registered_at is distinct from old.registered_at then
    select g.management_level into v_level from public.grids g where g.id = new.grid_id;
    v_limit := private.time_limit_for(new.category_code, coalesce(v_level, 2::smallint));
    -- The 处置 clock starts at dispatch; before that, at registration or report.
    v_clock_start := coalesce(new.dispatched_at, new.registered_at, new.reported_at);
    new.deadline_at := case when v_limit.id is null then null
                            else private.add_work_time(v_clock_start, v_limit.amount, v_limit.unit) end;
  end if;
  -- A closed case without an explicit closure type closed on time or late by the clock.
  if new.status = 'closed' and new.closure_type is null then
    new.closure_type := case when new.deadline_at is not null and coalesce(new.handled_at, new.closed_at) > new.deadline_at
                             then 'overdue' else 'normal' end;
  end if;
  new.updated_at := now();
  return new;
end
$$;

-- ---------------------------------------------------------------------------------------
-- Intake of a batch, as 20261206001000_incident_h3.sql defines it, but for the segment's
-- ordering (to the millimetre).
create or replace function private.intake_incident_batch(p_rows json) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_keys constant text[] := array['external_id', 'lon', 'lat', 'geometry', 'category_code', 'source', 'description', 'reported_at', 'h3'];
  v_sources constant text[] := array['patrol', 'hotline_12319', 'public_report', 'video', 'drone', 'superior', 'media'];
  v_rows jsonb;
  v_unreadable jsonb := '{}'::jsonb;
  v_elements jsonb[] := '{}';
  v_element json;
  v_index integer := 0;
  v_field text;
  v_state text;
  v_message text;
  v_limits jsonb := private.intake_limits();
  v_now timestamptz := now();
  v_rules record;
  v_distance_m double precision := coalesce(
    (select (s.value #>> '{}')::double precision from public.app_settings s where s.key = 'segment_match_distance_m'), 30);
  v_default_department bigint := (select d.id from public.departments d where d.is_default);
  -- Cases reported before the last grid change may have another grid today than the
  -- version they record (private.track_current_grid).
  v_last_change timestamptz := greatest((select max(g.valid_from) from public.grids g),
                                        (select max(g.valid_to) from public.grids g where g.valid_to is not null));
  v_sequence regclass := pg_catalog.pg_get_serial_sequence('public.incidents', 'id')::regclass;
  v_user uuid := auth.uid();
  v_results jsonb;
begin
  select * into v_rules from private.work_rules();
  begin
    v_rows := p_rows::jsonb;
  exception when data_exception then
    v_rows := null;
  end;
  if v_rows is null then
    for v_element in select e.value from json_array_elements(p_rows) e loop
      begin
        v_elements := v_elements || v_element::jsonb;
      exception when data_exception then
        get stacked diagnostics v_state = returned_sqlstate, v_message = message_text;
        v_field := private.unreadable_field(v_element);
        v_elements := v_elements || 'null'::jsonb;
        v_unreadable := v_unreadable || jsonb_build_object(v_index::text, jsonb_build_object(
          'code', case when v_state = '22P05' then 'UG019' else 'UG015' end,
          'field', v_field,
          'message', case when v_state = '22P05'
                          then format('%s: 含有 NUL 字符（\u0000），数据库无法保存；请删除该字符后重新提交', v_field)
                          else format('%s: 无法读取（%s）', v_field, v_message) end));
      end;
      v_index := v_index + 1;
    end loop;
    v_rows := to_jsonb(v_elements);
  end if;

  -- The trigger's placement steps aside for this insert (see the trigger above).
  perform pg_catalog.set_config('urbangrid.intake_placed', 'on', true);

  -- One pipeline of materialized stages over every row, in the order given: stages never
  -- join each other (joins between CTEs are planned on guessed row counts, and a nested
  -- loop there makes a batch quadratic); later stages look rows up only by index, or by a
  -- hashed IN.
  with input as materialized (
    select (e.ordinality - 1)::integer as idx, e.value as row,
           case when jsonb_typeof(e.value) = 'object' then e.value else '{}'::jsonb end as o
    from jsonb_array_elements(v_rows) with ordinality e
  ),
  -- The row's shape: unknown keys, a location given twice, a value of the wrong JSON type.
  shaped as materialized (
    select i.idx, i.o,
      coalesce(
        v_unreadable -> i.idx::text,
        case when jsonb_typeof(i.row) is distinct from 'object' then
          jsonb_build_object('code', 'UG009', 'field', 'row', 'message', 'row: 每一行应为 JSON 对象') end,
        case when (i.o - v_keys) <> '{}'::jsonb then
          (select jsonb_build_object('code', 'UG014', 'field', k,
                                     'message', format('%s: 未知字段“%s”，内容不会被保存；可用字段：%s',
                                                       private.quote_value(k), private.quote_value(k), array_to_string(v_keys, '、')))
           from jsonb_object_keys(i.o - v_keys) k order by k limit 1) end,
        case when jsonb_typeof(i.o -> 'geometry') <> 'null'
                  and (jsonb_typeof(i.o -> 'lon') <> 'null' or jsonb_typeof(i.o -> 'lat') <> 'null') then
          jsonb_build_object('code', 'UG016', 'field', 'geometry',
                             'message', 'geometry: 同时给出了 geometry 和 lon/lat，位置只能用其中一种方式给出') end,
        case when w.wrong_type is not null then
          jsonb_build_object('code', 'UG015', 'field', w.wrong_type,
                             'message', format('%s: 应为%s，收到%s', w.wrong_type,
                                               case w.wrong_type when 'geometry' then ' GeoJSON 几何对象' else '文本' end,
                                               private.json_type_label(jsonb_typeof(i.o -> w.wrong_type)))) end,
        case when jsonb_typeof(i.o -> 'geometry') is distinct from 'object' and jsonb_typeof(i.o -> 'lon') is distinct from 'number' then
          jsonb_build_object('code', 'UG010', 'field', 'lon', 'message', 'lon: 经度缺失或不是数字' ||
            case when i.o ? 'lon' then '（收到' || private.json_type_label(jsonb_typeof(i.o -> 'lon')) || '：'
                                       || private.quote_value(i.o ->> 'lon') || '）' else '' end) end,
        case when jsonb_typeof(i.o -> 'geometry') is distinct from 'object' and jsonb_typeof(i.o -> 'lat') is distinct from 'number' then
          jsonb_build_object('code', 'UG010', 'field', 'lat', 'message', 'lat: 纬度缺失或不是数字' ||
            case when i.o ? 'lat' then '（收到' || private.json_type_label(jsonb_typeof(i.o -> 'lat')) || '：'
                                       || private.quote_value(i.o ->> 'lat') || '）' else '' end) end,
        case when char_length(i.o ->> 'external_id') > (v_limits ->> 'external_id_max_length')::integer then
          jsonb_build_object('code', 'UG018', 'field', 'external_id',
                             'message', format('external_id: 外部编号过长（%s 个字符），最多 %s 个',
                                               char_length(i.o ->> 'external_id'), v_limits ->> 'external_id_max_length')) end,
        case when char_length(i.o ->> 'description') > (v_limits ->> 'description_max_length')::integer then
          jsonb_build_object('code', 'UG018', 'field', 'description',
                             'message', format('description: 问题描述过长（%s 个字符），最多 %s 个',
                                               char_length(i.o ->> 'description'), v_limits ->> 'description_max_length')) end
      ) as problem,
      t.time_text,
      coalesce(t.time_text ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,9})?)?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?$', false)
        as time_ok,
      substr(t.time_text, 11) as time_rest,
      -- where the zone starts, after the date: the clock has only digits, colons and a point
      coalesce(nullif(strpos(substr(t.time_text, 11), 'Z'), 0), nullif(strpos(substr(t.time_text, 11), '+'), 0),
               nullif(strpos(substr(t.time_text, 11), '-'), 0)) as zone_at
    from input i
    cross join lateral (
      select upper(btrim(case when jsonb_typeof(i.o -> 'reported_at') = 'string' then i.o ->> 'reported_at' end)) as time_text) t
    cross join lateral (
      select case
               when jsonb_typeof(i.o -> 'external_id') not in ('string', 'null') then 'external_id'
               when jsonb_typeof(i.o -> 'geometry') not in ('object', 'null') then 'geometry'
               when jsonb_typeof(i.o -> 'category_code') not in ('string', 'null') then 'category_code'
               when jsonb_typeof(i.o -> 'source') not in ('string', 'null') then 'source'
               when jsonb_typeof(i.o -> 'description') not in ('string', 'null') then 'description'
               when jsonb_typeof(i.o -> 'reported_at') not in ('string', 'null') then 'reported_at'
               when jsonb_typeof(i.o -> 'h3') not in ('string', 'null') then 'h3'
             end as wrong_type) w
  ),
  -- Report times, ISO 8601, each part checked before the cast so that no input can raise:
  -- the date, an optional clock (T or a space before it), an optional zone (Z, ±hh, ±hhmm,
  -- ±hh:mm, at most 14 hours); no zone is local time at the configured offset. In stages, so
  -- that each value is computed once rather than once per use.
  clocked as materialized (
    select s.*,
           coalesce(nullif(ltrim(case when s.zone_at is null then s.time_rest else substr(s.time_rest, 1, s.zone_at - 1) end, 'T '), ''),
                    '00:00') as clock,
           case when s.zone_at is not null then substr(s.time_rest, s.zone_at) end as zone,
           case when s.time_ok then substr(s.time_text, 1, 4)::integer end as year,
           case when s.time_ok then substr(s.time_text, 6, 2)::integer end as month,
           case when s.time_ok then substr(s.time_text, 9, 2)::integer end as day
    from shaped s
  ),
  timed as materialized (
    select c.idx, c.o, c.problem, c.time_text,
           -- (nested so that the parts are read only from a well-formed time)
           case when c.time_ok then case
                when c.year >= 1 and c.month between 1 and 12
                     and c.day between 1 and
                         case when c.month = 2 then case when (c.year % 4 = 0 and c.year % 100 <> 0) or c.year % 400 = 0 then 29 else 28 end
                              when c.month in (4, 6, 9, 11) then 30 else 31 end
                     and substr(c.clock, 1, 2)::integer <= 23 and substr(c.clock, 4, 2)::integer <= 59
                     and (length(c.clock) < 8 or substr(c.clock, 7, 2)::integer <= 59)
                     and (c.zone is null or c.zone = 'Z'
                          or (substr(c.zone, 2, 2)::integer <= 14 and (length(c.zone) = 3 or right(c.zone, 2)::integer <= 59)))
                then case when c.zone is null
                          then ((substr(c.time_text, 1, 10) || ' ' || c.clock)::timestamp - v_rules.utc_offset) at time zone 'UTC'
                          else (substr(c.time_text, 1, 10) || ' ' || c.clock || case when c.zone = 'Z' then '+00' else c.zone end)::timestamptz
                     end
           end end as at
    from clocked c
  ),
  -- The location, category, source and report time of rows whose shape is right.
  checked as materialized (
    select t.idx, t.o,
      coalesce(t.problem,
        case
          when t.problem is not null then null
          -- a GeoJSON location goes through the (PL/pgSQL) GeoJSON check; only such rows call it
          when jsonb_typeof(t.o -> 'geometry') = 'object' then (private.intake_geometry(t.o -> 'geometry')).problem
          -- A number JSON can write but a coordinate cannot be (1e400 does not even fit a double).
          when abs((t.o ->> 'lon')::numeric) > 180 then
            jsonb_build_object('code', 'UG004', 'field', 'lon',
                               'message', format('lon: 经度 %s 超出范围（-180…180）', private.quote_value(t.o ->> 'lon')))
          when abs((t.o ->> 'lat')::numeric) > 136 then
            jsonb_build_object('code', 'UG004', 'field', 'lat',
                               'message', format('lat: 纬度 %s 超出范围（-90…90）', private.quote_value(t.o ->> 'lat')))
          -- private.extent_problem for a point, written out: a function with its own
          -- search_path costs more per row than the checks themselves
          when (t.o ->> 'lon')::double precision between 3 and 54 and (t.o ->> 'lat')::double precision between 73 and 136 then
            jsonb_build_object('code', 'UG005', 'field', 'geometry', 'message', 'geometry: 经纬度疑似颠倒（应为 [经度, 纬度]）')
          when abs((t.o ->> 'lat')::double precision) > 90 then
            jsonb_build_object('code', 'UG004', 'field', 'geometry',
                               'message', 'geometry: 坐标超出经纬度范围（经度 -180…180，纬度 -90…90）')
          when (t.o ->> 'lon')::double precision not between 73 and 136 or (t.o ->> 'lat')::double precision not between 3 and 54 then
            jsonb_build_object('code', 'UG006', 'field', 'geometry',
                               'message', 'geometry: 坐标位于中国范围以外（经度 73…136，纬度 3…54）')
        end,
        -- the H3 cell the client computed from the same point (only rows that give one)
        case when t.problem is null and jsonb_typeof(t.o -> 'h3') = 'string' and h3.cell is null
             then private.intake_h3_problem(t.o ->> 'h3') end,
        case when not exists (select 1 from public.categories k where k.kind = 'matter' and k.code = t.o ->> 'category_code') then
          jsonb_build_object('code', 'UG011', 'field', 'category_code',
                             'message', format('category_code: 未知的事项类别代码 "%s"（应为 GB/T 47678.5 事项代码）',
                                               private.quote_value(t.o ->> 'category_code'))) end,
        case when coalesce(t.o ->> 'source', '') <> all (v_sources) then
          jsonb_build_object('code', 'UG012', 'field', 'source',
                             'message', format('source: 未知的案件来源 "%s"（可用：%s）', private.quote_value(t.o ->> 'source'),
                                               array_to_string(v_sources, '、'))) end,
        case
          when t.time_text is null then null
          when t.at is null then
            jsonb_build_object('code', 'UG013', 'field', 'reported_at',
              'message', format('reported_at: 无法识别的时间 "%s"（应为 ISO 8601 格式，如 2026-03-05T08:05:00+08:00）',
                                private.quote_value(t.o ->> 'reported_at')))
          when t.at < (v_limits ->> 'reported_at_earliest')::timestamptz then
            jsonb_build_object('code', 'UG017', 'field', 'reported_at',
              'message', format('reported_at: 上报时间 %s 早于 2000-01-01，请检查年份', private.quote_value(t.o ->> 'reported_at')))
          when t.at > v_now + make_interval(hours => (v_limits ->> 'reported_at_future_hours')::integer) then
            jsonb_build_object('code', 'UG017', 'field', 'reported_at',
              'message', format('reported_at: 上报时间 %s 晚于当前时间 %s 小时以上，请检查年份或日期',
                                private.quote_value(t.o ->> 'reported_at'), v_limits ->> 'reported_at_future_hours'))
        end) as problem,
      case
        when t.problem is not null then null
        when jsonb_typeof(t.o -> 'geometry') = 'object' then (private.intake_geometry(t.o -> 'geometry')).geom
        when abs((t.o ->> 'lon')::numeric) <= 180 and abs((t.o ->> 'lat')::numeric) <= 136 then
          extensions.st_setsrid(extensions.st_makepoint((t.o ->> 'lon')::double precision, (t.o ->> 'lat')::double precision), 4326)
      end as geom,
      coalesce(t.at, v_now) as reported_at,
      h3.cell as h3_r9
    from timed t
    -- the cell when `h3` is a resolution-9 cell: the table's check, written out (see above)
    left join lateral (
      select case when (x >> 52) = 137
                   and ((x >> 45) & 127) < 122
                   and (x & 262143) = 262143
                   and (((x >> 18) & 134217727) & ((x >> 19) & 134217727) & ((x >> 20) & 134217727) & 19173961) = 0
                   and not (((x >> 45) & 127) in (4, 14, 24, 38, 49, 58, 63, 72, 83, 97, 107, 117)
                            and ((x >> 18) & 134217727) > 0
                            and (length(ltrim(((x >> 18) & 134217727)::integer::bit(27)::text, '0')) - 1) % 3 = 0)
                  then x end as cell
      -- A CASE, not a WHERE, guards the cast (the planner may compute it before a filter);
      -- `offset 0` keeps x a column, computed once, instead of the parse and its regular
      -- expression being pasted into each of the ten uses above (that cost ~90 µs a row).
      from (select case when jsonb_typeof(t.o -> 'h3') = 'string' and lower(btrim(t.o ->> 'h3')) ~ '^[0-9a-f]{1,16}$'
                        then ('x' || lpad(lower(btrim(t.o ->> 'h3')), 16, '0'))::bit(64)::bigint end as x
            offset 0) v) h3 on true
  ),
  -- Known external ids are duplicates, and so is every later row of the batch with the id of
  -- an earlier valid row.
  keyed as materialized (
    select c.*,
           nullif(c.o ->> 'external_id', '') as external_id,
           existing.id as existing_id,
           case when c.problem is null and nullif(c.o ->> 'external_id', '') is not null
                then min(c.idx) filter (where c.problem is null) over (partition by nullif(c.o ->> 'external_id', ''))
                else c.idx end as first_idx
    from checked c
    left join public.incidents existing on existing.external_id = nullif(c.o ->> 'external_id', '') and c.problem is null
  ),
  -- Placement of the rows to insert, the same rules as private.place_incident: the grid
  -- version current at the reported time (smallest code on shared edges; today's grid for a
  -- case reported before any version), the nearest segment within the configured distance on
  -- the sphere (smallest id on equal distance), the department by category routing, the time
  -- limit by category and grid level, the deadline on the work calendar from the report.
  -- Each lookup is gated on the row being inserted.
  placed as materialized (
    select k.idx, k.problem, k.external_id, k.existing_id, k.first_idx, k.geom, k.reported_at, k.h3_r9,
           k.o ->> 'category_code' as category_code, k.o ->> 'source' as source, coalesce(k.o ->> 'description', '') as description,
           k.to_insert,
           case when k.to_insert then pg_catalog.nextval(v_sequence) end as id,
           coalesce(at_time.id, today.id) as grid_id,
           coalesce(at_time.code, today.code) as grid_code,
           case when k.reported_at < v_last_change then today.id else coalesce(at_time.id, today.id) end as current_grid_id,
           segment.id as segment_id,
           case when k.to_insert then coalesce(route_full.department_id, route_major.department_id, v_default_department) end
             as department_id,
           case when time_limit.amount is not null then
                  private.add_work_time(k.reported_at, time_limit.amount, time_limit.unit, v_rules.utc_offset, v_rules.opens,
                                        v_rules.closes, v_rules.exception_days, v_rules.exception_workdays) end as deadline_at
    from (select k.*, k.problem is null and k.existing_id is null and k.first_idx = k.idx as to_insert from keyed k) k
    left join lateral (
      select g.id, g.code, g.management_level
      from public.grids g
      where k.to_insert
        and g.valid_from <= k.reported_at and (g.valid_to is null or g.valid_to > k.reported_at)
        and g.geom operator(extensions.&&) k.geom
        and extensions.st_covers(g.geom, k.geom)
      order by g.code
      limit 1) at_time on true
    left join lateral (
      select g.id, g.code, g.management_level
      from public.grids g
      where k.to_insert and (at_time.id is null or k.reported_at < v_last_change)
        and g.valid_to is null
        and g.geom operator(extensions.&&) k.geom
        and extensions.st_covers(g.geom, k.geom)
      order by g.code
      limit 1) today on true
    left join lateral (
      select near.id
      from (
        -- each candidate's distance computed once (`offset 0` keeps it a column)
        select s.id, extensions.st_distance(s.geom::extensions.geography, k.geom::extensions.geography, false) as distance_m
        from public.street_segments s
        where k.to_insert
          and s.geom operator(extensions.&&)
                extensions.st_expand(k.geom, v_distance_m / (111000.0 * greatest(cos(radians(extensions.st_y(k.geom))), 0.01)))
        offset 0) near
      where near.distance_m <= v_distance_m
      -- to the millimetre, as in private.place_incident above
      order by round(near.distance_m::numeric, 3), near.id
      limit 1) segment on true
    left join public.category_routes route_full on route_full.category_pattern = k.o ->> 'category_code'
    left join public.category_routes route_major on route_major.category_pattern = left(k.o ->> 'category_code', 2)
    left join lateral (
      select t.amount, t.unit
      from public.time_limits t
      where k.to_insert
        and t.category_pattern in (k.o ->> 'category_code', left(k.o ->> 'category_code', 2))
        and (t.management_level is null
             or t.management_level = coalesce(case when at_time.id is not null then at_time.management_level
                                                   else today.management_level end, 2::smallint))
      order by length(t.category_pattern) desc, (t.management_level is null), t.id
      limit 1) time_limit on true
    order by k.idx
  ),
  inserted as (
    insert into public.incidents (id, external_id, geom, category_code, source, description, reported_at, created_by,
                                  grid_id, segment_id, department_id, deadline_at, h3_r9)
    select p.id, p.external_id, p.geom, p.category_code, p.source, p.description, p.reported_at, v_user,
           p.grid_id, p.segment_id, p.department_id, p.deadline_at, p.h3_r9
    from placed p
    where p.to_insert
    order by p.idx
    -- Another session may have taken the same external id since the duplicate check.
    on conflict (external_id) do nothing
    returning id
  ),
  current_grids as (
    insert into public.incident_current_grids (incident_id, grid_id)
    select p.id, p.current_grid_id
    from placed p
    where p.to_insert and p.current_grid_id is not null and p.current_grid_id is distinct from p.grid_id
      and p.id in (select x.id from inserted x)
  )
  select jsonb_agg(
           case
             when r.problem is not null then
               jsonb_build_object('index', r.idx, 'ok', false, 'code', r.problem ->> 'code', 'field', r.problem ->> 'field',
                                  'message', r.problem ->> 'message')
             when r.existing_id is not null then
               jsonb_build_object('index', r.idx, 'ok', true, 'duplicate', true, 'id', r.existing_id)
             when r.idx <> r.first_idx and r.first_inserted then
               jsonb_build_object('index', r.idx, 'ok', true, 'duplicate', true, 'id', r.first_id)
             when r.idx = r.first_idx and r.inserted then
               jsonb_build_object('index', r.idx, 'ok', true, 'duplicate', false, 'id', r.id, 'grid_code', r.grid_code,
                                  'segment_id', r.segment_id, 'department_id', r.department_id, 'deadline_at', r.deadline_at)
             -- taken by another session meanwhile: looked up below
             else jsonb_build_object('index', r.idx, 'taken', r.external_id)
           end
           order by r.idx)
  into v_results
  from (
    select b.*, first_value(b.id) over batch_id as first_id, first_value(b.inserted) over batch_id as first_inserted
    from (select p.*, coalesce(p.id in (select x.id from inserted x), false) as inserted from placed p) b
    window batch_id as (partition by case when b.problem is null and b.existing_id is null then b.external_id end order by b.idx)
  ) r;

  perform pg_catalog.set_config('urbangrid.intake_placed', 'off', true);

  if v_results is null then
    return '[]'::jsonb;
  end if;
  if exists (select 1 from jsonb_array_elements(v_results) r where r.value ? 'taken') then
    select jsonb_agg(
             case when r.value ? 'taken' then
               jsonb_build_object('index', r.value -> 'index', 'ok', true, 'duplicate', true,
                                  'id', (select i.id from public.incidents i where i.external_id = r.value ->> 'taken'))
             else r.value end
             order by r.ordinality)
    into v_results
    from jsonb_array_elements(v_results) with ordinality r;
  end if;
  return v_results;
end
$$;

-- ---------------------------------------------------------------------------------------
-- Grants, as 20261206000100 and 20261206000300 set them.
do $$
declare
  v_function text;
begin
  foreach v_function in array array['private.place_incident()', 'private.intake_incident_batch(json)'] loop
    execute format('revoke all on function %s from public, anon', v_function);
    execute format('grant execute on function %s to authenticated, service_role, urbangrid_loader', v_function);
  end loop;
end
$$;
