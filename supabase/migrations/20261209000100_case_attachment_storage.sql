-- Issue 15, item 6 (last gap): on Supabase a case's photos and files live in Storage, not in
-- the row. The browser uploads the processed bytes to the private bucket `case-attachments`
-- at <case id>/<stage>/<sha256> (its insert policy, 20261208000300_case_attachments.sql,
-- checks the role for the stage folder), then calls public.add_stored_case_attachment, which
-- checks what add_case_attachment checks (role for the stage, the case's state under its row
-- lock, name, declared type), finds the object in storage.objects and checks its size and
-- type there, and writes the row with content null. The embedded demo and native PostgreSQL
-- have no `storage` schema: there the function refuses (UG261) and the bytes stay in the row
-- (add_case_attachment, unchanged). docs/attachments.md "Where the bytes live".
-- Error codes UG260–UG264.

-- ---------------------------------------------------------------------------------------
-- The table: the bytes are in exactly one place, the row (content) or the Storage object
-- named by storage_path (in_storage). Every row written so far has its content.
alter table public.case_attachments
  add column in_storage boolean not null default false,
  add constraint case_attachments_bytes_in_one_place check (in_storage = (content is null));

comment on column public.case_attachments.in_storage is
  'true: the bytes are the object storage_path in the Storage bucket case-attachments, content is null; false: the bytes are content';

-- The row as the API returns it: add_case_attachment's shape, and where the bytes are.
create or replace function private.attachment_json(p_row public.case_attachments) returns jsonb
language sql stable
set search_path = ''
as $$
  select jsonb_build_object('id', p_row.id, 'case_id', p_row.incident_id, 'stage', p_row.stage, 'file_name', p_row.file_name,
    'mime_type', p_row.mime_type, 'size_bytes', p_row.size_bytes, 'sha256', p_row.sha256, 'storage_path', p_row.storage_path,
    'in_storage', p_row.in_storage,
    'uploaded_by', p_row.uploaded_by, 'uploaded_by_name', p_row.uploaded_by_name, 'uploaded_by_role', p_row.uploaded_by_role,
    'uploaded_at', p_row.uploaded_at)
$$;

-- One attachment's bytes: base64 when they are in the row; otherwise base64 is null and
-- storage_path names the object in the bucket case-attachments, which the client downloads
-- (or signs a URL for) under the bucket's read policy. Null for no such attachment.
create or replace function public.case_attachment_content(p_id bigint) returns jsonb
language sql stable security invoker
set search_path = ''
as $$
  select jsonb_build_object('id', a.id, 'mime_type', a.mime_type,
    'base64', case when a.content is not null then replace(encode(a.content, 'base64'), E'\n', '') end,
    'storage_path', case when a.in_storage then a.storage_path end)
  from public.case_attachments a where a.id = p_id
$$;

-- ---------------------------------------------------------------------------------------
-- The checks before any file is written to a case, as private.add_case_attachment makes them
-- (same codes, same messages): the stage (UG240), the caller's role for it (42501), the case
-- (UG241, row locked against a workflow step), its state (UG242), the file name (UG243) and
-- the declared type (UG244). Returns the trimmed file name.
create or replace function private.check_attachment_target(p_case_id bigint, p_stage text, p_name text, p_mime text) returns text
language plpgsql volatile
set search_path = ''
as $$
declare
  v_role text := private.current_app_role();
  v_roles text[] := private.attachment_roles(p_stage);
  v_name text := btrim(coalesce(p_name, ''));
  v_status text;
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
  return v_name;
end
$$;

-- ---------------------------------------------------------------------------------------
-- A file whose bytes are already in the bucket. The object is read through dynamic SQL so
-- that the function exists (and refuses clearly) where there is no `storage` schema. Storage
-- keeps an object's size and Content-Type in metadata (size, mimetype). The first bytes are
-- not visible here: the browser checks them before upload (src/domain/attachments), and the
-- bucket admits only the four declared types.
create or replace function private.add_stored_case_attachment(
  p_case_id bigint, p_stage text, p_name text, p_mime text, p_sha256 text
) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_name text;
  v_path text;
  v_found boolean;
  v_size bigint;
  v_type text;
  v_row public.case_attachments;
begin
  if to_regclass('storage.objects') is null then
    raise exception 'storage_path: 本系统未启用对象存储（Supabase Storage），附件内容保存在数据库中，文件「%」请直接上传（add_case_attachment）',
      btrim(coalesce(p_name, ''))
      using errcode = 'UG261', column = 'storage_path';
  end if;
  v_name := private.check_attachment_target(p_case_id, p_stage, p_name, p_mime);
  if p_sha256 is null or p_sha256 !~ '^[0-9a-f]{64}$' then
    raise exception 'sha256: 文件「%」：sha256 应为 64 位小写十六进制，收到 "%"', v_name, left(coalesce(p_sha256, ''), 70)
      using errcode = 'UG260', column = 'sha256';
  end if;
  v_path := format('%s/%s/%s', p_case_id, p_stage, p_sha256);
  execute 'select true, (o.metadata ->> ''size'')::bigint, o.metadata ->> ''mimetype''
           from storage.objects o where o.bucket_id = $1 and o.name = $2'
    into v_found, v_size, v_type
    using 'case-attachments', v_path;
  if v_found is null then
    raise exception 'storage_path: 文件「%」：存储桶 case-attachments 中没有对象 %，请重新上传', v_name, v_path
      using errcode = 'UG262', column = 'storage_path';
  end if;
  if v_size is null or v_size < 1 or v_size > 5242880 then
    raise exception 'content: 文件「%」：%', v_name,
      case when v_size is null then '存储中的对象没有记录大小'
           when v_size < 1 then '文件是空的'
           else format('大小 %s MB，超过 5 MB 的上限', round(v_size / 1048576.0, 2)) end
      using errcode = 'UG263', column = 'content';
  end if;
  if v_type is distinct from p_mime then
    raise exception 'mime_type: 文件「%」：存储中的对象类型为 %，与声明的类型 % 不符', v_name, coalesce(nullif(v_type, ''), '未知'), p_mime
      using errcode = 'UG264', column = 'mime_type';
  end if;
  insert into public.case_attachments (incident_id, stage, file_name, mime_type, size_bytes, sha256, content, in_storage, storage_path,
                                       uploaded_by, uploaded_by_name, uploaded_by_role)
  values (p_case_id, p_stage, v_name, p_mime, v_size, p_sha256, null, true, v_path,
          auth.uid(), (select p.display_name from public.profiles p where p.user_id = auth.uid()), private.current_app_role())
  returning * into v_row;
  return private.attachment_json(v_row);
end
$$;

create or replace function public.add_stored_case_attachment(
  p_case_id bigint, p_stage text, p_name text, p_mime text, p_sha256 text
) returns jsonb
language sql volatile security invoker
set search_path = ''
as $$
  select private.add_stored_case_attachment(p_case_id, p_stage, p_name, p_mime, p_sha256)
$$;

do $$
declare
  v_function text;
begin
  -- The checks run inside the security-definer body only: no API role calls them.
  revoke all on function private.check_attachment_target(bigint, text, text, text) from public, anon, authenticated;
  foreach v_function in array array[
    'private.add_stored_case_attachment(bigint, text, text, text, text)',
    'public.add_stored_case_attachment(bigint, text, text, text, text)'
  ] loop
    execute format('revoke all on function %s from public, anon', v_function);
    execute format('grant execute on function %s to authenticated, service_role', v_function);
  end loop;
end
$$;

-- ---------------------------------------------------------------------------------------
-- add_case_attachment (20261208000300) restated on the shared checks above, so the two writes
-- cannot drift apart; what it does and refuses is unchanged (bytes in the row).
create or replace function private.add_case_attachment(
  p_case_id bigint, p_stage text, p_name text, p_mime text, p_base64 text
) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_name text := private.check_attachment_target(p_case_id, p_stage, p_name, p_mime);
  v_bytes bytea;
  v_sniffed text;
  v_sha text;
  v_row public.case_attachments;
begin
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
          auth.uid(), (select p.display_name from public.profiles p where p.user_id = auth.uid()), private.current_app_role())
  returning * into v_row;
  return private.attachment_json(v_row);
end
$$;
