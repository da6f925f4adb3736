/**
 * The enabled rules, indexed the way the evaluator asks about them, built once per rules file. A
 * reading is checked only against the threshold rules on its metric that can watch its sensor
 * (by id, by kind, or every sensor), and a camera event only against the rules listing its type:
 * with a thousand rules, scanning them all for every reading cost the evaluator more than the
 * ingest spends on the message (bench/alarms.ts, docs/performance.md "Alarms").
 */
import type { AlarmRule, CameraEventRule, KpiBreachRule, OfflineRule, ThresholdRule } from '../contracts/alarm-rules';

interface MetricRules {
  bySensor: Map<string, ThresholdRule[]>;
  byKind: Map<string, ThresholdRule[]>;
  /** Neither ids nor kinds: every sensor with the metric. */
  any: ThresholdRule[];
}

const NONE: readonly never[] = [];

function push<K, V>(map: Map<K, V[]>, k: K, v: V): void {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}

export class RuleIndex {
  readonly thresholds: readonly ThresholdRule[];
  readonly offline: readonly OfflineRule[];
  readonly cameraEvents: readonly CameraEventRule[];
  readonly kpis: readonly KpiBreachRule[];
  /** Every metric some threshold rule watches (what the evaluator reads). */
  readonly metrics: readonly string[];
  /** Every camera event type some rule watches. */
  readonly eventTypes: readonly string[];
  private readonly byId = new Map<string, AlarmRule>();
  private readonly byMetric = new Map<string, MetricRules>();
  private readonly byEventType = new Map<string, CameraEventRule[]>();
  private readonly sensorIds = new Map<ThresholdRule, ReadonlySet<string>>();

  constructor(rules: readonly AlarmRule[]) {
    const enabled = rules.filter((r) => r.enabled);
    for (const r of enabled) this.byId.set(r.id, r);
    this.thresholds = enabled.filter((r) => r.kind === 'threshold');
    this.offline = enabled.filter((r) => r.kind === 'offline');
    this.cameraEvents = enabled.filter((r) => r.kind === 'camera_event');
    this.kpis = enabled.filter((r) => r.kind === 'kpi_breach');
    for (const r of this.thresholds) {
      let m = this.byMetric.get(r.metric);
      if (!m) this.byMetric.set(r.metric, (m = { bySensor: new Map(), byKind: new Map(), any: [] }));
      // Filed under the narrowest of its filters; the other is checked on the way out (watches).
      if (r.sensorIds) {
        this.sensorIds.set(r, new Set(r.sensorIds));
        for (const id of new Set(r.sensorIds)) push(m.bySensor, id, r);
      } else if (r.sensorKinds) for (const k of new Set(r.sensorKinds)) push(m.byKind, k, r);
      else m.any.push(r);
    }
    for (const r of this.cameraEvents) for (const t of new Set(r.types)) push(this.byEventType, t, r);
    this.metrics = [...this.byMetric.keys()];
    this.eventTypes = [...this.byEventType.keys()];
  }

  rule(id: string): AlarmRule | undefined {
    return this.byId.get(id);
  }

  /** The threshold rules that watch this sensor's readings of this metric. */
  thresholdsFor(metric: string, sensorId: string, kind: string | null): readonly ThresholdRule[] {
    const m = this.byMetric.get(metric);
    if (!m) return NONE;
    const byId = m.bySensor.get(sensorId);
    const byKind = kind === null ? undefined : m.byKind.get(kind);
    if (!byId && !byKind) return m.any;
    const out: ThresholdRule[] = [];
    if (byId) for (const r of byId) if (this.watches(r, sensorId, kind)) out.push(r);
    if (byKind) out.push(...byKind);
    out.push(...m.any);
    return out;
  }

  /** The camera-event rules listing this type (severity is the caller's check). */
  cameraRulesFor(type: string): readonly CameraEventRule[] {
    return this.byEventType.get(type) ?? NONE;
  }

  /** Whether a threshold rule's sensor filters (ids and kinds, both when both are given) admit a sensor. */
  watches(rule: ThresholdRule, sensorId: string, kind: string | null): boolean {
    if (rule.sensorIds && !(this.sensorIds.get(rule) ?? new Set(rule.sensorIds)).has(sensorId)) return false;
    if (rule.sensorKinds && (kind === null || !rule.sensorKinds.includes(kind))) return false;
    return true;
  }
}
