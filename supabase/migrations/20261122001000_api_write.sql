-- The write side of the SQL API. Functions run as the caller (security invoker), so row
-- level security decides who may write; the triggers validate what is written.

-- Batch intake of cases (hotline exports, patrol apps, imports). Every row is tried in its
-- own subtransaction: a bad row is reported with its index, field and reason and leaves
-- nothing behind; good rows are kept. A row whose external_id is already known is reported
-- as a duplicate and not inserted again, so re-importing a file is harmless.
create or replace function public.intake_incidents(p_rows jsonb) returns jsonb
language plpgsql volatile security invoker
set search_path = ''
as $$
declare
  v_row jsonb;
  v_index integer := 0;
  v_results jsonb := '[]'::jsonb;
  v_geom extensions.geometry;
  v_existing bigint;
  v_incident public.incidents;
  v_state text;
  v_message text;
  v_column text;
begin
  -- RLS would refuse each row anyway; saying so once, in words, is kinder than N errors.
  if not private.has_role(array['dispatcher', 'admin']) then
    raise exception '当前用户（角色：%）无权登记案件，需要受理派遣员或管理员角色', coalesce(private.current_app_role(), '未登录')
      using errcode = '42501';
  end if;
  if p_rows is null or jsonb_typeof(p_rows) <> 'array' then
    raise exception 'rows: 应为 JSON 数组' using errcode = 'UG009', column = 'rows';
  end if;
  for v_row in select value from jsonb_array_elements(p_rows) loop
    begin
      if jsonb_typeof(v_row) <> 'object' then
        raise exception 'row: 每一行应为 JSON 对象' using errcode = 'UG009', column = 'row';
      end if;
      v_existing := null;
      if nullif(v_row ->> 'external_id', '') is not null then
        select i.id into v_existing from public.incidents i where i.external_id = v_row ->> 'external_id';
      end if;
      if v_existing is not null then
        v_results := v_results || jsonb_build_object('index', v_index, 'ok', true, 'duplicate', true, 'id', v_existing);
      else
        if v_row ? 'geometry' then
          v_geom := private.geometry_from_geojson(v_row -> 'geometry', 'geometry');
        else
          if jsonb_typeof(v_row -> 'lon') is distinct from 'number' then
            raise exception 'lon: 经度缺失或不是数字' using errcode = 'UG010', column = 'lon';
          end if;
          if jsonb_typeof(v_row -> 'lat') is distinct from 'number' then
            raise exception 'lat: 纬度缺失或不是数字' using errcode = 'UG010', column = 'lat';
          end if;
          v_geom := extensions.st_setsrid(extensions.st_makepoint((v_row ->> 'lon')::double precision,
                                                                  (v_row ->> 'lat')::double precision), 4326);
        end if;
        perform private.assert_geometry(v_geom, 'POINT', 'geometry');
        if not exists (select 1 from public.categories k where k.kind = 'matter' and k.code = v_row ->> 'category_code') then
          raise exception 'category_code: 未知的事项类别代码 "%"（应为 GB/T 47678.5 事项代码）', coalesce(v_row ->> 'category_code', '')
            using errcode = 'UG011', column = 'category_code';
        end if;
        if coalesce(v_row ->> 'source', '') not in ('patrol', 'hotline_12319', 'public_report', 'video', 'drone', 'superior', 'media') then
          raise exception 'source: 未知的案件来源 "%"', coalesce(v_row ->> 'source', '')
            using errcode = 'UG012', column = 'source';
        end if;
        begin
          insert into public.incidents (external_id, geom, category_code, source, description, reported_at)
          values (nullif(v_row ->> 'external_id', ''), v_geom, v_row ->> 'category_code', v_row ->> 'source',
                  coalesce(v_row ->> 'description', ''),
                  coalesce((v_row ->> 'reported_at')::timestamptz, now()))
          returning * into v_incident;
        exception when invalid_datetime_format or datetime_field_overflow then
          raise exception 'reported_at: 无法识别的时间 "%"', v_row ->> 'reported_at'
            using errcode = 'UG013', column = 'reported_at';
        end;
        v_results := v_results || jsonb_build_object('index', v_index, 'ok', true, 'duplicate', false,
          'id', v_incident.id, 'grid_code', (select g.code from public.grids g where g.id = v_incident.grid_id), 'segment_id', v_incident.segment_id,
          'department_id', v_incident.department_id, 'deadline_at', v_incident.deadline_at);
      end if;
    exception when others then
      get stacked diagnostics v_state = returned_sqlstate, v_message = message_text, v_column = column_name;
      v_results := v_results || jsonb_build_object('index', v_index, 'ok', false, 'code', v_state,
        'field', nullif(v_column, ''), 'message', v_message);
    end;
    v_index := v_index + 1;
  end loop;
  return v_results;
end
$$;

-- Grid edits, all or nothing. Each edit names a current grid by code and gives the fields
-- that change (geometry as GeoJSON, name, responsible_person, responsible_body, land_use,
-- management_level) and a reason; "retire": true ends the grid; "create": true with a
-- geometry adds a new grid under the community its code names. The current version is closed and a
-- new version inserted; old versions stay. After all edits, no current grid may overlap
-- another, so moving a shared boundary means editing both grids in one call.
create or replace function public.edit_grids(p_edits jsonb) returns jsonb
language plpgsql volatile security invoker
set search_path = ''
as $$
declare
  v_edit jsonb;
  v_index integer := 0;
  v_now timestamptz := now();
  v_old public.grids;
  v_new public.grids;
  v_geom extensions.geometry;
  v_community_id bigint;
  v_results jsonb := '[]'::jsonb;
  v_new_ids bigint[] := '{}';
  v_clash record;
begin
  if not private.has_role(array['planner', 'admin']) then
    raise exception '当前用户（角色：%）无权修改网格，需要网格规划员或管理员角色', coalesce(private.current_app_role(), '未登录')
      using errcode = '42501';
  end if;
  if p_edits is null or jsonb_typeof(p_edits) <> 'array' or jsonb_array_length(p_edits) = 0 then
    raise exception 'edits: 应为非空 JSON 数组' using errcode = 'UG009', column = 'edits';
  end if;
  for v_edit in select value from jsonb_array_elements(p_edits) loop
    if coalesce(v_edit ->> 'code', '') !~ '^[0-9]{15}$' then
      raise exception 'edits[%].code: 网格编码应为15位数字，收到 "%"', v_index, coalesce(v_edit ->> 'code', '')
        using errcode = 'UG101', column = 'code';
    end if;
    v_geom := case when v_edit ? 'geometry'
                   then private.geometry_from_geojson(v_edit -> 'geometry', format('edits[%s].geometry', v_index)) end;
    -- Checked here, not only by the trigger: the column's type (Polygon, 4326) is enforced
    -- while the row is formed, before any trigger, with a generic message.
    if v_geom is not null then
      perform private.assert_geometry(v_geom, 'POLYGON', 'geometry');
    end if;
    select * into v_old from public.grids g where g.code = v_edit ->> 'code' and g.valid_to is null for update;
    if coalesce((v_edit ->> 'create')::boolean, false) then
      if found then
        raise exception 'edits[%].code: 网格 % 已存在', v_index, v_edit ->> 'code' using errcode = 'UG106', column = 'code';
      end if;
      select c.id into v_community_id from public.communities c where c.code = left(v_edit ->> 'code', 12);
      if v_community_id is null then
        raise exception 'edits[%].code: 编码前12位 % 不是已知社区', v_index, left(v_edit ->> 'code', 12)
          using errcode = 'UG102', column = 'code';
      end if;
      insert into public.grids (code, community_id, name, land_use, management_level, responsible_person,
                                responsible_body, geom, valid_from, change_reason)
      values (v_edit ->> 'code', v_community_id, coalesce(v_edit ->> 'name', ''),
              coalesce(v_edit ->> 'land_use', 'mixed'), coalesce((v_edit ->> 'management_level')::smallint, 2),
              coalesce(v_edit ->> 'responsible_person', ''), coalesce(v_edit ->> 'responsible_body', '属地兜底'),
              v_geom, v_now, coalesce(v_edit ->> 'reason', ''))
      returning * into v_new;
    else
      if not found then
        raise exception 'edits[%].code: 网格 % 不存在或已停用', v_index, v_edit ->> 'code' using errcode = 'UG106', column = 'code';
      end if;
      update public.grids set valid_to = v_now where id = v_old.id;
      if coalesce((v_edit ->> 'retire')::boolean, false) then
        v_results := v_results || jsonb_build_object('code', v_old.code, 'retired_id', v_old.id, 'version', v_old.version);
        v_index := v_index + 1;
        continue;
      end if;
      insert into public.grids (code, version, previous_version_id, community_id, name, land_use, management_level,
                                responsible_person, responsible_body, geom, valid_from, change_reason)
      values (v_old.code, v_old.version + 1, v_old.id, v_old.community_id,
              coalesce(v_edit ->> 'name', v_old.name),
              coalesce(v_edit ->> 'land_use', v_old.land_use),
              coalesce((v_edit ->> 'management_level')::smallint, v_old.management_level),
              coalesce(v_edit ->> 'responsible_person', v_old.responsible_person),
              coalesce(v_edit ->> 'responsible_body', v_old.responsible_body),
              coalesce(v_geom, v_old.geom), v_now, coalesce(v_edit ->> 'reason', ''))
      returning * into v_new;
    end if;
    v_new_ids := v_new_ids || v_new.id;
    v_results := v_results || jsonb_build_object('code', v_new.code, 'id', v_new.id, 'version', v_new.version,
                                                 'previous_id', v_new.previous_version_id);
    v_index := v_index + 1;
  end loop;

  -- Two current grids may share edges but never interior area.
  select n.code as new_code, o.code as other_code into v_clash
  from public.grids n
  join public.grids o on o.valid_to is null and o.id <> n.id
    and o.geom operator(extensions.&&) n.geom
    and extensions.st_relate(o.geom, n.geom, '2********')
  where n.id = any (v_new_ids)
  limit 1;
  if found then
    raise exception 'geometry: 网格 % 与网格 % 重叠；相邻网格的边界需在同一次提交中一起修改', v_clash.new_code, v_clash.other_code
      using errcode = 'UG107', column = 'geometry';
  end if;
  return v_results;
end
$$;

revoke execute on function public.intake_incidents(jsonb) from public, anon;
revoke execute on function public.edit_grids(jsonb) from public, anon;
grant execute on function public.intake_incidents(jsonb) to authenticated, service_role;
grant execute on function public.edit_grids(jsonb) to authenticated, service_role;
