/**
 * Issue 16, the database half: a real PostgreSQL (a private cluster on a free port) stopped with
 * `-m fast` and `-m immediate`, several times, while the ingest worker (`npm run ingest`, its own
 * process, with its alarm evaluator and rollup job) writes a steady stream. Before the fix a client
 * checked out of the pool for a transaction had no 'error' listener and the worker died with an
 * unhandled 'error' event. Now: the worker never dies, stores every reading once, and its /healthz
 * says the database is unreachable exactly while it is.
 *
 * It does not depend on the backend under test (it brings its own server), so it runs once: in the
 * PostgreSQL pass.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test, type TestContext } from 'node:test';
import pg from 'pg';
import { publishTelemetryReliably } from './support/publish';
import { privatePostgresAvailable, startPrivatePostgres, type PrivatePostgres } from './support/private-postgres';
import { freePort, mosquittoAvailable, skipUnless, startMosquitto, type PrivateMosquitto } from './support/services';
import { BACKEND } from './support/test-db';

const ROOT = path.resolve(import.meta.dirname, '..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Health {
  database: { reachable: boolean };
  mqtt: { subscribed: boolean } | null;
  ingest: { received: number; accepted: number; pending: number; dbState: string } | null;
}

/** One /healthz answer with when it was asked and answered (performance.now()). */
interface Sample {
  askedMs: number;
  answeredMs: number;
  health: Health | null;
}

async function health(port: number): Promise<Sample> {
  const askedMs = performance.now();
  try {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(5000) });
    return { askedMs, answeredMs: performance.now(), health: (await res.json()) as Health };
  } catch {
    return { askedMs, answeredMs: performance.now(), health: null };
  }
}

const skip =
  BACKEND !== 'postgres'
    ? 'brings its own PostgreSQL: runs once, in the TEST_DB=postgres pass'
    : skipUnless(mosquittoAvailable(), 'the mosquitto binary') ||
      skipUnless(privatePostgresAvailable(), 'initdb and pg_ctl (PostgreSQL 15), and runuser as root');

describe('ingest across real PostgreSQL restarts (a private cluster)', { skip }, () => {
  let server: PrivatePostgres;
  let mosq: PrivateMosquitto;
  before(async () => {
    server = await startPrivatePostgres();
    mosq = await startMosquitto();
  });
  after(async () => {
    await mosq?.stop();
    await server?.stop();
  });

  test('restarts with -m fast and -m immediate under load: the worker never dies, stores everything once, and /healthz is right', async (ctx: TestContext) => {
    const N = 16_000;
    const admin = new pg.Client({ connectionString: server.adminUrl });
    await admin.connect();
    await admin.query('CREATE DATABASE cityops');
    await admin.end();
    const url = new URL(server.adminUrl);
    url.pathname = '/cityops';
    const port = await freePort();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'cityops-dbr-'));
    const workerLog: string[] = [];
    const keepLog = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) if (line) workerLog.push(line.slice(0, 400));
      workerLog.splice(0, Math.max(0, workerLog.length - 80));
    };
    const worker: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'bin/ingest.ts'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        DATABASE_URL: url.toString(),
        DATA_DIR: dataDir,
        MQTT_URL: mosq.url,
        MQTT_CLIENT_ID: 'db-restart',
        MQTT_SHARE_GROUP: 'db-restart',
        INGEST_HTTP_PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        INGEST_BATCH_SIZE: '500',
        INGEST_FLUSH_MS: '20',
        DATABASE_POOL_SIZE: '4',
        ALARM_TICK_MS: '200',
      },
    });
    worker.stdout!.on('data', keepLog);
    worker.stderr!.on('data', keepLog);
    let exit: string | null = null;
    worker.once('exit', (code, signal) => (exit = `exit code ${code}, signal ${signal}`));
    const explain = () => `\n-- worker's log:\n${workerLog.join('\n')}\n-- server log:\n${server.logTail()}`;
    const waitFor = async (what: string, cond: () => Promise<boolean>, timeoutMs = 60_000) => {
      const until = performance.now() + timeoutMs;
      while (!(await cond())) {
        if (exit) throw new Error(`the worker died (${exit}) waiting for ${what}${explain()}`);
        if (performance.now() > until) throw new Error(`timed out waiting for ${what}${explain()}`);
        await sleep(50);
      }
    };
    let sampling = true;
    try {
      await waitFor('the worker to subscribe', async () => (await health(port)).health?.mqtt?.subscribed === true);
      // /healthz asked every 50 ms throughout: what it said is compared with when the server was down.
      const samples: Sample[] = [];
      const sampler = (async () => {
        while (sampling) {
          samples.push(await health(port));
          await sleep(50);
        }
      })();
      let acked = 0;
      const publishing = publishTelemetryReliably(mosq.url, N, {
        devices: 500,
        window: 200,
        ratePerSecond: 1300,
        onProgress: (n) => (acked = n),
      });
      const downs: {
        mode: 'fast' | 'immediate';
        fromMs: number;
        toMs: number;
        upMs: number;
        recoveredMs: number | null;
        writingMs: number | null;
      }[] = [];
      for (const mode of ['fast', 'immediate', 'fast', 'immediate', 'fast', 'immediate'] as const) {
        await sleep(400); // writing for a while, transactions in flight
        const r = await server.restart(mode, 300);
        downs.push({ mode, fromMs: r.downFromMs, toMs: r.downToMs, upMs: r.upMs, recoveredMs: null, writingMs: null });
        assert.equal(exit, null, `the worker survived a restart with -m ${mode}${explain()}`);
      }
      const report = await publishing;
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      try {
        const count = async () =>
          (
            await client.query<{ n: number; d: number }>(
              'SELECT count(*)::int AS n, count(DISTINCT (device_id, time, metric))::int AS d FROM telemetry',
            )
          ).rows[0]!;
        await waitFor('every reading', async () => (await count()).n >= N, 60_000);
        await sleep(300);
        const rows = await count();
        assert.equal(rows.n, N, 'every reading stored');
        assert.equal(rows.d, N, 'none twice');
      } finally {
        await client.end();
      }
      sampling = false;
      await sampler;
      assert.equal(exit, null, `the worker is alive at the end${explain()}`);

      // /healthz truth: no answer asked and given wholly inside a down window says reachable, each
      // down window has an answer that says unreachable, and after the last restart it says reachable.
      for (const [i, d] of downs.entries()) {
        const inside = samples.filter((s) => s.askedMs >= d.fromMs && s.answeredMs <= d.toMs && s.health);
        assert.ok(inside.length > 0, `/healthz was asked while the server was down (-m ${d.mode})`);
        assert.ok(
          inside.every((s) => s.health!.database.reachable === false),
          `/healthz never said reachable while the server was down (-m ${d.mode})`,
        );
        const back = samples.find((s) => s.askedMs >= d.toMs && s.health?.database.reachable === true);
        d.recoveredMs = back ? back.answeredMs - d.upMs : null;
        assert.ok(back, `/healthz said reachable again after -m ${d.mode}`);
        // Writing again: the first answer whose committed count moved past what it was while the server was down.
        const before = inside.at(-1)?.health?.ingest?.accepted ?? 0;
        // Only until the next stop: a retry still sleeping its backoff then is hit by that outage too.
        const nextStop = downs[i + 1]?.fromMs ?? Infinity;
        const moved = samples.find(
          (s) => s.askedMs >= d.toMs && s.answeredMs <= nextStop && (s.health?.ingest?.accepted ?? 0) > before,
        );
        d.writingMs = moved ? moved.answeredMs - d.upMs : null;
      }
      assert.equal(samples.at(-1)?.health?.database.reachable, true);
      const stopped = new Promise((r) => worker.once('exit', r));
      worker.kill('SIGTERM');
      await stopped;
      assert.equal(exit, 'exit code 0, signal null', `a clean stop after it all${explain()}`);
      const crashes = workerLog.filter((l) => /Unhandled 'error' event|uncaught/i.test(l));
      assert.deepEqual(crashes, []);
      ctx.diagnostic(
        `${downs.length} restarts (${downs
          .map(
            (d) =>
              `-m ${d.mode}: down ${(d.toMs - d.fromMs).toFixed(0)} ms, /healthz reachable ` +
              `${d.recoveredMs?.toFixed(0)} ms, commits again ${d.writingMs === null ? '(not before the next stop)' : `${d.writingMs.toFixed(0)} ms`} after pg_ctl start returned`,
          )
          .join('; ')}); ${N} readings published (${acked} acknowledged, ` +
          `0x10 ${report.noSubscribers}, failures ${report.refused}), ${N} stored once; worker alive throughout`,
      );
    } finally {
      sampling = false;
      if (worker.exitCode === null && worker.signalCode === null) worker.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
