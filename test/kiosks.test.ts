/**
 * Kiosk tokens against a real database (both backends) and a real Socket.IO server: a token is
 * shown once and stored only as its SHA-256; exchanging it opens a session of the read-only kiosk
 * role bound to its scenes; revoking it ends the session and drops the live connection; an expired,
 * revoked, unknown or malformed token is refused and audited; attempts are rate-limited.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { io as connect, type Socket } from 'socket.io-client';
import { authService, type AuthService, type RequestInfo } from '../auth/accounts';
import { kioskService, type KioskService } from '../auth/kiosks';
import { kioskCreateSchema, KIOSK_TOKEN_PATTERN } from '../contracts/kiosks';
import type { ClientToServerEvents, ServerToClientEvents, SubscribeResult } from '../contracts/realtime';
import type { SessionUser } from '../contracts/roles';
import { migrate } from '../db/migrate';
import { recentAudit } from '../db/users';
import { attachRealtime, type Realtime } from '../realtime/attach';
import { createMemoryBus } from '../realtime/memory-bus';
import { createLogger } from '../runtime/logger';
import { dropRevoked, realtimeHandshake } from '../runtime/realtime-auth';
import { BACKEND, openTestDb, type TestDb } from './support/test-db';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const adminReq: RequestInfo = { ip: '192.0.2.1', userAgent: 'admin-browser', https: false };
const wallReq: RequestInfo = { ip: '198.51.100.20', userAgent: 'wall-kiosk', https: false };
const cookieOf = (setCookie: string) => setCookie.split(';')[0]!;
const maxAgeOf = (setCookie: string) => Number(/Max-Age=(\d+)/.exec(setCookie)?.[1]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const THIRTY_DAYS_S = 30 * 24 * 3600;

describe(`kiosk tokens (${BACKEND})`, () => {
  let t: TestDb;
  let auth: AuthService;
  let kiosks: KioskService;
  let admin: SessionUser;
  let http: HttpServer;
  let rt: Realtime;
  let url: string;
  const clients: Client[] = [];

  before(async () => {
    t = await openTestDb();
    await migrate(t.db);
    auth = authService(t.db, {
      secret: 'k'.repeat(48),
      ttlSeconds: 3600,
      maxFailures: 3,
      lockSeconds: 600,
      ratePerMinute: 1000,
      cookieSecure: 'auto',
    });
    kiosks = kioskService(t.db, auth, { sessionTtlSeconds: THIRTY_DAYS_S, ratePerMinute: 1000 });
    await auth.ensureFirstAdmin('first-admin-password');
    const signed = await auth.signIn('admin', 'first-admin-password', adminReq);
    assert.ok(signed.ok);
    admin = signed.user;
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

  const open = (cookie: string): Client => {
    const c: Client = connect(url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      extraHeaders: { cookie },
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
  const create = (name: string, extra: Record<string, unknown> = {}) =>
    kiosks.create(admin, kioskCreateSchema.parse({ name, ...extra }), adminReq);
  const audit = async (action: string) => (await recentAudit(t.db, 500)).filter((a) => a.action === action);

  test('the token is shown once and only its SHA-256 is stored (nowhere else either)', async () => {
    const { id, token } = await create('Tường chính tầng 2', { scenes: ['traffic', 'city'], rotateSeconds: 20 });
    assert.match(token, KIOSK_TOKEN_PATTERN);
    const { rows } = await t.db.query('SELECT token_hash FROM kiosk_tokens WHERE kiosk_id = $1', [id]);
    assert.equal(rows[0]!.token_hash, createHash('sha256').update(token).digest('hex'));
    // Every text of every table a kiosk touches: the token is in none of them.
    for (const table of ['kiosk_tokens', 'users', 'user_sessions', 'audit_log']) {
      const dump = JSON.stringify((await t.db.query(`SELECT * FROM ${table}`)).rows);
      assert.ok(!dump.includes(token.slice(4)), `the token appears in ${table}`);
    }
    const [entry] = (await audit('kiosk.create')).filter((a) => a.target === 'Tường chính tầng 2');
    assert.equal(entry?.actor, 'admin');
    assert.deepEqual((entry?.detail as { scenes: string[] }).scenes, ['traffic', 'city']);
    const listed = (await kiosks.list()).find((k) => k.id === id);
    assert.deepEqual(
      [listed?.status, listed?.lastUsedMs, listed?.createdBy, listed?.scenes],
      ['active', null, 'admin', ['traffic', 'city']],
    );
    assert.ok(!(await auth.listUsers()).some((u) => u.id === id), "a kiosk is not among people's accounts");
  });

  test('the token opens a long session of the kiosk role, bound to its scenes; its use is recorded', async () => {
    const { id, token } = await create('Phòng họp lãnh đạo', { scenes: ['city'] });
    const before = Date.now();
    const r = await kiosks.signIn(token, wallReq);
    const after = Date.now();
    assert.ok(r.ok);
    assert.deepEqual([r.user.role, r.user.displayName, r.user.id], ['kiosk', 'Phòng họp lãnh đạo', id]);
    assert.equal(maxAgeOf(r.setCookie), THIRTY_DAYS_S, 'KIOSK_SESSION_HOURS, not the 1 h of people');
    const signed = await auth.fromCookie(cookieOf(r.setCookie));
    assert.equal(signed?.user.role, 'kiosk');
    assert.deepEqual(await kiosks.binding(id), { name: 'Phòng họp lãnh đạo', scenes: ['city'], rotateSeconds: null });
    assert.equal(await kiosks.binding(admin.id), null, 'a person has no binding');
    const listed = (await kiosks.list()).find((k) => k.id === id)!;
    assert.equal(listed.lastUsedIp, '198.51.100.20');
    // The moment of the sign-in (the database's clock, stored to the millisecond: a millisecond's slack each side).
    assert.ok(
      listed.lastUsedMs !== null && listed.lastUsedMs >= before - 1 && listed.lastUsedMs <= after + 1,
      `${listed.lastUsedMs} in [${before}, ${after}]`,
    );
    assert.equal(listed.sessions, 1);
    const [entry] = (await audit('kiosk.sign_in')).filter((a) => a.target === 'Phòng họp lãnh đạo');
    assert.equal(entry?.ip, '198.51.100.20');
  });

  test("a kiosk's principal cannot be signed in by name, nor edited as an account", async () => {
    const { id } = await create('Sảnh tầng 1');
    const { rows } = await t.db.query('SELECT username, password_hash FROM users WHERE user_id = $1', [id]);
    const username = String(rows[0]!.username);
    for (const pw of ['!kiosk', '', 'anything-at-all']) {
      const r = await auth.signIn(username, pw, wallReq);
      assert.equal(!r.ok && r.reason, 'invalid');
    }
    assert.equal(await auth.updateUser(admin, id, { role: 'admin' }, adminReq), 'not_found');
    assert.equal(await auth.updateUser(admin, id, { password: 'a-new-password-1' }, adminReq), 'not_found');
    await assert.rejects(t.db.query("UPDATE users SET role = 'superuser' WHERE user_id = $1", [id]), /check/i);
  });

  test('revoking the token ends the session and drops the live connection at once; the token is refused after', async () => {
    const { id, token } = await create('Tường điều hành giao thông', { scenes: ['traffic'] });
    const r = await kiosks.signIn(token, wallReq);
    assert.ok(r.ok);
    const c = open(cookieOf(r.setCookie));
    assert.equal(await connected(c), 'connected');
    assert.equal((await subscribe(c, 'alarms')).ok, true, "the wall's alarm banner");
    assert.equal((await subscribe(c, 'camera:cam-1')).ok, true);
    const acks = await subscribe(c, 'events:acks');
    assert.match(!acks.ok ? acks.error : '', /forbidden/);
    const dropped = new Promise<void>((res) => c.once('disconnect', () => res()));
    assert.equal(await kiosks.revoke(admin, id, adminReq), true);
    await Promise.race([dropped, sleep(5000).then(() => assert.fail('the wall is still connected after the revoke'))]);
    assert.equal(await auth.fromCookie(cookieOf(r.setCookie)), null);
    assert.equal(await connected(open(cookieOf(r.setCookie))), 'unauthorized');
    const again = await kiosks.signIn(token, wallReq);
    assert.equal(!again.ok && again.reason, 'revoked');
    assert.equal(await kiosks.revoke(admin, id, adminReq), false, 'revoked once');
    const listed = (await kiosks.list()).find((k) => k.id === id)!;
    assert.deepEqual([listed.status, listed.revokedBy, listed.sessions], ['revoked', 'admin', 0]);
    assert.equal((await audit('kiosk.revoke')).filter((a) => a.target === 'Tường điều hành giao thông').length, 1);
    assert.ok(
      (await audit('kiosk.sign_in_failed')).some(
        (a) => a.target === 'Tường điều hành giao thông' && (a.detail as { reason: string }).reason === 'revoked',
      ),
    );
  });

  test('a session never outlives its token; an expired token is refused', async () => {
    const inOneHour = Date.now() + 3_600_000;
    const { id, token } = await create('Tường tạm — hội nghị', { expiresAtMs: inOneHour });
    const r = await kiosks.signIn(token, wallReq);
    assert.ok(r.ok);
    assert.ok(maxAgeOf(r.setCookie) <= 3600 && maxAgeOf(r.setCookie) > 3500, `cookie Max-Age ${maxAgeOf(r.setCookie)}`);
    const { rows } = await t.db.query(
      'SELECT s.expires_at AS s, k.expires_at AS k FROM user_sessions s JOIN kiosk_tokens k ON k.kiosk_id = s.user_id WHERE s.user_id = $1',
      [id],
    );
    assert.ok(
      new Date(rows[0]!.s as string).getTime() <= new Date(rows[0]!.k as string).getTime() + 1000,
      'the session row ends with the token',
    );
    // The hour passes (moved in the database, whose clock decides).
    await t.db.query("UPDATE kiosk_tokens SET expires_at = now() - interval '1 second' WHERE kiosk_id = $1", [id]);
    await t.db.query("UPDATE user_sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1", [id]);
    assert.equal(await auth.fromCookie(cookieOf(r.setCookie)), null);
    const late = await kiosks.signIn(token, wallReq);
    assert.equal(!late.ok && late.reason, 'expired');
    assert.equal((await kiosks.list()).find((k) => k.id === id)?.status, 'expired');
  });

  test('unknown and malformed tokens are refused alike and audited with the reason', async () => {
    const unknown = `ck1_${'A'.repeat(43)}`;
    for (const token of [unknown, 'ck1_short', "' OR 1=1 --", 'ck1_' + 'é'.repeat(43)]) {
      const r = await kiosks.signIn(token, wallReq);
      assert.equal(!r.ok && r.reason, 'invalid', token);
    }
    const reasons = (await audit('kiosk.sign_in_failed')).map((a) => (a.detail as { reason: string }).reason);
    assert.ok(reasons.includes('unknown') && reasons.includes('malformed'), reasons.join());
  });

  test('token attempts are rate-limited per address, valid token or not', async () => {
    const limited = kioskService(t.db, auth, { sessionTtlSeconds: 60, ratePerMinute: 3 });
    const { token } = await create('Tường dự phòng');
    const other: RequestInfo = { ...wallReq, ip: '203.0.113.9' };
    for (let i = 0; i < 3; i += 1) assert.equal((await limited.signIn(`ck1_${String(i).repeat(43)}`, other)).ok, false);
    const r = await limited.signIn(token, other);
    assert.equal(!r.ok && r.reason, 'rate_limited');
    assert.ok(!r.ok && (r.retryAfterS ?? 0) > 0);
    assert.equal((await limited.signIn(token, wallReq)).ok, true, 'another address is not held back');
    assert.ok(
      (await audit('kiosk.sign_in_failed')).some(
        (a) => a.ip === '203.0.113.9' && (a.detail as { reason: string }).reason === 'rate_limited',
      ),
    );
  });

  test('the create request is validated field by field', () => {
    const bad = kioskCreateSchema.safeParse({
      name: ' ',
      scenes: ['city', 'city', 'Bad Id'],
      rotateSeconds: 2,
      expiresAtMs: 'soon',
      extra: 1,
    });
    assert.ok(!bad.success);
    const paths = bad.error.issues.map((i) => i.path.join('.') || i.code);
    for (const p of ['name', 'scenes.2', 'scenes', 'rotateSeconds', 'expiresAtMs', 'unrecognized_keys'])
      assert.ok(paths.includes(p), `${p} in ${paths.join()}`);
  });
});
