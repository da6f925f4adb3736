/**
 * The role × route × method matrix: every page and API route found under app/ has a rule in
 * contracts/roles.ts (a new route without one fails here), and for every role (and nobody) each
 * method of each route is either allowed or refused with 401/403, or 405 for a method the route does
 * not answer — never anything in between.
 * The decision tested is the one the console server applies to every request (auth/guard.ts).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import {
  ACCOUNT_ROLES,
  CAPABILITIES,
  can,
  canSubscribe,
  FIXED_ACCESS_CHANNELS,
  NO_SCOPE,
  ROLE_CAPABILITIES,
  ROLES,
  routeRule,
  ROUTE_RULES,
  userCanSubscribe,
  type Role,
} from '../contracts/roles';
import { FIXED_CHANNELS } from '../contracts/channels';
import { decide } from './guard';

const APP = path.resolve(import.meta.dirname, '../app');
const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** Every route of app/: its path (`/api/alarms/[id]`), kind and the methods its handler exports. */
function appRoutes(): { route: string; kind: 'page' | 'api'; methods: string[] }[] {
  const out: { route: string; kind: 'page' | 'api'; methods: string[] }[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir)) {
      const p = path.join(dir, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (e === 'page.tsx' || e === 'route.ts') {
        const route =
          `/${path
            .relative(APP, dir)
            .split(path.sep)
            .filter((s) => s && !s.startsWith('('))
            .join('/')}`.replace(/\/$/, '') || '/';
        const text = readFileSync(p, 'utf8');
        const methods =
          e === 'page.tsx'
            ? ['GET']
            : HTTP_METHODS.filter((m) => new RegExp(`export (?:(?:async )?function|const) ${m}\\b`).test(text));
        out.push({ route, kind: e === 'page.tsx' ? 'page' : 'api', methods });
      }
    }
  };
  walk(APP);
  return out;
}

/** A concrete path of a route (`[id]` → a sample value). */
const sample = (route: string) => route.replace(/\[family\]/g, 'cases').replace(/\[[^\]]+\]/g, 'x1');

test('every route under app/ has a rule, and every rule a route (with the same methods)', () => {
  const routes = appRoutes();
  assert.ok(routes.length >= 20, `found only ${routes.length} routes`);
  for (const r of routes) {
    const rule = routeRule(sample(r.route));
    assert.ok(rule, `${r.route} has no rule in contracts/roles.ts ROUTE_RULES`);
    assert.equal(rule.route, r.route, `${r.route} is matched by the rule of ${rule.route}`);
    assert.equal(rule.kind, r.kind, `${r.route}: kind`);
    assert.deepEqual(
      Object.keys(rule.methods).sort(),
      [...r.methods].sort(),
      `${r.route}: the rule's methods are the handler's`,
    );
  }
  for (const rule of ROUTE_RULES)
    assert.ok(
      routes.some((r) => r.route === rule.route),
      `rule for ${rule.route} names no route`,
    );
});

test('role × route × method: allowed exactly as the capability map says, otherwise 401 (nobody), 403, or 405 (no such method)', () => {
  let cells = 0;
  for (const rule of ROUTE_RULES) {
    const p = sample(rule.route);
    for (const m of HTTP_METHODS) {
      const access = rule.methods[m];
      const anon = decide(m, p, null);
      assert.equal(anon, access === 'public' ? 'allow' : 'unauthenticated', `nobody ${m} ${rule.route}`);
      for (const role of ROLES) {
        const want =
          access === undefined
            ? 'method-not-allowed'
            : access === 'public' || access === 'signed-in'
              ? 'allow'
              : can(role, access)
                ? 'allow'
                : 'forbidden';
        assert.equal(decide(m, p, role), want, `${role} ${m} ${rule.route}`);
        cells += 1;
      }
    }
  }
  assert.ok(cells > 100);
});

test('the roles of contracts/roles.ts can do what they must and no more', () => {
  const pages = (role: Role) =>
    ROUTE_RULES.filter((r) => r.kind === 'page' && decide('GET', sample(r.route), role) === 'allow')
      .map((r) => r.route)
      .sort();
  assert.deepEqual(
    pages('admin'),
    ROUTE_RULES.filter((r) => r.kind === 'page')
      .map((r) => r.route)
      .sort(),
  );
  assert.deepEqual(pages('leader'), ['/', '/account', '/alarms', '/indicators', '/kiosk', '/kpi', '/login', '/wall']);
  assert.deepEqual(pages('operator'), ['/', '/account', '/alarms', '/indicators', '/kiosk', '/login', '/wall']);
  assert.deepEqual(pages('traffic'), ['/', '/account', '/alarms', '/kiosk', '/login', '/traffic', '/traffic/cameras']);
  assert.deepEqual(pages('viewer'), ['/', '/account', '/alarms', '/kiosk', '/login', '/wall']);
  // A wall signed in with a kiosk token: the wall and the public sign-in pages, nothing else.
  assert.deepEqual(pages('kiosk'), ['/kiosk', '/login', '/wall']);
  assert.equal(decide('GET', '/api/kpi/cases/export', 'leader'), 'allow');
  assert.equal(decide('GET', '/api/kpi/documents/export', 'operator'), 'forbidden');
  assert.equal(decide('POST', '/api/alarms/7', 'operator'), 'allow');
  assert.equal(decide('POST', '/api/alarms/7', 'traffic'), 'forbidden');
  assert.equal(
    decide('GET', '/api/alarms/history', 'viewer'),
    'allow',
    'every role that sees alarms sees their history',
  );
  assert.equal(
    decide('POST', '/api/alarms/history', 'operator'),
    'method-not-allowed',
    'a wrong method is 405, not 403',
  );
  assert.equal(decide('GET', '/api/alarms/7/transitions', 'traffic'), 'allow');
  assert.equal(decide('GET', '/api/alarms/7/transitions', null), 'unauthenticated');
  assert.equal(decide('POST', '/api/camera-events/e1/ack', 'traffic'), 'allow');
  assert.equal(decide('POST', '/api/camera-events/e1/ack', 'viewer'), 'forbidden');
  assert.equal(decide('PUT', '/api/cameras/cam-1', 'traffic'), 'allow');
  assert.equal(decide('PUT', '/api/cameras/cam-1', 'leader'), 'forbidden');
  assert.equal(decide('PUT', '/api/indicators/queue/wait', 'admin'), 'allow');
  assert.equal(decide('PUT', '/api/indicators/wall-layout', 'operator'), 'forbidden');
  assert.equal(decide('GET', '/api/indicators/queue/wait/series', 'viewer'), 'allow');
  assert.equal(decide('POST', '/api/indicators/push', null), 'allow', 'systems push with their own bearer token');
  assert.equal(decide('GET', '/api/tasks', 'leader'), 'allow');
  assert.equal(decide('GET', '/api/tasks', 'traffic'), 'forbidden');
  for (const role of ROLES) assert.ok(ROLE_CAPABILITIES[role].every((c) => CAPABILITIES.includes(c)));
});

test('a kiosk reads what the wall needs and changes nothing; only admins manage kiosk tokens', () => {
  // What the wall's panels fetch.
  for (const p of [
    '/api/indicators',
    '/api/indicators/wall-layout',
    '/api/indicators/queue/wait/series',
    '/api/indicators/queue/wait/ranking',
    '/api/camera-events/e1/snapshot',
    '/api/cameras/cam-1/snapshot',
    '/api/auth/me',
  ])
    assert.equal(decide('GET', p, 'kiosk'), 'allow', `kiosk GET ${p}`);
  // Every change any route accepts is refused to a kiosk, except signing itself out (and in again).
  for (const rule of ROUTE_RULES)
    for (const m of ['POST', 'PUT', 'PATCH', 'DELETE'] as const)
      if (rule.methods[m] !== undefined && rule.methods[m] !== 'public' && rule.route !== '/api/auth/logout')
        assert.equal(decide(m, sample(rule.route), 'kiosk'), 'forbidden', `kiosk ${m} ${rule.route}`);
  for (const p of [
    '/api/overview',
    '/api/kpi/cases',
    '/api/alarms/history',
    '/api/camera-events',
    '/api/cameras',
    '/api/tasks',
    '/api/admin/kiosks',
    '/api/admin/audit',
  ])
    assert.equal(decide('GET', p, 'kiosk'), 'forbidden', `kiosk GET ${p}`);
  assert.equal(decide('POST', '/api/auth/password', 'kiosk'), 'forbidden', 'a kiosk has no password to change');
  assert.equal(decide('POST', '/api/auth/password', 'viewer'), 'allow');
  assert.equal(decide('POST', '/api/kiosk/session', null), 'allow', 'the token is the credential');
  assert.equal(decide('GET', '/kiosk', null), 'allow');
  for (const role of ROLES) {
    const want = role === 'admin' ? 'allow' : 'forbidden';
    assert.equal(decide('GET', '/admin/kiosks', role), want, `${role} /admin/kiosks`);
    assert.equal(decide('POST', '/api/admin/kiosks', role), want);
    assert.equal(decide('POST', '/api/admin/kiosks/7/revoke', role), want);
  }
  assert.equal(decide('POST', '/api/admin/kiosks/7/revoke', null), 'unauthenticated');
  assert.ok(!ACCOUNT_ROLES.includes('kiosk' as never), 'a person cannot be given the kiosk role');
});

test('unknown paths are never handed to Next: 401 for nobody, 404 for a signed-in user; assets are public', () => {
  assert.equal(decide('GET', '/api/not-a-route', null), 'unauthenticated');
  assert.equal(decide('GET', '/api/not-a-route', 'admin'), 'not-found');
  assert.equal(decide('GET', '/api/kpi/cases/extra/deep', 'admin'), 'not-found');
  assert.equal(decide('GET', '/_next/static/chunks/x.js', null), 'allow');
  assert.equal(decide('POST', '/_next/static/chunks/x.js', null), 'unauthenticated');
  assert.equal(decide('GET', '/geo/wards.geojson', null), 'allow');
  assert.equal(decide('GET', '/healthz', null), 'allow');
});

test('role × live channel: every channel is either open to a role or refused', () => {
  assert.deepEqual(
    [...FIXED_ACCESS_CHANNELS].sort(),
    [...FIXED_CHANNELS].sort(),
    'a new channel needs its access rule',
  );
  const channels = [...FIXED_ACCESS_CHANNELS, 'sensor:s-1', 'camera:cam-1'];
  const open = (role: Role) => channels.filter((c) => canSubscribe(role, c));
  assert.deepEqual(open('admin'), channels);
  assert.deepEqual(open('leader'), [
    'overview',
    'kpi:cases',
    'kpi:documents',
    'alarms',
    'indicators',
    'map:sensors',
    'map:cameras',
    'events:cameras',
    'sensor:s-1',
    'camera:cam-1',
  ]);
  assert.deepEqual(open('traffic'), [
    'overview',
    'alarms',
    'events:acks',
    'indicators',
    'map:sensors',
    'map:cameras',
    'events:cameras',
    'sensor:s-1',
    'camera:cam-1',
  ]);
  // The wall's channels, its alarm banner included; not the traffic desk's acknowledgements.
  assert.deepEqual(open('kiosk'), [
    'overview',
    'kpi:cases',
    'kpi:documents',
    'alarms',
    'indicators',
    'map:sensors',
    'map:cameras',
    'events:cameras',
    'sensor:s-1',
    'camera:cam-1',
  ]);
  assert.ok(!canSubscribe('viewer', 'events:acks'));
  assert.ok(!canSubscribe('operator', 'events:acks'));
  assert.ok(!canSubscribe('admin', 'no-such-channel'));
});

test('a scoped leader: the channels of the role, less those of city-wide figures (kpi:*, overview); unscoped, the same as the role', () => {
  const channels = [...FIXED_ACCESS_CHANNELS, 'sensor:s-1', 'camera:cam-1'];
  type U = Parameters<typeof userCanSubscribe>[0];
  const scoped: U = { role: 'leader', scope: { agencies: ['so-tp'], wards: [] } };
  const byWard: U = { role: 'leader', scope: { agencies: [], wards: ['31000'] } };
  const open = (u: U) => channels.filter((c) => userCanSubscribe(u, c));
  const expected = [
    'alarms',
    'indicators',
    'map:sensors',
    'map:cameras',
    'events:cameras',
    'sensor:s-1',
    'camera:cam-1',
  ];
  assert.deepEqual(open(scoped), expected);
  assert.deepEqual(open(byWard), expected);
  for (const role of ROLES)
    for (const c of channels)
      assert.equal(userCanSubscribe({ role, scope: NO_SCOPE }, c), canSubscribe(role, c), `${role} ${c}`);
});
