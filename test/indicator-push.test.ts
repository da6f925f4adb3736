/**
 * HTTP push of indicators, both backends: a bad or missing token is refused and nothing is written;
 * bad payloads are refused whole with each field named and dead-lettered like MQTT rejects; a good
 * push is stored once (sent twice) and announced live.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { haiphong } from '../cities/haiphong';
import type { IngestCommit } from '../contracts/live';
import { pushTokensSchema } from '../contracts/push-tokens';
import { migrate } from '../db/migrate';
import { indicatorService, type IndicatorService } from '../runtime/indicator-service';
import { BACKEND, openTestDb, type TestDb } from './support/test-db';

const TOKEN = 'motcua-0123456789abcdef';
const meta = {
  label_vi: 'Thời gian chờ trung vị',
  label_en: 'Median waiting time',
  unit: 'phút',
  direction: 'lower_is_better',
  target: 15,
  warn: 25,
  kind: 'gauge',
};

describe(`POST /api/indicators/push (${BACKEND})`, () => {
  let t: TestDb;
  let svc: IndicatorService;
  const commits: IngestCommit[] = [];
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  const rejects = async () =>
    (
      await t.db.query<{ topic: string; reason: string; detail: string }>(
        `SELECT topic, reason, detail FROM ingest_rejects ORDER BY id`,
      )
    ).rows;
  const stored = async () =>
    (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM v_indicators WHERE source = 'motcua'`)).rows[0]!.n;

  before(async () => {
    t = await openTestDb();
    await migrate(t.db);
    const tokens = pushTokensSchema.parse(`motcua:${TOKEN}, soc:another-token-of-16+`);
    svc = indicatorService({ db: t.db, city: haiphong, tokens, publish: (c) => commits.push(c), now: () => now });
  });
  after(() => t.drop());

  test('a missing, malformed or unknown token is 401 and writes nothing', async () => {
    const body = JSON.stringify({
      indicators: [{ source: 'motcua', key: 'wait_p50', values: [{ ts: iso(now), value: 1 }] }],
    });
    for (const auth of [null, 'Basic abc', `Bearer ${TOKEN}x`, 'Bearer ']) {
      const a = await svc.push(auth, body);
      assert.equal(a.status, 401, String(auth));
      assert.match(a.status === 401 ? a.body.message : '', /Bearer <token>/);
    }
    const off = indicatorService({ db: t.db, city: haiphong, tokens: [], publish: () => undefined });
    const a = await off.push(`Bearer ${TOKEN}`, body);
    assert.equal(a.status, 401);
    assert.match(a.status === 401 ? a.body.message : '', /INDICATOR_PUSH_TOKENS/);
    assert.equal(await stored(), 0);
    assert.deepEqual(await rejects(), [], 'an unauthenticated caller cannot fill the dead-letter table');
  });

  test('bad payloads: 400 naming each field, nothing stored, each refused item dead-lettered', async () => {
    const cases: [unknown, RegExp][] = [
      ['{not json', /^body: not JSON/],
      [{ values: [] }, /^indicators: /],
      [
        { indicators: [{ source: 'bad source!', key: 'k', values: [{ ts: iso(now), value: 1 }] }] },
        /^indicators\.0\.source: expected 1-64 characters/,
      ],
      [{ indicators: [{ source: 'motcua', key: 'k' }] }, /^indicators\.0: expected meta or at least one value/],
    ];
    for (const [body, re] of cases) {
      const a = await svc.push(`Bearer ${TOKEN}`, typeof body === 'string' ? body : JSON.stringify(body));
      assert.equal(a.status, 400, JSON.stringify(body));
      assert.match(a.status === 400 ? (a.body.problems?.[0] ?? '') : '', re);
    }
    // The meta and the values pass the MQTT schemas: the fields at fault are named by their path.
    const a = await svc.push(
      `Bearer ${TOKEN}`,
      JSON.stringify({
        indicators: [
          {
            source: 'motcua',
            key: 'wait_p50',
            meta: { ...meta, direction: 'up' },
            values: [
              { ts: iso(now - 60_000), value: 12 },
              { ts: iso(now), value: 'twelve' },
              { ts: iso(now + 3_600_000), value: 3 },
              { ts: 1764032400, value: 1 },
            ],
          },
        ],
      }),
    );
    assert.equal(a.status, 400);
    const problems = a.status === 400 ? (a.body.problems ?? []) : [];
    assert.ok(
      problems.some((p) => p.startsWith('indicators.0.meta.direction: ')),
      problems.join(' | '),
    );
    assert.ok(
      problems.some((p) => p.startsWith('indicators.0.values.1.value: ')),
      problems.join(' | '),
    );
    assert.ok(
      problems.some((p) => p.startsWith('indicators.0.values.2: ts ') && p.includes('ahead')),
      problems.join(' | '),
    );
    assert.ok(
      problems.some((p) => p.startsWith('indicators.0.values.3.ts: ')),
      problems.join(' | '),
    );
    assert.equal(await stored(), 0, 'refused whole: the good value is not stored either');
    const rows = await rejects();
    assert.deepEqual(
      rows.slice(0, 4).map((r) => [r.topic, r.reason]),
      [
        ['push/motcua/indicators', 'not_json'],
        ['push/motcua/indicators', 'invalid_payload'],
        ['push/motcua/indicators', 'invalid_payload'],
        ['push/motcua/indicators', 'invalid_payload'],
      ],
    );
    assert.deepEqual(
      rows.slice(4).map((r) => [r.topic, r.reason]),
      [
        ['push/motcua/indicator/motcua/wait_p50/meta', 'invalid_payload'],
        ['push/motcua/indicator/motcua/wait_p50', 'invalid_payload'],
        ['push/motcua/indicator/motcua/wait_p50', 'future_timestamp'],
        ['push/motcua/indicator/motcua/wait_p50', 'invalid_payload'],
      ],
    );
    assert.equal(commits.length, 0);
  });

  test('a good push is stored once, its meta registered, and announced live', async () => {
    const body = JSON.stringify({
      indicators: [
        {
          source: 'motcua',
          key: 'wait_p50',
          meta,
          values: [
            { ts: iso(now - 60_000), value: 12, dims: { counter: 'Q1' } },
            { ts: iso(now), value: 14, dims: { counter: 'Q2' }, note: 'kept' },
          ],
        },
        { source: 'motcua', key: 'rating_avg', values: [{ ts: iso(now), value: 4.6 }] },
      ],
    });
    for (let i = 0; i < 2; i++) {
      const a = await svc.push(`bearer ${TOKEN}`, body);
      assert.deepEqual(a, { status: 200, body: { ok: true, metas: 1, values: 3 } });
    }
    assert.equal(await stored(), 3, 'sent twice, stored once');
    const m = await t.db.query<{ label_vi: string; unit: string; target: number }>(
      `SELECT label_vi, unit, target FROM indicator_meta WHERE source = 'motcua' AND key = 'wait_p50'`,
    );
    assert.deepEqual(m.rows, [{ label_vi: meta.label_vi, unit: 'phút', target: 15 }]);
    const dims = await t.db.query<{ dims: Record<string, string> }>(
      `SELECT dims FROM v_indicators WHERE key = 'wait_p50' ORDER BY time`,
    );
    assert.deepEqual(
      dims.rows.map((r) => r.dims),
      [{ counter: 'Q1' }, { counter: 'Q2' }],
    );
    assert.equal(commits.length, 2);
    assert.deepEqual(commits[0]!.kind === 'batch' && commits[0]!.counts, { indicator_meta: 1, indicator_value: 3 });
  });
});
