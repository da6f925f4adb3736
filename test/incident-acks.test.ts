/**
 * One incident, one acknowledgement (db/incident-acks.ts), both backends, through the services the
 * route handlers call: acknowledging a camera event acknowledges its unacknowledged alarms and
 * acknowledging such an alarm acknowledges its event — same person, same note, audit entries for
 * both with `via` — and the bus carries both counts (so `alarms` and `events:acks` refresh on
 * every node). A second acknowledgement of either is refused naming who was first; two at once
 * (event and alarm, or the event twice) leave exactly one winner on both, without a deadlock.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { IngestCommit } from '../contracts/live';
import { openAlarms, raiseAlarm } from '../db/alarms';
import { acknowledgeRaisedEventAlarm, type AlarmAckOutcome, type EventAckOutcome } from '../db/incident-acks';
import { insertCameraEvents } from '../db/ingest-writes';
import { migrate } from '../db/migrate';
import { createMemoryBus } from '../realtime/memory-bus';
import { alarmActions } from '../runtime/alarm-actions';
import { cameraEventService } from '../runtime/camera-event-service';
import { BACKEND, openTestDb, type TestDb } from './support/test-db';

const T0 = Date.now() - 3_600_000;
type Outcome = EventAckOutcome | AlarmAckOutcome;

interface AuditLine {
  actor: string | null;
  action: string;
  target: string | null;
  ip: string | null;
  detail: Record<string, unknown>;
}

describe(`one incident, one acknowledgement (${BACKEND})`, () => {
  let t: TestDb;
  const bus = createMemoryBus();
  const published: IngestCommit[] = [];
  let events: ReturnType<typeof cameraEventService>;
  let alarms: ReturnType<typeof alarmActions>;

  const addEvent = (eventId: string, n = 0) =>
    insertCameraEvents(t.db, [
      {
        eventId,
        cameraId: 'cam-1',
        timeMs: T0 + n * 1000,
        type: 'accident',
        severity: 3,
        plate: null,
        vehicleCount: null,
        snapshot: null,
        extra: null,
      },
    ]);
  const raise = async (ruleId: string, subject: string) => {
    const id = await raiseAlarm(t.db, {
      ruleId,
      subject,
      severity: 3,
      atMs: T0,
      value: 3,
      detail: { kind: 'camera_event', type: 'accident' },
    });
    assert.ok(id !== null);
    return id;
  };
  const alarm = async (id: number) => (await openAlarms(t.db)).find((a) => a.alarmId === id);
  const eventAck = async (eventId: string) =>
    (
      await t.db.query<{ acked_by: string; note: string }>(
        'SELECT acked_by, note FROM camera_event_acks WHERE event_id = $1',
        [eventId],
      )
    ).rows[0];
  const auditOf = async (targets: string[]): Promise<AuditLine[]> =>
    (
      await t.db.query<Record<string, unknown>>(
        'SELECT actor, action, target, ip, detail FROM audit_log WHERE target = ANY($1::text[]) ORDER BY audit_id',
        [targets],
      )
    ).rows.map((r) => ({
      actor: r.actor as string | null,
      action: String(r.action),
      target: r.target as string | null,
      ip: r.ip as string | null,
      detail: r.detail as Record<string, unknown>,
    }));

  before(async () => {
    t = await openTestDb();
    await migrate(t.db);
    bus.subscribe((c) => published.push(c));
    events = cameraEventService(t.db, bus, 'Asia/Ho_Chi_Minh');
    alarms = alarmActions(t.db, bus);
  });
  after(() => t.drop());

  test('acknowledging the event acknowledges its alarms (every rule that matched it), audited with via', async () => {
    await addEvent('ev-1');
    const a1 = await raise('accident', 'event:ev-1');
    const a2 = await raise('serious-any', 'event:ev-1');
    const other = await raise('accident', 'event:ev-other');
    published.length = 0;

    const made = await events.acknowledge('ev-1', 'traffic.ha', 'đã cử tổ CSGT', '10.0.0.5');
    assert.equal(made.ok, true);
    assert.deepEqual(
      [...made.alarmIds].sort((x, y) => x - y),
      [a1, a2],
    );
    for (const id of [a1, a2]) {
      const a = await alarm(id);
      assert.deepEqual([a?.state, a?.ackedBy, a?.ackNote], ['acknowledged', 'traffic.ha', 'đã cử tổ CSGT']);
    }
    assert.equal((await alarm(other))?.state, 'active', "another event's alarm is left alone");
    assert.deepEqual(
      published.map((c) => (c.kind === 'acks' ? { alarms: c.alarms, events: c.events } : c.kind)),
      [{ alarms: 2, events: 1 }],
      'one news for both channels',
    );

    assert.deepEqual(await auditOf(['ev-1', String(a1), String(a2)]), [
      {
        actor: 'traffic.ha',
        action: 'camera_event.ack',
        target: 'ev-1',
        ip: '10.0.0.5',
        detail: { note: 'đã cử tổ CSGT' },
      },
      ...[a1, a2].map((id) => ({
        actor: 'traffic.ha',
        action: 'alarm.acknowledge',
        target: String(id),
        ip: '10.0.0.5',
        detail: { note: 'đã cử tổ CSGT', via: 'camera_event.ack', eventId: 'ev-1' },
      })),
    ]);

    // Idempotent: a second acknowledgement of either face is refused with who was first, and changes nothing.
    const again = await events.acknowledge('ev-1', 'traffic.nam', 'lại', null);
    assert.equal(again.ok, false);
    assert.ok(!again.ok && again.reason === 'already_acknowledged' && again.ack.by === 'traffic.ha');
    const alarmAgain = await alarms.acknowledge(a1, 'op.lan', 'cũng xem', null);
    assert.ok(
      !alarmAgain.ok &&
        alarmAgain.reason === 'not_active' &&
        alarmAgain.ack?.by === 'traffic.ha' &&
        alarmAgain.ack.note === 'đã cử tổ CSGT',
    );
    assert.equal(published.length, 1, 'refusals tell nobody');
    assert.equal((await auditOf(['ev-1', String(a1), String(a2)])).length, 3, 'refusals write no audit');
  });

  test('acknowledging the alarm acknowledges its event, audited with via; a second one of either is refused', async () => {
    await addEvent('ev-2', 2);
    const id = await raise('accident', 'event:ev-2');
    published.length = 0;

    const made = await alarms.acknowledge(id, 'op.lan', 'đã xem camera', '10.0.0.6');
    assert.deepEqual(made, { ok: true, eventId: 'ev-2' });
    assert.deepEqual(await eventAck('ev-2'), { acked_by: 'op.lan', note: 'đã xem camera' });
    assert.deepEqual(
      published.map((c) => (c.kind === 'acks' ? { alarms: c.alarms, events: c.events } : c.kind)),
      [{ alarms: 1, events: 1 }],
    );
    assert.deepEqual(await auditOf(['ev-2', String(id)]), [
      {
        actor: 'op.lan',
        action: 'alarm.acknowledge',
        target: String(id),
        ip: '10.0.0.6',
        detail: { note: 'đã xem camera' },
      },
      {
        actor: 'op.lan',
        action: 'camera_event.ack',
        target: 'ev-2',
        ip: '10.0.0.6',
        detail: { note: 'đã xem camera', via: 'alarm.acknowledge', alarmId: id },
      },
    ]);

    const again = await events.acknowledge('ev-2', 'traffic.ha', 'muộn', null);
    assert.ok(!again.ok && again.reason === 'already_acknowledged' && again.ack.by === 'op.lan');
    const alarmAgain = await alarms.acknowledge(id, 'op.minh', null, null);
    assert.ok(!alarmAgain.ok && alarmAgain.ack?.by === 'op.lan');
    assert.equal(published.length, 1);
  });

  test('an acknowledgement without a note, an event already handled, an alarm about no event, an unknown alarm', async () => {
    await addEvent('ev-3', 3);
    const silent = await raise('accident', 'event:ev-3');
    assert.deepEqual(await alarms.acknowledge(silent, 'op.lan', null, null), { ok: true, eventId: 'ev-3' });
    assert.deepEqual(await eventAck('ev-3'), { acked_by: 'op.lan', note: '' });

    // The event was handled before its alarm existed: acknowledging the alarm leaves the event's own acknowledgement.
    await addEvent('ev-4', 4);
    assert.equal((await events.acknowledge('ev-4', 'traffic.ha', 'xong', null)).ok, true);
    const late = await raise('accident', 'event:ev-4');
    published.length = 0;
    assert.deepEqual(await alarms.acknowledge(late, 'op.lan', 'thấy rồi', null), { ok: true, eventId: null });
    assert.deepEqual(await eventAck('ev-4'), { acked_by: 'traffic.ha', note: 'xong' });
    assert.deepEqual(
      published.map((c) => (c.kind === 'acks' ? { alarms: c.alarms, events: c.events } : c.kind)),
      [{ alarms: 1, events: 0 }],
      'the feed did not move',
    );

    const sensor = await raise('pm25-high', 'sensor:aq-1');
    assert.deepEqual(await alarms.acknowledge(sensor, 'op.lan', 'ok', null), { ok: true, eventId: null });
    assert.deepEqual(await alarms.acknowledge(999_999, 'op.lan', 'ok', null), {
      ok: false,
      reason: 'unknown_alarm',
      state: null,
      ack: null,
    });
  });

  test("an alarm raised after its event was acknowledged starts acknowledged by that officer (the evaluator's path)", async () => {
    await addEvent('ev-5', 5);
    assert.equal((await events.acknowledge('ev-5', 'traffic.ha', 'đã xử lý', null)).ok, true);
    const id = await raise('accident', 'event:ev-5');
    const ack = await acknowledgeRaisedEventAlarm(t.db, id, 'ev-5', T0);
    assert.equal(ack?.by, 'traffic.ha');
    const a = await alarm(id);
    assert.deepEqual([a?.state, a?.ackedBy, a?.ackNote], ['acknowledged', 'traffic.ha', 'đã xử lý']);
    const [line] = await auditOf([String(id)]);
    assert.deepEqual(line?.detail, { note: 'đã xử lý', via: 'camera_event.ack', eventId: 'ev-5' });
    await addEvent('ev-6', 6);
    assert.equal(
      await acknowledgeRaisedEventAlarm(t.db, await raise('accident', 'event:ev-6'), 'ev-6', T0),
      null,
      'nothing to follow',
    );
  });

  test('two acknowledgements at once: one winner on both faces, the other told who, no deadlock', async () => {
    for (let i = 0; i < 12; i++) {
      const eventId = `race-${i}`;
      await addEvent(eventId, 10 + i);
      const id = await raise('accident', `event:${eventId}`);
      // Even rounds: the event and its alarm at once; odd rounds: the event twice at once.
      const race: [Promise<Outcome>, Promise<Outcome>] =
        i % 2 === 0
          ? [
              events.acknowledge(eventId, 'traffic.ha', 'từ /traffic', null),
              alarms.acknowledge(id, 'op.lan', 'từ /alarms', null),
            ]
          : [
              events.acknowledge(eventId, 'traffic.ha', 'một', null),
              events.acknowledge(eventId, 'traffic.nam', 'hai', null),
            ];
      const [first, second] = await Promise.all(race);
      assert.equal([first.ok, second.ok].filter(Boolean).length, 1, `round ${i}: exactly one acknowledgement is made`);
      const winner = (await eventAck(eventId))!;
      const a = await alarm(id);
      assert.deepEqual(
        [a?.state, a?.ackedBy, a?.ackNote],
        ['acknowledged', winner.acked_by, winner.note],
        `round ${i}: both faces name the same person and note`,
      );
      const loser = first.ok ? second : first;
      const loserSaw = 'ack' in loser && loser.ack ? loser.ack.by : null;
      assert.equal(loserSaw, winner.acked_by, `round ${i}: the refused one is told who was first`);
      const lines = await auditOf([eventId, String(id)]);
      assert.deepEqual(
        lines.map((l) => [l.action, l.actor]).sort(),
        [
          ['alarm.acknowledge', winner.acked_by],
          ['camera_event.ack', winner.acked_by],
        ],
        `round ${i}: one audit entry per face, by the winner`,
      );
    }
  });
});
