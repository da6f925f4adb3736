/**
 * Accounts, sessions and the live connection's admission against a real database (both backends)
 * and a real Socket.IO server: lock-out after N failures, a password change ending the other
 * sessions, the append-only audit log, hostile names stored as plain text, unauthenticated
 * handshakes refused, channels checked per role, and sign-out dropping the live connection.
 */
import assert from 'node:assert/strict';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { io as connect, type Socket } from 'socket.io-client';
import { authService, type AuthService, type RequestInfo } from '../auth/accounts';
import type { SessionUser } from '../contracts/roles';
import type { ClientToServerEvents, ServerToClientEvents, SubscribeResult } from '../contracts/realtime';
import { migrate } from '../db/migrate';
import { recentAudit } from '../db/users';
import { attachRealtime, type Realtime } from '../realtime/attach';
import { createMemoryBus } from '../realtime/memory-bus';
import { createLogger } from '../runtime/logger';
import { dropRevoked, realtimeHandshake } from '../runtime/realtime-auth';
import { BACKEND, openTestDb, type TestDb } from './support/test-db';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const req: RequestInfo = { ip: '192.0.2.7', userAgent: 'test', https: false };
const cookieOf = (setCookie: string) => setCookie.split(';')[0]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe(`accounts and sessions (${BACKEND})`, () => {
  let t: TestDb;
  let auth: AuthService;
  let admin: SessionUser;
  let http: HttpServer;
  let rt: Realtime;
  let url: string;
  const clients: Client[] = [];

  before(async () => {
    t = await openTestDb();
    await migrate(t.db);
    auth = authService(t.db, {
      secret: 's'.repeat(48),
      ttlSeconds: 3600,
      maxFailures: 3,
      lockSeconds: 600,
      ratePerMinute: 1000,
      cookieSecure: 'auto',
    });
    const first = await auth.ensureFirstAdmin('first-admin-password');
    assert.equal(first.created, true);
    const signed = await auth.signIn('admin', 'first-admin-password', req);
    assert.ok(signed.ok);
    admin = { ...signed.user, role: 'admin' };
    http = createServer();
    rt = await attachRealtime({
      http,
      db: t.db,
      bus: createMemoryBus(),
      log: createLogger('silent'),
      timeZone: 'Asia/Ho_Chi_Minh',
      coalesceMs: 50,
      checkHandshake: realtimeHandshake(auth),
    });
    dropRevoked(auth, rt);
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/live`;
  });
  after(async () => {
    for (const c of clients) c.close();
    await rt.close();
    await t.drop();
  });

  const open = (cookie: string | null): Client => {
    const c: Client = connect(url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      extraHeaders: cookie ? { cookie } : {},
    });
    clients.push(c);
    return c;
  };
  const connected = (c: Client) =>
    new Promise<'connected' | string>((resolve) => {
      c.once('connect', () => resolve('connected'));
      c.once('connect_error', (e) => resolve(e.message));
    });
  const subscribe = (c: Client, channel: string) =>
    new Promise<SubscribeResult>((r) => c.emit('subscribe', { channel }, r));

  test('the first start creates one admin; a second start creates none', async () => {
    assert.deepEqual(await auth.ensureFirstAdmin(undefined), { created: false });
  });

  test('a wrong password, an unknown name: the same refusal; N failures in a row lock the account, even for the right password', async () => {
    assert.equal(
      await auth.createUser(
        admin,
        { username: 'op1', displayName: 'Op', role: 'operator', password: 'operator-pass-1' },
        req,
      ),
      'ok',
    );
    assert.equal(
      await auth.createUser(
        admin,
        { username: 'op1', displayName: 'Op', role: 'operator', password: 'operator-pass-1' },
        req,
      ),
      'exists',
    );
    const unknown = await auth.signIn('nobody', 'whatever-pass', req);
    const wrong = await auth.signIn('op1', 'wrong-pass-1', req);
    assert.deepEqual([unknown.ok, !unknown.ok && unknown.reason], [false, 'invalid']);
    assert.deepEqual([wrong.ok, !wrong.ok && wrong.reason], [false, 'invalid']);
    await auth.signIn('op1', 'wrong-pass-2', req);
    const third = await auth.signIn('op1', 'wrong-pass-3', req);
    assert.equal(!third.ok && third.reason, 'locked');
    const right = await auth.signIn('op1', 'operator-pass-1', req);
    assert.equal(!right.ok && right.reason, 'locked', 'locked even with the right password');
    const list = await auth.listUsers();
    assert.equal(list.find((u) => u.username === 'op1')?.locked, true);
    // An admin unlocks it.
    const op1 = list.find((u) => u.username === 'op1')!;
    assert.equal(await auth.updateUser(admin, op1.id, { unlock: true }, req), 'ok');
    assert.equal((await auth.signIn('op1', 'operator-pass-1', req)).ok, true);
    const actions = (await recentAudit(t.db, 50)).filter((a) => a.target === 'op1').map((a) => a.action);
    assert.ok(
      actions.includes('auth.locked') && actions.includes('auth.sign_in') && actions.includes('user.update'),
      actions.join(','),
    );
  });

  test('a password change ends every other session of the user, keeps this one, and the old password no longer works', async () => {
    await auth.createUser(
      admin,
      { username: 'tr1', displayName: 'Tr', role: 'traffic', password: 'traffic-pass-1' },
      req,
    );
    const a = await auth.signIn('tr1', 'traffic-pass-1', req);
    const b = await auth.signIn('tr1', 'traffic-pass-1', req);
    assert.ok(a.ok && b.ok);
    const sa = await auth.fromCookie(cookieOf(a.setCookie));
    assert.ok(sa);
    assert.equal(await auth.changePassword(sa, 'not-it-at-all', 'traffic-pass-2', req), 'wrong_password');
    assert.equal(await auth.changePassword(sa, 'traffic-pass-1', 'traffic-pass-2', req), 'ok');
    assert.ok(await auth.fromCookie(cookieOf(a.setCookie)), 'this session stays');
    assert.equal(await auth.fromCookie(cookieOf(b.setCookie)), null, 'the other session ended');
    assert.equal((await auth.signIn('tr1', 'traffic-pass-1', req)).ok, false);
    assert.equal((await auth.signIn('tr1', 'traffic-pass-2', req)).ok, true);
  });

  test('a forged or tampered cookie is no session', async () => {
    assert.equal(await auth.fromCookie('cityops_session=Fe26.2**garbage'), null);
    assert.equal(await auth.fromCookie("cityops_session=' OR 1=1 --"), null);
    assert.equal(await auth.fromCookie(null), null);
  });

  test('hostile names are stored and returned as plain text', async () => {
    const name = `<img src=x onerror=alert(1)>'; DROP TABLE users; --`;
    assert.equal(
      await auth.createUser(
        admin,
        { username: 'x1', displayName: name, role: 'viewer', password: 'viewer-pass-1' },
        req,
      ),
      'ok',
    );
    assert.equal((await auth.listUsers()).find((u) => u.username === 'x1')?.displayName, name);
    const r = await auth.signIn(`admin' OR '1'='1`, 'x', req);
    assert.equal(!r.ok && r.reason, 'invalid');
  });

  test('the audit log refuses UPDATE, DELETE and TRUNCATE', async () => {
    await assert.rejects(t.db.query(`UPDATE audit_log SET actor = 'someone-else'`), /append-only/);
    await assert.rejects(t.db.query(`DELETE FROM audit_log`), /append-only/);
    await assert.rejects(t.db.query(`TRUNCATE audit_log`), /append-only/);
    assert.ok((await recentAudit(t.db, 5)).length > 0);
  });

  test('the live connection: refused without a session, with a forged one; channels checked per role', async () => {
    assert.equal(await connected(open(null)), 'unauthorized');
    assert.equal(await connected(open('cityops_session=forged')), 'unauthorized');
    await auth.createUser(admin, { username: 'v1', displayName: 'V', role: 'viewer', password: 'viewer-pass-1' }, req);
    const v = await auth.signIn('v1', 'viewer-pass-1', req);
    assert.ok(v.ok);
    const c = open(cookieOf(v.setCookie));
    assert.equal(await connected(c), 'connected');
    const acks = await subscribe(c, 'events:acks');
    assert.equal(acks.ok, false);
    assert.match(!acks.ok ? acks.error : '', /forbidden/);
    const kpi = await subscribe(c, 'kpi:cases');
    assert.doesNotMatch(!kpi.ok ? kpi.error : '', /forbidden/, 'the wall role may watch the KPI channel');
  });

  test('signing out drops the live connection of that session', async () => {
    const s = await auth.signIn('v1', 'viewer-pass-1', req);
    assert.ok(s.ok);
    const c = open(cookieOf(s.setCookie));
    assert.equal(await connected(c), 'connected');
    const dropped = new Promise<void>((r) => c.once('disconnect', () => r()));
    const signed = await auth.fromCookie(cookieOf(s.setCookie));
    assert.ok(signed);
    await auth.signOut(signed, req);
    await Promise.race([dropped, sleep(5000).then(() => assert.fail('still connected after sign-out'))]);
    assert.equal(await connected(open(cookieOf(s.setCookie))), 'unauthorized');
  });
});
