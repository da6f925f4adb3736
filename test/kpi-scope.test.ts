/**
 * Leaders scoped to agencies and wards, against a real database (both backends) and a real
 * Socket.IO server: a scoped leader's tables, totals, drill-downs, exports, today's figures and
 * overview hold exactly their agencies' figures (compared with the unscoped per-agency rows), a
 * request for another agency is refused, a scope naming nothing known is refused when stored, and
 * the channels of city-wide figures are refused to a scoped leader.
 */
import assert from 'node:assert/strict';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { io as connect, type Socket } from 'socket.io-client';
import { authService, type AuthService, type RequestInfo } from '../auth/accounts';
import type { CaseKpis, DocumentKpis } from '../contracts/channels';
import { drillQuerySchema, kpiQuerySchema, type CaseKpiTable, type DocumentKpiTable } from '../contracts/kpi-query';
import type { ClientToServerEvents, ServerToClientEvents, SubscribeResult } from '../contracts/realtime';
import type { SessionUser } from '../contracts/roles';
import { startOfLocalDay } from '../db/overview';
import { recentAudit } from '../db/users';
import { attachRealtime, type Realtime } from '../realtime/attach';
import { createMemoryBus } from '../realtime/memory-bus';
import { scopedKpiService, type ScopedKpiService, type Viewer } from '../runtime/kpi-scope';
import { createLogger } from '../runtime/logger';
import { realtimeHandshake } from '../runtime/realtime-auth';
import { json, pipelineOn, T } from './support/pipeline';
import { BACKEND, openTestDb, type TestDb } from './support/test-db';

const TZ = 'Asia/Ho_Chi_Minh';
const H = 3_600_000;
const DAY = 24 * H;
// "Now" is 15:30 yesterday (city time): every event is in the past for the ingest's clock check.
const day = startOfLocalDay(Date.now(), TZ) - DAY;
const now = day + 15.5 * H;
const iso = (ms: number) => new Date(ms).toISOString();
const localDate = (ms: number) => new Date(ms + 7 * H).toISOString().slice(0, 10);
const FROM = localDate(day - 9 * DAY);
const TO = localDate(day);

// Two provincial departments and two commune committees (each sits in its ward: ubnd-{ward code}).
const A = 'so-tu-phap';
const B = 'so-xay-dung';
const WARD_C = '11383';
const C = `ubnd-${WARD_C}`;
const req: RequestInfo = { ip: '192.0.2.9', userAgent: 'test', https: false };
const cookieOf = (setCookie: string) => setCookie.split(';')[0]!;
type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

const whole: Viewer = { username: 'admin', scope: { agencies: [], wards: [] } };
const onlyA: Viewer = { username: 'lead-a', scope: { agencies: [A], wards: [] } };
const aAndWardC: Viewer = { username: 'lead-ac', scope: { agencies: [A], wards: [WARD_C] } };

const table = (q: Record<string, string>) => kpiQuerySchema.parse({ from: FROM, to: TO, ...q });
const drill = (q: Record<string, string>) => drillQuerySchema.parse({ from: FROM, to: TO, pageSize: '200', ...q });
function must<T>(r: { ok: true; value: T } | { ok: false; outside: string[] }): T {
  assert.ok(r.ok, `refused: ${r.ok ? '' : r.outside.join(', ')}`);
  return r.value;
}
/** Adds the sums of rows, field by field. */
function sumRows<S extends object>(rows: { sums: S }[]): S {
  const out = { ...rows[0]!.sums };
  for (const r of rows.slice(1))
    for (const k of Object.keys(out) as (keyof S)[])
      out[k] = ((out[k] as number) + (r.sums[k] as number)) as S[keyof S];
  return out;
}

describe(`leaders scoped to agencies and wards (${BACKEND})`, () => {
  let t: TestDb;
  let svc: ScopedKpiService;
  let D: string;
  let unscoped: CaseKpiTable;
  let unscopedDocs: DocumentKpiTable;
  const rowOf = <Tab extends CaseKpiTable | DocumentKpiTable>(tab: Tab, agency: string): Tab['rows'][number] =>
    tab.rows.find((r) => r.key === agency)!;

  before(async () => {
    t = await openTestDb();
    const { pipeline } = await pipelineOn(t.db);
    const {
      rows: [other],
    } = await t.db.query<{ agency_id: string }>(
      'SELECT agency_id FROM agencies WHERE ward_code IS NOT NULL AND ward_code <> $1 ORDER BY agency_id LIMIT 1',
      [WARD_C],
    );
    D = other!.agency_id;
    // Dossiers and documents of four agencies over ten days: received, some resolved (late or on
    // time), some overdue now; a few received today.
    let n = 0;
    for (const agency of [A, B, C, D]) {
      const level = agency.startsWith('ubnd-') ? 'commune' : 'province';
      for (let i = 0; i < 12 + (n % 5); i++, n++) {
        const received = day - (i % 10) * DAY + (8 + (n % 7)) * H;
        const due = received + ((n % 3) + 1) * DAY;
        const base = {
          case_id: `${agency}-${i}`,
          procedure_code: '1.001',
          level,
          channel: ['online', 'counter', 'postal'][n % 3],
          due_at: iso(due),
        };
        if (received < now)
          pipeline.accept(T(`case/${agency}/event`), json({ ...base, ts: iso(received), event: 'received' }));
        const resolved = received + ((n % 4) + 0.5) * DAY;
        if (n % 4 !== 3 && resolved < now)
          pipeline.accept(
            T(`case/${agency}/event`),
            json({ ...base, ts: iso(resolved), event: 'resolved', rating: (n % 5) + 1 }),
          );
        const registered = day - (i % 9) * DAY + (9 + (n % 5)) * H;
        if (registered < now) {
          pipeline.accept(
            T(`document/${agency}/event`),
            json({
              doc_id: `${agency}-d${i}`,
              ts: iso(registered),
              direction: 'incoming',
              event: 'registered',
              due_at: iso(registered + ((n % 3) + 0.5) * DAY),
            }),
          );
          if (n % 3 === 0)
            pipeline.accept(
              T(`document/${agency}/event`),
              json({
                doc_id: `${agency}-d${i}`,
                ts: iso(Math.min(now - H, registered + DAY)),
                direction: 'incoming',
                event: 'processed',
              }),
            );
          if (n % 2 === 0)
            pipeline.accept(
              T(`document/${agency}/event`),
              json({
                doc_id: `${agency}-o${i}`,
                ts: iso(registered),
                direction: 'outgoing',
                event: 'issued',
                signed: n % 4 === 0,
              }),
            );
        }
      }
    }
    await pipeline.flush();
    const rejects = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM ingest_rejects');
    assert.equal(rejects.rows[0]?.n, 0, 'the fixture is valid');
    svc = scopedKpiService(t.db, TZ, () => now);
    unscoped = must(await svc.table(whole, 'cases', table({}))) as CaseKpiTable;
    unscopedDocs = must(await svc.table(whole, 'documents', table({}))) as DocumentKpiTable;
    assert.deepEqual(unscoped.rows.map((r) => r.key).sort(), [A, B, C, D].sort(), 'every agency has figures');
    assert.equal(unscoped.scope, undefined, 'an unscoped answer says no scope');
  });
  after(() => t.drop());

  test('a scoped leader gets exactly the rows of their agencies, and their totals are the sum of those rows', async () => {
    const a = must(await svc.table(onlyA, 'cases', table({}))) as CaseKpiTable;
    assert.deepEqual(a.rows, [rowOf(unscoped, A)]);
    assert.deepEqual(a.total.sums, rowOf(unscoped, A).sums);
    assert.deepEqual(a.scope, [A]);
    // A ward brings the agencies sitting in it (its commune committee).
    const ac = must(await svc.table(aAndWardC, 'cases', table({}))) as CaseKpiTable;
    assert.deepEqual(
      ac.rows.map((r) => r.key),
      [A, C],
    );
    assert.deepEqual(ac.total.sums, sumRows([rowOf(unscoped, A), rowOf(unscoped, C)]));
    assert.ok(ac.total.sums.received < unscoped.total.sums.received, 'the scope total is not the city total');
    // Other groupings and the previous period are narrowed the same way.
    const byChannel = must(await svc.table(aAndWardC, 'cases', table({ groupBy: 'channel' }))) as CaseKpiTable;
    assert.deepEqual(byChannel.total.sums, ac.total.sums);
    const byDay = must(await svc.table(onlyA, 'cases', table({ groupBy: 'day' }))) as CaseKpiTable;
    assert.equal(byDay.total.sums.received, rowOf(unscoped, A).sums.received);
    assert.deepEqual(a.previous!.total.sums, unscoped.previous!.rows.find((r) => r.key === A)!.sums);
    const docs = must(await svc.table(aAndWardC, 'documents', table({}))) as DocumentKpiTable;
    assert.deepEqual(docs.rows, [rowOf(unscopedDocs, A), rowOf(unscopedDocs, C)]);
    assert.deepEqual(docs.total.sums, sumRows([rowOf(unscopedDocs, A), rowOf(unscopedDocs, C)]));
  });

  test('asking for an agency inside the scope narrows to it; any agency outside is refused, named', async () => {
    const c = must(await svc.table(aAndWardC, 'cases', table({ agency: C }))) as CaseKpiTable;
    assert.deepEqual(c.rows, [rowOf(unscoped, C)]);
    assert.deepEqual(await svc.table(onlyA, 'cases', table({ agency: `${A},${B}` })), { ok: false, outside: [B] });
    assert.deepEqual(await svc.table(onlyA, 'documents', table({ agency: D })), { ok: false, outside: [D] });
    assert.deepEqual(await svc.records(onlyA, 'cases', drill({ drill: 'received', agency: B })), {
      ok: false,
      outside: [B],
    });
    assert.deepEqual(
      await svc.exportFile(onlyA, 'cases', table({ agency: B, groupBy: 'agency', compare: 'none' }), 'csv', 'vi'),
      { ok: false, outside: [B] },
    );
    assert.deepEqual(
      await svc.taskRecords(onlyA, { fromMs: 0, toMs: now, agency: B, leader: null, bucket: 'all', limit: 10 }),
      { ok: false, outside: [B] },
    );
  });

  test("drill-down lists only the scope's records, as many as its figure", async () => {
    for (const [d, figure] of [
      ['received', 'received'],
      ['resolved_late', 'resolvedLate'],
      ['overdue', 'overdueNow'],
    ] as const) {
      const page = must(await svc.records(aAndWardC, 'cases', drill({ drill: d })));
      assert.ok(
        page.rows.every((r) => r.agencyId === A || r.agencyId === C),
        d,
      );
      assert.equal(page.rows.length, rowOf(unscoped, A).sums[figure] + rowOf(unscoped, C).sums[figure], d);
      assert.ok(!page.hasMore);
    }
    const docs = must(await svc.records(onlyA, 'documents', drill({ drill: 'incoming_registered' })));
    assert.ok(docs.rows.length > 0 && docs.rows.every((r) => r.agencyId === A));
    assert.equal(docs.rows.length, rowOf(unscopedDocs, A).sums.incomingRegistered);
  });

  test("the export holds the scope's agencies and the scope's total, labelled so", async () => {
    const file = must(
      await svc.exportFile(aAndWardC, 'cases', table({ groupBy: 'agency', compare: 'none' }), 'csv', 'vi'),
    );
    const lines = file.body.toString('utf8').trim().split('\r\n');
    assert.deepEqual(
      lines.slice(1).map((l) => l.split(',')[0]),
      [A, C, ''],
    );
    assert.ok(lines.at(-1)!.includes('Tổng phạm vi'));
    const received = lines[0]!.split(',').indexOf('Hồ sơ tiếp nhận');
    assert.ok(received > 1, lines[0]);
    assert.equal(
      Number(lines.at(-1)!.split(',')[received]),
      rowOf(unscoped, A).sums.received + rowOf(unscoped, C).sums.received,
    );
  });

  test("today's figures and the overview are the scope's: its agencies only, city totals never", async () => {
    const city = (await svc.today(whole, 'cases')) as CaseKpis;
    const mine = (await svc.today(aAndWardC, 'cases')) as CaseKpis;
    assert.deepEqual(
      mine.byAgency.map((a) => a.agencyId),
      [A, C],
    );
    for (const a of mine.byAgency)
      assert.deepEqual(
        a,
        city.byAgency.find((x) => x.agencyId === a.agencyId),
      );
    const sum = (k: 'received' | 'resolved' | 'overdueNow') => mine.byAgency.reduce((s, a) => s + a[k], 0);
    assert.deepEqual(
      [mine.today.received, mine.today.resolved, mine.today.overdueNow],
      [sum('received'), sum('resolved'), sum('overdueNow')],
    );
    assert.ok(mine.today.received > 0 && mine.today.received < city.today.received);
    assert.equal(
      mine.hourly.received.reduce((s, n) => s + n, 0),
      mine.today.received,
    );
    const docs = (await svc.today(onlyA, 'documents')) as DocumentKpis;
    const {
      rows: [want],
    } = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM document_events WHERE agency_id = $1 AND direction = 'incoming' AND event = 'registered' AND time >= $2 AND time <= $3",
      [A, iso(day), iso(now)],
    );
    assert.equal(docs.today.incomingRegistered, want!.n);
    assert.ok(
      docs.today.incomingRegistered < ((await svc.today(whole, 'documents')) as DocumentKpis).today.incomingRegistered,
    );
    const overview = await svc.overview(aAndWardC);
    assert.deepEqual(overview.casesToday, {
      received: mine.today.received,
      resolved: mine.today.resolved,
      overdueNow: mine.today.overdueNow,
    });
    assert.ok((await svc.overview(whole)).casesToday.received > overview.casesToday.received);
  });

  test('a scope that covers no agency (an agency no longer known) shows nothing, never everything', async () => {
    const stale: Viewer = { username: 'x', scope: { agencies: ['gone-agency'], wards: [] } };
    const tab = must(await svc.table(stale, 'cases', table({}))) as CaseKpiTable;
    assert.deepEqual([tab.rows.length, tab.total.sums.received, tab.total.sums.overdueNow], [0, 0, 0]);
    assert.equal(must(await svc.records(stale, 'cases', drill({ drill: 'received' }))).rows.length, 0);
    assert.equal(((await svc.today(stale, 'cases')) as CaseKpis).today.received, 0);
    assert.equal((await svc.overview(stale)).casesToday.received, 0);
    assert.equal((await svc.taskKpis(stale, 0, now)).all.assigned, 0);
  });

  describe('accounts and live channels', () => {
    let auth: AuthService;
    let admin: SessionUser;
    let http: HttpServer;
    let rt: Realtime;
    let url: string;
    const clients: Client[] = [];

    before(async () => {
      auth = authService(t.db, {
        secret: 's'.repeat(48),
        ttlSeconds: 3600,
        maxFailures: 5,
        lockSeconds: 600,
        ratePerMinute: 1000,
        cookieSecure: 'auto',
      });
      await auth.ensureFirstAdmin('first-admin-password');
      const signed = await auth.signIn('admin', 'first-admin-password', req);
      assert.ok(signed.ok);
      admin = signed.user;
      http = createServer();
      rt = await attachRealtime({
        http,
        db: t.db,
        bus: createMemoryBus(),
        log: createLogger('silent'),
        timeZone: TZ,
        coalesceMs: 50,
        checkHandshake: realtimeHandshake(auth),
      });
      await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
      url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/live`;
    });
    after(async () => {
      for (const c of clients) c.close();
      await rt.close();
    });
    const subscribe = async (cookie: string, channel: string) => {
      const c: Client = connect(url, {
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
        extraHeaders: { cookie },
      });
      clients.push(c);
      await new Promise<void>((resolve, reject) => {
        c.once('connect', () => resolve());
        c.once('connect_error', reject);
      });
      return new Promise<SubscribeResult>((r) => c.emit('subscribe', { channel }, r));
    };

    test('a scope is refused when it names unknown agencies or wards (named), or belongs to another role than leader', async () => {
      const bad = await auth.createUser(
        admin,
        {
          username: 'lead-x',
          displayName: 'X',
          role: 'leader',
          password: 'leader-pass-1',
          scope: { agencies: [A, 'no-such-agency'], wards: ['99999'] },
        },
        req,
      );
      assert.deepEqual(bad, {
        problems: ['scope.agencies: unknown agency no-such-agency', 'scope.wards: unknown ward 99999'],
      });
      const op = await auth.createUser(
        admin,
        {
          username: 'op-x',
          displayName: 'X',
          role: 'operator',
          password: 'operator-pass-1',
          scope: { agencies: [A], wards: [] },
        },
        req,
      );
      assert.deepEqual(op, { problems: ['scope: only a leader can be scoped (role: operator)'] });
      assert.equal(
        (await auth.listUsers()).some((u) => u.username === 'lead-x' || u.username === 'op-x'),
        false,
      );
    });

    test('the session carries the scope; changing it ends the sessions and is audited with before and after; another role clears it', async () => {
      assert.equal(
        await auth.createUser(
          admin,
          {
            username: 'lead-s',
            displayName: 'S',
            role: 'leader',
            password: 'leader-pass-1',
            scope: { agencies: [A], wards: [] },
          },
          req,
        ),
        'ok',
      );
      const s = await auth.signIn('lead-s', 'leader-pass-1', req);
      assert.ok(s.ok);
      assert.deepEqual(s.user.scope, { agencies: [A], wards: [] });
      assert.deepEqual((await auth.fromCookie(cookieOf(s.setCookie)))?.user.scope, { agencies: [A], wards: [] });
      const id = (await auth.listUsers()).find((u) => u.username === 'lead-s')!.id;
      assert.deepEqual(await auth.updateUser(admin, id, { scope: { agencies: [A, 'nope'], wards: [] } }, req), {
        problems: ['scope.agencies: unknown agency nope'],
      });
      assert.ok(await auth.fromCookie(cookieOf(s.setCookie)), 'a refused change ends nothing');
      assert.equal(await auth.updateUser(admin, id, { scope: { agencies: [B, A], wards: [WARD_C] } }, req), 'ok');
      assert.equal(await auth.fromCookie(cookieOf(s.setCookie)), null, 'a new scope ends the sessions');
      const entry = (await recentAudit(t.db, 20)).find((e) => e.action === 'user.update' && e.target === 'lead-s');
      assert.deepEqual(entry?.detail as { before?: unknown; after?: unknown }, {
        passwordReset: false,
        before: { scope: { agencies: [A], wards: [] } },
        after: { scope: { agencies: [A, B], wards: [WARD_C] } },
      });
      assert.equal(await auth.updateUser(admin, id, { role: 'viewer' }, req), 'ok');
      assert.deepEqual((await auth.listUsers()).find((u) => u.id === id)?.scope, { agencies: [], wards: [] });
    });

    test('a scoped leader may not subscribe to kpi:cases, kpi:documents or overview; an unscoped leader may; other channels as the role', async () => {
      await auth.createUser(
        admin,
        {
          username: 'lead-live',
          displayName: 'L',
          role: 'leader',
          password: 'leader-pass-1',
          scope: { agencies: [], wards: [WARD_C] },
        },
        req,
      );
      await auth.createUser(
        admin,
        { username: 'lead-city', displayName: 'C', role: 'leader', password: 'leader-pass-1' },
        req,
      );
      const scoped = await auth.signIn('lead-live', 'leader-pass-1', req);
      const city = await auth.signIn('lead-city', 'leader-pass-1', req);
      assert.ok(scoped.ok && city.ok);
      for (const channel of ['kpi:cases', 'kpi:documents', 'overview']) {
        const refused = await subscribe(cookieOf(scoped.setCookie), channel);
        assert.equal(refused.ok, false, channel);
        assert.match(!refused.ok ? refused.error : '', /^forbidden/, channel);
        const allowed = await subscribe(cookieOf(city.setCookie), channel);
        assert.equal(allowed.ok, true, channel);
      }
      assert.equal((await subscribe(cookieOf(scoped.setCookie), 'alarms')).ok, true);
      assert.equal((await subscribe(cookieOf(scoped.setCookie), 'events:acks')).ok, false, "still the role's rule");
    });
  });
});
