-- roster_coverage within issue 18's "≤ 50 ms in the embedded demo" (docs/benchmarks.md, "Roster
-- coverage after one assignment change"). On PGlite with the demo (2,096 segments) the report
-- took 56–65 ms idle, 135 ms loaded, two thirds of it building 2,096 JSON objects (seven keys,
-- five numeric roundings each, a jsonb gap list concatenated onto every row) and casting the
-- 280 KB result to jsonb; the coverage itself (range merging over ~2,200 pieces) takes ~7 ms.
--
-- Now the segments come as columns, and the report is json, not jsonb (as hotspot_cases): a
-- jsonb result is parsed once and printed again number by number (~8,000 of them), ~5 ms
-- here for nothing, the client parses text either way. `segments` is
--   {segment_id: [...], length_cm: [...], covered_cm: [...], double_cm: [...],
--    gaps: {segment_id: [...], from_cm: [...], to_cm: [...]}}
-- integer centimetres (the same 0.01 m as before), one array_agg per column, ordered by
-- segment id (gaps by segment, then start). A segment's uncovered length is length − covered
-- and its percent is computed by the reader (src/data/roster-reads.ts turns the columns back
-- into the CoverageReport rows). ~46 KB instead of ~280 KB. Totals and units keep their shape.
-- The range merging is unchanged; it is written inline so that gaps are derived only from the
-- pieces that leave one (no per-row jsonb), and private.roster_segment_coverage, which built a
-- gap list for every segment and had no other caller, is dropped. A return type cannot be
-- changed in place: the report and roster_coverage are dropped and created again, with the
-- grants they had; roster_coverage_units keeps its jsonb and is restated for the new report.

drop function if exists public.roster_coverage(date, text);
drop function if exists private.roster_coverage_report(date, text, text[]);
drop function if exists private.roster_segment_coverage(date, text);

-- The report for the units asked for ('segment', 'street', 'community', 'team'), from one
-- computation of the segments' coverage. Range merging with window functions over the live
-- pieces (active cleaners, open on the day, on the shift): ordered by start, each piece's
-- `reach` is the furthest end of the pieces before it on its segment; what it adds beyond the
-- reach is newly covered length, a start beyond the reach leaves a gap [reach, start), and
-- the segment's last end to its length is the trailing gap. double_m is the pieces' total
-- length less the covered length (segment_assignments_no_overlap keeps it 0 for stored rows).
-- Centimetres are floor(metres × 100 + 0.5) in double precision (half up, as JavaScript's
-- Math.round): numeric rounding of 6,000 values cost ~10 ms on PGlite. The totals are written
-- out rather than built by a helper: a function with a pinned search_path is not inlined.
create function private.roster_coverage_report(p_day date, p_shift text, p_units text[]) returns json
language sql stable
set search_path = ''
as $$
  with ordered as materialized (
    select p.segment_id, p.f, p.t,
           coalesce(max(p.t) over (partition by p.segment_id order by p.f, p.t rows between unbounded preceding and 1 preceding), 0) as reach
    from (
      select a.segment_id, greatest(a.from_m, 0::double precision) as f, least(a.to_m, s.length_m) as t
      from public.segment_assignments a
      join public.cleaners w on w.id = a.cleaner_id and w.active
      join public.street_segments s on s.id = a.segment_id
      where a.shift = p_shift and a.valid_from <= p_day and (a.valid_to is null or a.valid_to >= p_day)
        and least(a.to_m, s.length_m) > greatest(a.from_m, 0::double precision)
    ) p
  ),
  sc as materialized (
    select x.id as segment_id, x.length_m, coalesce(ps.covered, 0) as covered_m, coalesce(ps.total - ps.covered, 0) as double_m,
           coalesce(ps.last_end, 0) as last_end, g.community_id, coalesce(k.street_id, b.street_id) as street_id
    from public.street_segments x
    join public.back_streets b on b.id = x.back_street_id
    left join public.grids g on g.id = x.grid_id
    left join public.communities k on k.id = g.community_id
    left join (
      select o.segment_id, sum(greatest(o.t - greatest(o.f, o.reach), 0)) as covered, sum(o.t - o.f) as total, max(o.t) as last_end
      from ordered o
      group by o.segment_id
    ) ps on ps.segment_id = x.id
  ),
  gaps as (
    select o.segment_id, o.reach as f, o.f as t from ordered o where o.f - o.reach > 0.005
    union all
    select sc.segment_id, sc.last_end, sc.length_m from sc where sc.length_m - sc.last_end > 0.005
  ),
  -- the units from the sums per (community, street) pair (~100 of them): a segment's street,
  -- community and teams depend on that pair alone
  pairs as materialized (
    select sc.community_id, sc.street_id, sum(sc.length_m) as l, sum(sc.covered_m) as c, sum(sc.double_m) as d
    from sc group by sc.community_id, sc.street_id
  ),
  units as (
    select 'total' as kind, 0::bigint as id, ''::text as name, ''::text as sort, sum(p.l) as l, sum(p.c) as c, sum(p.d) as d
    from pairs p
    union all
    select 'street', s.id, s.name, s.code, u.l, u.c, u.d
    from (select p.street_id, sum(p.l) as l, sum(p.c) as c, sum(p.d) as d
          from pairs p where 'street' = any (p_units) and p.street_id is not null group by p.street_id) u
    join public.streets s on s.id = u.street_id
    union all
    select 'community', k.id, k.name, k.code, u.l, u.c, u.d
    from (select p.community_id, sum(p.l) as l, sum(p.c) as c, sum(p.d) as d
          from pairs p where 'community' = any (p_units) and p.community_id is not null group by p.community_id) u
    join public.communities k on k.id = u.community_id
    union all
    select 'team', t.id, t.name, lpad(t.id::text, 20, '0'), coalesce(sum(p.l), 0), coalesce(sum(p.c), 0), coalesce(sum(p.d), 0)
    from public.teams t
    left join (
      select a.team_id, p.community_id, p.street_id from public.team_areas a join pairs p on p.community_id = a.community_id
      union
      select a.team_id, p.community_id, p.street_id from public.team_areas a join pairs p on p.street_id = a.street_id
    ) tp on tp.team_id = t.id
    left join pairs p on p.community_id is not distinct from tp.community_id and p.street_id is not distinct from tp.street_id
    where 'team' = any (p_units)
    group by t.id, t.name
  ),
  unit_json as (
    select u.kind, u.sort, u.id, jsonb_build_object(
             'length_m', round(coalesce(u.l, 0)::numeric, 2),
             'covered_m', round(coalesce(u.c, 0)::numeric, 2),
             'uncovered_m', round(greatest(coalesce(u.l, 0) - coalesce(u.c, 0), 0)::numeric, 2),
             'double_m', round(coalesce(u.d, 0)::numeric, 2),
             -- 99.995 % is not 100 %: the banner asks whether anything is uncovered
             'percent', case when coalesce(u.l, 0) <= 0 or u.c >= u.l - 0.005 then 100
                             else least(round((100 * u.c / u.l)::numeric, 2), 99.99) end)
           || case when u.kind = 'total' then '{}'::jsonb else jsonb_build_object('id', u.id, 'name', u.name) end as body
    from units u
  )
  select json_build_object(
    'day', p_day,
    'shift', p_shift,
    'totals', (select j.body from unit_json j where j.kind = 'total'),
    'segments', case when 'segment' = any (p_units) then (
      select json_build_object(
               'segment_id', coalesce(array_agg(c.segment_id order by c.segment_id), '{}'),
               'length_cm', coalesce(array_agg(floor(c.length_m * 100 + 0.5)::bigint order by c.segment_id), '{}'),
               'covered_cm', coalesce(array_agg(floor(c.covered_m * 100 + 0.5)::bigint order by c.segment_id), '{}'),
               'double_cm', coalesce(array_agg(floor(c.double_m * 100 + 0.5)::bigint order by c.segment_id), '{}'),
               'gaps', (select json_build_object(
                                 'segment_id', coalesce(array_agg(g.segment_id order by g.segment_id, g.f), '{}'),
                                 'from_cm', coalesce(array_agg(floor(g.f * 100 + 0.5)::bigint order by g.segment_id, g.f), '{}'),
                                 'to_cm', coalesce(array_agg(floor(g.t * 100 + 0.5)::bigint order by g.segment_id, g.f), '{}'))
                        from gaps g))
      from sc c) end,
    'by_street', case when 'street' = any (p_units) then
      (select coalesce(jsonb_agg(j.body order by j.sort), '[]'::jsonb) from unit_json j where j.kind = 'street') end,
    'by_community', case when 'community' = any (p_units) then
      (select coalesce(jsonb_agg(j.body order by j.sort), '[]'::jsonb) from unit_json j where j.kind = 'community') end,
    'by_team', case when 'team' = any (p_units) then
      (select coalesce(jsonb_agg(j.body order by j.sort), '[]'::jsonb) from unit_json j where j.kind = 'team') end)
$$;

revoke all on function private.roster_coverage_report(date, text, text[]) from public, anon;
grant execute on function private.roster_coverage_report(date, text, text[]) to authenticated, service_role, urbangrid_loader;

-- Coverage of one day and shift: {day, shift, totals, segments (columns, above), by_street,
-- by_community, by_team}.
create function public.roster_coverage(p_day date, p_shift text) returns json
language plpgsql stable security invoker
set search_path = ''
as $$
begin
  perform private.assert_roster_reader();
  return private.roster_coverage_report(coalesce(p_day, current_date), private.roster_require_shift(p_shift),
                                        array['segment', 'street', 'community', 'team']);
end
$$;
revoke execute on function public.roster_coverage(date, text) from public, anon;
grant execute on function public.roster_coverage(date, text) to authenticated, service_role;

-- One unit's array of the report: [{id, name, length_m, covered_m, uncovered_m, double_m, percent}].
create or replace function public.roster_coverage_units(p_day date, p_shift text, p_unit text) returns jsonb
language plpgsql stable security invoker
set search_path = ''
as $$
begin
  perform private.assert_roster_reader();
  if p_unit is null or p_unit not in ('street', 'community', 'team') then
    raise exception 'unit: 未知的统计单元 %，应为 street（街道）、community（社区）或 team（保洁队）',
      coalesce(private.quote_value(p_unit), '（空）') using errcode = 'UG406', column = 'unit';
  end if;
  return (private.roster_coverage_report(coalesce(p_day, current_date), private.roster_require_shift(p_shift), array[p_unit])
          -> ('by_' || p_unit))::jsonb;
end
$$;
