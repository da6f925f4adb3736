/** /healthz and /metrics of a process: what each running part says of itself. */
import type { RunningEvaluator } from '../../alarms/run-evaluator';
import { databaseReachable } from '../../db/adapter';
import type { IngestWorker } from '../../ingest/worker';
import type { OpsEndpoints } from '../ops-http';
import type { SharedServices } from './services';
import type { SimulatorPart } from './simulator';

export interface HealthSources {
  worker: IngestWorker | null;
  alarms: RunningEvaluator | null;
  /** Read at each probe: /healthz is served before the simulator starts. */
  simulator: () => SimulatorPart | null;
}

export function opsEndpoints({ db, bus }: SharedServices, { worker, alarms, simulator }: HealthSources): OpsEndpoints {
  const pipeline = worker?.pipeline ?? null;
  const source = worker?.source ?? null;
  return {
    metrics: worker?.metrics.registry ?? null,
    async health() {
      const database = await databaseReachable(db);
      const mqttUp = source ? source.connected() : null;
      // Subscribed only on a SUBACK that granted it on this connection: connected without it, the
      // broker routes nothing to this worker, which is not ok.
      const subscribed = source ? source.subscribed() : null;
      const sim = simulator();
      return {
        ok: database && mqttUp !== false && subscribed !== false,
        body: {
          database: { backend: db.backend, reachable: database },
          mqtt: source
            ? {
                connected: mqttUp,
                subscribed,
                protocolVersion: source.protocolVersion,
                subscription: source.subscription,
              }
            : null,
          ingest: pipeline?.stats() ?? null,
          // A failing source is reported, not a failed probe: restarting the worker would not bring it back.
          connectors: worker?.connectors?.status() ?? null,
          alarms: alarms?.health() ?? null,
          bus: bus.kind,
          // 'publishing' while a fresh database gets its simulated past (figures still filling in).
          simulator: sim ? { history: sim.historyState() } : null,
        },
      };
    },
  };
}
