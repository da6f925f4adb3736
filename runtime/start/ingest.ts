/**
 * The ingest part: the MQTT worker (with the HTTP pull connectors) writing what it receives, and
 * the alarm evaluator reading what it stored.
 */
import { hostname } from 'node:os';
import { Counter } from 'prom-client';
import type { AlarmRule } from '../../contracts/alarm-rules';
import type { CityProfile } from '../../contracts/city';
import type { Config } from '../../contracts/config';
import { alarmsChanged } from '../../contracts/live';
import type { Logger } from '../../contracts/logger';
import { startAlarmEvaluator, type RunningEvaluator } from '../../alarms/run-evaluator';
import { wardAt } from '../../geo/wards';
import type { Connector } from '../../ingest/connector/config-file';
import { startIngestWorker, type IngestWorker } from '../../ingest/worker';
import type { EmbeddedBroker } from '../embedded-broker';
import type { MqttAccess } from './broker';
import type { SharedServices } from './services';
import type { Stops } from './stops';

export async function startIngest(
  config: Config,
  city: CityProfile,
  services: SharedServices,
  mqtt: MqttAccess,
  connectors: Connector[],
  log: Logger,
  stops: Stops,
): Promise<IngestWorker> {
  const { db, bus, wards } = services;
  const worker = await startIngestWorker({
    db,
    city,
    log,
    publish: (c) => bus.publish(c),
    place: (lon, lat) => wardAt(wards, lon, lat)?.code ?? null,
    mqtt: {
      url: mqtt.url,
      clientId: config.MQTT_CLIENT_ID ?? `cityops-ingest-${hostname()}`.slice(0, 64),
      shareGroup: config.MQTT_SHARE_GROUP,
      username: mqtt.username,
      password: mqtt.password,
    },
    batchSize: config.INGEST_BATCH_SIZE,
    flushMs: config.INGEST_FLUSH_MS,
    maxPending: config.INGEST_MAX_PENDING,
    connectors,
  });
  stops.push(() => worker.stop());
  if (mqtt.broker?.internal) countBrokerRefusals(mqtt.broker, worker);
  return worker;
}

/** The embedded broker's refusals on the ingest's /metrics (it is the process's one registry). */
function countBrokerRefusals(broker: EmbeddedBroker, worker: IngestWorker): void {
  new Counter({
    name: 'cityops_mqtt_embedded_refused_total',
    help: 'Sign-ins, publishes and subscriptions the embedded broker refused (MQTT_DEVICE_CREDENTIALS)',
    labelNames: ['what'] as const,
    registers: [worker.metrics.registry],
    collect() {
      // The broker counts; the counter shows its numbers at scrape time.
      this.reset();
      for (const [what, n] of Object.entries(broker.refused())) this.inc({ what }, n);
    },
  });
}

/** Alarms are evaluated from what the ingest stored (restart-safe: alarms/evaluator.ts). */
export function startAlarms(
  config: Config,
  services: SharedServices,
  rules: readonly AlarmRule[],
  log: Logger,
  stops: Stops,
): RunningEvaluator | null {
  if (rules.length === 0) return null;
  const { db, bus } = services;
  const alarms = startAlarmEvaluator(db, rules, log.child({ part: 'alarms' }), config.ALARM_TICK_MS, (n) =>
    bus.publish(alarmsChanged(n)),
  );
  stops.push(() => alarms.stop());
  return alarms;
}
