/**
 * The audit trail's search against a real database (both backends): filters, keyset pages that
 * neither skip nor repeat rows sharing a timestamp (also to the microsecond, also while rows are
 * appended), hostile filter values that match nothing and change nothing, and the alarm rules' own
 * transitions in the same search (view v_audit_trail, migration 024).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { auditQueryInput, auditQuerySchema, type AuditQuery, type AuditRow } from '../contracts/audit';
import { acknowledgeAlarm, clearAlarm, raiseAlarm } from '../db/alarms';
import { auditRows, countAudit, searchAudit } from '../db/audit';
import { migrate } from '../db/migrate';
import { appendAudit } from '../db/users';
import { BACKEND, openTestDb, type TestDb } from './support/test-db';

const q = (params: Record<string, string | string[]>): AuditQuery => {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const x of Array.isArray(v) ? v : [v]) sp.append(k, x);
  return auditQuerySchema.parse(auditQueryInput(sp));
};
const T0 = Date.UTC(2021, 4, 10, 3, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString();

describe(`audit trail search (${BACKEND})`, () => {
  let t: TestDb;
  before(async () => {
    t = await openTestDb();
    await migrate(t.db);
    // A varied trail in one hour of 2021, written as the console writes it.
    const at = (minutes: number) => iso(T0 + minutes * 60_000);
    const rows: [string, string | null, string, string | null, string | null, Record<string, unknown>][] = [
      [at(1), 'admin', 'auth.sign_in', 'admin', '192.0.2.7', {}],
      [at(2), null, 'auth.sign_in_failed', 'Mallory', '198.51.100.4', { reason: 'unknown_user' }],
      [at(3), 'admin', 'user.create', 'op1', '192.0.2.7', { role: 'operator' }],
      [at(4), 'op1', 'alarm.acknowledge', '17', '2001:db8::7', { note: 'Đã cử đội xử lý ngập' }],
      [at(5), 'admin', 'wall.layout', 'default', '192.0.2.7', { before: { scenes: 1 }, after: { scenes: 2 } }],
      [at(6), 'admin', 'camera.edit', 'cam_100%_ok', '192.0.2.7', { name: 'Ngã tư Lạch Tray' }],
      [at(7), 'admin', 'kpi.export', 'cases', '192.0.2.70', { query: { from: '2021-05-01' }, format: 'csv' }],
    ];
    for (const [when, actor, action, target, ip, detail] of rows)
      await t.db.query(
        'INSERT INTO audit_log (at, actor, action, target, ip, detail) VALUES ($1, $2, $3, $4, $5, $6)',
        [when, actor, action, target, ip, JSON.stringify(detail)],
      );
  });
  after(async () => {
    await t.drop();
  });

  const period = { from: iso(T0), to: iso(T0 + 3_600_000) };
  const actions = async (query: AuditQuery) => (await searchAudit(t.db, query)).entries.map((e) => e.action);

  test('each filter: actor, several actions, a part of the target (any case, % as itself), address start, text in the detail, period', async () => {
    assert.deepEqual(
      await actions(q(period)),
      [
        'kpi.export',
        'camera.edit',
        'wall.layout',
        'alarm.acknowledge',
        'user.create',
        'auth.sign_in_failed',
        'auth.sign_in',
      ],
      'newest first',
    );
    assert.equal((await searchAudit(t.db, q(period))).total, 7);
    assert.deepEqual(await actions(q({ ...period, actor: 'OP1' })), ['alarm.acknowledge'], 'names are lower-case');
    assert.deepEqual(await actions(q({ ...period, action: ['auth.sign_in', 'auth.sign_in_failed'] })), [
      'auth.sign_in_failed',
      'auth.sign_in',
    ]);
    assert.deepEqual(
      await actions(q({ ...period, action: 'user.create,kpi.export' })),
      ['kpi.export', 'user.create'],
      'a comma list too',
    );
    assert.deepEqual(await actions(q({ ...period, target: 'mALLo' })), ['auth.sign_in_failed']);
    assert.deepEqual(await actions(q({ ...period, target: '100%' })), ['camera.edit']);
    assert.deepEqual(
      await actions(q({ ...period, target: '%' })),
      ['camera.edit'],
      '% is a percent sign, not "anything"',
    );
    assert.deepEqual(
      await actions(q({ ...period, target: '_' })),
      ['camera.edit'],
      '_ is an underscore, not "any character"',
    );
    assert.deepEqual(
      await actions(q({ ...period, ip: '192.0.2.7' })),
      ['kpi.export', 'camera.edit', 'wall.layout', 'user.create', 'auth.sign_in'],
      'the start of an address',
    );
    assert.deepEqual(await actions(q({ ...period, ip: '2001:DB8:' })), ['alarm.acknowledge']);
    assert.deepEqual(await actions(q({ ...period, q: 'ngập' })), ['alarm.acknowledge'], 'Vietnamese text in a note');
    assert.deepEqual(await actions(q({ ...period, q: 'LẠCH TRAY' })), ['camera.edit'], 'any case');
    assert.deepEqual(await actions(q({ ...period, q: '"scenes": 2' })), ['wall.layout'], 'the detail as JSON text');
    assert.deepEqual(
      await actions(q({ from: iso(T0 + 2 * 60_000), to: iso(T0 + 4 * 60_000) })),
      ['user.create', 'auth.sign_in_failed'],
      '[from, to)',
    );
    assert.deepEqual(
      await actions(q({ ...period, actor: 'admin', action: 'camera.edit', target: 'cam', ip: '192.', q: 'tray' })),
      ['camera.edit'],
      'filters combine',
    );
  });

  test('injection strings as filter values match nothing and harm nothing', async () => {
    const before = await countAudit(t.db, q({}));
    const hostile = [
      `' OR '1'='1`,
      `'; DROP TABLE audit_log; --`,
      `%' OR 1=1 --`,
      `\\`,
      `$1`,
      `') UNION SELECT 'audit', 1, now(), 'x', 'x', 'x', 'x', '{}' --`,
      '<script>alert(1)</script>',
      `x'"`,
    ];
    for (const h of hostile) {
      for (const field of ['target', 'q'] as const) {
        const page = await searchAudit(t.db, q({ [field]: h }));
        assert.deepEqual([page.total, page.entries.length], [0, 0], `${field}=${h}`);
      }
    }
    for (const h of [`' OR 1=1 --`, `admin'--`])
      assert.ok(!auditQuerySchema.safeParse({ actor: h }).success, 'a user name is letters, digits . _ -');
    for (const h of [`1' OR '1'='1`, '::1; DROP'])
      assert.ok(!auditQuerySchema.safeParse({ ip: h }).success, 'an address is digits, a-f, . and :');
    assert.ok(!auditQuerySchema.safeParse({ action: [`x' OR 1=1`] }).success);
    assert.equal(await countAudit(t.db, q({})), before, 'nothing was written or removed');
    const tables = await t.db.query(
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name IN ('audit_log', 'alarm_transitions')`,
    );
    assert.equal(tables.rows[0]?.n, 2);
  });

  test('keyset pages over rows sharing one timestamp (and rows a microsecond apart): none skipped, none repeated, also while rows are appended', async () => {
    const same = '2022-02-02T02:02:02.123456Z';
    await t.db.query(
      `INSERT INTO audit_log (at, actor, action, target, detail) SELECT $1::timestamptz, 'bulk', 'camera_event.ack', 'ev-' || g, '{}' FROM generate_series(1, 45) g`,
      [same],
    );
    // Three rows in the same millisecond as the bulk, 1 µs before and after it: a cursor rounded to milliseconds would lose or repeat them.
    for (const us of ['2022-02-02T02:02:02.123455Z', '2022-02-02T02:02:02.123457Z', '2022-02-02T02:02:02.123458Z'])
      await t.db.query(
        `INSERT INTO audit_log (at, actor, action, target) VALUES ($1, 'bulk', 'camera_event.ack', $2)`,
        [us, `us-${us.slice(-7, -1)}`],
      );
    const filter = { actor: 'bulk', limit: '7' };
    const seen: AuditRow[] = [];
    let cursor: string | null = null;
    let pages = 0;
    const totals: number[] = [];
    do {
      const page = await searchAudit(t.db, q(cursor ? { ...filter, cursor } : filter));
      seen.push(...page.entries);
      totals.push(page.total);
      cursor = page.next;
      pages++;
      // Newer rows appended meanwhile (as a live console does) must not shift the pages.
      if (pages === 2) await appendAudit(t.db, { actor: 'bulk', action: 'camera_event.ack', target: 'late' });
    } while (cursor && pages < 50);
    assert.equal(pages, 7, '48 rows, 7 a page');
    assert.equal(seen.length, 48);
    assert.equal(new Set(seen.map((r) => r.id)).size, 48, 'no row twice');
    assert.ok(!seen.some((r) => r.target === 'late'), 'a row appended after page 1 is not slipped into older pages');
    assert.deepEqual(
      seen.slice(0, 2).map((r) => r.target),
      ['us-123458', 'us-123457'],
    );
    assert.equal(seen.at(-1)?.target, 'us-123455');
    const bulk = seen.slice(2, 47).map((r) => r.id);
    assert.deepEqual(
      bulk,
      [...bulk].sort((a, b) => b - a),
      'equal times: by id, newest first',
    );
    assert.deepEqual(
      totals,
      [48, 48, 49, 49, 49, 49, 49],
      'the total counts every matching row (the late one from page 3 on)',
    );
    // The export reads the same rows a page at a time.
    const exported: AuditRow[] = [];
    for await (const chunk of auditRows(
      t.db,
      q({ actor: 'bulk', from: '2022-01-01T00:00:00Z', to: '2022-03-01T00:00:00Z' }),
      1000,
      10,
    ))
      exported.push(...chunk);
    assert.deepEqual(
      exported.map((r) => r.id),
      seen.map((r) => r.id),
    );
    const capped: AuditRow[] = [];
    for await (const chunk of auditRows(
      t.db,
      q({ actor: 'bulk', from: '2022-01-01T00:00:00Z', to: '2022-03-01T00:00:00Z' }),
      20,
      7,
    ))
      capped.push(...chunk);
    assert.equal(capped.length, 20, 'at most max rows');
  });

  test("the alarm rules' transitions are in the same search; a person's acknowledge is not shown twice", async () => {
    const raisedAt = Date.UTC(2023, 6, 1, 8, 0, 0);
    const id = await raiseAlarm(t.db, {
      ruleId: 'flood',
      subject: 'sensor:wl-01',
      severity: 3,
      atMs: raisedAt,
      value: 42,
    });
    assert.ok(id);
    assert.ok(await acknowledgeAlarm(t.db, id, 'op1', 'đã xem', raisedAt + 60_000));
    await t.db.query(
      `INSERT INTO audit_log (at, actor, action, target, ip, detail) VALUES ($1, 'op1', 'alarm.acknowledge', $2, '192.0.2.9', '{"note": "đã xem"}')`,
      [iso(raisedAt + 60_000), String(id)],
    );
    assert.ok(await clearAlarm(t.db, id, null, raisedAt + 120_000));
    const page = await searchAudit(t.db, q({ target: String(id), from: iso(raisedAt - 1000) }));
    assert.deepEqual(
      page.entries.map((e) => [e.source, e.action, e.actor]),
      [
        ['alarm', 'alarm.clear', null],
        ['audit', 'alarm.acknowledge', 'op1'],
        ['alarm', 'alarm.raise', null],
      ],
    );
    const raise = page.entries.at(-1)!;
    assert.equal(raise.atMs, raisedAt);
    assert.deepEqual((raise.detail as Record<string, unknown>).rule, 'flood');
    assert.deepEqual(
      await actions(q({ action: 'alarm.raise', q: 'wl-01' })),
      ['alarm.raise'],
      "by action and by text in the rule's detail",
    );
    // Paging across both sources with equal times: a rule clear and an audit row at the same instant.
    await t.db.query(`INSERT INTO audit_log (at, actor, action, target) VALUES ($1, 'op1', 'camera.edit', $2)`, [
      iso(raisedAt + 120_000),
      String(id),
    ]);
    const all: AuditRow[] = [];
    let cursor: string | null = null;
    do {
      const f = { target: String(id), from: iso(raisedAt - 1000), to: iso(raisedAt + 3_600_000), limit: '1' };
      const p = await searchAudit(t.db, q(cursor ? { ...f, cursor } : f));
      all.push(...p.entries);
      cursor = p.next;
    } while (cursor);
    assert.deepEqual(
      all.map((e) => `${e.source}:${e.action}`),
      ['audit:camera.edit', 'alarm:alarm.clear', 'audit:alarm.acknowledge', 'alarm:alarm.raise'],
    );
    // The view reads; the trail under it stays append-only.
    await assert.rejects(t.db.query('DELETE FROM alarm_transitions'), /append-only/);
    await assert.rejects(t.db.query('DELETE FROM audit_log'), /append-only/);
  });

  test('bad queries name the field', () => {
    const problems = (input: Record<string, unknown>) => {
      const r = auditQuerySchema.safeParse(input);
      return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
    };
    assert.deepEqual(problems({ limit: '0' }), ['limit']);
    assert.deepEqual(problems({ limit: '1001' }), ['limit']);
    assert.deepEqual(problems({ cursor: '123' }), ['cursor']);
    assert.deepEqual(problems({ from: 'yesterday' }), ['from']);
    assert.deepEqual(problems({ from: '2021-01-02T00:00:00Z', to: '2021-01-01T00:00:00Z' }), ['from']);
    assert.deepEqual(problems({ action: ['auth.sign_in', 'DROP'] }), ['action.1']);
    assert.deepEqual(problems({ target: 'x'.repeat(129) }), ['target']);
  });
});
