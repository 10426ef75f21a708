-- Strict, set-based intake (issue 13).
--
-- Strict: intake_incidents refuses, per row and with a UG code naming the field, what it
-- used to take silently or refuse in English: unknown keys ("descripton"), values of the
-- wrong JSON type, a location given twice (geometry and lon/lat), coordinates that are not
-- finite or not two-dimensional, report times that cannot be read or lie before 2000 or more
-- than a day ahead, over-long text (the import's own limits, private.intake_limits()), and
-- NUL characters, which PostgreSQL cannot store in text and which used to sink the batch.
--
-- Set-based: a batch is validated, placed and inserted in one statement (one spatial join
-- for the grids, one nearest-segment join on the GiST index, routing and time limits by
-- join, the work calendar read once), instead of one subtransaction and one trigger's
-- lookups per row; a batch of 1,000 used to append its answers to a growing jsonb value row
-- by row, which made 10,000 rows cost ~50 times 1,000. The placement trigger stays for every
-- other writer and steps aside only for the rows intake has placed itself. Inserts into
-- incidents are audited per statement from a transition table, with the same audit rows.

-- ---------------------------------------------------------------------------------------
-- The import's limits, in one place for SQL. src/domain/import/intake-limits.ts holds the
-- same numbers for TypeScript; tests/db/intake-suite.ts checks that they agree.
create or replace function private.intake_limits() returns jsonb
language sql immutable
set search_path = ''
as $$
  select jsonb_build_object(
    'external_id_max_length', 100,
    'description_max_length', 2000,
    'reported_at_earliest', '2000-01-01T00:00:00+08:00',
    'reported_at_future_hours', 24)
$$;

-- JSON type names as a message says them.
create or replace function private.json_type_label(p_type text) returns text
language sql immutable
set search_path = ''
as $$
  select case p_type
    when 'object' then '对象' when 'array' then '数组' when 'string' then '文本' when 'number' then '数字'
    when 'boolean' then '布尔值' when 'null' then '空值（null）' else coalesce(p_type, '（无）') end
$$;

-- A value quoted in a message, cut short: a refused 1 MB description is not echoed back.
create or replace function private.quote_value(p_text text) returns text
language sql immutable
set search_path = ''
as $$
  select case when char_length(p_text) > 40 then left(p_text, 40) || '…' else coalesce(p_text, '') end
$$;

-- ---------------------------------------------------------------------------------------
-- Geometry checks as values, so that a batch can check every row in one statement and the
-- raising check (assert_geometry, used by every trigger) says exactly the same.
-- The extent rules: swapped axes first (a Chinese latitude read as longitude is fine, but the
-- longitude read as latitude is > 90, which would otherwise be reported as merely out of
-- range), then the range of longitude and latitude, then China.
create or replace function private.extent_problem(
  p_xmin double precision, p_ymin double precision, p_xmax double precision, p_ymax double precision, p_field text
) returns jsonb
language sql immutable
set search_path = ''
as $$
  select case
    when p_xmin >= 3 and p_xmax <= 54 and p_ymin >= 73 and p_ymax <= 136 then
      jsonb_build_object('code', 'UG005', 'field', p_field, 'message', p_field || ': 经纬度疑似颠倒（应为 [经度, 纬度]）')
    when p_xmin < -180 or p_xmax > 180 or p_ymin < -90 or p_ymax > 90 then
      jsonb_build_object('code', 'UG004', 'field', p_field, 'message', p_field || ': 坐标超出经纬度范围（经度 -180…180，纬度 -90…90）')
    when p_xmin < 73 or p_xmax > 136 or p_ymin < 3 or p_ymax > 54 then
      jsonb_build_object('code', 'UG006', 'field', p_field, 'message', p_field || ': 坐标位于中国范围以外（经度 73…136，纬度 3…54）')
  end
$$;

create or replace function private.geometry_problem(
  p_geom extensions.geometry,
  p_expected_type text,
  p_field text default 'geometry'
) returns jsonb
language sql immutable
set search_path = ''
as $$
  select case
    when p_geom is null then
      jsonb_build_object('code', 'UG001', 'field', p_field, 'message', p_field || ': 缺少几何图形')
    when extensions.st_srid(p_geom) <> 4326 then
      jsonb_build_object('code', 'UG002', 'field', p_field,
                         'message', format('%s: 坐标系应为 WGS84 (SRID 4326)，收到 SRID %s', p_field, extensions.st_srid(p_geom)))
    when extensions.geometrytype(p_geom) <> upper(p_expected_type) then
      jsonb_build_object('code', 'UG003', 'field', p_field,
                         'message', format('%s: 几何类型应为 %s，收到 %s', p_field, p_expected_type, extensions.geometrytype(p_geom)))
    -- GeometryType says POINT for a 3D point too; the columns are two-dimensional.
    when extensions.st_ndims(p_geom) <> 2 then
      jsonb_build_object('code', 'UG003', 'field', p_field,
                         'message', format('%s: 坐标应为二维 [经度, 纬度]，收到 %s 维坐标（含高程或测量值）', p_field, extensions.st_ndims(p_geom)))
    when extensions.st_isempty(p_geom) then
      jsonb_build_object('code', 'UG001', 'field', p_field, 'message', p_field || ': 几何图形为空')
    else coalesce(
      private.extent_problem(extensions.st_xmin(extensions.box2d(p_geom)), extensions.st_ymin(extensions.box2d(p_geom)),
                             extensions.st_xmax(extensions.box2d(p_geom)), extensions.st_ymax(extensions.box2d(p_geom)), p_field),
      case when not extensions.st_isvalid(p_geom) then
        jsonb_build_object('code', 'UG007', 'field', p_field,
                           'message', format('%s: 几何图形无效：%s', p_field, extensions.st_isvalidreason(p_geom)))
      end)
  end
$$;

-- Same checks and messages as before, plus the number of dimensions: a 3D geometry used to
-- reach the column's type check and come back in English without a field.
create or replace function private.assert_geometry(
  p_geom extensions.geometry,
  p_expected_type text,
  p_field text default 'geometry'
) returns extensions.geometry
language plpgsql immutable
set search_path = ''
as $$
declare
  v_problem jsonb := private.geometry_problem(p_geom, p_expected_type, p_field);
begin
  if v_problem is not null then
    raise exception using errcode = v_problem ->> 'code', message = v_problem ->> 'message', column = v_problem ->> 'field';
  end if;
  return p_geom;
end
$$;

-- A GeoJSON location of one intake row: the point, or why there is none. Called only for
-- rows that give `geometry` (API clients); the import sends lon/lat.
create or replace function private.intake_geometry(p_geometry jsonb, out geom extensions.geometry, out problem jsonb)
language plpgsql immutable
set search_path = ''
as $$
begin
  begin
    geom := extensions.st_geomfromgeojson(p_geometry::text);
  exception when others then
    problem := jsonb_build_object('code', 'UG008', 'field', 'geometry', 'message', 'geometry: 无法解析 GeoJSON：' || sqlerrm);
    geom := null;
    return;
  end;
  -- RFC 7946 GeoJSON is WGS84; a legacy "crs" member naming another system keeps its SRID
  -- so the check below names it.
  if extensions.st_srid(geom) = 0 then
    geom := extensions.st_setsrid(geom, 4326);
  end if;
  problem := private.geometry_problem(geom, 'POINT', 'geometry');
  if problem is not null then
    geom := null;
  end if;
end
$$;

-- ---------------------------------------------------------------------------------------
-- Work time, one implementation. The calendar arithmetic takes the rules as values
-- (private.work_rules(): offset, office periods, the calendar's exceptions), so a batch reads
-- them once; private.add_work_time(start, amount, unit), which the placement trigger calls,
-- reads them and hands them over. tests/db/intake-suite.ts holds the SQL to the browser's
-- TypeScript (src/domain/cases/add-work-time.ts) through a year of holidays.
create or replace function private.work_rules(
  out utc_offset interval, out opens time[], out closes time[], out exception_days date[], out exception_workdays boolean[]
)
language sql stable
set search_path = ''
as $$
  select private.local_offset(),
         (select array_agg((p.value ->> 0)::time order by p.ordinality) from jsonb_array_elements(w.periods) with ordinality p),
         (select array_agg((p.value ->> 1)::time order by p.ordinality) from jsonb_array_elements(w.periods) with ordinality p),
         (select coalesce(array_agg(c.day order by c.day), '{}') from public.work_calendar c),
         (select coalesce(array_agg(c.is_workday order by c.day), '{}') from public.work_calendar c)
  from (select coalesce((select s.value from public.app_settings s where s.key = 'work_hours'),
                        '[["08:30","12:00"],["13:30","17:30"]]'::jsonb) as periods) w
$$;

-- Adds a time limit on the work calendar, as private.add_work_time(start, amount, unit):
-- work hours count only inside the office periods of working days; work days end at the
-- close of the N-th working day after the arrival day; natural hours ignore the calendar. A
-- day is a working day by the calendar's exception for it, else Monday to Friday.
create or replace function private.add_work_time(
  p_start timestamptz, p_amount numeric, p_unit text,
  p_offset interval, p_opens time[], p_closes time[], p_exception_days date[], p_exception_workdays boolean[]
) returns timestamptz
language plpgsql immutable
set search_path = ''
as $$
declare
  v_local timestamp := (p_start at time zone 'UTC') + p_offset;
  v_day date := v_local::date;
  v_periods integer := coalesce(cardinality(p_opens), 0);
  v_remaining interval;
  v_position integer;
  v_workday boolean;
  v_period integer;
  v_from timestamp;
  v_period_end timestamp;
  v_days_left integer;
  v_guard integer := 0;
begin
  if p_unit = 'natural_hours' then
    return p_start + make_interval(secs => p_amount * 3600);
  end if;
  if p_unit = 'work_days' then
    -- N working days: until the close of office hours on the N-th working day after the day
    -- the clock starts (the arrival day itself never counts, whatever the hour).
    v_days_left := ceil(p_amount)::integer;
    loop
      v_guard := v_guard + 1;
      if v_guard > 3660 then raise exception 'work calendar has no working days'; end if;
      v_day := v_day + 1;
      v_position := array_position(p_exception_days, v_day);
      v_workday := coalesce(p_exception_workdays[v_position], extract(isodow from v_day) < 6);
      if v_workday then
        v_days_left := v_days_left - 1;
        if v_days_left = 0 then
          return ((v_day + p_closes[v_periods]) - p_offset) at time zone 'UTC';
        end if;
      end if;
    end loop;
  end if;
  if p_unit <> 'work_hours' then
    raise exception 'unknown time-limit unit %', p_unit;
  end if;
  v_remaining := make_interval(secs => p_amount * 3600);
  loop
    v_guard := v_guard + 1;
    if v_guard > 3660 then raise exception 'work calendar has no working days'; end if;
    v_position := array_position(p_exception_days, v_day);
    v_workday := coalesce(p_exception_workdays[v_position], extract(isodow from v_day) < 6);
    if v_workday then
      for v_period in 1 .. v_periods loop
        v_from := greatest(v_day + p_opens[v_period], v_local);
        v_period_end := v_day + p_closes[v_period];
        if v_from < v_period_end then
          if v_from + v_remaining <= v_period_end then
            return ((v_from + v_remaining) - p_offset) at time zone 'UTC';
          end if;
          v_remaining := v_remaining - (v_period_end - v_from);
        end if;
      end loop;
    end if;
    v_day := v_day + 1;
  end loop;
end
$$;

-- The trigger's form: the same arithmetic over the rules as they are now.
create or replace function private.add_work_time(p_start timestamptz, p_amount numeric, p_unit text)
returns timestamptz
language sql stable
set search_path = ''
as $$
  select private.add_work_time(p_start, p_amount, p_unit, r.utc_offset, r.opens, r.closes, r.exception_days, r.exception_workdays)
  from private.work_rules() r
$$;

-- ---------------------------------------------------------------------------------------
-- Today's grid of a case: where no grid covers the case today, there is no today's grid to
-- record (the counts drop the case, as they drop a case outside the district), instead of a
-- null that the table refuses.
create or replace function private.track_current_grid(p_incident_id bigint, p_point extensions.geometry,
                                                      p_reported_at timestamptz, p_grid_id bigint, p_is_new boolean)
returns void
language plpgsql
set search_path = ''
as $$
declare
  v_current bigint;
begin
  if p_reported_at < greatest((select max(g.valid_from) from public.grids g),
                              (select max(g.valid_to) from public.grids g where g.valid_to is not null)) then
    v_current := (select g.grid_id from private.grid_at(p_point) g);
  else
    v_current := p_grid_id;
  end if;
  if v_current is null or v_current is not distinct from p_grid_id then
    if not p_is_new then
      delete from public.incident_current_grids c where c.incident_id = p_incident_id;
    end if;
  else
    insert into public.incident_current_grids (incident_id, grid_id) values (p_incident_id, v_current)
    on conflict (incident_id) do update set grid_id = excluded.grid_id;
  end if;
end
$$;

-- ---------------------------------------------------------------------------------------
-- Triggers. The insert guard and the placement of an insert are called only when there is
-- something to do: a WHEN condition is evaluated without entering PL/pgSQL, and in PGlite a
-- PL/pgSQL trigger call per row costs more than the insert of the row itself.
drop trigger incidents_guard_insert on public.incidents;
create trigger incidents_guard_insert before insert on public.incidents
  for each row
  when (new.status <> 'reported' or new.accepted_at is not null or new.verified_at is not null or new.registered_at is not null
        or new.dispatched_at is not null or new.handled_at is not null or new.checked_at is not null or new.closed_at is not null
        or new.closure_type is not null)
  execute function private.guard_case_insert();

-- Placement of an insert steps aside while intake_incident_batch inserts rows it has placed
-- itself: that security-definer function sets urbangrid.intake_placed just before its insert
-- and clears it right after (a failed insert rolls the setting back with it). Anyone may set
-- the name, but it only matters to an INSERT into incidents, which no API role may do (only
-- intake, the database owner and the bulk loader insert cases, and intake always places);
-- updates are re-placed whatever the setting.
drop trigger incidents_place on public.incidents;
create trigger incidents_place before update on public.incidents
  for each row execute function private.place_incident();
create trigger incidents_place_insert before insert on public.incidents
  for each row
  when (current_setting('urbangrid.intake_placed', true) is distinct from 'on')
  execute function private.place_incident();

-- Inserts are audited per statement: the same rows in audit_log, written by one insert
-- from the statement's transition table instead of one trigger call per case. The row is
-- read without its geometry column rather than converted whole and the geometry dropped:
-- PostGIS casts a geometry to JSON as GeoJSON, which was most of an audited insert's cost.
create or replace function private.write_audit_inserts() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_columns text := (
    select string_agg(format('n.%I', a.attname), ', ' order by a.attnum)
    from pg_catalog.pg_attribute a
    where a.attrelid = tg_relid and a.attnum > 0 and not a.attisdropped and a.attname <> 'geom');
begin
  if private.is_bulk_load() then
    return null;
  end if;
  execute format(
    'insert into public.audit_log (table_name, row_id, action, actor, actor_role, old_row, new_row)
     select $1, coalesce(j.row ->> ''id'', j.row ->> ''key'', j.row ->> ''user_id'', ''''), ''insert'', $2, $3, null, j.row
     from (select to_jsonb(r) as row from (select %s from inserted_rows n) r) j', v_columns)
  using tg_table_name, auth.uid(), private.current_app_role();
  return null;
end
$$;

drop trigger incidents_audit on public.incidents;
create trigger incidents_audit after update on public.incidents
  for each row execute function private.write_audit();
create trigger incidents_audit_insert after insert on public.incidents
  referencing new table as inserted_rows
  for each statement execute function private.write_audit_inserts();

-- ---------------------------------------------------------------------------------------
-- Intake of a batch. The privileged part: the role check stays with the caller
-- (public.intake_incidents, security invoker); this helper validates every row, places and
-- inserts the valid ones, and answers per row in the order given.
--
-- Rows come as `json`, not `jsonb`: jsonb cannot hold U+0000, so a jsonb parameter made
-- PostgreSQL refuse a whole batch for one NUL before any of this ran. Here the batch is
-- converted once; only if that fails is each row converted on its own and the rows that
-- cannot be are refused naming their field.
create or replace function private.intake_incident_batch(p_rows json) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_keys constant text[] := array['external_id', 'lon', 'lat', 'geometry', 'category_code', 'source', 'description', 'reported_at'];
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
      coalesce(t.at, v_now) as reported_at
    from timed t
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
    select k.idx, k.problem, k.external_id, k.existing_id, k.first_idx, k.geom, k.reported_at,
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
      order by near.distance_m, near.id
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
                                  grid_id, segment_id, department_id, deadline_at)
    select p.id, p.external_id, p.geom, p.category_code, p.source, p.description, p.reported_at, v_user,
           p.grid_id, p.segment_id, p.department_id, p.deadline_at
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

-- The field of a row that cannot become jsonb. PostgreSQL's JSON functions cannot read a
-- text holding U+0000 at all, so each NUL escape in the row's text is first replaced by a
-- private-use character; the field is then the first key (in the order of the accepted
-- keys) whose value holds one, or the row as a whole.
create or replace function private.unreadable_field(p_row json) returns text
language plpgsql immutable
set search_path = ''
as $$
declare
  v_keys constant text[] := array['external_id', 'lon', 'lat', 'geometry', 'category_code', 'source', 'description', 'reported_at'];
  v_marked jsonb;
begin
  begin
    v_marked := regexp_replace(p_row::text, '(?<!\\)((?:\\\\)*)\\u0000', '\1\\ue000', 'g')::jsonb;
  exception when data_exception then
    return 'row';
  end;
  if jsonb_typeof(v_marked) <> 'object' then
    return 'row';
  end if;
  return coalesce((select e.key from jsonb_each(v_marked) e
                   where strpos(e.key || e.value::text, chr(57344)) > 0
                   order by array_position(v_keys, e.key) nulls last, e.key
                   limit 1), 'row');
end
$$;

-- Batch intake of cases (hotline exports, patrol apps, imports). Every row is answered in
-- order: refused with its field and reason (nothing of it is written), a duplicate of a
-- known external id (not inserted again, so re-importing a file is harmless), or inserted
-- with its grid, segment, department and deadline. Rows: a JSON array of objects with
-- external_id, lon + lat or geometry (a GeoJSON Point), category_code, source, description
-- and reported_at; see docs/import.md for every check.
drop function public.intake_incidents(jsonb);
drop function private.intake_incident_row(jsonb);
create or replace function public.intake_incidents(p_rows json) returns jsonb
language plpgsql volatile security invoker
set search_path = ''
as $$
begin
  if not private.has_role(array['dispatcher', 'admin']) then
    raise exception '当前用户（角色：%）无权登记案件，需要受理派遣员或管理员角色', private.role_label(private.current_app_role())
      using errcode = '42501';
  end if;
  if p_rows is null or json_typeof(p_rows) <> 'array' then
    raise exception 'rows: 应为 JSON 数组' using errcode = 'UG009', column = 'rows';
  end if;
  return private.intake_incident_batch(p_rows);
end
$$;

-- ---------------------------------------------------------------------------------------
-- Grants: private helpers for the API roles that reach them through public functions and
-- for the bulk loader, whose inserts run the triggers; nothing for anon.
do $$
declare
  v_function text;
begin
  foreach v_function in array array[
    'private.intake_limits()', 'private.json_type_label(text)', 'private.quote_value(text)',
    'private.extent_problem(double precision, double precision, double precision, double precision, text)',
    'private.geometry_problem(extensions.geometry, text, text)',
    'private.assert_geometry(extensions.geometry, text, text)',
    'private.intake_geometry(jsonb)', 'private.work_rules()',
    'private.add_work_time(timestamptz, numeric, text, interval, time[], time[], date[], boolean[])',
    'private.track_current_grid(bigint, extensions.geometry, timestamptz, bigint, boolean)',
    'private.write_audit_inserts()', 'private.intake_incident_batch(json)', 'private.unreadable_field(json)'
  ] loop
    execute format('revoke all on function %s from public, anon', v_function);
    execute format('grant execute on function %s to authenticated, service_role, urbangrid_loader', v_function);
  end loop;
end
$$;
revoke execute on function public.intake_incidents(json) from public, anon;
grant execute on function public.intake_incidents(json) to authenticated, service_role;
