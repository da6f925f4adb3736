/**
 * One incident, one acknowledgement. A serious camera event is both a line of /traffic's feed
 * (camera_event_acks) and, when a camera-event rule matched it, an alarm with subject
 * `event:{eventId}` on /alarms and the wall. Acknowledging either acknowledges the other when it is
 * still unacknowledged: same person, same note, in the same transaction, with an audit entry for
 * each (the linked one saying it came through the other: `detail.via`).
 *
 * Lock order, so two people acknowledging the event and its alarm at the same moment never wait on
 * each other (a deadlock would fail one of them as a 503): the alarm rows first, then the event's
 * acknowledgement. Whoever commits first wins both; the other finds them taken and is answered 409
 * with who (the alarm's state is re-read after the lock; the event's acknowledgement insert waits
 * for the other transaction's insert and then sees it).
 */
import type { AckResult, EventAck } from '../contracts/camera-events';
import type { Db, Queryable } from './adapter';
import { acknowledgeAlarm } from './alarms';
import { acknowledgeCameraEvent } from './camera-events';
import { sql } from './sql';
import { appendAudit } from './users';

/** Who acts (the signed-in user) and from where (for the audit log). */
export interface Actor {
  by: string;
  ip: string | null;
}

export const EVENT_SUBJECT = 'event:';

/** The event an alarm is about, or null when it is not about a camera event. */
export const eventOfSubject = (subject: string): string | null =>
  subject.startsWith(EVENT_SUBJECT) ? subject.slice(EVENT_SUBJECT.length) : null;

/** An acknowledgement of the event, and the alarms acknowledged with it (their ids). */
export type EventAckOutcome = AckResult & { alarmIds: number[] };

/** The officer's acknowledgement of a camera event, and of its unacknowledged alarms with it. */
export async function acknowledgeEventWithAlarms(
  db: Db,
  eventId: string,
  actor: Actor,
  note: string,
  atMs = Date.now(),
): Promise<EventAckOutcome> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ alarm_id: unknown }>(sql('alarms-of-event-lock'), [eventId]);
    const result = await acknowledgeCameraEvent(tx, eventId, actor.by, note, atMs);
    if (!result.ok) return { ...result, alarmIds: [] };
    await appendAudit(tx, {
      actor: actor.by,
      action: 'camera_event.ack',
      target: eventId,
      ip: actor.ip,
      detail: { note },
    });
    const alarmIds: number[] = [];
    for (const r of rows) {
      const alarmId = Number(r.alarm_id);
      // Locked above and still active: it moves (false only if it was not active, then nothing to do).
      if (!(await acknowledgeAlarm(tx, alarmId, actor.by, note, atMs))) continue;
      alarmIds.push(alarmId);
      await appendAudit(tx, {
        actor: actor.by,
        action: 'alarm.acknowledge',
        target: String(alarmId),
        ip: actor.ip,
        detail: { note, via: 'camera_event.ack', eventId },
      });
    }
    return { ...result, alarmIds };
  });
}

/** Who acknowledged an alarm first, for a refused acknowledgement (409). */
export interface AlarmAck {
  by: string;
  atMs: number;
  note: string | null;
}

export type AlarmAckOutcome =
  | { ok: true; eventId: string | null }
  | { ok: false; reason: 'unknown_alarm' | 'not_active'; state: string | null; ack: AlarmAck | null };

interface AlarmRow {
  subject: string;
  state: string;
  acked_at: unknown;
  acked_by: unknown;
  ack_note: unknown;
}

async function alarmRow(db: Queryable, alarmId: number): Promise<AlarmRow | null> {
  const { rows } = await db.query<Record<string, unknown>>(sql('alarm-get'), [alarmId]);
  const r = rows[0];
  return r
    ? {
        subject: String(r.subject),
        state: String(r.state),
        acked_at: r.acked_at,
        acked_by: r.acked_by,
        ack_note: r.ack_note,
      }
    : null;
}

/**
 * The operator's acknowledgement of an alarm, and of its camera event with it when the alarm is
 * about one that nobody acknowledged yet (the event's note: the operator's, or '' when they gave none).
 */
export async function acknowledgeAlarmWithEvent(
  db: Db,
  alarmId: number,
  actor: Actor,
  note: string | null,
  atMs = Date.now(),
): Promise<AlarmAckOutcome> {
  return db.transaction(async (tx) => {
    // alarm-transition.sql locks the alarm row first (the lock order above).
    const moved = await acknowledgeAlarm(tx, alarmId, actor.by, note ?? '', atMs);
    const alarm = await alarmRow(tx, alarmId);
    if (!moved || !alarm) {
      if (!alarm) return { ok: false, reason: 'unknown_alarm', state: null, ack: null };
      const ack =
        alarm.acked_by === null || alarm.acked_by === undefined
          ? null
          : {
              by: String(alarm.acked_by),
              atMs: new Date(alarm.acked_at as string | Date).getTime(),
              note: alarm.ack_note === null ? null : String(alarm.ack_note),
            };
      return { ok: false, reason: 'not_active', state: alarm.state, ack };
    }
    await appendAudit(tx, {
      actor: actor.by,
      action: 'alarm.acknowledge',
      target: String(alarmId),
      ip: actor.ip,
      detail: { note },
    });
    const eventId = eventOfSubject(alarm.subject);
    if (eventId === null) return { ok: true, eventId: null };
    const linked = await acknowledgeCameraEvent(tx, eventId, actor.by, note ?? '', atMs);
    // Already acknowledged (or the event is gone): the event keeps its own first acknowledgement.
    if (!linked.ok) return { ok: true, eventId: null };
    await appendAudit(tx, {
      actor: actor.by,
      action: 'camera_event.ack',
      target: eventId,
      ip: actor.ip,
      detail: { note: note ?? '', via: 'alarm.acknowledge', alarmId },
    });
    return { ok: true, eventId };
  });
}

/**
 * An alarm raised for an event an officer had already acknowledged (the evaluator reads events a
 * moment after the ingest stores them, so an officer quick on /traffic can come first): the alarm
 * is raised acknowledged by that officer, with their note. Returns the acknowledgement, or null.
 */
export async function acknowledgeRaisedEventAlarm(
  db: Queryable,
  alarmId: number,
  eventId: string,
  raisedAtMs: number,
): Promise<EventAck | null> {
  const { rows } = await db.query<Record<string, unknown>>(sql('camera-event-ack-get'), [eventId]);
  const r = rows[0];
  if (!r) return null;
  const ack: EventAck = {
    eventId,
    by: String(r.acked_by),
    atMs: new Date(r.acked_at as string | Date).getTime(),
    note: String(r.note),
  };
  // A transition is never dated before the alarm it moves.
  if (!(await acknowledgeAlarm(db, alarmId, ack.by, ack.note, Math.max(ack.atMs, raisedAtMs)))) return null;
  await appendAudit(db, {
    actor: ack.by,
    action: 'alarm.acknowledge',
    target: String(alarmId),
    ip: null,
    detail: { note: ack.note, via: 'camera_event.ack', eventId },
  });
  return ack;
}
