import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { haiphong } from '../cities/haiphong';
import { migrate } from '../db/migrate';
import { createIngestMetrics } from '../ingest/metrics';
import { createPipeline, type IngestPipeline } from '../ingest/pipeline';
import { createLogger } from '../runtime/logger';
import { startOpsServer } from '../runtime/ops-http';
import { BACKEND, openTestDb, type TestDb } from './support/test-db';
import { json, T } from './support/pipeline';

describe(`/metrics and /healthz of the ingest (${BACKEND})`, () => {
  let t: TestDb;
  let pipeline: IngestPipeline;
  let base: string;
  let close: () => Promise<void>;
  const metrics = createIngestMetrics({ defaultMetrics: false });
  let dbReachable = true;

  before(async () => {
    t = await openTestDb();
    await migrate(t.db);
    pipeline = createPipeline({
      db: t.db,
      city: haiphong,
      place: () => null,
      publish: () => undefined,
      log: createLogger('silent'),
      batchSize: 100,
      flushMs: 10,
      observer: metrics.observer,
    });
    const server = await startOpsServer('127.0.0.1', 0, {
      metrics: metrics.registry,
      health: async () => ({ ok: dbReachable, body: { ingest: pipeline.stats() } }),
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise((r) => server.close(() => r()));
  });
  after(async () => {
    await close();
    await t.drop();
  });

  test('counters, histograms and gauges follow what the pipeline did', async () => {
    pipeline.accept(T('sensor/m1/telemetry'), json({ ts: Date.now(), values: { pm25: 3 } }));
    pipeline.accept(T('sensor/m1/telemetry'), Buffer.from('not json'));
    await pipeline.flush();
    const res = await fetch(`${base}/metrics`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/plain/);
    const text = await res.text();
    assert.match(text, /^cityops_ingest_messages_received_total 2$/m);
    assert.match(text, /^cityops_ingest_messages_accepted_total 1$/m);
    assert.match(text, /^cityops_ingest_messages_rejected_total\{reason="not_json"\} 1$/m);
    assert.match(
      text,
      /^cityops_ingest_messages_rejected_total\{reason="future_timestamp"\} 0$/m,
      'every reason exported from the start',
    );
    assert.match(text, /^cityops_ingest_batch_messages_count 1$/m);
    assert.match(text, /^cityops_ingest_commit_seconds_count 1$/m);
    assert.match(text, /^cityops_ingest_pending_messages 0$/m);
    assert.match(text, /^cityops_ingest_database_up 1$/m);
  });

  test('/healthz says ok, and 503 when the database is not reachable; other paths are 404', async () => {
    const ok = await fetch(`${base}/healthz`);
    assert.equal(ok.status, 200);
    assert.equal(((await ok.json()) as { status: string }).status, 'ok');
    dbReachable = false;
    const bad = await fetch(`${base}/healthz`);
    assert.equal(bad.status, 503);
    assert.equal(((await bad.json()) as { status: string }).status, 'degraded');
    dbReachable = true;
    assert.equal((await fetch(`${base}/nope`)).status, 404);
  });
});
