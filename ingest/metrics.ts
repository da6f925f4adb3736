/**
 * Prometheus metrics of the ingest (`/metrics`). A registry per pipeline, so tests and
 * benchmarks can run several in one process.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { PipelineObserver, PipelineRejectReason } from './pipeline';

export interface IngestMetrics {
  registry: Registry;
  observer: PipelineObserver;
  setMqttConnected(up: boolean): void;
  /** 1 only while the broker's SUBACK for the current connection granted the subscription. */
  setMqttSubscribed(granted: boolean): void;
  /** Sampled at scrape time. */
  trackHeldAcks(read: () => number): void;
  /** Asked at scrape time: whether the database answers a query now. */
  trackDatabase(probe: () => Promise<boolean>): void;
}

export function createIngestMetrics(options: { defaultMetrics?: boolean; now?: () => number } = {}): IngestMetrics {
  const now = options.now ?? Date.now;
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'cityops_' });
  const r = [registry];
  const received = new Counter({
    name: 'cityops_ingest_messages_received_total',
    help: 'MQTT messages taken by the ingest',
    registers: r,
  });
  const accepted = new Counter({
    name: 'cityops_ingest_messages_accepted_total',
    help: 'Messages committed to the database',
    registers: r,
  });
  const rejected = new Counter({
    name: 'cityops_ingest_messages_rejected_total',
    help: 'Messages written to the dead-letter table, by reason',
    labelNames: ['reason'] as const,
    registers: r,
  });
  const batch = new Histogram({
    name: 'cityops_ingest_batch_messages',
    help: 'Messages per committed batch',
    buckets: [1, 10, 50, 100, 500, 1000, 2000, 5000, 10000, 20000],
    registers: r,
  });
  const commit = new Histogram({
    name: 'cityops_ingest_commit_seconds',
    help: 'Time to write and commit one batch',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: r,
  });
  const lag = new Histogram({
    name: 'cityops_ingest_receive_to_commit_seconds',
    help: 'From receiving the oldest message of a batch to its commit',
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: r,
  });
  const pending = new Gauge({
    name: 'cityops_ingest_pending_messages',
    help: 'Messages received and not yet committed',
    registers: r,
  });
  const dbUp = new Gauge({
    name: 'cityops_ingest_database_up',
    help: '1 when the last write reached the database',
    registers: r,
  });
  const mqttUp = new Gauge({
    name: 'cityops_ingest_mqtt_connected',
    help: '1 while connected to the broker',
    registers: r,
  });
  const mqttSubscribed = new Gauge({
    name: 'cityops_ingest_mqtt_subscribed',
    help: '1 while the broker has granted the subscription on the current connection (SUBACK)',
    registers: r,
  });
  let heldAcks: () => number = () => 0;
  let probeDb: (() => Promise<boolean>) | null = null;
  new Gauge({
    name: 'cityops_database_reachable',
    help: '1 when the database answered a query at scrape time (cityops_ingest_database_up: the last write)',
    registers: r,
    async collect() {
      if (probeDb) this.set((await probeDb()) ? 1 : 0);
    },
  });
  new Gauge({
    name: 'cityops_ingest_held_acks',
    help: 'PUBACKs waiting for their commit',
    registers: r,
    collect() {
      this.set(heldAcks());
    },
  });
  dbUp.set(1);
  for (const reason of [
    'payload_too_large',
    'not_utf8',
    'not_json',
    'unknown_topic',
    'invalid_payload',
    'future_timestamp',
    'snapshot_too_large',
    'publisher_mismatch',
    'database_refused',
  ] satisfies PipelineRejectReason[])
    rejected.labels(reason).inc(0); // every series exists from the start, so rate() works before the first reject

  return {
    registry,
    observer: {
      received: () => received.inc(),
      rejected: (reason) => rejected.labels(reason).inc(),
      committed: (b) => {
        accepted.inc(b.messages);
        batch.observe(b.messages + b.rejects);
        commit.observe(b.seconds);
        if (b.oldestMessageMs !== null) lag.observe(Math.max(0, (now() - b.oldestMessageMs) / 1000));
      },
      databaseState: (up) => dbUp.set(up ? 1 : 0),
      pending: (n) => pending.set(n),
    },
    setMqttConnected: (up) => mqttUp.set(up ? 1 : 0),
    setMqttSubscribed: (granted) => mqttSubscribed.set(granted ? 1 : 0),
    trackHeldAcks: (read) => {
      heldAcks = read;
    },
    trackDatabase: (probe) => {
      probeDb = probe;
    },
  };
}
