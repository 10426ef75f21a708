-- Accounts are created by an administrator, never by sign-up (supabase/config.toml turns
-- sign-up off): public.admin_set_user() creates the Supabase Auth user when the email is new
-- and sets the role in public.profiles. It is what `npm run users:add` calls as the database
-- owner, and what an admin may call through the API.
--
-- The account is written the way GoTrue's admin API writes one, so that GoTrue can sign it
-- in with email + password: the nil instance_id and the 'authenticated' audience it filters
-- on, the email in lower case, empty strings (not NULL) in the token columns it scans into
-- Go strings, the email confirmed (an admin vouches for it), the email provider in the app
-- metadata and an 'email' identity. The password arrives already hashed with bcrypt (the CLI
-- hashes it), so the database needs no pgcrypto and never sees a password.

-- Does the writing. Security definer because nobody but this function may write accounts or
-- roles: API roles hold no write privilege on profiles or auth.users.
create or replace function private.set_user_account(
  p_email text, p_role text, p_display_name text, p_password_hash text
) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  -- current_setting('role') is the API role PostgREST (and our harnesses) switched to; a
  -- security definer function does not change it, unlike current_user.
  v_api_caller boolean := coalesce(current_setting('role', true), 'none') in ('authenticated', 'anon');
  v_email text := lower(btrim(coalesce(p_email, '')));
  v_role text := lower(btrim(coalesce(p_role, '')));
  v_name text := nullif(btrim(coalesce(p_display_name, '')), '');
  v_user_id uuid;
  v_previous_role text;
  v_created boolean := false;
begin
  -- The public function checks this already; said again here because EXECUTE on this helper
  -- is granted to authenticated (the invoker function needs it).
  if v_api_caller and not private.has_role(array['admin']) then
    raise exception '当前用户（角色：%）无权管理用户账号，需要系统管理员角色',
      private.role_label(coalesce(private.current_app_role(), '未分配')) using errcode = '42501';
  end if;

  if v_email = '' then
    raise exception 'email: 缺少邮箱地址' using errcode = 'UG301', column = 'email';
  end if;
  if length(v_email) > 255 or v_email !~ '^[^[:space:]@]+@[^[:space:]@]+\.[^[:space:]@.]+$' then
    raise exception 'email: 邮箱地址格式不正确，收到 "%"', btrim(p_email) using errcode = 'UG301', column = 'email';
  end if;
  if v_role not in ('admin', 'planner', 'manager', 'dispatcher', 'staff', 'viewer') then
    raise exception 'role: 角色应为 admin（系统管理员）、planner（网格规划员）、manager（指挥中心）、dispatcher（受理派遣员）、staff（作业人员）、viewer（访客）之一，收到 "%"',
      coalesce(p_role, '') using errcode = 'UG302', column = 'role';
  end if;
  -- A bcrypt hash as GoTrue reads it; anything else (a plain password above all) is refused
  -- rather than stored where sign-in could never match it.
  if p_password_hash is not null and p_password_hash !~ '^\$2[aby]\$(0[4-9]|[12][0-9]|3[01])\$[./A-Za-z0-9]{53}$' then
    raise exception 'password_hash: 应为 bcrypt 哈希（$2a$/$2b$ 开头，60 个字符），不接受明文密码'
      using errcode = 'UG303', column = 'password_hash';
  end if;

  -- One account change at a time: two calls for one new email must not both create it, and
  -- two admins demoting each other must not leave the office without an admin.
  perform pg_advisory_xact_lock(hashtextextended('urbangrid.admin_set_user', 0));

  select u.id into v_user_id
  from auth.users u
  where lower(u.email) = v_email and u.is_sso_user = false
  order by u.created_at
  limit 1;

  if v_user_id is null then
    v_user_id := gen_random_uuid();
    v_created := true;
    insert into auth.users (
      instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
      confirmation_token, recovery_token, email_change_token_new, email_change,
      raw_app_meta_data, raw_user_meta_data, created_at, updated_at
    ) values (
      '00000000-0000-0000-0000-000000000000', v_user_id, 'authenticated', 'authenticated', v_email,
      coalesce(p_password_hash, ''), now(),
      '', '', '', '',
      '{"provider": "email", "providers": ["email"]}'::jsonb,
      jsonb_build_object('email_verified', true), now(), now()
    );
    insert into auth.identities (provider_id, user_id, identity_data, provider, created_at, updated_at)
    values (
      v_user_id::text, v_user_id,
      jsonb_build_object('sub', v_user_id::text, 'email', v_email, 'email_verified', true, 'phone_verified', false),
      'email', now(), now()
    );
  elsif p_password_hash is not null then
    update auth.users u set encrypted_password = p_password_hash, updated_at = now() where u.id = v_user_id;
  end if;

  select p.role into v_previous_role from public.profiles p where p.user_id = v_user_id;
  if v_previous_role = 'admin' and v_role <> 'admin'
     and not exists (select 1 from public.profiles p where p.role = 'admin' and p.user_id <> v_user_id) then
    raise exception 'role: % 是唯一的系统管理员，不能改为%；请先为另一位用户设置 admin 角色',
      v_email, private.role_label(v_role) using errcode = 'UG304', column = 'role';
  end if;

  -- A new profile is named after the email's local part until someone gives it a name.
  insert into public.profiles as p (user_id, display_name, role)
  values (v_user_id, coalesce(v_name, split_part(v_email, '@', 1)), v_role)
  on conflict (user_id) do update
    set role = excluded.role,
        display_name = coalesce(v_name, p.display_name);

  return (
    select jsonb_build_object(
      'user_id', v_user_id,
      'email', v_email,
      'role', p.role,
      'display_name', p.display_name,
      'created', v_created,
      'password_set', p_password_hash is not null
    )
    from public.profiles p where p.user_id = v_user_id
  );
end
$$;

-- The API face. Security invoker like every public function: it lets through an admin signed
-- in through the API, and the database owner or service_role connecting directly (the CLI,
-- SQL editor, server code) - anyone who is not an API role.
create or replace function public.admin_set_user(
  p_email text, p_role text, p_display_name text default null, p_password_hash text default null
) returns jsonb
language plpgsql volatile security invoker
set search_path = ''
as $$
begin
  if current_user in ('authenticated', 'anon') and not private.has_role(array['admin']) then
    raise exception '当前用户（角色：%）无权管理用户账号，需要系统管理员角色',
      private.role_label(coalesce(private.current_app_role(), '未分配')) using errcode = '42501';
  end if;
  return private.set_user_account(p_email, p_role, p_display_name, p_password_hash);
end
$$;

revoke all on function private.set_user_account(text, text, text, text) from public, anon;
grant execute on function private.set_user_account(text, text, text, text) to authenticated, service_role;
revoke all on function public.admin_set_user(text, text, text, text) from public, anon;
grant execute on function public.admin_set_user(text, text, text, text) to authenticated, service_role;
