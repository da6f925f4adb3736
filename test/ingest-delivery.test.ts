/**
 * Delivery guarantees of the ingest against a real Mosquitto (private, deploy/mosquitto.conf):
 * at-least-once under SIGKILL, a database outage and a broker outage mid-stream (cut through a
 * TCP proxy), and two workers sharing a subscription — every published message stored exactly once.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { haiphong } from '../cities/haiphong';
import type { Db, Queryable } from '../db/adapter';
import { migrate } from '../db/migrate';
import { openPglite } from '../db/pglite-adapter';
import { openPostgres } from '../db/pg-adapter';
import { startIngestWorker } from '../ingest/worker';
import { createLogger } from '../runtime/logger';
import { publishTelemetry } from './support/publish';
import { freePort, mosquittoAvailable, skipUnless, startMosquitto, type PrivateMosquitto } from './support/services';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy';
import { BACKEND, backendEnv, openTestDb, type TestDb } from './support/test-db';

const ROOT = path.resolve(import.meta.dirname, '..');
const log = createLogger('silent');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, cond: () => Promise<boolean> | boolean, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}
const countRows = async (db: Queryable) =>
  Number((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM telemetry')).rows[0]?.n);

interface Health {
  mqtt: { connected: boolean; subscribed: boolean } | null;
  ingest: { received: number; accepted: number; pending: number } | null;
}
async function health(port: number): Promise<Health | null> {
  try {
    return (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as Health;
  } catch {
    return null;
  }
}

describe(
  `ingest delivery guarantees (${BACKEND})`,
  { skip: skipUnless(mosquittoAvailable(), 'the mosquitto binary') },
  () => {
    let mosq: PrivateMosquitto;
    before(async () => {
      mosq = await startMosquitto();
    });
    after(() => mosq.stop());

    test('SIGKILL of the worker mid-stream loses nothing the broker accepted, and stores nothing twice', async () => {
      const N = 20_000;
      const b = await backendEnv();
      const port = await freePort();
      // The workers' own log (info: connects, sessions, state changes), kept bounded, for a failure message.
      const workerLog: string[] = [];
      const keepLog = (name: string) => (chunk: Buffer) => {
        for (const line of chunk.toString('utf8').split('\n'))
          if (line) workerLog.push(`${name}: ${line.slice(0, 300)}`);
        workerLog.splice(0, Math.max(0, workerLog.length - 60));
      };
      let started = 0;
      const startWorker = (): ChildProcess => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'bin/ingest.ts'], {
          cwd: ROOT,
          stdio: ['ignore', 'pipe', 'pipe'],
          env: {
            PATH: process.env.PATH,
            NODE_ENV: 'production',
            ...b.env,
            MQTT_URL: mosq.url,
            MQTT_CLIENT_ID: 'kill-test',
            MQTT_SHARE_GROUP: 'kill',
            INGEST_HTTP_PORT: String(port),
            HOST: '127.0.0.1',
            LOG_LEVEL: 'info',
            INGEST_BATCH_SIZE: '2000',
          },
        });
        const name = `worker ${++started}`;
        child.stdout!.on('data', keepLog(name));
        child.stderr!.on('data', keepLog(name));
        return child;
      };
      let worker = startWorker();
      try {
        await waitFor('the worker to subscribe', async () => (await health(port))?.mqtt?.subscribed === true);
        const publishing = publishTelemetry(mosq.url, N, { devices: 1000 });
        await waitFor('some commits', async () => ((await health(port))?.ingest?.accepted ?? 0) >= 3000);
        const exited = new Promise((r) => worker.once('exit', r));
        worker.kill('SIGKILL');
        await exited;
        await publishing;
        worker = startWorker();
        // Quiet: everything the broker held has been taken and committed. The broker sends queued
        // messages only as PUBACKs free its in-flight window, so "quiet" is a stable count for a while,
        // not two equal samples.
        let last = -1;
        let lastChange = Date.now();
        let seen: Health | null = null;
        const explain = () =>
          `last health: ${JSON.stringify(seen)}\n-- workers' log:\n${workerLog.join('\n')}\n-- broker log:\n${mosq.logTail()}`;
        await waitFor(
          'the second worker to drain the broker',
          async () => {
            const h = await health(port);
            seen = h;
            const received = h?.ingest?.received ?? -2;
            if (received !== last) [last, lastChange] = [received, Date.now()];
            return received > 0 && h?.ingest?.pending === 0 && Date.now() - lastChange >= 2000;
          },
          90_000,
        ).catch((err: Error) => {
          throw new Error(`${err.message}; ${explain()}`);
        });
        const stopped = new Promise((r) => worker.once('exit', r));
        worker.kill('SIGTERM');
        await stopped;
        const db: Db =
          BACKEND === 'postgres'
            ? openPostgres(b.env.DATABASE_URL!, 1, () => undefined)
            : await openPglite(path.join(b.env.DATA_DIR!, 'pglite'));
        try {
          assert.equal(await countRows(db), N, `every published message stored exactly once; ${explain()}`);
          const rejects = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM ingest_rejects');
          assert.equal(rejects.rows[0]?.n, 0);
        } finally {
          await db.close();
        }
      } finally {
        if (worker.exitCode === null) worker.kill('SIGKILL');
        await b.cleanup();
      }
    });

    describe('in-process workers', () => {
      let t: TestDb;
      before(async () => {
        t = await openTestDb();
        await migrate(t.db);
      });
      after(() => t.drop());

      // Each test its own share group: a persistent session left by one test must not take a share of the next.
      const worker = (db: Db, url: string, clientId: string, group: string) =>
        startIngestWorker({
          db,
          city: haiphong,
          log,
          publish: () => undefined,
          place: () => null,
          defaultMetrics: false,
          mqtt: { url, clientId, shareGroup: group },
          batchSize: 500,
          flushMs: 20,
          maxPending: 2000,
        });

      test('two workers sharing a subscription split the load and together store everything once', async () => {
        await t.db.query('TRUNCATE telemetry');
        const a = await worker(t.db, mosq.url, 'share-a', 'split');
        const b = await worker(t.db, mosq.url, 'share-b', 'split');
        try {
          await waitFor('the subscription', () => a.source.subscribed() && b.source.subscribed(), 10_000);
          await publishTelemetry(mosq.url, 5000, { devices: 50 });
          await waitFor('all rows', async () => (await countRows(t.db)) === 5000, 30_000);
          const got = [a.pipeline.stats().accepted, b.pipeline.stats().accepted];
          assert.ok(got[0]! > 0 && got[1]! > 0, `both workers took a share: ${got}`);
          assert.equal(got[0]! + got[1]!, 5000, 'no message went to both');
        } finally {
          await a.stop();
          await b.stop();
        }
      });

      // Regression: stop() hung when the broker kept sending after drain() (mqtt.js waited for a packet loop we hold).
      test('stopping mid-stream does not hang, and the next session stores the rest exactly once', async () => {
        await t.db.query('TRUNCATE telemetry');
        const first = await worker(t.db, mosq.url, 'stop-mid', 'stop-mid');
        await waitFor('the subscription', () => first.source.subscribed(), 10_000);
        const publishing = publishTelemetry(mosq.url, 8000, { devices: 50 });
        await waitFor('some commits', () => first.pipeline.stats().accepted > 500, 20_000);
        await Promise.race([first.stop(), sleep(15_000).then(() => Promise.reject(new Error('stop() hung')))]);
        await publishing;
        const second = await worker(t.db, mosq.url, 'stop-mid', 'stop-mid');
        try {
          await waitFor('all rows', async () => (await countRows(t.db)) === 8000, 30_000);
        } finally {
          await second.stop();
        }
      });

      test('a broker outage mid-stream: the worker reconnects to its persistent session and stores everything', async () => {
        await t.db.query('TRUNCATE telemetry');
        const proxy: TcpProxy = await startTcpProxy(Number(new URL(mosq.url).port));
        const w = await worker(t.db, `mqtt://127.0.0.1:${proxy.port}`, 'outage-broker', 'broker-outage');
        try {
          await waitFor('the subscription', () => w.source.subscribed(), 10_000);
          await publishTelemetry(mosq.url, 2000, { devices: 50, baseTs: Date.now() - 100_000 });
          await waitFor('the first half', async () => (await countRows(t.db)) === 2000, 20_000);
          proxy.cut();
          await waitFor('the worker to notice', () => !w.source.connected(), 10_000);
          // Published while the worker is cut off: the broker keeps them for its session.
          await publishTelemetry(mosq.url, 2000, { devices: 50, baseTs: Date.now() - 50_000 });
          await sleep(500);
          assert.equal(await countRows(t.db), 2000);
          proxy.restore();
          await waitFor('everything after the reconnect', async () => (await countRows(t.db)) === 4000, 30_000);
        } finally {
          await w.stop();
          await proxy.close();
        }
      });

      test('a database outage mid-stream: nothing is acknowledged, memory stays bounded, and it resumes by itself', async () => {
        await t.db.query('TRUNCATE telemetry');
        // PostgreSQL: a real network cut through a proxy. PGlite is in-process and cannot lose its
        // network, so its outage is injected at the adapter: the same pipeline code path either way.
        let cutDb: () => void;
        let restoreDb: () => void;
        let db: Db;
        let proxy: TcpProxy | null = null;
        if (BACKEND === 'postgres') {
          const url = new URL(t.url!);
          proxy = await startTcpProxy(Number(url.port || 5432));
          url.port = String(proxy.port);
          db = openPostgres(url.toString(), 4, () => undefined);
          cutDb = () => proxy!.cut();
          restoreDb = () => proxy!.restore();
        } else {
          let down = false;
          const fail = () =>
            Promise.reject(Object.assign(new Error('database unreachable (injected)'), { code: 'ECONNREFUSED' }));
          const real = t.db;
          db = {
            ...real,
            query: (sql, params) => (down ? fail() : real.query(sql, params)),
            exec: (sql) => (down ? fail() : real.exec(sql)),
            transaction: (fn) => (down ? fail() : real.transaction(fn)),
            close: async () => undefined,
          } as Db;
          cutDb = () => (down = true);
          restoreDb = () => (down = false);
        }
        const w = await worker(db, mosq.url, 'outage-db', 'db-outage');
        try {
          await waitFor('the subscription', () => w.source.subscribed(), 10_000);
          cutDb();
          await publishTelemetry(mosq.url, 6000, { devices: 50 });
          await sleep(1500);
          assert.equal(w.pipeline.stats().dbState, 'down');
          assert.ok(
            w.pipeline.stats().pending <= 2000 + 500,
            `pending stays near maxPending: ${w.pipeline.stats().pending}`,
          );
          assert.ok(w.pipeline.stats().received < 6000, 'the worker stopped reading; the broker holds the rest');
          restoreDb();
          await waitFor('everything after the database returns', async () => (await countRows(t.db)) === 6000, 60_000);
          assert.equal(w.pipeline.stats().dbState, 'up');
        } finally {
          await w.stop();
          await proxy?.close();
          if (BACKEND === 'postgres') await db.close();
        }
      });
    });
  },
);
