/**
 * Alarm storage and lifecycle: raise (at most one open alarm per rule and subject), acknowledge
 * (by whom, with a note), clear (by the condition or by hand) — each transition with its audit
 * row in the same statement. The conditions that decide raise/clear are alarms/conditions.ts.
 */
import type { Queryable } from './adapter';
import { sql } from './sql';
import { ALARM_HISTORY_PAGE_SIZE, type AlarmHistoryPage } from '../contracts/alarm-history';

export interface RaiseAlarm {
  ruleId: string;
  subject: string;
  severity: number;
  atMs: number;
  value: number | null;
  detail?: Record<string, unknown>;
}

export interface OpenAlarm {
  alarmId: number;
  ruleId: string;
  subject: string;
  severity: number;
  state: 'active' | 'acknowledged';
  raisedAt: number;
  value: number | null;
  ackedAt: number | null;
  ackedBy: string | null;
  ackNote: string | null;
}

const iso = (ms: number) => new Date(ms).toISOString();
const ms = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).getTime());

/** The new alarm's id, or null when one was already open for this rule and subject. */
export async function raiseAlarm(db: Queryable, a: RaiseAlarm): Promise<number | null> {
  const { rows } = await db.query<{ alarm_id: unknown }>(sql('alarm-raise'), [
    a.ruleId,
    a.subject,
    a.severity,
    iso(a.atMs),
    a.value,
    a.detail ? JSON.stringify(a.detail) : null,
  ]);
  return rows[0] ? Number(rows[0].alarm_id) : null;
}

/** Whether it moved: only an active alarm can be acknowledged. */
export async function acknowledgeAlarm(
  db: Queryable,
  alarmId: number,
  by: string,
  note: string,
  atMs = Date.now(),
): Promise<boolean> {
  const { rows } = await db.query(sql('alarm-transition'), [alarmId, 'acknowledged', iso(atMs), by, note]);
  return rows.length > 0;
}

/** Whether it moved: an open alarm clears; `by` null means the condition ended by itself. */
export async function clearAlarm(
  db: Queryable,
  alarmId: number,
  by: string | null,
  atMs = Date.now(),
  note: string | null = null,
): Promise<boolean> {
  const { rows } = await db.query(sql('alarm-transition'), [alarmId, 'cleared', iso(atMs), by, note]);
  return rows.length > 0;
}

export async function openAlarms(db: Queryable, limit = 500): Promise<OpenAlarm[]> {
  const { rows } = await db.query<Record<string, unknown>>(sql('alarms-open'), [limit]);
  return rows.map((r) => ({
    alarmId: Number(r.alarm_id),
    ruleId: String(r.rule_id),
    subject: String(r.subject),
    severity: Number(r.severity),
    state: r.state as OpenAlarm['state'],
    raisedAt: ms(r.raised_at)!,
    value: r.value === null ? null : Number(r.value),
    ackedAt: ms(r.acked_at),
    ackedBy: r.acked_by === null ? null : String(r.acked_by),
    ackNote: r.ack_note === null ? null : String(r.ack_note),
  }));
}

export interface AlarmTransitionRow {
  at: number;
  from: string | null;
  to: string;
  actor: string | null;
  note: string | null;
}

export async function alarmHistory(db: Queryable, alarmId: number): Promise<AlarmTransitionRow[]> {
  const { rows } = await db.query<Record<string, unknown>>(sql('alarm-history'), [alarmId]);
  return rows.map((r) => ({
    at: ms(r.at)!,
    from: r.from_state === null ? null : String(r.from_state),
    to: String(r.to_state),
    actor: r.actor === null ? null : String(r.actor),
    note: r.note === null ? null : String(r.note),
  }));
}

export interface AlarmPeriod {
  from: number;
  to: number;
  severity?: number | undefined;
  rule?: string | undefined;
  state?: string | undefined;
  page?: number | undefined;
}

/** The alarms raised in [from, to), newest first, one page, with who acknowledged and cleared them and how long each lasted. */
export async function alarmsInPeriod(
  db: Queryable,
  q: AlarmPeriod,
  now = Date.now(),
  pageSize = ALARM_HISTORY_PAGE_SIZE,
): Promise<AlarmHistoryPage> {
  const page = q.page ?? 1;
  const { rows } = await db.query<Record<string, unknown>>(sql('alarms-history'), [
    iso(q.from),
    iso(q.to),
    q.severity ?? null,
    q.rule ?? null,
    q.state ?? null,
    pageSize,
    (page - 1) * pageSize,
    iso(now),
  ]);
  const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    page,
    pageSize,
    from: q.from,
    to: q.to,
    total: rows[0] ? Number(rows[0].total) : 0,
    items: rows.map((r) => {
      const detail = (r.detail ?? {}) as { name?: { vi: string; en: string } };
      return {
        id: String(r.alarm_id),
        ruleId: String(r.rule_id),
        name: detail.name ?? { vi: String(r.rule_id), en: String(r.rule_id) },
        subject: String(r.subject),
        title: String(r.title),
        severity: Number(r.severity),
        state: r.state as AlarmHistoryPage['items'][number]['state'],
        startedMs: ms(r.raised_at)!,
        value: r.value === null ? null : Number(r.value),
        ackedMs: ms(r.acked_at),
        ackedBy: str(r.acked_by),
        ackNote: str(r.ack_note),
        clearedMs: ms(r.cleared_at),
        clearedBy: str(r.cleared_by),
        durationMs: Number(r.duration_ms),
      };
    }),
  };
}

export async function alarmCheckpoints(db: Queryable): Promise<Map<string, number>> {
  const { rows } = await db.query<{ stream: string; ms: unknown }>(sql('alarm-checkpoints-get'));
  return new Map(rows.map((r) => [r.stream, Number(r.ms)]));
}

export async function setAlarmCheckpoint(db: Queryable, stream: string, atMs: number): Promise<void> {
  await db.query(sql('alarm-checkpoint-set'), [stream, iso(atMs)]);
}
