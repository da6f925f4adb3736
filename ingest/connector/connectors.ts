/** All configured HTTP pull connectors of one ingest worker, started and stopped together. */
import type { Registry } from 'prom-client';
import type { Connector } from './config-file';
import { createConnectorMetrics } from './metrics';
import { startConnector, type ConnectorDeps, type ConnectorStatus } from './poller';

export interface Connectors {
  status(): ConnectorStatus[];
  stop(): Promise<void>;
}

export function startConnectors(
  connectors: readonly Connector[],
  deps: Omit<ConnectorDeps, 'metrics'> & { registry: Registry },
): Connectors {
  const metrics = createConnectorMetrics(
    deps.registry,
    connectors.map((c) => c.config.name),
  );
  const running = connectors.map((c) =>
    startConnector(c, { ...deps, metrics, log: deps.log.child({ part: 'connector' }) }),
  );
  return {
    status: () => running.map((r) => r.status()),
    async stop() {
      await Promise.all(running.map((r) => r.stop()));
    },
  };
}
