/**
 * Issue 16, the broker half: a real Mosquitto with persistence on (as production runs it),
 * restarted with SIGTERM and with SIGKILL while a device streams QoS 1 and re-sends whatever was
 * not taken by a subscriber. Every reading is stored exactly once, and the worker's "subscribed"
 * is never true while the broker has no subscription for it (it answered 0x10 "no matching
 * subscribers" to publishers while the old worker said subscribed).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test, type TestContext } from 'node:test';
import mqtt from 'mqtt';
import { haiphong } from '../cities/haiphong';
import { migrate } from '../db/migrate';
import { startIngestWorker, type IngestWorker } from '../ingest/worker';
import { createLogger } from '../runtime/logger';
import { publishTelemetryReliably } from './support/publish';
import { mosquittoAvailable, skipUnless, startMosquitto, type PrivateMosquitto } from './support/services';
import { BACKEND, openTestDb, type TestDb } from './support/test-db';

const log = createLogger('silent');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, cond: () => Promise<boolean> | boolean, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** What the broker answers a publish on the ingest's topics: 0 when a subscriber took it, 0x10 when none. */
async function probe(url: string): Promise<number | undefined> {
  const c = await mqtt.connectAsync(url, { protocolVersion: 5, clean: true, reconnectPeriod: 0 });
  let code: number | undefined;
  // mqtt.js hides the PUBACK's reason code (0x10 counts as success): read it off the wire.
  c.on('packetreceive', (packet) => {
    if (packet.cmd === 'puback') code = packet.reasonCode ?? 0;
  });
  try {
    // Not a reading: an unknown family, dead-lettered by the ingest (counted apart below).
    await c.publishAsync('city/haiphong/probe/p/x', '{}', { qos: 1 });
    return code;
  } finally {
    await c.endAsync();
  }
}

describe(`ingest across real broker restarts, persistence on (${BACKEND})`, { skip: skipUnless(mosquittoAvailable(), 'the mosquitto binary') }, () => {
  let mosq: PrivateMosquitto;
  let t: TestDb;
  before(async () => {
    mosq = await startMosquitto({ persistence: true });
    t = await openTestDb();
    await migrate(t.db);
  });
  after(async () => {
    await mosq.stop();
    await t.drop();
  });

  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    test(`a ${signal} restart of the broker mid-stream: every reading stored once, and "subscribed" only with a grant`, async (ctx: TestContext) => {
      const N = 10_000;
      await t.db.query('TRUNCATE telemetry, ingest_rejects');
      const w: IngestWorker = await startIngestWorker({
        db: t.db, city: haiphong, log, publish: () => undefined, place: () => null, defaultMetrics: false,
        mqtt: { url: mosq.url, clientId: `restart-${signal}`, shareGroup: `restart-${signal}` }, batchSize: 500, flushMs: 20, maxPending: 2000,
      });
      try {
        await waitFor('the subscription', () => w.source.subscribed());
        let acked = 0;
        const publishing = publishTelemetryReliably(mosq.url, N, { devices: 200, onProgress: (n) => (acked = n) });
        await waitFor('a third of the stream', () => acked >= N / 3);
        // What the worker says, sampled: it must turn false with the broker and true only with a new grant.
        const said: { ms: number; subscribed: boolean }[] = [];
        const sampler = setInterval(() => {
          const s = w.source.subscribed();
          if (said.at(-1)?.subscribed !== s) said.push({ ms: performance.now(), subscribed: s });
        }, 5);
        const stoppedAt = performance.now();
        await mosq.restart(signal);
        const listeningMs = performance.now() - stoppedAt;
        await waitFor('the subscription again', () => said.some((s) => s.ms >= stoppedAt && !s.subscribed) && w.source.subscribed());
        clearInterval(sampler);
        const grantedMs = said.at(-1)!.ms - stoppedAt;
        assert.equal(await probe(mosq.url), 0, 'when the worker says subscribed, the broker routes to it (no 0x10)');
        const report = await publishing;
        const stored = async () => Number((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM telemetry')).rows[0]?.n);
        await waitFor('every reading', async () => (await stored()) >= N, 30_000).catch(async (err: Error) => {
          throw new Error(`${err.message}: ${await stored()} of ${N} stored; worker ${JSON.stringify(w.pipeline.stats())}, ` +
            `publisher ${JSON.stringify(report)}; said ${JSON.stringify(said.map((s) => [Math.round(s.ms - stoppedAt), s.subscribed]))}\n${mosq.logTail(30)}`);
        });
        await w.pipeline.flush();
        const rows = (await t.db.query<{ n: number; distinct_n: number }>(
          'SELECT count(*)::int AS n, count(DISTINCT (device_id, time, metric))::int AS distinct_n FROM telemetry',
        )).rows[0]!;
        assert.equal(rows.n, N, 'every reading stored');
        assert.equal(rows.distinct_n, N, 'none twice');
        const stats = w.pipeline.stats();
        ctx.diagnostic(
          `${signal}: ${N} published, ${rows.n} stored once; broker listening again after ${listeningMs.toFixed(0)} ms, ` +
          `subscription granted ${grantedMs.toFixed(0)} ms after the stop; publishers told 0x10 ${report.noSubscribers} times, ` +
          `other failures ${report.refused}; the worker received ${stats.received} (redeliveries ${stats.received - N - (stats.rejected.unknown_topic ?? 0)})`,
        );
      } finally {
        await w.stop();
      }
    });
  }
});
