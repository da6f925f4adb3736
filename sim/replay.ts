/**
 * `--replay FILE`: publishes a real dataset as one sensor's telemetry on a compressed
 * clock, so the product is shown real shapes of data, not only our own curves. Each step
 * of the dataset's grid (an hour, a month) becomes `stepMs` of wire time, laid out to end
 * at the moment the replay starts: the last record is ~now and none is in the future.
 * The original instant travels along as `source_ts` (extra fields are allowed).
 */
import { readFile } from 'node:fs/promises';
import { topics } from '../contracts/mqtt/topics';
import { isoLocal } from './clock';
import type { SimMessage } from './message';
import { connectClient, endClient, firstConnect } from './mqtt-connection';
import { BoundedPublisher, DEFAULT_MAX_IN_FLIGHT } from './publisher';
import { parseReplayFile, type ReplayParse, type SkipReason } from './replay-data';
import type { SimulatorOptions } from './simulator';

export { parseReplayFile, type ReplayParse, type ReplayRecord, type SkipReason } from './replay-data';

export const DEFAULT_STEP_MS = 1000;

/** The messages of a parsed dataset: retained meta first, then records oldest first. */
export function replayMessages(
  parsed: ReplayParse,
  cityId: string,
  timeZone: string,
  endMs: number,
  stepMs: number,
): SimMessage[] {
  const { dataset, records } = parsed;
  const last = records[records.length - 1]?.index ?? 0;
  const meta: SimMessage = { topic: topics.sensorMeta(cityId, dataset.sensorId), payload: dataset.meta, retain: true };
  const telemetry = records.map((r) => ({
    topic: topics.sensorTelemetry(cityId, dataset.sensorId),
    payload: {
      ts: isoLocal(endMs - (last - r.index) * stepMs, timeZone),
      values: { [dataset.metric]: r.value },
      source_ts: r.sourceTs,
    },
  }));
  return [meta, ...telemetry];
}

export async function replay(
  opts: SimulatorOptions & { file: string; stepMs: number; signal?: AbortSignal },
): Promise<{ published: number; records: number; skipped: Record<SkipReason, number> }> {
  const { log } = opts;
  const parsed = parseReplayFile(await readFile(opts.file, 'utf8'));
  log.info(
    {
      file: opts.file,
      sensor: parsed.dataset.sensorId,
      rows: parsed.rows,
      records: parsed.records.length,
      skipped: parsed.skipped,
      shifted: parsed.shifted,
    },
    'replay dataset parsed',
  );
  const endMs = (opts.now ?? Date.now)();
  const messages = replayMessages(parsed, opts.city.id, opts.city.timeZone, endMs, opts.stepMs);
  const client = connectClient({ ...opts, role: 'cityops-replay' });
  const publisher = new BoundedPublisher(client, log, opts.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT);
  const abort = (): void => publisher.close(); // publishAll stops at the next message
  opts.signal?.addEventListener('abort', abort, { once: true });
  try {
    if (await firstConnect(client, opts.signal)) {
      await publisher.publishAll(messages);
      await publisher.drain(opts.signal?.aborted ? 2000 : Infinity);
    }
    log.info({ published: publisher.published, failed: publisher.errors }, 'replay done');
    return { published: publisher.published, records: parsed.records.length, skipped: parsed.skipped };
  } finally {
    opts.signal?.removeEventListener('abort', abort);
    publisher.close();
    await endClient(client);
  }
}
