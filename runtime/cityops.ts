/**
 * Composition root: starts the parts a process runs, in dependency order, against the
 * services the config names or their embedded stand-ins, and stops them in reverse.
 *   npm start          → everything (embedded services where no URL is set)
 *   npm run console    → database + bus + Next.js + Socket.IO
 *   npm run ingest     → database + bus + MQTT ingest
 */
import { createServer, type Server as HttpServer } from 'node:http';
import { hostname } from 'node:os';
import next from 'next';
import type { CityProfile } from '../contracts/city';
import type { Config } from '../contracts/config';
import { databaseReachable, type Db } from '../db/adapter';
import { migrate } from '../db/migrate';
import { rebuildRecordStateIfMissing } from '../db/record-rebuild';
import { loadAlarmRules } from '../alarms/rules-file';
import { alarmsChanged } from '../contracts/live';
import { alarmHistory, alarmsInPeriod } from '../db/alarms';
import { alarmActions } from './alarm-actions';
import { startAlarmEvaluator } from '../alarms/run-evaluator';
import { cameraEventService } from './camera-event-service';
import { scopedKpiService } from './kpi-scope';
import { openDatabase } from '../db/open';
import { seedCity } from '../db/seed-city';
import { loadWards, wardAt } from '../geo/wards';
import { loadConnectorsFile, type Connector } from '../ingest/connector/config-file';
import type { IngestPipeline } from '../ingest/pipeline';
import { startIngestWorker, type IngestWorker } from '../ingest/worker';
import { attachRealtime, type Realtime } from '../realtime/attach';
import type { Bus } from '../realtime/bus';
import { createMemoryBus } from '../realtime/memory-bus';
import { createRedisBus } from '../realtime/redis-bus';
import { backfill, type BackfillResult } from '../sim/backfill';
import { startSimulator, type RunningSimulator } from '../sim/simulator';
import { startEmbeddedBroker, type EmbeddedBroker } from './embedded-broker';
import { loadMqttCredentials } from './mqtt-credentials';
import { Counter } from 'prom-client';
import { startEmbeddedJobs } from './embedded-jobs';
import { startTelemetryRollupJob } from './telemetry-rollup-job';
import type { Logger } from './logger';
import { handleOps, startOpsServer, type OpsEndpoints } from './ops-http';
import { cameraRegistryService } from './camera-registry';
import { indicatorService } from './indicator-service';
import { taskService } from './task-service';
import { register } from './registry';
import { authService, type AuthService } from '../auth/accounts';
import { kioskService } from '../auth/kiosks';
import { guardRequest } from '../auth/http-guard';
import { appendAudit } from '../db/users';
import { auditRows, countAudit, searchAudit } from '../db/audit';
import { sessionSecret } from '../auth/session-secret';
import { dropRevoked, realtimeHandshake } from './realtime-auth';
import { loadWallLayout } from './wall-layout';
import { startNotifyPart } from './start-notify';

export interface Parts {
  ingest: boolean;
  console: boolean;
  simulator: boolean;
  /** Next.js dev mode (hot reload) instead of the production build. */
  dev?: boolean;
  /**
   * Where the simulated city's clock starts (epoch ms; default: now): its history ends and its live
   * run begins there. Tests give a moment whose calendar they know (a weekday afternoon), so what
   * the history holds does not depend on the day they run.
   */
  simulatorFrom?: number;
}

export interface CityOps {
  url: string | null;
  mqttUrl: string;
  db: Db;
  pipeline: IngestPipeline | null;
  /** The simulated history being published on a fresh database: what it published up to when, or null when none. */
  history: Promise<BackfillResult | null>;
  stop(): Promise<void>;
}

async function hasTelemetry(db: Db): Promise<boolean> {
  return (await db.query('SELECT 1 FROM telemetry LIMIT 1')).rows.length > 0;
}

export async function startCityOps(config: Config, city: CityProfile, parts: Parts, log: Logger): Promise<CityOps> {
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((err: unknown) => log.error({ err }, 'error while stopping'));
  };
  try {
    // Declared first: /healthz (served before the simulator starts) reads them.
    let sim: RunningSimulator | null = null;
    let history: Promise<BackfillResult | null> = Promise.resolve(null);
    let historyState: 'none' | 'publishing' | 'done' = 'none';
    let broker: EmbeddedBroker | null = null;
    if (!config.MQTT_URL && (parts.ingest || parts.simulator)) {
      const accounts = config.MQTT_DEVICE_CREDENTIALS ? loadMqttCredentials(config.MQTT_DEVICE_CREDENTIALS) : null;
      broker = await startEmbeddedBroker('127.0.0.1', config.MQTT_EMBEDDED_PORT, accounts ? { accounts, city: city.id, log: log.child({ part: 'mqtt' }) } : undefined);
      stops.push(() => broker!.close());
      log.info({ url: broker.url, accounts: accounts?.length ?? 'anonymous' }, `embedded MQTT broker (aedes) listening on port ${broker.port}`);
    } else if (config.MQTT_DEVICE_CREDENTIALS && config.MQTT_URL) {
      log.warn('MQTT_DEVICE_CREDENTIALS applies to the embedded broker only; with MQTT_URL the broker signs devices in (deploy/mosquitto.acl)');
    }
    const mqttUrl = config.MQTT_URL ?? broker?.url ?? '';
    // With accounts, the in-process ingest and simulator sign in as the broker's internal account.
    const mqttUser = config.MQTT_USERNAME ?? broker?.internal?.username;
    const mqttPassword = config.MQTT_USERNAME ? config.MQTT_PASSWORD : broker?.internal?.password ?? config.MQTT_PASSWORD;

    const wallLayout = loadWallLayout(config.WALL_LAYOUT);
    // Read at start, before the database opens: a bad connectors file stops the start with its problems listed.
    const connectors: Connector[] = parts.ingest && config.CONNECTORS_FILE ? loadConnectorsFile(config.CONNECTORS_FILE) : [];
    const alarmRules = parts.ingest && config.ALARM_RULES !== 'off' ? loadAlarmRules(config.ALARM_RULES) : [];
    const db = await openDatabase(config, (err) => log.warn({ err: err.message }, 'database connection error'));
    stops.push(() => db.close());
    const { applied, timescale } = await migrate(db);
    log.info({ backend: db.backend, timescale, applied }, applied.length ? 'migrations applied' : 'schema up to date');
    const rebuilt = await rebuildRecordStateIfMissing(db, city.timeZone);
    if (rebuilt.cases + rebuilt.documents > 0) log.info(rebuilt, 'dossier and document records folded from stored events');
    if (db.backend === 'pglite' && timescale) {
      const jobs = startEmbeddedJobs(db, log);
      stops.push(() => jobs.stop());
    }
    // Both backends: the camera uptime rollup is kept by the product on TimescaleDB too (migration 025).
    const rollups = startTelemetryRollupJob(db, log, { watermarkRollups: !timescale, cameraSilenceS: config.CAMERA_OFFLINE_AFTER_S });
    stops.push(() => rollups.stop());
    const wards = loadWards(city);
    await seedCity(db, city, wards);
    await startNotifyPart(db, city.timeZone, log, stops);

    const bus: Bus = config.REDIS_URL ? createRedisBus(config.REDIS_URL, city.id, log) : createMemoryBus();
    stops.push(() => bus.close());

    let worker: IngestWorker | null = null;
    if (parts.ingest) {
      const w = await startIngestWorker({
        db, city, log, publish: (c) => bus.publish(c),
        place: (lon, lat) => wardAt(wards, lon, lat)?.code ?? null,
        mqtt: {
          url: mqttUrl, clientId: config.MQTT_CLIENT_ID ?? `cityops-ingest-${hostname()}`.slice(0, 64),
          shareGroup: config.MQTT_SHARE_GROUP, username: mqttUser, password: mqttPassword,
        },
        batchSize: config.INGEST_BATCH_SIZE, flushMs: config.INGEST_FLUSH_MS, maxPending: config.INGEST_MAX_PENDING,
        connectors,
      });
      worker = w;
      stops.push(() => w.stop());
      const b = broker;
      if (b?.internal) {
        new Counter({
          name: 'cityops_mqtt_embedded_refused_total', help: 'Sign-ins, publishes and subscriptions the embedded broker refused (MQTT_DEVICE_CREDENTIALS)',
          labelNames: ['what'] as const, registers: [w.metrics.registry],
          collect() {
            // The broker counts; the counter shows its numbers at scrape time.
            this.reset();
            for (const [what, n] of Object.entries(b.refused())) this.inc({ what }, n);
          },
        });
      }
    }
    // Alarms are evaluated from what the ingest stored (restart-safe: alarms/evaluator.ts).
    const alarms = alarmRules.length > 0
      ? startAlarmEvaluator(db, alarmRules, log.child({ part: 'alarms' }), config.ALARM_TICK_MS, (n) => bus.publish(alarmsChanged(n)))
      : null;
    if (alarms) stops.push(() => alarms.stop());
    const pipeline = worker?.pipeline ?? null;
    const source = worker?.source ?? null;

    const ops: OpsEndpoints = {
      metrics: worker?.metrics.registry ?? null,
      async health() {
        const database = await databaseReachable(db);
        const mqttUp = source ? source.connected() : null;
        // Subscribed only on a SUBACK that granted it on this connection: connected without it, the
        // broker routes nothing to this worker (issue 16), which is not ok.
        const subscribed = source ? source.subscribed() : null;
        return {
          ok: database && mqttUp !== false && subscribed !== false,
          body: {
            database: { backend: db.backend, reachable: database },
            mqtt: source ? { connected: mqttUp, subscribed, protocolVersion: source.protocolVersion, subscription: source.subscription } : null,
            ingest: pipeline?.stats() ?? null,
            // A failing source is reported, not a failed probe: restarting the worker would not bring it back.
            connectors: worker?.connectors?.status() ?? null,
            alarms: alarms?.health() ?? null,
            bus: bus.kind,
            // 'publishing' while a fresh database gets its simulated past (figures still filling in).
            simulator: sim ? { history: historyState } : null,
          },
        };
      },
    };

    const secret = sessionSecret(config.SESSION_SECRET, config.DATA_DIR);
    if (secret.generated) log.info({ file: `${config.DATA_DIR}/session-secret` }, 'session secret generated (set SESSION_SECRET to share one between console nodes)');
    const auth: AuthService = authService(db, {
      secret: secret.secret, ttlSeconds: config.SESSION_TTL_HOURS * 3600, maxFailures: config.LOGIN_MAX_FAILURES,
      lockSeconds: config.LOGIN_LOCK_MINUTES * 60, ratePerMinute: config.LOGIN_RATE_PER_MINUTE, cookieSecure: config.COOKIE_SECURE,
    });
    const kiosks = kioskService(db, auth, { sessionTtlSeconds: config.KIOSK_SESSION_HOURS * 3600, ratePerMinute: config.LOGIN_RATE_PER_MINUTE });
    if (parts.console) {
      const first = await auth.ensureFirstAdmin(config.ADMIN_PASSWORD);
      // Printed on the console output, never through the logger (logs are shipped and kept).
      if (first.created && first.generated) process.stdout.write(`\nCityOps: first start — sign in as "admin" with the password ${first.password}\n(shown once; change it at /account)\n\n`);
      else if (first.created) log.info('first start: account "admin" created with ADMIN_PASSWORD');
    }

    let url: string | null = null;
    let realtime: Realtime | null = null;
    if (!parts.console && parts.ingest && config.INGEST_HTTP_PORT > 0) {
      const opsServer = await startOpsServer(config.HOST, config.INGEST_HTTP_PORT, ops);
      stops.push(() => new Promise<void>((resolve) => opsServer.close(() => resolve())));
      log.info({ port: config.INGEST_HTTP_PORT }, 'ingest /healthz and /metrics listening');
    }
    if (parts.console) {
      const app = next({ dev: parts.dev ?? false, dir: process.cwd(), hostname: config.HOST, port: config.PORT });
      await app.prepare();
      const handle = app.getRequestHandler();
      const http: HttpServer = createServer((req, res) => {
        if (handleOps(req, res, ops)) return;
        guardRequest(req, res, auth, config.TRUSTED_PROXIES).then(
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
      realtime = await attachRealtime({
        http, db, bus, timeZone: city.timeZone, log, coalesceMs: config.REALTIME_COALESCE_MS, redisUrl: config.REDIS_URL, city: city.id,
        checkHandshake: realtimeHandshake(auth),
      });
      const rt = realtime;
      dropRevoked(auth, rt);
      await new Promise<void>((resolve, reject) => {
        http.once('error', reject);
        http.listen(config.PORT, config.HOST, () => resolve());
      });
      stops.push(() => rt.close()); // also closes the HTTP server
      stops.push(() => app.close());
      url = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT}`;
    }

    const alarmMoves = alarmActions(db, bus);
    register({
      config, city, db,
      log: log.child({ part: 'http' }),
      kpi: scopedKpiService(db, city.timeZone),
      alarmClear: (alarmId, by, note) => alarmMoves.clear(alarmId, by, note),
      alarmAcknowledge: (alarmId, by, note, ip) => alarmMoves.acknowledge(alarmId, by, note, ip),
      alarmHistory: (q) => alarmsInPeriod(db, q),
      alarmTransitions: (alarmId) => alarmHistory(db, alarmId),
      wallLayout,
      cameras: cameraRegistryService({ db, wards, bounds: city.mapBounds, offlineAfterMs: config.CAMERA_OFFLINE_AFTER_S * 1000, publish: (c) => bus.publish(c) }),
      cameraEvents: cameraEventService(db, bus, city.timeZone),
      indicators: indicatorService({
        db, city, tokens: config.INDICATOR_PUSH_TOKENS, publish: (c) => bus.publish(c), fileLayout: wallLayout,
        onBadSavedLayout: (problems) => log.warn({ problems }, 'the wall layout saved in the console no longer fits the schema; showing the WALL_LAYOUT file'),
      }),
      tasks: taskService({ db, city, tokens: config.INDICATOR_PUSH_TOKENS, publish: (c) => bus.publish(c) }),
      auth,
      kiosks,
      auditSearch: (q) => searchAudit(db, q),
      auditRows: (q, max) => auditRows(db, q, max),
      auditCount: (q) => countAudit(db, q),
      audit: (entry) => appendAudit(db, entry).catch((err: unknown) => log.error({ err, action: entry.action }, 'audit log write failed')),
    });

    const simOn = config.SIMULATOR === 'on' || (config.SIMULATOR === 'auto' && !config.MQTT_URL);
    if (parts.simulator && simOn) {
      // Checked before the live feed writes anything: only a fresh database gets a simulated past.
      const withHistory = config.SIM_HISTORY_DAYS > 0 && !(await hasTelemetry(db));
      const liveFrom = parts.simulatorFrom ?? Date.now();
      // A given start runs the simulated clock that far from the real one, at the real pace.
      const offset = liveFrom - Date.now();
      sim = await startSimulator({
        mqttUrl, city, seed: config.SIM_SEED, rate: config.SIM_RATE, log: log.child({ part: 'simulator' }),
        username: mqttUser, password: mqttPassword, since: liveFrom, streamBaseUrl: config.SIM_STREAM_BASE_URL,
        ...(parts.simulatorFrom === undefined ? {} : { now: () => Date.now() + offset }),
      });
      const s = sim;
      // Stop publishing before the ingest flushes, so the last messages are committed.
      stops.push(() => s.stop());
      log.info({ sensors: s.model.sensors.length, cameras: s.model.cameras.length }, 'city simulator running');
      if (withHistory) {
        // Publish the recent past alongside the live feed (history ends where the live run began,
        // so the two meet), without holding up the start.
        const aborter = new AbortController();
        historyState = 'publishing';
        history = backfill({
          mqttUrl, city, seed: config.SIM_SEED, log: log.child({ part: 'simulator-history' }), now: () => liveFrom,
          username: mqttUser, password: mqttPassword, days: config.SIM_HISTORY_DAYS, streamBaseUrl: config.SIM_STREAM_BASE_URL, signal: aborter.signal,
        }).then(
          (r) => {
            historyState = 'done';
            return r;
          },
          (err: unknown) => {
            historyState = 'done';
            log.warn({ err }, 'simulated history failed; the live feed goes on');
            return null;
          },
        );
        const done = history;
        stops.push(async () => {
          aborter.abort();
          await done;
        });
      }
    }

    return { url, mqttUrl, db, pipeline, history, stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
