import { readdirSync } from 'node:fs'
import { posix } from 'node:path'
import js from '@eslint/js'
import globals from 'globals'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

/*
 * Module boundaries (DESIGN.md §2; docs/decisions.md, "Module boundaries (issue 14)"), so a
 * crossing fails `npm run lint`:
 * - src/domain imports nothing of ours;
 * - src/map imports no src/data;
 * - scripts import no features (nor the app shell);
 * - only src/data knows which backend is live: nothing else under src imports a backend
 *   (src/data/embedded, src/data/supabase) or the database clients themselves;
 * - antd and dayjs load with the workspaces that use them, never with the app shell or the
 *   总览 (the first screen);
 * - echarts loads only with the workspaces that chart (src/features/hotspots, src/features/hotspots-charts, src/features/kpi).
 *
 * no-restricted-imports matches the specifier as written, not the file it resolves to, so
 * each rule is spelled out per folder depth: from src/map/x.ts the data layer is `../data`,
 * from src/map/a/x.ts it is `../../data`. The depths are read from the tree when ESLint
 * starts, so a new subfolder is covered without touching this file. Dynamic `import()`,
 * `import('…').Type` and `new URL('…', import.meta.url)` are not seen by that rule;
 * no-restricted-syntax checks them with the same patterns.
 */
const ROOT = import.meta.dirname
const LINTED = /\.(ts|tsx|js)$/

/*
 * Every part of src, with src/features split into its workspaces: a rule can then name one
 * workspace (echarts, antd) without its zone overriding the rule that covers all of src/features
 * (rule options do not merge across config objects, so two zones matching one file lose one).
 */
const SRC_PARTS = readdirSync(posix.join(ROOT, 'src'), { withFileTypes: true }).flatMap((entry) =>
  entry.name === 'features'
    ? readdirSync(posix.join(ROOT, 'src/features'), { withFileTypes: true })
        .filter((feature) => feature.isDirectory() || LINTED.test(feature.name))
        .map((feature) => `src/features/${feature.name}`)
    : entry.isDirectory() || LINTED.test(entry.name)
      ? [`src/${entry.name}`]
      : [],
)
/** The workspaces that draw charts (热点分析, 考核) and the charts folder: the only places echarts may load (behind their lazy()). */
const ECHARTS_ALLOWED = ['src/features/hotspots', 'src/features/hotspots-charts', 'src/features/kpi']

const BACKENDS = ['src/data/embedded', 'src/data/supabase', { package: '@supabase/supabase-js' }, { package: '@electric-sql/pglite' }]
const RULES = [
  {
    from: ['src/domain'],
    forbid: ['outside'],
    message: 'src/domain imports nothing of ours (no data, map, features, app, i18n, scripts): bring what it needs into src/domain.',
  },
  {
    from: ['src/map'],
    forbid: ['src/data'],
    message: 'src/map imports no src/data: take shared types from src/domain and let the feature hand the map its data.',
  },
  {
    from: ['src/layers'],
    forbid: ['src/features', 'src/app', 'src/App.tsx', 'src/main.tsx'],
    message: 'A layer module is used by workspaces, never the other way round: it imports no features or app code.',
  },
  {
    from: ['scripts'],
    forbid: ['src/features', 'src/app', 'src/App.tsx', 'src/main.tsx'],
    message: 'scripts import no features or app code: move the pure pieces to src/domain (rules, types) or src/data (reads).',
  },
  {
    // Every part of src but the data layer, including parts added later.
    from: SRC_PARTS.filter((part) => part !== 'src/data'),
    forbid: BACKENDS,
    message: 'Only src/data knows which backend is live: use the Repository, its hooks or the Backend interface (src/data/backend.ts), never src/data/embedded, src/data/supabase or a database client.',
  },
  {
    from: ['src/App.tsx', 'src/main.tsx', 'src/app', 'src/map', 'src/data', 'src/domain', 'src/i18n', 'src/features/overview'],
    forbid: [{ package: 'antd' }, { package: '@ant-design' }, { package: 'dayjs' }],
    message:
      'antd and dayjs load with the workspace that uses them (a module behind lazy(), e.g. src/features/cases), never with the app shell or the 总览, the first screen (docs/decisions.md, "antd in the 案件 workspace").',
  },
  {
    from: SRC_PARTS.filter((part) => !ECHARTS_ALLOWED.includes(part)),
    forbid: [{ package: 'echarts' }, { package: 'zrender' }],
    message: 'echarts loads with the workspaces that chart only: import it in src/features/hotspots, src/features/hotspots-charts or src/features/kpi (behind that workspace\'s lazy()), never elsewhere in src.',
  },
]

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
// esquery's regex literal (no-restricted-syntax selectors) cannot hold a slash, even escaped.
const selectorRegex = (regex) => `/${regex.replaceAll('/', '\\x2F')}/`
const isFolder = (path) => !/\.\w+$/.test(path)

/** Regex source matching an import of `target` written in a file `depth` folders below `zone`. */
function specifierPattern(zone, depth, target) {
  if (target === 'outside') return `^(\\./)?(\\.\\./){${depth + 1}}`
  if (typeof target === 'object') return `^${escape(target.package)}(/|-|$)`
  const from = isFolder(zone) ? posix.join(zone, ...Array(depth).fill('x')) : posix.dirname(zone)
  const relative = posix.relative(from, isFolder(target) ? target : target.replace(LINTED, ''))
  const prefix = relative.startsWith('../') ? '(\\./)?' : '\\./'
  const suffix = isFolder(target) ? '(/|\\?|$)' : '(\\.(ts|tsx|js))?(\\?.*)?$'
  return `^${prefix}${escape(relative)}${suffix}`
}

/** The depths below `folder` that hold linted files (0 = directly in it). */
function depthsUnder(folder, depth = 0) {
  const depths = new Set()
  for (const entry of readdirSync(posix.join(ROOT, folder), { withFileTypes: true })) {
    if (entry.isDirectory()) depthsUnder(posix.join(folder, entry.name), depth + 1).forEach((found) => depths.add(found))
    else if (LINTED.test(entry.name)) depths.add(depth)
  }
  return depths
}

/** One config object per zone and depth: rule options do not merge across objects, so each file must meet exactly one. */
function boundaryConfigs() {
  const zones = new Map()
  for (const rule of RULES) {
    for (const zone of rule.from) {
      if (!zones.has(zone)) zones.set(zone, [])
      zones.get(zone).push(...rule.forbid.map((target) => ({ target, message: rule.message })))
    }
  }
  const configs = []
  for (const [zone, forbidden] of zones) {
    // A target inside another forbidden one (or anywhere, once all outside is) would be reported twice.
    const covers = (outer, inner) => typeof inner === 'string' && inner !== outer && (outer === 'outside' || (typeof outer === 'string' && inner.startsWith(`${outer}/`)))
    const targets = forbidden.filter(({ target }) => !forbidden.some((other) => covers(other.target, target)))
    const depths = isFolder(zone) ? depthsUnder(zone) : new Set([0])
    for (const depth of depths) {
      const patterns = targets.map(({ target, message }) => ({ regex: specifierPattern(zone, depth, target), message }))
      configs.push({
        files: isFolder(zone) ? [`${zone}/${'*/'.repeat(depth)}*.{ts,tsx,js}`] : [zone],
        rules: {
          'no-restricted-imports': ['error', { patterns: patterns.map((pattern) => ({ ...pattern, caseSensitive: true })) }],
          'no-restricted-syntax': [
            'error',
            ...patterns.flatMap(({ regex, message }) => [
              { selector: `ImportExpression[source.value=${selectorRegex(regex)}]`, message },
              { selector: `TSImportType[argument.literal.value=${selectorRegex(regex)}]`, message },
              { selector: `NewExpression[callee.name='URL'][arguments.0.value=${selectorRegex(regex)}]`, message },
            ]),
          ],
        },
      })
    }
  }
  return configs
}

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'public', 'coverage', '.cache', 'tests/e2e/screenshots', '**/.scratch/**', '.tmp'] },
  {
    files: ['**/*.{ts,tsx,js}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { ecmaVersion: 2023, globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...boundaryConfigs(),
)
