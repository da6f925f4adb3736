/**
 * Alarm history on both backends: the alarms raised in a period with who acknowledged and cleared
 * them, durations to the clear (or so far for an open one), filters, pages, and the audit trail.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { acknowledgeAlarm, alarmHistory, alarmsInPeriod, clearAlarm, raiseAlarm } from '../db/alarms';
import { migrate } from '../db/migrate';
import { BACKEND, openTestDb, type TestDb } from './support/test-db';

const T0 = Date.UTC(2026, 10, 20, 2);
const MIN = 60_000;

describe(`alarm history (${BACKEND})`, () => {
  let t: TestDb;
  let ids: number[] = [];
  before(async () => {
    t = await openTestDb();
    await migrate(t.db);
    const raise = async (ruleId: string, subject: string, severity: number, atMs: number) => {
      const id = await raiseAlarm(t.db, {
        ruleId,
        subject,
        severity,
        atMs,
        value: null,
        detail: { name: { vi: `Luật ${ruleId}`, en: `Rule ${ruleId}` } },
      });
      assert.ok(id !== null);
      return id;
    };
    // a: acknowledged then cleared by hand, 30 minutes; b: cleared by its condition, 5 minutes; c: still open.
    const a = await raise('pm25-high', 'sensor:aq-1', 2, T0);
    assert.ok(await acknowledgeAlarm(t.db, a, 'op.lan', 'đã cử người', T0 + 10 * MIN));
    assert.ok(await clearAlarm(t.db, a, 'op.minh', T0 + 30 * MIN, 'xong'));
    const b = await raise('offline', 'sensor:aq-2', 3, T0 + 60 * MIN);
    assert.ok(await clearAlarm(t.db, b, null, T0 + 65 * MIN));
    const c = await raise('pm25-high', 'sensor:aq-3', 2, T0 + 120 * MIN);
    // Outside the period: the day before.
    await raise('pm25-high', 'sensor:aq-4', 1, T0 - 24 * 60 * MIN);
    ids = [a, b, c];
  });
  after(() => t.drop());

  test('the period, newest first, with who, when and how long', async () => {
    const now = T0 + 180 * MIN;
    const page = await alarmsInPeriod(t.db, { from: T0, to: T0 + 24 * 60 * MIN }, now);
    assert.equal(page.total, 3);
    assert.deepEqual(
      page.items.map((i) => Number(i.id)),
      [ids[2], ids[1], ids[0]],
    );
    const [c, b, a] = page.items;
    assert.deepEqual(
      [a?.state, a?.ackedBy, a?.ackNote, a?.ackedMs, a?.clearedBy, a?.clearedMs, a?.durationMs],
      ['cleared', 'op.lan', 'đã cử người', T0 + 10 * MIN, 'op.minh', T0 + 30 * MIN, 30 * MIN],
    );
    assert.deepEqual(
      [b?.state, b?.clearedBy, b?.durationMs, b?.severity],
      ['cleared', null, 5 * MIN, 3],
      'cleared by the condition: no one',
    );
    assert.deepEqual([c?.state, c?.clearedMs, c?.durationMs], ['active', null, 60 * MIN], 'open: lasted so far');
    assert.deepEqual(a?.name, { vi: 'Luật pm25-high', en: 'Rule pm25-high' });
    assert.equal(a?.title, 'aq-1', 'an unknown device is named by its id');
  });

  test('filters and pages', async () => {
    const all = { from: T0, to: T0 + 24 * 60 * MIN };
    const ofIds = async (q: Parameters<typeof alarmsInPeriod>[1], pageSize?: number) =>
      (await alarmsInPeriod(t.db, q, T0 + 180 * MIN, pageSize)).items.map((i) => Number(i.id));
    assert.deepEqual(await ofIds({ ...all, severity: 3 }), [ids[1]]);
    assert.deepEqual(await ofIds({ ...all, rule: 'pm25-high' }), [ids[2], ids[0]]);
    assert.deepEqual(await ofIds({ ...all, state: 'cleared' }), [ids[1], ids[0]]);
    assert.deepEqual(await ofIds({ ...all, state: 'open' }), [ids[2]]);
    assert.deepEqual(
      await ofIds({ from: T0 + 60 * MIN, to: T0 + 120 * MIN }),
      [ids[1]],
      'from inclusive, to exclusive',
    );
    assert.deepEqual(await ofIds({ ...all, page: 2 }, 2), [ids[0]]);
    const empty = await alarmsInPeriod(t.db, { from: T0 + 200 * MIN, to: T0 + 300 * MIN });
    assert.deepEqual([empty.total, empty.items.length], [0, 0]);
  });

  test('the audit trail of an alarm: raised → acknowledged → cleared, who and note', async () => {
    const trail = await alarmHistory(t.db, ids[0]!);
    assert.deepEqual(
      trail.map((x) => [x.from, x.to, x.actor, x.note, x.at]),
      [
        [null, 'active', null, null, T0],
        ['active', 'acknowledged', 'op.lan', 'đã cử người', T0 + 10 * MIN],
        ['acknowledged', 'cleared', 'op.minh', 'xong', T0 + 30 * MIN],
      ],
    );
    assert.deepEqual(await alarmHistory(t.db, 999_999), [], 'an unknown alarm has no trail (the API answers 404)');
  });
});
