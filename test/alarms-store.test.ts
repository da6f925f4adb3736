/**
 * The alarm lifecycle in the database, both backends: one open alarm per rule and subject (a
 * restart that sees the condition again raises nothing new), acknowledge → clear with who and
 * when, refused moves, a new alarm after a clear, and the append-only audit trail.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { acknowledgeAlarm, alarmHistory, clearAlarm, openAlarms, raiseAlarm } from '../db/alarms';
import { migrate } from '../db/migrate';
import { BACKEND, openTestDb, type TestDb } from './support/test-db';

const T0 = Date.UTC(2026, 10, 25, 2);
const MIN = 60_000;

describe(`alarm lifecycle (${BACKEND})`, () => {
  let t: TestDb;
  before(async () => {
    t = await openTestDb();
    await migrate(t.db);
  });
  after(() => t.drop());

  test('raise once, acknowledge, clear, raise again; every transition audited', async () => {
    const raise = (atMs = T0) =>
      raiseAlarm(t.db, {
        ruleId: 'pm25-high',
        subject: 'sensor:aq-1',
        severity: 2,
        atMs,
        value: 61.5,
        detail: { metric: 'pm25' },
      });
    const id = await raise();
    assert.ok(id !== null);
    assert.equal(await raise(), null, 'already open: a second raise (e.g. after a restart) does nothing');
    assert.equal((await openAlarms(t.db)).length, 1);

    assert.equal(await clearAlarm(t.db, id, 'op.minh', T0 + MIN, 'cleared by hand'), true);
    assert.equal(await acknowledgeAlarm(t.db, id, 'op1', 'late'), false, 'a cleared alarm cannot be acknowledged');
    assert.equal(await clearAlarm(t.db, id, 'op1', T0 + MIN), false, 'nor cleared twice');
    assert.equal(await raise(), null, 'the same alarm (rule, subject, start) is never raised twice, even once cleared');
    const second = await raise(T0 + 5 * MIN);
    assert.ok(second !== null && second !== id, 'after a clear, a new condition raises a new alarm');
    assert.equal(await acknowledgeAlarm(t.db, second, 'op.lan', 'đã cử người kiểm tra', T0 + 2 * MIN), true);
    assert.equal(await acknowledgeAlarm(t.db, second, 'op.lan', 'again', T0 + 3 * MIN), false, 'acknowledged once');
    const [open] = await openAlarms(t.db);
    assert.deepEqual([open?.state, open?.ackedBy, open?.ackNote], ['acknowledged', 'op.lan', 'đã cử người kiểm tra']);
    assert.equal(await clearAlarm(t.db, second, null, T0 + 10 * MIN), true, 'the condition ended');
    assert.equal((await openAlarms(t.db)).length, 0);
    assert.deepEqual(
      (await alarmHistory(t.db, second)).map((h) => [h.from, h.to, h.actor, (h.at - T0) / MIN]),
      [
        [null, 'active', null, 5],
        ['active', 'acknowledged', 'op.lan', 2],
        ['acknowledged', 'cleared', null, 10],
      ],
    );
  });

  test('the audit trail cannot be rewritten', async () => {
    await assert.rejects(t.db.query('UPDATE alarm_transitions SET note = $1', ['x']), /append-only/);
    await assert.rejects(t.db.query('DELETE FROM alarm_transitions'), /append-only/);
  });
});
