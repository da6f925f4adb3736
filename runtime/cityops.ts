/**
 * Composition root: starts the parts a process runs, in dependency order, against the
 * services the config names or their embedded stand-ins, and stops them in reverse.
 *   npm start          → everything (embedded services where no URL is set)
 *   npm run console    → database + bus + Next.js + Socket.IO
 *   npm run ingest     → database + bus + MQTT ingest
 * Each part's wiring is its own starter in start/; this file only says which run and in what order.
 */
import type { CityProfile } from '../contracts/city';
import type { Config } from '../contracts/config';
import type { Db } from '../db/adapter';
import { loadAlarmRules } from '../alarms/rules-file';
import { loadConnectorsFile, type Connector } from '../ingest/connector/config-file';
import type { IngestPipeline } from '../ingest/pipeline';
import type { BackfillResult } from '../sim/backfill';
import type { Logger } from './logger';
import { startOpsServer } from './ops-http';
import { loadWallLayout } from './wall-layout';
import { accounts, ensureFirstAdmin } from './start/accounts';
import { startMqttAccess } from './start/broker';
import { startNotifyPart } from './start/notify';
import { startConsole } from './start/console';
import { opsEndpoints } from './start/health';
import { startAlarms, startIngest } from './start/ingest';
import { registerHandles } from './start/register';
import { startSharedServices } from './start/services';
import { simulatorOn, startSimulatorPart, type SimulatorPart } from './start/simulator';
import { Stops } from './start/stops';

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

export async function startCityOps(config: Config, city: CityProfile, parts: Parts, log: Logger): Promise<CityOps> {
  const stops = new Stops(log);
  try {
    const mqtt = await startMqttAccess(config, city, parts.ingest || parts.simulator, log, stops);
    // Files are read before the database opens: a bad one stops the start with its problems listed.
    const wallLayout = loadWallLayout(config.WALL_LAYOUT);
    const connectors: Connector[] =
      parts.ingest && config.CONNECTORS_FILE ? loadConnectorsFile(config.CONNECTORS_FILE) : [];
    const alarmRules = parts.ingest && config.ALARM_RULES !== 'off' ? loadAlarmRules(config.ALARM_RULES) : [];
    const services = await startSharedServices(config, city, log, stops);
    await startNotifyPart(services, city.timeZone, log, stops);

    const worker = parts.ingest ? await startIngest(config, city, services, mqtt, connectors, log, stops) : null;
    const alarms = startAlarms(config, services, alarmRules, log, stops);
    // Assigned last; /healthz (served from the console's start on) reads it at each probe.
    let sim: SimulatorPart | null = null;
    const ops = opsEndpoints(services, { worker, alarms, simulator: () => sim });

    const { auth, kiosks } = accounts(config, services.db, log);
    if (parts.console) await ensureFirstAdmin(config, auth, log);
    if (!parts.console && parts.ingest && config.INGEST_HTTP_PORT > 0) {
      const opsServer = await startOpsServer(config.HOST, config.INGEST_HTTP_PORT, ops);
      stops.push(() => new Promise<void>((resolve) => opsServer.close(() => resolve())));
      log.info({ port: config.INGEST_HTTP_PORT }, 'ingest /healthz and /metrics listening');
    }
    const url = parts.console
      ? await startConsole(config, city, services, auth, ops, { dev: parts.dev ?? false, log, stops })
      : null;
    registerHandles(config, city, services, { auth, kiosks }, wallLayout, log);

    if (parts.simulator && simulatorOn(config))
      sim = await startSimulatorPart(config, city, services.db, mqtt, parts.simulatorFrom, log, stops);

    return {
      url,
      mqttUrl: mqtt.url,
      db: services.db,
      pipeline: worker?.pipeline ?? null,
      history: sim?.history ?? Promise.resolve(null),
      stop: () => stops.stopAll(),
    };
  } catch (err) {
    await stops.stopAll();
    throw err;
  }
}
