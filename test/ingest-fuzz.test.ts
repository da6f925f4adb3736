/**
 * Fuzzed messages through the whole pipeline into a real database: whatever arrives, every
 * message ends as a committed record or a dead-letter row, and the pipeline keeps working.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import type { IngestPipeline } from '../ingest/pipeline';
import { BACKEND, openTestDb, type TestDb } from './support/test-db';
import { json, pipelineOn, T } from './support/pipeline';

describe(`fuzzed messages through the pipeline (${BACKEND})`, () => {
  let t: TestDb;
  let pipeline: IngestPipeline;
  before(async () => {
    t = await openTestDb();
    ({ pipeline } = await pipelineOn(t.db, 1000));
  });
  after(() => t.drop());

  test('every message is either stored or dead-lettered; none is lost, nothing crashes', async () => {
    const now = Date.now();
    const anyValue = fc.oneof(fc.double(), fc.integer(), fc.string({ maxLength: 30 }), fc.boolean(), fc.constant(null));
    const nearValid = fc.record({
      topic: fc.constantFrom(
        'sensor/f1/telemetry',
        'sensor/f1/meta',
        'camera/c1/event',
        'camera/c1/status',
        'case/a1/event',
        'document/a1/event',
        'indicator/s/k',
        'bogus/x',
      ),
      ts: fc.oneof(
        fc.integer({ min: now - 86_400_000, max: now + 3_600_000 }),
        fc.string({ maxLength: 30 }),
        fc.constant(now),
      ),
      extra: fc.dictionary(
        fc.constantFrom(
          'values',
          'name',
          'kind',
          'lon',
          'lat',
          'online',
          'id',
          'type',
          'severity',
          'case_id',
          'event',
          'due_at',
          'level',
          'channel',
          'procedure_code',
          'doc_id',
          'direction',
          'value',
          'plate',
        ),
        anyValue,
        { maxKeys: 8 },
      ),
      values: fc.option(fc.dictionary(fc.string({ maxLength: 12 }), anyValue, { maxKeys: 4 })),
    });
    const samples = fc.sample(nearValid, { numRuns: 3000, seed: 42 });
    for (const s of samples) {
      const body: Record<string, unknown> = { ...s.extra, ts: s.ts };
      if (s.values) body.values = s.values;
      pipeline.accept(T(s.topic), json(body));
    }
    for (const raw of fc.sample(fc.uint8Array({ maxLength: 300 }), { numRuns: 500, seed: 7 }))
      pipeline.accept(T('sensor/f2/telemetry'), raw);
    await pipeline.flush();

    const st = pipeline.stats();
    const rejected = Object.values(st.rejected).reduce((a, b) => a + (b ?? 0), 0);
    assert.equal(st.received, 3500);
    assert.equal(st.accepted + rejected, st.received, 'every message accounted for');
    assert.equal(st.dbState, 'up');
    assert.ok(st.accepted > 0, 'some fuzzed messages were valid');
    const { rows } = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM ingest_rejects');
    assert.equal(rows[0]?.n, rejected, 'each rejection has its dead-letter row');

    // Still healthy afterwards.
    pipeline.accept(T('sensor/after/telemetry'), json({ ts: now, values: { pm25: 1 } }));
    await pipeline.flush();
    const after = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM telemetry WHERE device_id = 'after'`);
    assert.equal(after.rows[0]?.n, 1);
  });
});
