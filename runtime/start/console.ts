/**
 * The console part: Next.js and Socket.IO on one HTTP server, every request through the sign-in
 * guard first (auth/http-guard.ts), /healthz and /metrics answered before either.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import next from 'next';
import type { CityProfile } from '../../contracts/city';
import type { Config } from '../../contracts/config';
import type { Logger } from '../../contracts/logger';
import type { AuthService } from '../../auth/accounts';
import { guardRequest } from '../../auth/http-guard';
import { attachRealtime } from '../../realtime/attach';
import { handleOps, type OpsEndpoints } from '../ops-http';
import { dropRevoked, realtimeHandshake } from '../realtime-auth';
import type { SharedServices } from './services';
import type { Stops } from './stops';

/** Starts the console and returns the URL it answers on. */
export async function startConsole(
  config: Config,
  city: CityProfile,
  { db, bus }: SharedServices,
  auth: AuthService,
  ops: OpsEndpoints,
  o: { dev: boolean; log: Logger; stops: Stops },
): Promise<string> {
  const { log, stops } = o;
  const app = next({ dev: o.dev, dir: process.cwd(), hostname: config.HOST, port: config.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  const guardLog = log.child({ part: 'http' });
  const http: HttpServer = createServer((req, res) => {
    if (handleOps(req, res, ops)) return;
    guardRequest(req, res, { auth, trustedProxies: config.TRUSTED_PROXIES, log: guardLog }).then(
      (pass) => {
        if (pass) void handle(req, res);
      },
      (err: unknown) => {
        log.error({ err }, 'request guard failed');
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end('{"error":"internal"}');
      },
    );
  });
  const rt = await attachRealtime({
    http,
    db,
    bus,
    timeZone: city.timeZone,
    log,
    coalesceMs: config.REALTIME_COALESCE_MS,
    redisUrl: config.REDIS_URL,
    city: city.id,
    checkHandshake: realtimeHandshake(auth),
  });
  dropRevoked(auth, rt);
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.PORT, config.HOST, () => resolve());
  });
  stops.push(() => rt.close()); // also closes the HTTP server
  stops.push(() => app.close());
  return `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT}`;
}
