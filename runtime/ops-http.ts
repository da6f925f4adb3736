/**
 * `/healthz` and `/metrics` at the HTTP layer, in front of Next.js (console) or on their own
 * port (`INGEST_HTTP_PORT`, ingest-only processes), so probes never depend on the web app.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';

export interface OpsEndpoints {
  health(): Promise<{ ok: boolean; body: Record<string, unknown> }>;
  metrics: Registry | null;
}

/** Answers the request if it is for an ops endpoint; returns false otherwise. */
export function handleOps(req: IncomingMessage, res: ServerResponse, ops: OpsEndpoints): boolean {
  const path = (req.url ?? '').split('?')[0];
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (path === '/healthz') {
    ops.health().then(
      ({ ok, body }) => {
        res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(JSON.stringify({ status: ok ? 'ok' : 'degraded', ...body }));
      },
      () => {
        res.writeHead(503, { 'content-type': 'application/json' });
        res.end('{"status":"degraded"}');
      },
    );
    return true;
  }
  if (path === '/metrics' && ops.metrics) {
    const registry = ops.metrics;
    registry.metrics().then(
      (text) => {
        res.writeHead(200, { 'content-type': registry.contentType });
        res.end(text);
      },
      () => {
        res.writeHead(500);
        res.end();
      },
    );
    return true;
  }
  return false;
}

export async function startOpsServer(host: string, port: number, ops: OpsEndpoints): Promise<Server> {
  const server = createServer((req, res) => {
    if (!handleOps(req, res, ops)) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found: try /healthz or /metrics\n');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
