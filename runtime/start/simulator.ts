/**
 * The simulated city: its live feed, and on a fresh database its recent past published beside
 * it without holding up the start.
 */
import type { CityProfile } from '../../contracts/city';
import type { Config } from '../../contracts/config';
import type { Logger } from '../../contracts/logger';
import type { Db } from '../../db/adapter';
import { backfill, type BackfillResult } from '../../sim/backfill';
import { startSimulator } from '../../sim/simulator';
import type { MqttAccess } from './broker';
import type { Stops } from './stops';

export interface SimulatorPart {
  /** 'publishing' while the simulated past is being sent. */
  historyState(): 'none' | 'publishing' | 'done';
  /** What the history published up to when, or null when none (or it failed). */
  history: Promise<BackfillResult | null>;
}

async function hasTelemetry(db: Db): Promise<boolean> {
  return (await db.query('SELECT 1 FROM telemetry LIMIT 1')).rows.length > 0;
}

/** Whether the config runs the simulator: 'auto' runs it where no real broker is named. */
export const simulatorOn = (config: Config): boolean =>
  config.SIMULATOR === 'on' || (config.SIMULATOR === 'auto' && !config.MQTT_URL);

/** `from`: where the simulated clock starts (epoch ms), as Parts.simulatorFrom. */
export async function startSimulatorPart(
  config: Config,
  city: CityProfile,
  db: Db,
  mqtt: MqttAccess,
  from: number | undefined,
  log: Logger,
  stops: Stops,
): Promise<SimulatorPart> {
  // Checked before the live feed writes anything: only a fresh database gets a simulated past.
  const withHistory = config.SIM_HISTORY_DAYS > 0 && !(await hasTelemetry(db));
  const liveFrom = from ?? Date.now();
  // A given start runs the simulated clock that far from the real one, at the real pace.
  const offset = liveFrom - Date.now();
  const sim = await startSimulator({
    mqttUrl: mqtt.url,
    city,
    seed: config.SIM_SEED,
    rate: config.SIM_RATE,
    log: log.child({ part: 'simulator' }),
    username: mqtt.username,
    password: mqtt.password,
    since: liveFrom,
    streamBaseUrl: config.SIM_STREAM_BASE_URL,
    ...(from === undefined ? {} : { now: () => Date.now() + offset }),
  });
  // Stop publishing before the ingest flushes, so the last messages are committed.
  stops.push(() => sim.stop());
  log.info({ sensors: sim.model.sensors.length, cameras: sim.model.cameras.length }, 'city simulator running');
  let state: 'none' | 'publishing' | 'done' = 'none';
  let history: Promise<BackfillResult | null> = Promise.resolve(null);
  if (withHistory) {
    // History ends where the live run began, so the two meet.
    const aborter = new AbortController();
    state = 'publishing';
    history = backfill({
      mqttUrl: mqtt.url,
      city,
      seed: config.SIM_SEED,
      log: log.child({ part: 'simulator-history' }),
      now: () => liveFrom,
      username: mqtt.username,
      password: mqtt.password,
      days: config.SIM_HISTORY_DAYS,
      streamBaseUrl: config.SIM_STREAM_BASE_URL,
      signal: aborter.signal,
    }).then(
      (r) => {
        state = 'done';
        return r;
      },
      (err: unknown) => {
        state = 'done';
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
  return { historyState: () => state, history };
}
