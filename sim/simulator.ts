/**
 * The live city simulator: connects, publishes the retained metas (again after every
 * reconnect, since a broker restarted without persistence forgets them), then on every
 * tick publishes what each feed yields for the simulated time elapsed since the last tick.
 * State is bounded — two heaps of open dossiers/documents, a fixed-size in-flight window —
 * so it can run for weeks.
 */
import type { CityProfile } from '../contracts/city';
import type { Logger } from '../contracts/logger';
import { buildCityModel, type CityModel } from './city-model';
import { MINUTE } from './clock';
import { cameraMessages } from './feeds/camera';
import { caseStream } from './feeds/cases';
import { cityIndicatorMessages, cityIndicatorMetas } from './feeds/city-systems';
import { taskMessages } from './feeds/tasks';
import { documentStream } from './feeds/documents';
import { metaMessages } from './feeds/sensor-meta';
import { telemetryMessages } from './feeds/telemetry';
import type { SimMessage, TimeWindow } from './message';
import { connectClient, endClient } from './mqtt-connection';
import { BoundedPublisher, DEFAULT_MAX_IN_FLIGHT } from './publisher';
import { naturalRates, telemetryPeriodFor } from './rates';

export interface SimulatorOptions {
  mqttUrl: string;
  city: CityProfile;
  seed: number;
  username?: string;
  password?: string;
  clientId?: string;
  /** Target total messages/s; telemetry scales to reach it. Default (or 0): the natural rate, ≈ 30 msg/s. */
  rate?: number;
  log: Logger;
  /** The simulated clock (epoch ms); default Date.now. */
  now?: () => number;
  /** Simulated time the first window starts at (e.g. where a backfill ended); default now(). */
  since?: number;
  /** Unacknowledged QoS 1 publishes allowed at once. */
  maxInFlight?: number;
  /** Where the simulated cameras' HLS streams are said to be (their meta's stream_url): `{base}/{cameraId}/index.m3u8`. */
  streamBaseUrl?: string;
}

export interface RunningSimulator {
  stop(): Promise<void>;
  readonly published: number;
  readonly model: CityModel;
}

/** After an outage longer than this, fast feeds skip ahead instead of replaying the gap. */
const MAX_CATCH_UP_MS = 5 * MINUTE;

export async function startSimulator(opts: SimulatorOptions): Promise<RunningSimulator> {
  const { log } = opts;
  const now = opts.now ?? Date.now;
  const model = buildCityModel(opts.city, opts.seed, { streamBaseUrl: opts.streamBaseUrl });
  const periodMs = telemetryPeriodFor(model, opts.rate);
  // At high rates, short ticks spread the load instead of sending one burst per second.
  const tickMs = (model.sensors.length * 1000) / periodMs > 1000 ? 100 : 1000;
  const natural = naturalRates(model);
  log.info(
    {
      seed: opts.seed,
      sensors: model.sensors.length,
      cameras: model.cameras.length,
      telemetryPeriodMs: Math.round(periodMs),
      naturalRate: Math.round(natural.total),
    },
    'simulator starting',
  );

  const client = connectClient({ ...opts, role: 'cityops-sim' });
  const publisher = new BoundedPublisher(client, log, opts.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT);
  client.on('connect', () => void publisher.publishAll([...metaMessages(model), ...cityIndicatorMetas(model)]));

  const cases = caseStream(model, true);
  const documents = documentStream(model, true);
  let last = opts.since ?? now();
  // Generate the open dossiers and documents of the past weeks now (about a second of CPU),
  // not in the first tick: an empty window loads them without publishing anything.
  for (const stream of [cases, documents]) for (const _ of stream.take({ from: last, to: last })) void _;
  let stopped = false;
  let running: Promise<void> | null = null;

  function* due(window: TimeWindow): Generator<SimMessage> {
    const fast = { from: Math.max(window.from, window.to - MAX_CATCH_UP_MS), to: window.to };
    if (fast.from > window.from)
      log.warn({ skippedMs: fast.from - window.from }, 'fell behind; telemetry and camera feeds skip ahead');
    yield* telemetryMessages(model, fast, periodMs);
    yield* cameraMessages(model, fast);
    yield* cases.take(window);
    yield* documents.take(window);
    yield* cityIndicatorMessages(model, window);
    yield* taskMessages(model, window);
  }

  const tick = async (): Promise<void> => {
    const to = now();
    if (to <= last) return;
    const window = { from: last, to };
    last = to; // before publishing: a window is generated once, even if publishing is cut short
    await publisher.publishAll(due(window));
  };

  const timer = setInterval(() => {
    // One tick at a time: while the broker is slow, the next window simply grows.
    if (stopped || running) return;
    running = tick()
      .catch((err: unknown) => log.error({ err }, 'simulator tick failed'))
      .finally(() => (running = null));
  }, tickMs);

  return {
    model,
    get published() {
      return publisher.published;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      publisher.close(); // no new messages; the current tick ends at its next publish
      await running;
      if (client.connected) await publisher.drain(3000); // let what is in flight be acknowledged
      await endClient(client);
      log.info({ published: publisher.published, failed: publisher.errors }, 'simulator stopped');
    },
  };
}
