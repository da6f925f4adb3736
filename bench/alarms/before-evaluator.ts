/**
 * The baseline: alarms/evaluator.ts as it was before the bench (commit ec35b0c), kept verbatim but
 * for its import paths, this comment and where its last-seen query lives (before-devices-seen.sql),
 * so the bench measures the change in the same process.
 * What changed since: every enabled threshold rule was checked against every reading (metric, then
 * the sensor filters, ids by `Array.includes`) and every camera rule against every event; states
 * were keyed by a joined "rule, subject" string; one page of 20 000 rows per tick; one commit per
 * alarm; every device's last-seen time read on every tick.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AlarmRule, KpiBreachRule, OfflineRule, ThresholdRule } from '../../contracts/alarm-rules';
import type { Queryable } from '../../db/adapter';
import {
  alarmCheckpoints,
  clearAlarm,
  openAlarms,
  raiseAlarm,
  setAlarmCheckpoint,
  type OpenAlarm,
} from '../../db/alarms';
import { sql } from '../../db/sql';
import {
  cameraEventAutoClearAt,
  cameraEventMatches,
  initialThresholdState,
  kpiTransition,
  offlineTransition,
  stepThreshold,
  type ThresholdState,
  type Transition,
} from '../../alarms/conditions';

/** How far behind the newest reading a tick re-reads: a batch commits readings out of time order. */
const LAG_MS = 2 * 60_000;
/** The most rows one tick reads per stream; the next tick continues (the checkpoint moved). */
const PAGE = 20_000;
/** On the first start, look back this far. */
const FIRST_LOOK_BACK_MS = 60 * 60_000;

/** Its query of every device's last message, no longer in db/queries (the product reads only the silent ones). */
export const BEFORE_DEVICES_SEEN = readFileSync(path.join(import.meta.dirname, 'before-devices-seen.sql'), 'utf8');

const key = (ruleId: string, subject: string) => `${ruleId}\u0000${subject}`;
type Row = Record<string, unknown>;

interface TickReport {
  readings: number;
  events: number;
  raised: number;
  cleared: number;
}

export class BeforeEvaluator {
  private readonly open = new Map<string, OpenAlarm>();
  private readonly thresholds = new Map<string, ThresholdState>();
  private checkpoints = new Map<string, number>();
  private started = false;
  private startedAtMs = 0;

  constructor(
    private readonly db: Queryable,
    private readonly rules: readonly AlarmRule[],
  ) {}

  private of<K extends AlarmRule['kind']>(kind: K): Extract<AlarmRule, { kind: K }>[] {
    return this.rules.filter((r): r is Extract<AlarmRule, { kind: K }> => r.enabled && r.kind === kind);
  }

  /** Loads open alarms and checkpoints, and rewinds the readings stream by the longest rule duration. */
  async start(nowMs: number): Promise<void> {
    for (const a of await openAlarms(this.db, 100_000)) this.open.set(key(a.ruleId, a.subject), a);
    this.checkpoints = await alarmCheckpoints(this.db);
    const longest = Math.max(0, ...this.of('threshold').map((r) => (r.forSeconds + r.clearForSeconds) * 1000));
    const from = (this.checkpoints.get('telemetry') ?? nowMs - FIRST_LOOK_BACK_MS) - longest - LAG_MS;
    this.checkpoints.set('telemetry', from);
    if (!this.checkpoints.has('camera_events')) this.checkpoints.set('camera_events', nowMs - FIRST_LOOK_BACK_MS);
    // Conditions of open threshold alarms start active: what they see next can only clear them.
    for (const a of this.open.values()) {
      const rule = this.rules.find((r) => r.id === a.ruleId);
      if (rule?.kind === 'threshold')
        this.thresholds.set(key(a.ruleId, a.subject), { ...initialThresholdState(), active: true });
    }
    this.started = true;
    this.startedAtMs = nowMs;
  }

  async tick(nowMs: number): Promise<TickReport> {
    if (!this.started) await this.start(nowMs);
    const report: TickReport = { readings: 0, events: 0, raised: 0, cleared: 0 };
    await this.readings(nowMs, report);
    await this.cameraEvents(nowMs, report);
    await this.offline(nowMs, report);
    await this.kpis(nowMs, report);
    return report;
  }

  private async apply(
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
      const id = await raiseAlarm(this.db, {
        ruleId: rule.id,
        subject,
        severity: rule.severity,
        atMs: t.at,
        value: t.value,
        detail: { name: rule.name, kind: rule.kind, ...detail },
      });
      if (id !== null) {
        report.raised++;
        this.open.set(k, {
          alarmId: id,
          ruleId: rule.id,
          subject,
          severity: rule.severity,
          state: 'active',
          raisedAt: t.at,
          value: t.value,
          ackedAt: null,
          ackedBy: null,
          ackNote: null,
        });
      }
    } else {
      const a = this.open.get(k);
      if (!a) return;
      this.open.delete(k);
      if (await clearAlarm(this.db, a.alarmId, null, t.at)) report.cleared++;
    }
  }

  private async readings(nowMs: number, report: TickReport): Promise<void> {
    const rules = this.of('threshold');
    if (rules.length === 0) return;
    const metrics = [...new Set(rules.map((r) => r.metric))];
    const from = this.checkpoints.get('telemetry')!;
    const { rows } = await this.db.query<Row>(sql('alarm-telemetry-since'), [
      new Date(from).toISOString(),
      metrics,
      PAGE,
      new Date(nowMs).toISOString(),
    ]);
    let newest = from;
    for (const r of rows) {
      const ms = Number(r.ms);
      newest = Math.max(newest, ms);
      report.readings++;
      const sensor = String(r.device_id);
      for (const rule of rules) {
        if (rule.metric !== r.metric || !watches(rule, sensor, r.kind === null ? null : String(r.kind))) continue;
        const k = key(rule.id, `sensor:${sensor}`);
        const step = stepThreshold(rule, this.thresholds.get(k) ?? initialThresholdState(), ms, Number(r.value));
        this.thresholds.set(k, step.state);
        if (step.transition) await this.apply(rule, `sensor:${sensor}`, step.transition, report, { type: rule.metric });
      }
    }
    // A full page: continue from its end next tick; otherwise keep a lag behind the newest reading.
    const next = rows.length === PAGE ? newest : Math.max(from, newest - LAG_MS);
    this.checkpoints.set('telemetry', next);
    await setAlarmCheckpoint(this.db, 'telemetry', next);
  }

  private async cameraEvents(nowMs: number, report: TickReport): Promise<void> {
    const rules = this.of('camera_event');
    for (const a of [...this.open.values()]) {
      const rule = rules.find((r) => r.id === a.ruleId);
      if (rule && nowMs >= cameraEventAutoClearAt(rule, a.raisedAt))
        await this.apply(rule, a.subject, { type: 'clear', at: nowMs, value: null }, report, { type: '' });
    }
    if (rules.length === 0) return;
    const types = [...new Set(rules.flatMap((r) => r.types))];
    const from = this.checkpoints.get('camera_events')!;
    const { rows } = await this.db.query<Row>(sql('alarm-camera-events-since'), [
      new Date(from).toISOString(),
      types,
      PAGE,
    ]);
    let newest = from;
    for (const r of rows) {
      const ms = Number(r.ms);
      newest = Math.max(newest, ms);
      report.events++;
      for (const rule of rules) {
        if (!cameraEventMatches(rule, String(r.type), Number(r.severity)) || nowMs >= cameraEventAutoClearAt(rule, ms))
          continue;
        // One alarm per event; the store refuses the same (rule, event, time) twice, so re-reads are harmless.
        await this.apply(
          rule,
          `event:${String(r.event_id)}`,
          { type: 'raise', at: ms, value: Number(r.severity) },
          report,
          { type: String(r.type), cameraId: String(r.camera_id), plate: r.plate === null ? null : String(r.plate) },
        );
      }
    }
    const next = rows.length === PAGE ? newest : Math.max(from, newest - LAG_MS);
    this.checkpoints.set('camera_events', next);
    await setAlarmCheckpoint(this.db, 'camera_events', next);
  }

  private async offline(nowMs: number, report: TickReport): Promise<void> {
    const rules: OfflineRule[] = this.of('offline');
    if (rules.length === 0) return;
    const { rows } = await this.db.query<Row>(BEFORE_DEVICES_SEEN);
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
          await this.apply(rule, subject, t, report, { type: rule.deviceType });
      }
  }

  private async kpis(nowMs: number, report: TickReport): Promise<void> {
    const rules: KpiBreachRule[] = this.of('kpi_breach');
    if (rules.length === 0) return;
    const { rows } = await this.db.query<Row>(sql('alarm-overdue-by-agency'), [new Date(nowMs).toISOString()]);
    for (const r of rows)
      for (const rule of rules) {
        if (rule.agencyId !== undefined && rule.agencyId !== r.agency_id) continue;
        const subject = `agency:${String(r.agency_id)}`;
        const value = Number(rule.kpi === 'cases.overdueNow' ? r.cases_overdue : r.documents_overdue);
        const t = kpiTransition(rule, this.open.has(key(rule.id, subject)), value, nowMs);
        if (t) await this.apply(rule, subject, t, report, { type: rule.kpi });
      }
  }
}

function watches(rule: ThresholdRule, sensorId: string, kind: string | null): boolean {
  if (rule.sensorIds && !rule.sensorIds.includes(sensorId)) return false;
  if (rule.sensorKinds && (kind === null || !rule.sensorKinds.includes(kind))) return false;
  return true;
}
