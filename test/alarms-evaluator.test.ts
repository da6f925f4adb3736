/**
 * The alarm evaluator over real stored data, both backends: a sustained threshold raises once,
 * dated when it became due; a restarted evaluator neither raises it again nor misses what happened
 * while it was down (a clear, and a new condition dated from when it began); camera events raise one
 * alarm each however often they are re-read; a silent camera goes offline and comes back.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { alarmRulesSchema } from '../contracts/alarm-rules';
import { AlarmEvaluator, type AlarmDb } from '../alarms/evaluator';
import { alarmHistory, openAlarms } from '../db/alarms';
import { insertTelemetry } from '../db/ingest-writes';
import { migrate } from '../db/migrate';
import { BACKEND, openTestDb, type TestDb } from './support/test-db';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 25, 1);
const at = (m: number) => new Date(T0 + m * MIN).toISOString();

const rules = alarmRulesSchema.parse([
  {
    id: 'pm25-high',
    name: { vi: 'PM2.5 cao', en: 'PM2.5 high' },
    severity: 2,
    kind: 'threshold',
    metric: 'pm25',
    sensorKinds: ['air'],
    op: 'above',
    value: 55,
    clearValue: 50,
    forSeconds: 600,
  },
  {
    id: 'accident',
    name: { vi: 'Tai nạn', en: 'Accident' },
    severity: 3,
    kind: 'camera_event',
    types: ['accident'],
    autoClearMinutes: 30,
  },
  {
    id: 'camera-offline',
    name: { vi: 'Camera mất tín hiệu', en: 'Camera offline' },
    severity: 1,
    kind: 'offline',
    deviceType: 'camera',
    minutes: 5,
  },
]);

describe(`alarm evaluator (${BACKEND})`, () => {
  let t: TestDb;
  const readings = async (sensor: string, from: number, to: number, value: number) => {
    for (let m = from; m <= to; m++)
      await t.db.query('INSERT INTO telemetry (time, device_id, metric, value) VALUES ($1, $2, $3, $4)', [
        at(m),
        sensor,
        'pm25',
        value,
      ]);
  };
  const open = async () => (await openAlarms(t.db)).map((a) => [a.ruleId, a.subject, (a.raisedAt - T0) / MIN]);

  before(async () => {
    t = await openTestDb();
    await migrate(t.db);
    await t.db.query(
      `INSERT INTO devices (device_type, device_id, kind, placed, last_seen) VALUES
      ('sensor', 'aq-1', 'air', true, $1), ('sensor', 'wl-1', 'water', true, $1), ('camera', 'cam-1', NULL, true, $1)`,
      [at(0)],
    );
  });
  after(() => t.drop());

  test('threshold, restart, conditions that began while down, camera events, offline', async () => {
    await readings('aq-1', 0, 12, 60);
    await readings('wl-1', 0, 12, 90); // not an air sensor: not watched
    const first = new AlarmEvaluator(t.db, rules);
    await first.tick(T0 + 3 * MIN); // the camera was heard from at minute 0: not yet offline (nor judged: listening for 0 of its 5 minutes)
    await first.tick(T0 + 13 * MIN);
    const sorted = (await open()).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    assert.deepEqual(
      sorted,
      [
        ['camera-offline', 'camera:cam-1', 5],
        ['pm25-high', 'sensor:aq-1', 10],
      ],
      'PM2.5 raised when its ten minutes were up; the camera dated from when its silence passed five minutes',
    );

    // A restart that sees the same condition raises nothing new.
    const second = new AlarmEvaluator(t.db, rules);
    const again = await second.tick(T0 + 14 * MIN);
    assert.equal(again.raised, 0);

    // Down while the air clears and then worsens again: the next start clears and re-raises, dated from the readings.
    await readings('aq-1', 13, 20, 45);
    await readings('aq-1', 21, 35, 70);
    await t.db.query(`UPDATE devices SET last_seen = $1 WHERE device_id = 'cam-1'`, [at(35)]);
    const third = new AlarmEvaluator(t.db, rules);
    await third.tick(T0 + 36 * MIN);
    const pm = (await openAlarms(t.db)).filter((a) => a.ruleId === 'pm25-high');
    assert.deepEqual(
      pm.map((a) => (a.raisedAt - T0) / MIN),
      [31],
      'the new condition, due at minute 21 + 10',
    );
    const { rows } = await t.db.query<{ alarm_id: number }>(
      `SELECT alarm_id FROM alarms WHERE rule_id = 'pm25-high' ORDER BY raised_at LIMIT 1`,
    );
    const history = await alarmHistory(t.db, Number(rows[0]!.alarm_id));
    assert.deepEqual(
      history.map((h) => [h.to, (h.at - T0) / MIN]),
      [
        ['active', 10],
        ['cleared', 13],
      ],
      'the first cleared when the air did',
    );
    assert.equal(
      (await openAlarms(t.db)).some((a) => a.ruleId === 'camera-offline'),
      false,
      'the camera was heard from again',
    );

    // Camera events: one alarm per accident, however often the stream is re-read.
    await t.db.query(
      `INSERT INTO camera_events (time, event_id, camera_id, type, severity) VALUES ($1, 'ev-1', 'cam-1', 'accident', 3), ($1, 'ev-2', 'cam-1', 'speeding', 2)`,
      [at(35.5)],
    );
    await third.tick(T0 + 36 * MIN);
    await new AlarmEvaluator(t.db, rules).tick(T0 + 37 * MIN);
    assert.deepEqual(
      (await openAlarms(t.db)).filter((a) => a.ruleId === 'accident').map((a) => a.subject),
      ['event:ev-1'],
    );
    // … and it clears by itself after its 30 minutes.
    await third.tick(T0 + 66 * MIN);
    assert.equal(
      (await openAlarms(t.db)).some((a) => a.ruleId === 'accident'),
      false,
    );

    // Just started: every device looks silent, so silence is judged only after listening for the rule's minutes.
    await t.db.query(
      `INSERT INTO devices (device_type, device_id, placed, last_seen) VALUES ('camera', 'cam-2', true, $1)`,
      [at(90)],
    );
    const cam2 = async () =>
      (await openAlarms(t.db)).filter((a) => a.subject === 'camera:cam-2').map((a) => (a.raisedAt - T0) / MIN);
    const late = new AlarmEvaluator(t.db, rules);
    await late.tick(T0 + 100 * MIN);
    assert.deepEqual(await cam2(), [], 'not on the first look after a start');
    await late.tick(T0 + 106 * MIN);
    assert.deepEqual(await cam2(), [95], 'then raised, dated from when the silence passed five minutes');
  });
});

describe(`alarm evaluator, a failed write (${BACKEND})`, () => {
  let t: TestDb;
  before(async () => {
    t = await openTestDb();
    await migrate(t.db);
    await t.db.query(
      `INSERT INTO devices (device_type, device_id, kind, placed, last_seen) VALUES ('sensor', 'aq-1', 'air', true, $1)`,
      [at(0)],
    );
  });
  after(() => t.drop());

  test('a raise that fails is raised on the next tick, not lost', async () => {
    for (let m = 0; m <= 12; m++)
      await t.db.query('INSERT INTO telemetry (time, device_id, metric, value) VALUES ($1, $2, $3, $4)', [
        at(m),
        'aq-1',
        'pm25',
        60,
      ]);
    // The first transaction of transitions fails (the database went away mid-tick, say).
    let failures = 1;
    const flaky: AlarmDb = {
      query: (text, params) => t.db.query(text, params),
      exec: (text) => t.db.exec(text),
      transaction: (fn) => (failures-- > 0 ? Promise.reject(new Error('connection lost')) : t.db.transaction(fn)),
    };
    const ev = new AlarmEvaluator(flaky, rules);
    await assert.rejects(ev.tick(T0 + 13 * MIN), /connection lost/);
    assert.deepEqual(await openAlarms(t.db), []);
    // The conditions had already stepped past those readings; the next tick starts again from the database.
    const next = await ev.tick(T0 + 14 * MIN);
    assert.equal(next.raised, 1);
    assert.deepEqual(
      (await openAlarms(t.db)).map((a) => [a.ruleId, (a.raisedAt - T0) / MIN]),
      [['pm25-high', 10]],
    );
  });
});

describe(`alarm evaluator, a crowded instant (${BACKEND})`, () => {
  let t: TestDb;
  before(async () => {
    t = await openTestDb();
    await migrate(t.db);
    await t.db.query(
      `INSERT INTO devices (device_type, device_id, kind, placed, last_seen) VALUES ('sensor', 'aq-1', 'air', true, $1)`,
      [at(0)],
    );
  });
  after(() => t.drop());

  test('more readings at one instant than a page holds do not stop the evaluator', async () => {
    // 20 001 readings stamped the same second (a fleet reporting on the minute); the page is 20 000.
    const crowd = Array.from({ length: 20_001 }, (_, i) => ({
      timeMs: T0 + MIN,
      deviceId: `noise-${i}`,
      metric: 'pm25',
      value: 10,
    }));
    await insertTelemetry(t.db, crowd);
    for (let m = 2; m <= 14; m++)
      await t.db.query('INSERT INTO telemetry (time, device_id, metric, value) VALUES ($1, $2, $3, $4)', [
        at(m),
        'aq-1',
        'pm25',
        60,
      ]);
    const ev = new AlarmEvaluator(t.db, rules);
    await ev.tick(T0 + 15 * MIN);
    await ev.tick(T0 + 16 * MIN);
    assert.deepEqual(
      (await openAlarms(t.db)).map((a) => [a.ruleId, a.subject, (a.raisedAt - T0) / MIN]),
      [['pm25-high', 'sensor:aq-1', 12]],
      'the readings after the crowded instant were evaluated',
    );
  });
});

describe(`alarm evaluator, readings committed late (${BACKEND})`, () => {
  let t: TestDb;
  before(async () => {
    t = await openTestDb();
    await migrate(t.db);
    await t.db.query(
      `INSERT INTO devices (device_type, device_id, kind, placed, last_seen) VALUES ('sensor', 'aq-1', 'air', true, $1), ('sensor', 'aq-2', 'air', true, $1)`,
      [at(0)],
    );
  });
  after(() => t.drop());

  test('readings well behind the newest seen, committed later, are evaluated at the next sweep of the lag window', async () => {
    const insert = async (sensor: string, from: number, to: number, value: number) => {
      for (let m = from; m <= to; m++)
        await t.db.query('INSERT INTO telemetry (time, device_id, metric, value) VALUES ($1, $2, $3, $4)', [
          at(m),
          sensor,
          'pm25',
          value,
        ]);
    };
    await insert('aq-1', 0, 12, 40);
    await insert('aq-2', 0, 9.5, 70);
    const ev = new AlarmEvaluator(t.db, rules);
    await ev.tick(T0 + 12.5 * MIN);
    // aq-2's next batch commits after aq-1's newer readings were evaluated, within the 2-minute lag.
    await insert('aq-2', 10.25, 11.25, 70);
    await ev.tick(T0 + 12.5 * MIN + 5_000);
    assert.deepEqual(
      await openAlarms(t.db),
      [],
      'between sweeps only the last seconds before the newest reading seen are read',
    );
    await ev.tick(T0 + 12.5 * MIN + 20_000);
    assert.deepEqual(
      (await openAlarms(t.db)).map((a) => [a.subject, (a.raisedAt - T0) / MIN]),
      [['sensor:aq-2', 10.25]],
      'raised, dated from its readings',
    );
  });
});
