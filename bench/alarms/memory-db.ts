/**
 * A Queryable that answers the evaluator's queries from the generated data in memory, so the
 * evaluator's own work (matching rules, stepping the conditions, deciding transitions) is measured
 * without a database: reads are slices of the sorted arrays (what the SQL would return, in its
 * order and page size), raises and clears succeed at once, checkpoints are kept in a map.
 */
import type { AlarmDb } from '../../alarms/evaluator';
import type { QueryResult, Queryable, Row } from '../../db/adapter';
import { sql } from '../../db/sql';
import { BEFORE_DEVICES_SEEN } from './before-evaluator';
import type { BenchData } from './data';

const NAMES = [
  'alarm-telemetry-since',
  'alarm-telemetry-at',
  'alarm-camera-events-since',
  'alarm-devices-silent',
  'alarm-overdue-by-agency',
  'alarm-raise',
  'alarm-transition',
  'alarms-open',
  'alarm-checkpoints-get',
  'alarm-checkpoint-set',
] as const;
export type QueryName = (typeof NAMES)[number] | 'before-devices-seen' | 'other';

const byText = new Map<string, QueryName>([
  ...NAMES.map((n): [string, QueryName] => [sql(n), n]),
  [BEFORE_DEVICES_SEEN, 'before-devices-seen'],
]);
/** Which of the evaluator's queries this SQL text is. */
export const queryName = (text: string): QueryName => byText.get(text) ?? 'other';

/** First index whose `ms` is ≥ `from` (rows sorted by ms). */
function lowerBound(rows: readonly { ms: number }[], from: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid]!.ms < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const result = <R extends Row>(rows: Row[]): QueryResult<R> => ({ rows: rows as R[], rowCount: rows.length });

export class MemoryDb implements AlarmDb {
  raised = 0;
  cleared = 0;
  readonly checkpoints = new Map<string, number>();
  private readonly telemetry: Row[];
  private readonly events: Row[];
  private readonly devices: Row[];
  private readonly agencies: Row[];
  private nextId = 1;

  constructor(data: BenchData, startMs: number) {
    // Built once, as node-postgres would hand them over (ms as float8, the sensor's kind joined).
    this.telemetry = data.readings.map((r) => ({
      ms: r.ms,
      device_id: r.deviceId,
      metric: r.metric,
      value: r.value,
      kind: r.kind,
    }));
    this.events = data.events.map((e) => ({
      ms: e.ms,
      event_id: e.eventId,
      camera_id: e.cameraId,
      type: e.type,
      severity: e.severity,
      plate: e.plate,
    }));
    this.devices = [...data.lastSeen].map(([id, d]) => ({ device_type: d.type, device_id: id, last_seen_ms: d.ms }));
    this.agencies = data.model.agencies.map((a) => ({ agency_id: a.id, cases_overdue: 0, documents_overdue: 0 }));
    this.checkpoints.set('telemetry', startMs);
    this.checkpoints.set('camera_events', startMs);
  }

  async exec(): Promise<void> {}

  /** Nothing to roll back: the evaluator's writes here only count. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return fn(this);
  }

  async query<R extends Row = Row>(text: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
    switch (queryName(text)) {
      case 'alarm-telemetry-since': {
        const [from, metrics, limit, to] = params as [string, string[], number, string];
        const watched = new Set(metrics);
        const toMs = Date.parse(to);
        const out: Row[] = [];
        for (
          let i = lowerBound(this.telemetry as { ms: number }[], Date.parse(from));
          i < this.telemetry.length && out.length < limit;
          i++
        ) {
          const r = this.telemetry[i]!;
          if ((r.ms as number) > toMs) break;
          if (watched.has(r.metric as string)) out.push(r);
        }
        return result(out);
      }
      case 'alarm-telemetry-at': {
        const [at, metrics] = params as [string, string[]];
        const ms = Date.parse(at);
        const watched = new Set(metrics);
        const out: Row[] = [];
        for (
          let i = lowerBound(this.telemetry as { ms: number }[], ms);
          i < this.telemetry.length && this.telemetry[i]!.ms === ms;
          i++
        )
          if (watched.has(this.telemetry[i]!.metric as string)) out.push(this.telemetry[i]!);
        return result(out);
      }
      case 'alarm-camera-events-since': {
        const [from, types, limit] = params as [string, string[], number];
        const watched = new Set(types);
        const out: Row[] = [];
        for (
          let i = lowerBound(this.events as { ms: number }[], Date.parse(from));
          i < this.events.length && out.length < limit;
          i++
        )
          if (watched.has(this.events[i]!.type as string)) out.push(this.events[i]!);
        return result(out);
      }
      case 'before-devices-seen':
        return result(this.devices);
      case 'alarm-devices-silent': {
        const [before, types, ids] = params as [string, string[], string[]];
        const cutoff = Date.parse(before);
        const open = new Set(ids.map((id, i) => `${types[i]}:${id}`));
        return result(
          this.devices.filter(
            (d) => (d.last_seen_ms as number) < cutoff || open.has(`${String(d.device_type)}:${String(d.device_id)}`),
          ),
        );
      }
      case 'alarm-overdue-by-agency':
        return result(this.agencies);
      case 'alarm-raise':
        this.raised++;
        return result([{ alarm_id: this.nextId++ }]);
      case 'alarm-transition':
        this.cleared++;
        return result([{ alarm_id: params[0] }]);
      case 'alarms-open':
        return result([]);
      case 'alarm-checkpoints-get':
        return result([...this.checkpoints].map(([stream, ms]) => ({ stream, ms })));
      case 'alarm-checkpoint-set':
        this.checkpoints.set(params[0] as string, Date.parse(params[1] as string));
        return result([]);
      case 'other':
        throw new Error(`the in-memory database does not answer: ${text.slice(0, 80)}`);
    }
  }
}
