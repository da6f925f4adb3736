/**
 * The alarm evaluator: on every tick it reads what the ingest stored since its checkpoints
 * (readings of watched metrics, camera events of watched types), the devices' last-seen times and
 * the overdue counts, runs them through the rule conditions (conditions.ts) and writes the
 * transitions (db/alarms.ts). Restart-safe by construction:
 * - open alarms are loaded back, and the store keeps one open alarm per rule and subject, so a
 *   condition seen again is not raised again;
 * - the checkpoints are in the database, and a restart replays from the checkpoint minus the
 *   longest rule duration, so a condition that began while the evaluator was down is raised —
 *   dated from when it began — and one that ended is cleared;
 * - readings are replayed with a lag (commits of one batch are not in time order across
 *   devices); the conditions ignore what they have already seen for the same subject;
 * - a page's transitions and the checkpoint past it commit in one transaction, and a tick that
 *   fails is followed by a fresh start (open alarms and checkpoints reloaded), so the evaluator's
 *   memory never holds an alarm the database does not, nor the reverse.
 */
import type { AlarmRule, ThresholdRule } from '../contracts/alarm-rules';
import type { Db, Queryable } from '../db/adapter';
import { alarmCheckpoints, clearAlarm, openAlarms, raiseAlarm, setAlarmCheckpoint, type OpenAlarm } from '../db/alarms';
import { sql } from '../db/sql';
import { acknowledgeRaisedEventAlarm, eventOfSubject } from '../db/incident-acks';
import {
  cameraEventAutoClearAt,
  cameraEventMatches,
  initialThresholdState,
  kpiTransition,
  offlineTransition,
  stepThreshold,
  type ThresholdState,
  type Transition,
} from './conditions';
import { RuleIndex } from './rule-index';

/** How far behind the newest reading a sweep re-reads: a batch commits readings out of time order. */
const LAG_MS = 2 * 60_000;
/**
 * How often the lag window is re-read; the ticks between read from a few seconds before the newest
 * reading seen (devices' clocks and the ingest's batches differ by about that much). Re-reading
 * the whole window every tick read 16 readings for each new one at 150 msg/s (more at higher
 * rates, up to a page a tick), most of a tick's cost; a reading committed later than that is now
 * evaluated up to SWEEP_MS later (its alarm still dated from the readings).
 */
const SWEEP_MS = 15_000;
const SKEW_MS = 5_000;
/** Rows per read; a tick reads up to MAX_PAGES of them per stream, the next tick continues (the checkpoint moved). */
const PAGE = 20_000;
/**
 * One page per tick capped the evaluator at 20 000 readings a second whatever its speed, below the
 * ingest's rate (docs/performance.md "Alarms"); more pages per tick let it catch up, and the bound
 * keeps one tick from running for minutes after a long outage.
 */
const MAX_PAGES = 10;
/** On the first start, look back this far. */
const FIRST_LOOK_BACK_MS = 60 * 60_000;

const key = (ruleId: string, subject: string) => `${ruleId}\u0000${subject}`;
const SENSOR = 'sensor:';
type Row = Record<string, unknown>;

/** What the evaluator needs of the database: queries, and a transaction per page of transitions. */
export type AlarmDb = Pick<Db, 'query' | 'exec' | 'transaction'>;

/** A transition decided, written when its page commits. */
interface Pending {
  rule: AlarmRule;
  subject: string;
  t: Transition;
  detail: { type: string } & Record<string, unknown>;
}

export interface TickReport {
  readings: number;
  events: number;
  raised: number;
  cleared: number;
}

export class AlarmEvaluator {
  private readonly open = new Map<string, OpenAlarm>();
  /** Since when each KPI-breach rule and agency has been above its limit (forMinutes). */
  private readonly kpiBreachSince = new Map<string, number>();
  /**
   * Threshold conditions by sensor id, then by rule: one string lookup per reading and none per
   * rule (a joined "rule, subject" key per step cost more than the conditions themselves).
   */
  private readonly thresholds = new Map<string, Map<ThresholdRule, ThresholdState>>();
  private checkpoints = new Map<string, number>();
  private started = false;
  private startedAtMs = 0;
  /** The newest reading's time read since the start, and when the lag window was last re-read. */
  private seenMs: number | null = null;
  private sweptAtMs = -Infinity;
  private readonly index: RuleIndex;

  constructor(
    private readonly db: AlarmDb,
    rules: readonly AlarmRule[],
  ) {
    this.index = new RuleIndex(rules);
  }

  /** Loads open alarms and checkpoints, and rewinds the readings stream by the longest rule duration. */
  async start(nowMs: number): Promise<void> {
    for (const a of await openAlarms(this.db, 100_000)) this.open.set(key(a.ruleId, a.subject), a);
    this.checkpoints = await alarmCheckpoints(this.db);
    const longest = this.index.thresholds.reduce((m, r) => Math.max(m, (r.forSeconds + r.clearForSeconds) * 1000), 0);
    const from = (this.checkpoints.get('telemetry') ?? nowMs - FIRST_LOOK_BACK_MS) - longest - LAG_MS;
    this.checkpoints.set('telemetry', from);
    if (!this.checkpoints.has('camera_events')) this.checkpoints.set('camera_events', nowMs - FIRST_LOOK_BACK_MS);
    // Conditions of open threshold alarms start active: what they see next can only clear them.
    for (const a of this.open.values()) {
      const rule = this.index.rule(a.ruleId);
      if (rule?.kind === 'threshold' && a.subject.startsWith(SENSOR))
        this.statesOf(a.subject.slice(SENSOR.length)).set(rule, { ...initialThresholdState(), active: true });
    }
    this.started = true;
    this.startedAtMs = nowMs;
    this.seenMs = null;
    this.sweptAtMs = -Infinity;
  }

  private statesOf(sensor: string): Map<ThresholdRule, ThresholdState> {
    let states = this.thresholds.get(sensor);
    if (!states) this.thresholds.set(sensor, (states = new Map()));
    return states;
  }

  async tick(nowMs: number): Promise<TickReport> {
    if (!this.started) await this.start(nowMs);
    const report: TickReport = { readings: 0, events: 0, raised: 0, cleared: 0 };
    try {
      await this.readings(nowMs, report);
      await this.cameraEvents(nowMs, report);
      await this.offline(nowMs, report);
      await this.kpis(nowMs, report);
    } catch (err) {
      // The conditions have stepped past what may not have been written: start again from the
      // database, as after a restart (which replays from the checkpoint and raises nothing twice).
      this.open.clear();
      this.thresholds.clear();
      this.started = false;
      throw err;
    }
    return report;
  }

  /**
   * Writes a page's transitions and, in the same transaction, the checkpoint past them: one commit
   * per page, not one per alarm — each commit waits for the database's log flush (1–6 ms per alarm
   * on this machine's PostgreSQL, with other disk work), which made raising a few thousand alarms
   * take longer than reading half a million readings (docs/performance.md "Alarms").
   */
  private async commit(
    pending: readonly Pending[],
    report: TickReport,
    checkpoint: { stream: string; ms: number } | null,
  ): Promise<void> {
    if (pending.length === 0) {
      if (checkpoint) await setAlarmCheckpoint(this.db, checkpoint.stream, checkpoint.ms);
      return;
    }
    await this.db.transaction(async (tx) => {
      for (const p of pending) await this.apply(tx, p.rule, p.subject, p.t, report, p.detail);
      if (checkpoint) await setAlarmCheckpoint(tx, checkpoint.stream, checkpoint.ms);
    });
  }

  private async apply(
    db: Queryable,
    rule: AlarmRule,
    subject: string,
    t: Transition,
    report: TickReport,
    detail: { type: string } & Record<string, unknown>,
  ): Promise<void> {
    const k = key(rule.id, subject);
    if (t.type === 'raise') {
      if (this.open.has(k)) return;
      // The rule's name and kind travel with the alarm: rules files change, alarms keep what they were.
      const id = await raiseAlarm(db, {
        ruleId: rule.id,
        subject,
        severity: rule.severity,
        atMs: t.at,
        value: t.value,
        detail: { name: rule.name, kind: rule.kind, ...detail },
      });
      if (id !== null) {
        report.raised++;
        // One incident, one acknowledgement: an officer may have acknowledged the event on /traffic
        // before this tick read it; the alarm then starts acknowledged by them (db/incident-acks.ts).
        const eventId = eventOfSubject(subject);
        const ack = eventId === null ? null : await acknowledgeRaisedEventAlarm(db, id, eventId, t.at);
        this.open.set(k, {
          alarmId: id,
          ruleId: rule.id,
          subject,
          severity: rule.severity,
          state: ack ? 'acknowledged' : 'active',
          raisedAt: t.at,
          value: t.value,
          ackedAt: ack ? Math.max(ack.atMs, t.at) : null,
          ackedBy: ack?.by ?? null,
          ackNote: ack?.note ?? null,
        });
      }
    } else {
      const a = this.open.get(k);
      if (!a) return;
      this.open.delete(k);
      if (await clearAlarm(db, a.alarmId, null, t.at)) report.cleared++;
    }
  }

  private async readings(nowMs: number, report: TickReport): Promise<void> {
    if (this.index.thresholds.length === 0) return;
    const sweep = nowMs - this.sweptAtMs >= SWEEP_MS;
    if (sweep) this.sweptAtMs = nowMs;
    for (let page = 0; page < MAX_PAGES; page++)
      if (!(await this.readingsPage(nowMs, report, sweep && page === 0))) break;
  }

  /** One page of readings, from the checkpoint (`sweep`) or from just before the newest seen; whether it was full (more may be waiting). */
  private async readingsPage(nowMs: number, report: TickReport, sweep: boolean): Promise<boolean> {
    const checkpoint = this.checkpoints.get('telemetry')!;
    const from = sweep || this.seenMs === null ? checkpoint : Math.max(checkpoint, this.seenMs - SKEW_MS);
    const { rows } = await this.db.query<Row>(sql('alarm-telemetry-since'), [
      new Date(from).toISOString(),
      this.index.metrics,
      PAGE,
      new Date(nowMs).toISOString(),
    ]);
    const pending: Pending[] = [];
    let newest = this.evaluateReadings(rows, from, report, pending);
    const full = rows.length === PAGE;
    if (full && newest === from) {
      // The whole page is one instant, and the checkpoint is a time: the same page would come back
      // on every tick and nothing after it would ever be evaluated. Read the instant whole (the rows
      // already seen are ignored as such) and continue just after it; the ingest stores milliseconds.
      const { rows: instant } = await this.db.query<Row>(sql('alarm-telemetry-at'), [
        new Date(from).toISOString(),
        this.index.metrics,
      ]);
      this.evaluateReadings(instant, from, report, pending);
      newest = from + 1;
    }
    this.seenMs = Math.max(this.seenMs ?? newest, newest);
    // A full page: continue from its end; otherwise keep a lag behind the newest reading.
    const next = full ? newest : Math.max(checkpoint, newest - LAG_MS);
    await this.commit(pending, report, { stream: 'telemetry', ms: next });
    this.checkpoints.set('telemetry', next);
    return full && next > from;
  }

  /** Steps each reading through the threshold rules watching it; the newest reading's time (at least `from`). */
  private evaluateReadings(rows: readonly Row[], from: number, report: TickReport, pending: Pending[]): number {
    let newest = from;
    for (const r of rows) {
      const ms = Number(r.ms);
      newest = Math.max(newest, ms);
      report.readings++;
      const sensor = String(r.device_id);
      const rules = this.index.thresholdsFor(String(r.metric), sensor, r.kind === null ? null : String(r.kind));
      if (rules.length === 0) continue;
      const states = this.statesOf(sensor);
      const value = Number(r.value);
      for (const rule of rules) {
        const step = stepThreshold(rule, states.get(rule) ?? initialThresholdState(), ms, value);
        states.set(rule, step.state);
        if (step.transition)
          pending.push({ rule, subject: SENSOR + sensor, t: step.transition, detail: { type: rule.metric } });
      }
    }
    return newest;
  }

  private async cameraEvents(nowMs: number, report: TickReport): Promise<void> {
    const expired: Pending[] = [];
    for (const a of this.open.values()) {
      const rule = this.index.rule(a.ruleId);
      if (rule?.kind === 'camera_event' && nowMs >= cameraEventAutoClearAt(rule, a.raisedAt))
        expired.push({ rule, subject: a.subject, t: { type: 'clear', at: nowMs, value: null }, detail: { type: '' } });
    }
    await this.commit(expired, report, null);
    if (this.index.cameraEvents.length === 0) return;
    for (let page = 0; page < MAX_PAGES; page++) if (!(await this.cameraEventsPage(nowMs, report))) break;
  }

  private async cameraEventsPage(nowMs: number, report: TickReport): Promise<boolean> {
    const from = this.checkpoints.get('camera_events')!;
    const { rows } = await this.db.query<Row>(sql('alarm-camera-events-since'), [
      new Date(from).toISOString(),
      this.index.eventTypes,
      PAGE,
    ]);
    let newest = from;
    const pending: Pending[] = [];
    for (const r of rows) {
      const ms = Number(r.ms);
      newest = Math.max(newest, ms);
      report.events++;
      for (const rule of this.index.cameraRulesFor(String(r.type))) {
        if (!cameraEventMatches(rule, String(r.type), Number(r.severity)) || nowMs >= cameraEventAutoClearAt(rule, ms))
          continue;
        // One alarm per event; the store refuses the same (rule, event, time) twice, so re-reads are harmless.
        pending.push({
          rule,
          subject: `event:${String(r.event_id)}`,
          t: { type: 'raise', at: ms, value: Number(r.severity) },
          detail: {
            type: String(r.type),
            cameraId: String(r.camera_id),
            plate: r.plate === null ? null : String(r.plate),
          },
        });
      }
    }
    const full = rows.length === PAGE;
    const next = full ? newest : Math.max(from, newest - LAG_MS);
    await this.commit(pending, report, { stream: 'camera_events', ms: next });
    this.checkpoints.set('camera_events', next);
    return full && next > from;
  }

  private async offline(nowMs: number, report: TickReport): Promise<void> {
    const rules = this.index.offline;
    if (rules.length === 0) return;
    // Only devices silent past the shortest rule, and those whose offline alarm is open, can move.
    const shortest = rules.reduce((m, r) => Math.min(m, r.minutes), Infinity);
    const openTypes: string[] = [];
    const openIds: string[] = [];
    for (const a of this.open.values()) {
      const rule = this.index.rule(a.ruleId);
      if (rule?.kind !== 'offline') continue;
      openTypes.push(rule.deviceType);
      openIds.push(a.subject.slice(rule.deviceType.length + 1));
    }
    const { rows } = await this.db.query<Row>(sql('alarm-devices-silent'), [
      new Date(nowMs - shortest * 60_000).toISOString(),
      openTypes,
      openIds,
    ]);
    const pending: Pending[] = [];
    for (const r of rows)
      for (const rule of rules) {
        if (rule.deviceType !== r.device_type) continue;
        const subject = `${rule.deviceType}:${String(r.device_id)}`;
        const t = offlineTransition(
          rule,
          this.open.has(key(rule.id, subject)),
          r.last_seen_ms === null ? null : Number(r.last_seen_ms),
          nowMs,
        );
        // Silence is judged only after listening for the rule's minutes: just after a start (or a
        // restored backup) every device looks silent, and that is not news about the devices.
        // Being heard again clears at once.
        if (t && (t.type === 'clear' || nowMs - this.startedAtMs >= rule.minutes * 60_000))
          pending.push({ rule, subject, t, detail: { type: rule.deviceType } });
      }
    await this.commit(pending, report, null);
  }

  private async kpis(nowMs: number, report: TickReport): Promise<void> {
    const rules = this.index.kpis;
    if (rules.length === 0) return;
    const { rows } = await this.db.query<Row>(sql('alarm-overdue-by-agency'), [new Date(nowMs).toISOString()]);
    const pending: Pending[] = [];
    for (const r of rows)
      for (const rule of rules) {
        if (rule.agencyId !== undefined && rule.agencyId !== r.agency_id) continue;
        const subject = `agency:${String(r.agency_id)}`;
        const value = Number(rule.kpi === 'cases.overdueNow' ? r.cases_overdue : r.documents_overdue);
        // Since when each (rule, agency) has been in breach: at most rules × agencies entries.
        const k = key(rule.id, subject);
        if (value <= rule.above) this.kpiBreachSince.delete(k);
        else if (!this.kpiBreachSince.has(k)) this.kpiBreachSince.set(k, nowMs);
        const t = kpiTransition(rule, this.open.has(k), value, nowMs, this.kpiBreachSince.get(k) ?? nowMs);
        if (t) pending.push({ rule, subject, t, detail: { type: rule.kpi } });
      }
    await this.commit(pending, report, null);
  }
}
