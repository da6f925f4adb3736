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

describe(
  `ingest across real broker restarts, persistence on (${BACKEND})`,
  { skip: skipUnless(mosquittoAvailable(), 'the mosquitto binary') },
  () => {
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

    // SIGTERM: the broker saves its store and PUBACKs nothing it has not queued, so nothing may be lost.
    // SIGKILL: what the broker had acknowledged to publishers and not yet handed to the worker (its
    // queue beyond the worker's receive window, bytes in flight on the socket) lives only in its
    // memory until the next autosave, and is gone with it: a Mosquitto property no subscriber can
    // change. That count is reported; nothing may be stored twice, and every reading published once
    // the worker is subscribed again must be stored (before the fix: none was).
    const cases = [
      { signal: 'SIGTERM', title: 'every reading stored once' },
      { signal: 'SIGKILL', title: "nothing twice, everything after the re-grant stored, the broker's loss counted" },
    ] as const;
    for (const { signal, title } of cases) {
      test(`a ${signal} restart of the broker mid-stream: ${title}, and "subscribed" only with a grant`, async (ctx: TestContext) => {
        const N = 10_000;
        const baseTs = Date.now() - N - 60_000;
        await t.db.query('TRUNCATE telemetry, ingest_rejects');
        const w: IngestWorker = await startIngestWorker({
          db: t.db,
          city: haiphong,
          log,
          publish: () => undefined,
          place: () => null,
          defaultMetrics: false,
          mqtt: { url: mosq.url, clientId: `restart-${signal}`, shareGroup: `restart-${signal}` },
          batchSize: 500,
          flushMs: 20,
          maxPending: 2000,
        });
        try {
          await waitFor('the subscription', () => w.source.subscribed());
          let acked = 0;
          const window = 500;
          const publishing = publishTelemetryReliably(mosq.url, N, {
            devices: 200,
            baseTs,
            window,
            onProgress: (n) => (acked = n),
          });
          await waitFor('a third of the stream', () => acked >= N / 3);
          // What the worker says, sampled: it must turn false with the broker and true only with a new grant.
          const said: { ms: number; subscribed: boolean }[] = [];
          const sampler = setInterval(() => {
            const s = w.source.subscribed();
            if (said.at(-1)?.subscribed !== s) said.push({ ms: performance.now(), subscribed: s });
          }, 5);
          // Acknowledged to the publisher and not taken by the worker: held by the broker alone at the
          // kill (restart() signals the broker before its first await, so nothing moves in between).
          const heldByBroker = acked - w.pipeline.stats().received;
          const stoppedAt = performance.now();
          await mosq.restart(signal);
          const listeningMs = performance.now() - stoppedAt;
          await waitFor(
            'the subscription again',
            () => said.some((s) => s.ms >= stoppedAt && !s.subscribed) && said.at(-1)?.subscribed === true,
          );
          clearInterval(sampler);
          const grantedMs = said.at(-1)!.ms - stoppedAt;
          // Readings from this index on were first sent after the grant (the publisher sends in windows).
          const afterGrant = Math.min(N, acked + window);
          assert.equal(await probe(mosq.url), 0, 'when the worker says subscribed, the broker routes to it (no 0x10)');
          const report = await publishing;
          const counts = async () =>
            (
              await t.db.query<{ n: number; distinct_n: number; after_grant: number }>(
                `SELECT count(*)::int AS n, count(DISTINCT (device_id, time, metric))::int AS distinct_n,
                  (count(*) FILTER (WHERE time >= to_timestamp($1::float8 / 1000)))::int AS after_grant FROM telemetry`,
                [baseTs + afterGrant],
              )
            ).rows[0]!;
          // Every reading, or (what SIGKILL may leave) a count that has stopped moving for 2 s with nothing pending.
          let last = -1;
          let still = 0;
          await waitFor(
            'the readings',
            async () => {
              const n = (await counts()).n;
              still = n === last ? still + 1 : 0;
              last = n;
              return n >= N || (still >= 100 && w.pipeline.stats().pending === 0);
            },
            30_000,
          ).catch(async (err: Error) => {
            throw new Error(
              `${err.message}: ${JSON.stringify(await counts())} of ${N} stored; worker ${JSON.stringify(w.pipeline.stats())}, ` +
                `publisher ${JSON.stringify(report)}; said ${JSON.stringify(said.map((s) => [Math.round(s.ms - stoppedAt), s.subscribed]))}\n${mosq.logTail(30)}`,
            );
          });
          await w.pipeline.flush();
          const rows = await counts();
          assert.equal(rows.distinct_n, rows.n, 'none twice');
          assert.equal(rows.after_grant, N - afterGrant, 'every reading published after the re-grant stored');
          if (signal === 'SIGTERM') assert.equal(rows.n, N, 'every reading stored');
          // PUBACKs already on their way to the publisher at the kill are counted after it: one window of slack.
          else
            assert.ok(
              N - rows.n <= Math.max(0, heldByBroker) + window,
              `lost ${N - rows.n}: no more than the broker alone held (${heldByBroker})`,
            );
          const stats = w.pipeline.stats();
          ctx.diagnostic(
            `${signal}: ${N} published, ${rows.n} stored once (lost with the broker's memory: ${N - rows.n}; it alone held ${heldByBroker} at the stop); broker listening again after ${listeningMs.toFixed(0)} ms, ` +
              `subscription granted ${grantedMs.toFixed(0)} ms after the stop; publishers told 0x10 ${report.noSubscribers} times, ` +
              `other failures ${report.refused}; the worker received ${stats.received} (redeliveries ${stats.received - N - (stats.rejected.unknown_topic ?? 0)})`,
          );
        } finally {
          await w.stop();
        }
      });
    }
  },
);
