-- Issue 15, items 3 and 6: case links and photos/attachments.
--
-- Links: the 总览 shows and finds a case by its platform number (private.case_number,
-- YYYYMMDD-NNNNNN): public.incident_feature(id) is the case as the 总览's case panel shows it,
-- and public.search_features also finds cases by platform number or id.
--
-- Attachments: before/after photos and files on a case, at 上报 (report), 处置 (handle)
-- and 核查 (check). Written only through public.add_case_attachment and
-- public.remove_case_attachment (security invoker) over security-definer helpers in
-- `private` that check the caller's role for the stage, the case's state, the type (by the
-- file's first bytes, not only the declared type) and the size; a refusal raises before
-- anything is written. In the embedded demo and on native PostgreSQL the bytes are stored
-- in the row (bytea). On Supabase the bucket `case-attachments` and its policies are created
-- below (guarded: PGlite and CI have no `storage` schema); storage_path names the object the
-- bytes belong at (<case id>/<stage>/<sha256>). docs/attachments.md describes the rules.
-- Error codes UG240–UG249.

-- ---------------------------------------------------------------------------------------
-- The table.
create table public.case_attachments (
  id bigint generated always as identity primary key,
  incident_id bigint not null references public.incidents (id) on delete cascade,
  stage text not null check (stage in ('report', 'handle', 'check')),
  file_name text not null check (length(file_name) between 1 and 200),
  mime_type text not null check (mime_type in ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')),
  size_bytes integer not null check (size_bytes between 1 and 5242880),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  -- the bytes in the embedded database; null once they live in Storage
  content bytea,
  -- the Storage object (bucket case-attachments) the bytes belong at
  storage_path text not null,
  uploaded_by uuid,
  uploaded_by_name text,
  uploaded_by_role text,
  uploaded_at timestamptz not null default now(),
  check (content is null or length(content) = size_bytes)
);
create index case_attachments_incident_idx on public.case_attachments (incident_id, uploaded_at, id);

alter table public.case_attachments enable row level security;
revoke all on table public.case_attachments from anon, authenticated, public;
grant select on table public.case_attachments to authenticated;
-- Whoever may read the case may see its attachments (case reads require a profile).
create policy case_attachments_read on public.case_attachments for select to authenticated
  using (exists (select 1 from public.incidents i where i.id = incident_id));

alter publication supabase_realtime add table public.case_attachments;

-- ---------------------------------------------------------------------------------------
-- Rules. Who may attach at which stage (as the workflow has it: the desk reports and checks,
-- the handling unit handles), and in which states of the case the stage is open.
create or replace function private.attachment_roles(p_stage text) returns text[]
language sql immutable
set search_path = ''
as $$
  select case p_stage
    when 'report' then array['dispatcher', 'admin']
    when 'handle' then array['staff', 'admin']
    when 'check' then array['dispatcher', 'admin']
  end
$$;

create or replace function private.attachment_statuses(p_stage text) returns text[]
language sql immutable
set search_path = ''
as $$
  select case p_stage
    when 'report' then array['reported', 'accepted', 'verified', 'registered', 'dispatched', 'handled', 'checked']
    when 'handle' then array['dispatched', 'handled']
    when 'check' then array['handled', 'checked']
  end
$$;

create or replace function private.attachment_stage_label(p_stage text) returns text
language sql immutable
set search_path = ''
as $$
  select case p_stage when 'report' then '上报' when 'handle' then '处置' when 'check' then '核查' else p_stage end
$$;

-- The type the first bytes say, or null: JPEG FF D8 FF; PNG 89 50 4E 47 0D 0A 1A 0A;
-- WebP "RIFF" ???? "WEBP"; PDF "%PDF-".
create or replace function private.attachment_sniffed_type(p_bytes bytea) returns text
language sql immutable
set search_path = ''
as $$
  select case
    when substring(p_bytes from 1 for 3) = '\xffd8ff'::bytea then 'image/jpeg'
    when substring(p_bytes from 1 for 8) = '\x89504e470d0a1a0a'::bytea then 'image/png'
    when substring(p_bytes from 1 for 4) = '\x52494646'::bytea and substring(p_bytes from 9 for 4) = '\x57454250'::bytea then 'image/webp'
    when substring(p_bytes from 1 for 5) = '\x255044462d'::bytea then 'application/pdf'
  end
$$;

create or replace function private.attachment_json(p_row public.case_attachments) returns jsonb
language sql stable
set search_path = ''
as $$
  select jsonb_build_object('id', p_row.id, 'case_id', p_row.incident_id, 'stage', p_row.stage, 'file_name', p_row.file_name,
    'mime_type', p_row.mime_type, 'size_bytes', p_row.size_bytes, 'sha256', p_row.sha256, 'storage_path', p_row.storage_path,
    'uploaded_by', p_row.uploaded_by, 'uploaded_by_name', p_row.uploaded_by_name, 'uploaded_by_role', p_row.uploaded_by_role,
    'uploaded_at', p_row.uploaded_at)
$$;

-- ---------------------------------------------------------------------------------------
-- Writes.
create or replace function private.add_case_attachment(
  p_case_id bigint, p_stage text, p_name text, p_mime text, p_base64 text
) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_role text := private.current_app_role();
  v_roles text[] := private.attachment_roles(p_stage);
  v_name text := btrim(coalesce(p_name, ''));
  v_status text;
  v_bytes bytea;
  v_sniffed text;
  v_sha text;
  v_row public.case_attachments;
begin
  if v_roles is null then
    raise exception 'stage: 未知的附件阶段 "%"（可用：report 上报、handle 处置、check 核查）', coalesce(p_stage, '')
      using errcode = 'UG240', column = 'stage';
  end if;
  if v_role is null or not v_role = any (v_roles) then
    raise exception '当前用户（角色：%）无权在「%」阶段添加附件，需要%角色', private.role_label(v_role), private.attachment_stage_label(p_stage),
      (select string_agg(private.role_label(r), '或' order by r desc) from unnest(v_roles) r)
      using errcode = '42501';
  end if;
  -- The case's row lock orders an attachment against a workflow step of the same case.
  select i.status into v_status from public.incidents i where i.id = p_case_id for update;
  if not found then
    raise exception 'case_id: 案件 % 不存在', coalesce(p_case_id::text, 'null') using errcode = 'UG241', column = 'case_id';
  end if;
  if not v_status = any (private.attachment_statuses(p_stage)) then
    raise exception 'stage: 案件当前状态为「%」，不能再添加「%」阶段的附件', private.case_status_label(v_status), private.attachment_stage_label(p_stage)
      using errcode = 'UG242', column = 'stage';
  end if;
  if v_name = '' or length(v_name) > 200 or v_name ~ '[/\\[:cntrl:]]' then
    raise exception 'file_name: 文件名应为 1–200 个字符，且不含 / \ 或控制字符，收到 "%"', left(v_name, 60)
      using errcode = 'UG243', column = 'file_name';
  end if;
  if p_mime is null or p_mime not in ('image/jpeg', 'image/png', 'image/webp', 'application/pdf') then
    raise exception 'mime_type: 文件「%」：只能上传 JPEG、PNG、WebP 图片或 PDF 文件（收到的类型：%）', v_name, coalesce(nullif(p_mime, ''), '未知')
      using errcode = 'UG244', column = 'mime_type';
  end if;
  -- 5 MB is 6,990,508 base64 characters: a longer text is refused before it is decoded.
  if p_base64 is null or length(p_base64) > 6990508 + 4 then
    raise exception 'content: 文件「%」：%', v_name,
      case when p_base64 is null then '没有文件内容' else format('大小约 %s MB，超过 5 MB 的上限', round(length(p_base64) * 3 / 4 / 1048576.0, 1)) end
      using errcode = 'UG246', column = 'content';
  end if;
  begin
    v_bytes := decode(p_base64, 'base64');
  exception when others then
    raise exception 'content: 文件「%」：内容不是有效的 base64 编码', v_name using errcode = 'UG245', column = 'content';
  end;
  if length(v_bytes) = 0 or length(v_bytes) > 5242880 then
    raise exception 'content: 文件「%」：%', v_name,
      case when length(v_bytes) = 0 then '文件是空的' else format('大小 %s MB，超过 5 MB 的上限', round(length(v_bytes) / 1048576.0, 2)) end
      using errcode = 'UG246', column = 'content';
  end if;
  v_sniffed := private.attachment_sniffed_type(v_bytes);
  if v_sniffed is distinct from p_mime then
    raise exception 'content: 文件「%」：内容不是它声明的类型（%）%', v_name, p_mime,
      case when v_sniffed is null then '，也不是 JPEG、PNG、WebP 或 PDF' else format('，而是 %s', v_sniffed) end
      using errcode = 'UG247', column = 'content';
  end if;
  v_sha := encode(sha256(v_bytes), 'hex');
  insert into public.case_attachments (incident_id, stage, file_name, mime_type, size_bytes, sha256, content, storage_path,
                                       uploaded_by, uploaded_by_name, uploaded_by_role)
  values (p_case_id, p_stage, v_name, p_mime, length(v_bytes), v_sha, v_bytes, format('%s/%s/%s', p_case_id, p_stage, v_sha),
          auth.uid(), (select p.display_name from public.profiles p where p.user_id = auth.uid()), v_role)
  returning * into v_row;
  return private.attachment_json(v_row);
end
$$;

-- Who added an attachment may take it back, an admin any; not once the case has ended.
create or replace function private.remove_case_attachment(p_id bigint) returns void
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_role text := private.current_app_role();
  v_row public.case_attachments;
  v_status text;
begin
  select * into v_row from public.case_attachments a where a.id = p_id;
  if not found then
    raise exception 'id: 附件 % 不存在', coalesce(p_id::text, 'null') using errcode = 'UG248', column = 'id';
  end if;
  if v_role is null or not (v_role = 'admin' or (v_row.uploaded_by is not null and v_row.uploaded_by = auth.uid())) then
    raise exception '当前用户（角色：%）无权删除附件「%」：只有上传人或系统管理员可以删除', private.role_label(v_role), v_row.file_name
      using errcode = '42501';
  end if;
  select i.status into v_status from public.incidents i where i.id = v_row.incident_id for update;
  if v_status in ('closed', 'rejected') then
    raise exception 'id: 案件已%，附件「%」不能再删除', private.case_status_label(v_status), v_row.file_name
      using errcode = 'UG249', column = 'id';
  end if;
  delete from public.case_attachments a where a.id = p_id;
end
$$;

create or replace function public.add_case_attachment(
  p_case_id bigint, p_stage text, p_name text, p_mime text, p_base64 text
) returns jsonb
language sql volatile security invoker
set search_path = ''
as $$
  select private.add_case_attachment(p_case_id, p_stage, p_name, p_mime, p_base64)
$$;

create or replace function public.remove_case_attachment(p_id bigint) returns void
language sql volatile security invoker
set search_path = ''
as $$
  select private.remove_case_attachment(p_id)
$$;

-- ---------------------------------------------------------------------------------------
-- Reads (security invoker: the table's row level security decides).
-- The attachments of a case without their bytes, in the order they were added.
create or replace function public.case_attachments(p_case_id bigint) returns jsonb
language sql stable security invoker
set search_path = ''
as $$
  select coalesce(jsonb_agg(private.attachment_json(a) order by a.uploaded_at, a.id), '[]'::jsonb)
  from public.case_attachments a where a.incident_id = p_case_id
$$;

-- One attachment's bytes (base64), or null for no such attachment.
create or replace function public.case_attachment_content(p_id bigint) returns jsonb
language sql stable security invoker
set search_path = ''
as $$
  select jsonb_build_object('id', a.id, 'mime_type', a.mime_type, 'base64', replace(encode(a.content, 'base64'), E'\n', ''))
  from public.case_attachments a where a.id = p_id
$$;

-- ---------------------------------------------------------------------------------------
-- Links: one case as the 总览's case panel shows it, with the platform number.
create or replace function public.incident_feature(p_id bigint) returns jsonb
language sql stable security invoker
set search_path = ''
as $$
  select jsonb_build_object('type', 'Feature', 'id', i.id,
    'geometry', extensions.st_asgeojson(i.geom, 6)::jsonb,
    'properties', jsonb_build_object('id', i.id, 'case_number', private.case_number(i.id, i.reported_at), 'external_id', i.external_id,
      'category_code', i.category_code, 'category_name', k.name, 'source', i.source, 'status', i.status,
      'reported_at', i.reported_at, 'deadline_at', i.deadline_at, 'closed_at', i.closed_at,
      'grid_code', g.code, 'segment_id', i.segment_id, 'department_name', d.name,
      'overdue', private.case_overdue(i.status, i.deadline_at, i.handled_at, i.closed_at, now())))
  from public.incidents i
  join public.categories k on k.kind = i.category_kind and k.code = i.category_code
  left join public.departments d on d.id = i.department_id
  left join public.grids g on g.id = i.grid_id
  where i.id = p_id
$$;

-- search_features as 20261206000600_cameras.sql has it, and cases: by the platform number
-- (20260608-054108, the date checked too) or by the id alone (54108).
create or replace function public.search_features(p_query text, p_limit integer default 20)
returns jsonb
language sql stable security invoker
set search_path = ''
as $$
  with q as (select btrim(coalesce(p_query, '')) as text),
  case_hits as (
    select 'incident' as layer, i.id, private.case_number(i.id, i.reported_at) as code, k.name, 0 as rank, i.geom
    from q
    join public.incidents i on i.id = case
      when q.text ~ '^[0-9]{8}-[0-9]{1,12}$' then split_part(q.text, '-', 2)::bigint
      when q.text ~ '^[0-9]{1,12}$' then q.text::bigint
    end
    join public.categories k on k.kind = i.category_kind and k.code = i.category_code
    where q.text !~ '-' or private.case_number(i.id, i.reported_at) = left(q.text, 9) || lpad(split_part(q.text, '-', 2), 6, '0')
  ),
  hits as (
    select * from case_hits
    union all
    select 'grid' as layer, g.id, g.code, g.name, 1 as rank, g.geom from public.grids g, q
      where q.text <> '' and g.valid_to is null and (g.code like q.text || '%' or g.name like '%' || q.text || '%')
    union all
    select 'street', s.id, s.code, s.name, 0, s.geom from public.streets s, q
      where q.text <> '' and (s.name like '%' || q.text || '%' or s.code = q.text)
    union all
    select 'community', c.id, c.code, c.name, 0, c.geom from public.communities c, q
      where q.text <> '' and (c.name like '%' || q.text || '%' or c.code = q.text)
    union all
    select 'back_street', b.id, null, b.name, 2, b.geom from public.back_streets b, q
      where q.text <> '' and b.name like '%' || q.text || '%'
    union all
    select 'facility', f.id, null, f.name, 3, f.geom from public.facilities f, q
      where q.text <> '' and f.name like '%' || q.text || '%'
    union all
    select 'market', m.id, null, m.name, 3, m.geom from public.markets m, q
      where q.text <> '' and m.name like '%' || q.text || '%'
    union all
    select 'construction_site', x.id, null, x.name, 3, x.geom from public.construction_sites x, q
      where q.text <> '' and x.name like '%' || q.text || '%'
    union all
    select 'camera', v.id, v.code, v.name, 3, v.geom from public.cameras v, q
      where q.text <> '' and (v.name like '%' || q.text || '%' or (length(q.text) >= 8 and v.code like q.text || '%'))
  )
  select coalesce(jsonb_agg(jsonb_build_object('layer', h.layer, 'id', h.id, 'code', h.code, 'name', h.name,
    'bbox', jsonb_build_array(extensions.st_xmin(h.geom::extensions.box2d), extensions.st_ymin(h.geom::extensions.box2d),
                              extensions.st_xmax(h.geom::extensions.box2d), extensions.st_ymax(h.geom::extensions.box2d)))
    order by h.rank, length(h.name), h.code, h.id), '[]'::jsonb)
  from (select * from hits order by rank, length(name), code, id limit private.clamp_limit(p_limit, 20, 100)) h
$$;

do $$
declare
  v_function text;
begin
  foreach v_function in array array[
    'private.attachment_roles(text)', 'private.attachment_statuses(text)', 'private.attachment_stage_label(text)',
    'private.attachment_sniffed_type(bytea)', 'private.attachment_json(public.case_attachments)',
    'private.add_case_attachment(bigint, text, text, text, text)', 'private.remove_case_attachment(bigint)',
    'public.add_case_attachment(bigint, text, text, text, text)', 'public.remove_case_attachment(bigint)',
    'public.case_attachments(bigint)', 'public.case_attachment_content(bigint)', 'public.incident_feature(bigint)',
    'public.search_features(text, integer)'
  ] loop
    execute format('revoke all on function %s from public, anon', v_function);
    execute format('grant execute on function %s to authenticated, service_role', v_function);
  end loop;
end
$$;

-- ---------------------------------------------------------------------------------------
-- Supabase Storage (production only: PGlite and native PostgreSQL have no `storage` schema).
-- Bucket case-attachments, private, 5 MB, the four types. Objects are named
-- <case id>/<stage>/<sha256>. Policies by role, as the SQL functions decide:
--   read:   anyone signed in with a profile who may read the case;
--   insert: report/check folders — dispatcher or admin; handle folder — staff or admin;
--           into the folder of a case that exists;
--   delete: admin, or the uploader (owner) of the object.
do $$
begin
  if exists (select from pg_namespace where nspname = 'storage') then
    execute $sql$
      insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
      values ('case-attachments', 'case-attachments', false, 5242880,
              array['image/jpeg', 'image/png', 'image/webp', 'application/pdf'])
      on conflict (id) do nothing
    $sql$;
    execute $sql$
      create policy case_attachments_objects_read on storage.objects for select to authenticated
      using (bucket_id = 'case-attachments'
             and exists (select 1 from public.incidents i where i.id::text = (storage.foldername(name))[1]))
    $sql$;
    execute $sql$
      create policy case_attachments_objects_insert on storage.objects for insert to authenticated
      with check (bucket_id = 'case-attachments'
                  and (storage.foldername(name))[2] in ('report', 'handle', 'check')
                  and private.current_app_role() = any (private.attachment_roles((storage.foldername(name))[2]))
                  and exists (select 1 from public.incidents i where i.id::text = (storage.foldername(name))[1]))
    $sql$;
    execute $sql$
      create policy case_attachments_objects_delete on storage.objects for delete to authenticated
      using (bucket_id = 'case-attachments'
             and (private.current_app_role() = 'admin' or owner_id = (select auth.uid())::text))
    $sql$;
  end if;
end
$$;
