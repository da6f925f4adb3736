/**
 * One console node's live layer in its own process, for the tests that SIGKILL nodes
 * (test/realtime-cluster.test.ts): attachRealtime on a bare HTTP server, as runtime/cityops.ts wires
 * it, over PostgreSQL and Redis. Says `{ port }` over IPC once it serves; exits when the parent goes.
 * Env: DATABASE_URL, REDIS_URL, CITY, PORT (0: any).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openPostgres } from '../../db/pg-adapter';
import { attachRealtime } from '../../realtime/attach';
import { createRedisBus } from '../../realtime/redis-bus';
import { createLogger } from '../../runtime/logger';

const env = (k: string): string => {
  const v = process.env[k];
  if (v === undefined) throw new Error(`${k} is required`);
  return v;
};
const log = createLogger('error');
const db = openPostgres(env('DATABASE_URL'), 4, () => undefined);
const bus = createRedisBus(env('REDIS_URL'), env('CITY'), log);
const http = createServer();
await attachRealtime({
  http,
  db,
  bus,
  log,
  timeZone: 'Asia/Ho_Chi_Minh',
  coalesceMs: 50,
  redisUrl: env('REDIS_URL'),
  city: env('CITY'),
  derivedMinIntervalMs: 300,
});
await new Promise<void>((r) => http.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => r()));
process.send?.({ port: (http.address() as AddressInfo).port });
process.on('disconnect', () => process.exit(0));
