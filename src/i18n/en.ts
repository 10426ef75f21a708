import type { Messages } from './zh-CN.ts'

/** English. Typed against zh-CN.ts so a missing or extra key fails the type check. */
export const en: Messages = {
  app: {
    title: 'UrbanGrid — Grid-based Urban Management',
    shortTitle: 'UrbanGrid',
  },
  workspace: {
    overview: 'Overview',
    grids: 'Grid planning',
    cases: 'Cases',
    hotspots: 'Hotspots',
    roster: 'Cleaning roster',
    kpi: 'Performance',
    navigation: 'Workspaces',
  },
  backend: {
    embedded: 'Built-in demo database · synthetic data',
    embeddedTitle: 'Data lives in this browser (IndexedDB); the district is generated, not a real place',
    supabase: 'Supabase: {{url}}',
    supabaseTitle: 'Connected to the Supabase project {{url}}',
  },
  role: {
    admin: 'Administrator',
    planner: 'Grid planner',
    manager: 'Command centre',
    dispatcher: 'Dispatcher',
    staff: 'Sanitation staff',
    viewer: 'Viewer (read-only)',
  },
  session: {
    actingAs: 'Demo user',
    actingAsTitle: 'Switch demo user: what each role may do is decided by the database’s row level security',
    signedInAs: '{{name}} ({{role}})',
    signOut: 'Sign out',
    signedOut: 'Not signed in',
    signInTitle: 'Sign in to the Supabase project',
    signInHint: 'Use an account (email + password) from this project’s Supabase Auth.',
    email: 'Email',
    password: 'Password',
    signIn: 'Sign in',
    signingIn: 'Signing in…',
    loading: 'Reading user…',
  },
  access: {
    denied: {
      importCases: 'Importing cases needs the {{roles}} role; your role: {{role}}',
      editGrids: 'Editing grids needs the {{roles}} role; your role: {{role}}',
      takeCaseSteps: 'Working on cases needs the {{roles}} role; your role: {{role}}',
      editRoster: 'Changing the cleaning roster needs the {{roles}} role; your role: {{role}}',
    },
    signedOut: 'not signed in',
  },
  caseStatus: {
    reported: 'To accept', accepted: 'Accepted', verified: 'Verified', registered: 'Registered', dispatched: 'Being handled',
    handled: 'To check', checked: 'To close', closed: 'Closed', rejected: 'Rejected',
  },
  caseAction: {
    report: 'Report', accept: 'Accept', verify: 'Verify', register: 'Register', reject: 'Reject', dispatch: 'Dispatch',
    redispatch: 'Redispatch', handle: 'Handled', check: 'Check', close: 'Close',
  },
  language: {
    label: 'Language',
    zh: '中文',
    en: 'English',
  },
  boot: {
    title: 'Starting the built-in demo database',
    manifest: 'Reading the demo database manifest',
    downloading: 'Downloading the demo database',
    opening: 'Opening the database',
    layers: 'Loading layers',
    ready: 'Ready',
    bytes: '{{loaded}} / {{total}} MB ({{percent}}%)',
    bytesLoaded: '{{loaded}} MB downloaded',
    reused: 'Using the database saved in this browser, no download needed',
    errorTitle: 'The demo database failed to start',
    errorHint: 'Check the connection or reload, then retry. If it keeps failing, clear this site’s browser data and try again.',
    retry: 'Retry',
    retrying: 'Retrying…',
  },
}
