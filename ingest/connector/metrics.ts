/** Prometheus metrics of the HTTP pull connectors, in the ingest worker's registry (`/metrics`). */
import { Counter, Gauge, type Registry } from 'prom-client';
import type { RejectReason } from '../../contracts/errors';

export type PollOutcome = 'ok' | 'network' | 'timeout' | 'http' | 'bad_page' | 'database';

export interface ConnectorMetrics {
  poll(connector: string, outcome: PollOutcome): void;
  records(connector: string, accepted: number, rejected: number): void;
  rejected(connector: string, reason: RejectReason): void;
  eventsNew(connector: string, n: number): void;
  success(connector: string, atMs: number): void;
  up(connector: string, up: boolean): void;
}

export function createConnectorMetrics(registry: Registry, names: readonly string[]): ConnectorMetrics {
  const r = [registry];
  const polls = new Counter({
    name: 'cityops_connector_polls_total',
    help: 'Page requests of an HTTP connector, by outcome',
    labelNames: ['connector', 'outcome'] as const,
    registers: r,
  });
  const records = new Counter({
    name: 'cityops_connector_records_total',
    help: 'Source records read by an HTTP connector, accepted or rejected',
    labelNames: ['connector', 'result'] as const,
    registers: r,
  });
  const rejects = new Counter({
    name: 'cityops_connector_rejects_total',
    help: 'Records and pages an HTTP connector dead-lettered, by reason',
    labelNames: ['connector', 'reason'] as const,
    registers: r,
  });
  const events = new Counter({
    name: 'cityops_connector_events_new_total',
    help: 'Lifecycle events an HTTP connector wrote that were not stored before',
    labelNames: ['connector'] as const,
    registers: r,
  });
  const last = new Gauge({
    name: 'cityops_connector_last_success_timestamp_seconds',
    help: 'When an HTTP connector last committed a page (Unix time)',
    labelNames: ['connector'] as const,
    registers: r,
  });
  const upGauge = new Gauge({
    name: 'cityops_connector_up',
    help: '1 while the last poll of an HTTP connector succeeded',
    labelNames: ['connector'] as const,
    registers: r,
  });
  // Every series exists from the start, so rate() and absence alerts work before the first event.
  for (const c of names) {
    for (const o of ['ok', 'network', 'timeout', 'http', 'bad_page', 'database'] satisfies PollOutcome[])
      polls.labels(c, o).inc(0);
    records.labels(c, 'accepted').inc(0);
    records.labels(c, 'rejected').inc(0);
    events.labels(c).inc(0);
  }
  return {
    poll: (c, o) => polls.labels(c, o).inc(),
    records: (c, a, j) => {
      records.labels(c, 'accepted').inc(a);
      records.labels(c, 'rejected').inc(j);
    },
    rejected: (c, reason) => rejects.labels(c, reason).inc(),
    eventsNew: (c, n) => events.labels(c).inc(n),
    success: (c, at) => last.labels(c).set(at / 1000),
    up: (c, u) => upGauge.labels(c).set(u ? 1 : 0),
  };
}
