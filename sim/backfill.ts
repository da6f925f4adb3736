/**
 * History: publishes `days` of the city's past as fast as the broker acknowledges it, in
 * hour-long chunks in time order, with the timestamps things really had — so KPI trends,
 * rankings and charts have something to show on the first start. Everything is in the
 * past: the history ends at the moment the backfill began, where a live run can take over
 * (`since: until`). Coarser than live: telemetry every 15 minutes, camera heartbeats hourly.
 */
import { buildCityModel, type CityModel } from './city-model';
import { DAY, HOUR, MINUTE } from './clock';
import { cameraMessages } from './feeds/camera';
import { caseStream } from './feeds/cases';
import { cityIndicatorMessages, cityIndicatorMetas } from './feeds/city-systems';
import { taskMessages } from './feeds/tasks';
import { documentStream } from './feeds/documents';
import { metaMessages } from './feeds/sensor-meta';
import { telemetryMessages } from './feeds/telemetry';
import type { SimMessage, TimeWindow } from './message';
import { connectClient, endClient, firstConnect } from './mqtt-connection';
import { BoundedPublisher, DEFAULT_MAX_IN_FLIGHT } from './publisher';
import type { SimulatorOptions } from './simulator';

export const BACKFILL_TELEMETRY_PERIOD_MS = 15 * MINUTE;
export const BACKFILL_STATUS_PERIOD_MS = HOUR;
const CHUNK_MS = HOUR;
/** Days of leaders' tasks before the history's start, so the task KPIs have done, late and overdue tasks on the first start. */
export const TASK_HISTORY_DAYS = 45;

export interface BackfillResult {
  published: number;
  /** Where the history ends (epoch ms): pass as `since` to a live simulator to continue seamlessly. */
  until: number;
}

/** The history itself, chunk by chunk: pure, so tests can check it without a broker. */
export function* historyMessages(model: CityModel, days: number, until: number): Generator<SimMessage> {
  // A backfill publishes only records it saw begin, so every dossier starts with "received".
  const cases = caseStream(model, false);
  const documents = documentStream(model, false);
  const start = until - days * DAY;
  // Leaders' tasks live for weeks: their history reaches further back than the rest (a few hundred events).
  yield* taskMessages(model, { from: start - TASK_HISTORY_DAYS * DAY, to: start });
  for (let from = start; from < until; from += CHUNK_MS) {
    const window: TimeWindow = { from, to: Math.min(until, from + CHUNK_MS) };
    yield* telemetryMessages(model, window, BACKFILL_TELEMETRY_PERIOD_MS);
    yield* cameraMessages(model, window, BACKFILL_STATUS_PERIOD_MS);
    yield* cases.take(window);
    yield* documents.take(window);
    yield* cityIndicatorMessages(model, window);
    yield* taskMessages(model, window);
  }
}

export async function backfill(
  opts: SimulatorOptions & { days: number; signal?: AbortSignal },
): Promise<BackfillResult> {
  const { log } = opts;
  const until = (opts.now ?? Date.now)();
  const model = buildCityModel(opts.city, opts.seed, { streamBaseUrl: opts.streamBaseUrl });
  const client = connectClient({ ...opts, role: 'cityops-backfill' });
  const publisher = new BoundedPublisher(client, log, opts.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT);
  // Abort (Ctrl-C) releases a publish waiting on a slow broker; the loop then ends.
  const abort = (): void => publisher.close();
  opts.signal?.addEventListener('abort', abort, { once: true });
  try {
    if (!(await firstConnect(client, opts.signal))) return { published: 0, until };
    log.info({ days: opts.days, until: new Date(until).toISOString() }, 'backfill starting');
    await publisher.publishAll([...metaMessages(model), ...cityIndicatorMetas(model)]);
    let sent = 0;
    let nextReport = DAY;
    const start = until - opts.days * DAY;
    for (const m of historyMessages(model, opts.days, until)) {
      if (opts.signal?.aborted) break;
      await publisher.publish(m);
      sent++;
      const ts = timestampOf(m);
      if (ts !== null && ts - start >= nextReport) {
        log.info({ day: Math.round(nextReport / DAY), of: opts.days, sent }, 'backfill progress');
        nextReport += DAY;
      }
    }
    await publisher.drain(opts.signal?.aborted ? 2000 : Infinity);
    log.info(
      { published: publisher.published, failed: publisher.errors, aborted: opts.signal?.aborted ?? false },
      'backfill done',
    );
    return { published: publisher.published, until };
  } finally {
    opts.signal?.removeEventListener('abort', abort);
    publisher.close();
    await endClient(client);
  }
}

/** For progress reports only: the message's own time, when it has an ISO `ts`. */
function timestampOf(m: SimMessage): number | null {
  const ts = (m.payload as { ts?: unknown }).ts;
  return typeof ts === 'string' ? Date.parse(ts) : null;
}
