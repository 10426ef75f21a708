/**
 * A case at 立案 (registered) for a test, made inside the test's rolled-back transaction. The
 * demo's open queue is a handful of cases whose stages move with the generator (a demo opened as
 * a live office has none at 立案 some nights), so a test that needs one makes it — as the seed's
 * loader role, as tests/db/case-stages-suite.ts does — instead of hoping the snapshot holds one.
 * `as` is back in the role it had (the API role in asUser, the owner in asOwner), with the same
 * claims, afterwards.
 */
import type { Query } from './engine.ts'

export async function registeredCase(as: Query): Promise<number> {
  const [{ role, session }] = await as<{ role: string; session: string }>(`select current_user::text as role, session_user::text as session`)
  await as(`reset role`)
  await as(`set local role urbangrid_loader`)
  const [{ id }] = await as<{ id: number }>(
    `insert into public.incidents (geom, category_code, source, status, description, reported_at, accepted_at, registered_at)
     select g.label_point, (select category_code from public.incidents order by id limit 1), 'patrol', 'registered',
            '测试：待派遣的巡查案件', now() - interval '2 hours', now() - interval '110 minutes', now() - interval '110 minutes'
     from public.grids g where g.valid_to is null and g.management_level = 2 order by g.code limit 1
     returning id::int`,
  )
  await as(`reset role`)
  if (role !== session) await as(`set local role ${role}`)
  return id
}
