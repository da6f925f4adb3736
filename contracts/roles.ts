/**
 * Who may do what: the roles, their capabilities, and the rule of every page, API route and live
 * channel. Defined once here and used by the server's checks (auth/guard.ts, the Socket.IO
 * subscription check) and by the UI to hide what a role cannot use — the UI only hides; the
 * server refuses.
 */
import { z } from 'zod';
import { CHANNEL_TABLE, channelEntry, FIXED_CHANNELS } from './channels';

export const ROLES = ['admin', 'leader', 'operator', 'traffic', 'viewer', 'kiosk'] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);
/**
 * The roles a person's account may have. `kiosk` is not one: it is the role of a video wall signed
 * in with a kiosk token (auth/kiosks.ts), created and revoked at /admin/kiosks only.
 */
export const ACCOUNT_ROLES = ['admin', 'leader', 'operator', 'traffic', 'viewer'] as const satisfies readonly Role[];
export type AccountRole = (typeof ACCOUNT_ROLES)[number];
export const accountRoleSchema = z.enum(ACCOUNT_ROLES);

export const CAPABILITIES = [
  'home.view', // the home page: city figures, newest readings, the city map
  'kpi.view', // /kpi and its API (tables, drill-down)
  'kpi.export', // XLSX/CSV export of KPI tables
  'alarms.view', // /alarms (the alarm count is on every page, so every role sees alarms)
  'alarms.act', // acknowledge and clear alarms
  'traffic.view', // /traffic, the camera grid, the event feed, camera registry (read)
  'events.ack', // acknowledge camera events
  'cameras.edit', // add or correct cameras in the registry
  'wall.view', // the video wall
  'indicators.view', // /indicators: the catalogue of the city systems' indicators
  'indicators.edit', // correct indicators' labels and targets; place them on the wall or /kpi (the layouts)
  'users.admin', // user accounts and kiosk tokens
  'account.own', // one's own account: /account, password change (a kiosk has no account to manage)
] as const;
export type Capability = (typeof CAPABILITIES)[number];

export const ROLE_CAPABILITIES: Readonly<Record<Role, readonly Capability[]>> = {
  admin: CAPABILITIES,
  leader: ['home.view', 'kpi.view', 'kpi.export', 'alarms.view', 'wall.view', 'indicators.view', 'account.own'],
  operator: ['home.view', 'alarms.view', 'alarms.act', 'wall.view', 'indicators.view', 'account.own'],
  traffic: ['home.view', 'alarms.view', 'traffic.view', 'events.ack', 'cameras.edit', 'account.own'],
  viewer: ['home.view', 'alarms.view', 'wall.view', 'account.own'],
  // A wall signed in with a kiosk token sees the wall and what the wall reads (its live channels,
  // indicator values, snapshots: routes open to every signed-in user), nothing else.
  kiosk: ['wall.view'],
};

export const can = (role: Role, cap: Capability): boolean => ROLE_CAPABILITIES[role].includes(cap);

/** `public`: no sign-in; `signed-in`: any role; a capability: a role that has it. */
export type Access = 'public' | 'signed-in' | Capability;

export interface RouteRule {
  /** The route as its folder under app/ names it (`/api/alarms/[id]`); `[x]` matches one path segment. */
  route: string;
  kind: 'page' | 'api';
  /** Access per HTTP method; a method not listed is refused (405 by Next, 403 here). */
  methods: Partial<Record<'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', Access>>;
}

/**
 * Every page and API route of app/. test/roles-matrix.test.ts reads app/ and fails when a route
 * has no rule here, so a new route cannot ship unguarded; a path matching no rule is refused.
 */
export const ROUTE_RULES: readonly RouteRule[] = [
  { route: '/login', kind: 'page', methods: { GET: 'public' } },
  { route: '/account', kind: 'page', methods: { GET: 'account.own' } },
  // A kiosk URL carries its token after '#': the page hands it to /api/kiosk/session (below).
  { route: '/kiosk', kind: 'page', methods: { GET: 'public' } },
  { route: '/', kind: 'page', methods: { GET: 'home.view' } },
  { route: '/kpi', kind: 'page', methods: { GET: 'kpi.view' } },
  { route: '/alarms', kind: 'page', methods: { GET: 'alarms.view' } },
  { route: '/traffic', kind: 'page', methods: { GET: 'traffic.view' } },
  { route: '/traffic/cameras', kind: 'page', methods: { GET: 'traffic.view' } },
  { route: '/wall', kind: 'page', methods: { GET: 'wall.view' } },
  { route: '/admin/users', kind: 'page', methods: { GET: 'users.admin' } },
  { route: '/admin/kiosks', kind: 'page', methods: { GET: 'users.admin' } },
  { route: '/admin/audit', kind: 'page', methods: { GET: 'users.admin' } },
  { route: '/indicators', kind: 'page', methods: { GET: 'indicators.view' } },
  { route: '/api/auth/login', kind: 'api', methods: { POST: 'public' } },
  { route: '/api/auth/logout', kind: 'api', methods: { POST: 'signed-in' } },
  { route: '/api/auth/password', kind: 'api', methods: { POST: 'account.own' } },
  // The token is the credential (checked, rate-limited and audited by the route).
  { route: '/api/kiosk/session', kind: 'api', methods: { POST: 'public' } },
  { route: '/api/auth/me', kind: 'api', methods: { GET: 'signed-in' } },
  { route: '/api/admin/users', kind: 'api', methods: { GET: 'users.admin', POST: 'users.admin' } },
  { route: '/api/admin/users/[id]', kind: 'api', methods: { PATCH: 'users.admin' } },
  { route: '/api/admin/audit', kind: 'api', methods: { GET: 'users.admin' } },
  { route: '/api/admin/kiosks', kind: 'api', methods: { GET: 'users.admin', POST: 'users.admin' } },
  { route: '/api/admin/kiosks/[id]/revoke', kind: 'api', methods: { POST: 'users.admin' } },
  { route: '/api/admin/audit/export', kind: 'api', methods: { GET: 'users.admin' } },
  { route: '/api/overview', kind: 'api', methods: { GET: 'home.view' } },
  // Before /api/alarms/[id]: the first rule that matches decides.
  { route: '/api/alarms/history', kind: 'api', methods: { GET: 'alarms.view' } },
  { route: '/api/alarms/[id]', kind: 'api', methods: { POST: 'alarms.act' } },
  { route: '/api/alarms/[id]/transitions', kind: 'api', methods: { GET: 'alarms.view' } },
  { route: '/api/kpi/[family]', kind: 'api', methods: { GET: 'kpi.view' } },
  { route: '/api/kpi/[family]/records', kind: 'api', methods: { GET: 'kpi.view' } },
  { route: '/api/kpi/[family]/export', kind: 'api', methods: { GET: 'kpi.export' } },
  // What kpi:{family} carries, for the user's scope: scoped leaders' pages poll it instead of the channel.
  { route: '/api/kpi/[family]/today', kind: 'api', methods: { GET: 'kpi.view' } },
  { route: '/api/camera-events', kind: 'api', methods: { GET: 'traffic.view' } },
  { route: '/api/camera-events/options', kind: 'api', methods: { GET: 'traffic.view' } },
  { route: '/api/camera-events/stats', kind: 'api', methods: { GET: 'traffic.view' } },
  { route: '/api/camera-events/[id]/ack', kind: 'api', methods: { POST: 'events.ack' } },
  // Snapshots are shown on the home map's event popups and the wall's camera panels too.
  { route: '/api/camera-events/[id]/snapshot', kind: 'api', methods: { GET: 'signed-in' } },
  { route: '/api/cameras', kind: 'api', methods: { GET: 'traffic.view' } },
  { route: '/api/cameras/[id]', kind: 'api', methods: { PUT: 'cameras.edit' } },
  { route: '/api/cameras/[id]/snapshot', kind: 'api', methods: { GET: 'signed-in' } },
  // Indicators are drawn on the wall, /kpi and the home page: reading them is for every signed-in user.
  { route: '/api/indicators', kind: 'api', methods: { GET: 'signed-in' } },
  { route: '/api/indicators/[source]/[key]', kind: 'api', methods: { PUT: 'indicators.edit' } },
  { route: '/api/indicators/[source]/[key]/series', kind: 'api', methods: { GET: 'signed-in' } },
  { route: '/api/indicators/[source]/[key]/ranking', kind: 'api', methods: { GET: 'signed-in' } },
  { route: '/api/indicators/wall-layout', kind: 'api', methods: { GET: 'signed-in', PUT: 'indicators.edit' } },
  { route: '/api/indicators/kpi-panels', kind: 'api', methods: { GET: 'signed-in', PUT: 'indicators.edit' } },
  // Machine-to-machine pushes carry their own bearer tokens (INDICATOR_PUSH_TOKENS), checked by the route.
  { route: '/api/indicators/push', kind: 'api', methods: { POST: 'public' } },
  { route: '/api/tasks/push', kind: 'api', methods: { POST: 'public' } },
  { route: '/api/tasks', kind: 'api', methods: { GET: 'kpi.view' } },
  { route: '/api/tasks/records', kind: 'api', methods: { GET: 'kpi.view' } },
];

const segments = (p: string) => p.split('/').filter(Boolean);

/** The rule of a request path (already decoded of its query), or null when no route matches. */
export function routeRule(pathname: string): RouteRule | null {
  const got = segments(pathname);
  for (const r of ROUTE_RULES) {
    const want = segments(r.route);
    if (want.length === got.length && want.every((w, i) => (w.startsWith('[') && w.endsWith(']')) || w === got[i]))
      return r;
  }
  return null;
}

/** Paths served to everyone: Next's static assets, the app icon, the map's offline files, health probes. */
export const isPublicAsset = (pathname: string): boolean =>
  pathname.startsWith('/_next/static/') ||
  pathname === '/_next/image' ||
  pathname === '/icon.svg' ||
  pathname === '/favicon.ico' ||
  pathname.startsWith('/geo/') ||
  pathname === '/healthz' ||
  pathname === '/metrics';

/** The fixed live channels (contracts/channels.ts), listed for the access matrix test. */
export const FIXED_ACCESS_CHANNELS = FIXED_CHANNELS;

/** The capabilities that open a live channel (any one is enough): the channel's entry says (contracts/channels.ts). */
export function channelAccess(channel: string): readonly Capability[] {
  return channelEntry(channel)?.access ?? [];
}

export const canSubscribe = (role: Role, channel: string): boolean => channelAccess(channel).some((c) => can(role, c));

/**
 * A leader's optional scope: the agencies and the wards (commune codes) whose figures they review.
 * Both empty: the whole city. Otherwise the leader sees the agencies listed plus every agency that
 * sits in one of the wards listed (commune people's committees): cases, documents and tasks carry
 * an agency, not a ward of their own. Bounded so the user still fits in one request header.
 */
export const SCOPE_MAX_AGENCIES = 100;
export const SCOPE_MAX_WARDS = 200;
export const userScopeSchema = z.object({
  agencies: z.array(z.string().min(1).max(64)).max(SCOPE_MAX_AGENCIES),
  wards: z.array(z.string().min(1).max(16)).max(SCOPE_MAX_WARDS),
});
export type UserScope = z.infer<typeof userScopeSchema>;
export const NO_SCOPE: UserScope = Object.freeze({ agencies: [], wards: [] }) as UserScope;
export const isScoped = (scope: UserScope): boolean => scope.agencies.length > 0 || scope.wards.length > 0;

/**
 * Live channels that carry city-wide figures of every agency. A scoped user may not subscribe:
 * their pages poll GET /api/kpi/{family}/today, computed for their scope (docs/security.md).
 */
export const CITY_WIDE_CHANNELS: readonly string[] = FIXED_CHANNELS.filter((c) => CHANNEL_TABLE[c].cityWide);

/** The signed-in user as the server passes it to pages and route handlers. */
export const sessionUserSchema = z.object({
  id: z.number().int().positive(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  scope: userScopeSchema,
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

/** canSubscribe for a user: the role's rule, and no city-wide figures for a scoped user. */
export const userCanSubscribe = (user: Pick<SessionUser, 'role' | 'scope'>, channel: string): boolean =>
  canSubscribe(user.role, channel) && !(isScoped(user.scope) && CITY_WIDE_CHANNELS.includes(channel));

/** The request header the console server sets (after removing any the client sent) for Next's code. */
export const USER_HEADER = 'x-cityops-user';
/** The id the console's guard gives every request: in the response's X-Request-Id, and in the log line of a 5xx. */
export const REQUEST_ID_HEADER = 'x-cityops-request-id';
export const SESSION_COOKIE = 'cityops_session';
