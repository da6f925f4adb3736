/**
 * One ingest worker: the MQTT source feeding the pipeline, with acknowledge-after-commit,
 * backpressure and metrics wired together. Used by the composition root and by tests.
 */
import type { CityProfile } from '../contracts/city';
import type { IngestCommit } from '../contracts/live';
import { databaseReachable, type Db } from '../db/adapter';
import type { Logger } from '../contracts/logger';
import type { Connector } from './connector/config-file';
import { startConnectors, type Connectors } from './connector/connectors';
import { createIngestMetrics, type IngestMetrics } from './metrics';
import { startMqttSource, type MqttSource } from './mqtt-source';
import { createPipeline, type IngestPipeline } from './pipeline';
import type { PlaceDevice } from './write-batch';

export interface IngestWorkerOptions {
  db: Db;
  city: CityProfile;
  place: PlaceDevice;
  publish: (commit: IngestCommit) => void;
  log: Logger;
  mqtt: {
    url: string;
    clientId: string;
    shareGroup: string;
    username?: string | undefined;
    password?: string | undefined;
  };
  batchSize: number;
  flushMs: number;
  maxPending: number;
  /** Process metrics (event loop, memory) in the registry; off when several workers share a process. */
  defaultMetrics?: boolean;
  /** HTTP pull connectors (CONNECTORS_FILE) run beside the MQTT source, on the same write path. */
  connectors?: readonly Connector[];
}

export interface IngestWorker {
  pipeline: IngestPipeline;
  source: MqttSource;
  metrics: IngestMetrics;
  connectors: Connectors | null;
  /** Stop taking messages, commit and acknowledge what was taken, then disconnect. */
  stop(): Promise<void>;
}

export async function startIngestWorker(o: IngestWorkerOptions): Promise<IngestWorker> {
  const metrics = createIngestMetrics({ defaultMetrics: o.defaultMetrics ?? true });
  const pipeline = createPipeline({
    db: o.db,
    city: o.city,
    log: o.log,
    publish: o.publish,
    place: o.place,
    batchSize: o.batchSize,
    flushMs: o.flushMs,
    maxPending: o.maxPending,
    observer: metrics.observer,
  });
  const source = await startMqttSource({
    ...o.mqtt,
    city: o.city.id,
    log: o.log,
    onMessage: (topic, payload, ack, publisher) => pipeline.accept(topic, payload, ack, publisher),
    room: () => pipeline.room(),
    receiveMaximum: o.maxPending,
    onConnectionChange: (up) => metrics.setMqttConnected(up),
    onSubscriptionChange: (granted) => metrics.setMqttSubscribed(granted),
  });
  metrics.trackHeldAcks(() => source.heldAcks());
  metrics.trackDatabase(() => databaseReachable(o.db));
  const connectors = o.connectors?.length
    ? startConnectors(o.connectors, {
        db: o.db,
        city: o.city,
        place: o.place,
        publish: o.publish,
        log: o.log,
        registry: metrics.registry,
      })
    : null;
  return {
    pipeline,
    source,
    metrics,
    connectors,
    async stop() {
      source.drain();
      // A connector writing a page finishes it (and moves its cursor); a wait or request is cut short.
      await connectors?.stop();
      await pipeline.stop();
      await source.close();
    },
  };
}
