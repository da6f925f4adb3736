/**
 * Property-based: no topic and no payload, however malformed, makes decode throw; every input
 * either decodes to a record or is rejected with a reason from the catalogue.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { REJECT_REASONS } from '../contracts/errors';
import { decodeMessage, type DecodeContext } from './decode';

const ctx: DecodeContext = { city: 'haiphong', timeZone: 'Asia/Ho_Chi_Minh', now: Date.UTC(2026, 10, 25, 3) };
const reasons = new Set(Object.keys(REJECT_REASONS));

const topicArb = fc.oneof(
  fc.string(),
  fc
    .constantFrom('sensor', 'camera', 'case', 'document', 'indicator', 'weird')
    .chain((family) =>
      fc
        .tuple(
          fc.string({ maxLength: 70 }),
          fc.constantFrom('meta', 'telemetry', 'status', 'event', 'x', ''),
          fc.option(fc.constantFrom('meta', 'extra')),
        )
        .map(([id, kind, tail]) => ['city', 'haiphong', family, id, kind, ...(tail ? [tail] : [])].join('/')),
    ),
);

// JSON-ish values biased towards the contract's field names, so the schemas are really exercised.
const fieldArb = fc.constantFrom(
  'ts',
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
  'doc_id',
  'direction',
  'value',
  'snapshot',
  'procedure_code',
);
const leafArb = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.string(),
  fc.boolean(),
  fc.constant(null),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
);
const valueArb = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    leafArb,
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fieldArb, fc.string()), tie('v'), { maxKeys: 6 }),
  ),
})).v;

const payloadArb = fc.oneof(
  fc.uint8Array({ maxLength: 512 }),
  valueArb.map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
  fc.string().map((s) => Buffer.from(s)),
);

test('decode never throws and always answers with a record or a catalogued reason', () => {
  fc.assert(
    fc.property(topicArb, payloadArb, (topic, payload) => {
      const d = decodeMessage(topic, payload, ctx);
      if (!d.ok) {
        assert.ok(reasons.has(d.rejection.reason), d.rejection.reason);
        assert.equal(typeof d.rejection.detail, 'string');
      } else {
        assert.ok(d.record.kind);
      }
    }),
    { numRuns: 20_000 },
  );
});

test('valid telemetry survives arbitrary extra fields (never a reason to reject)', () => {
  fc.assert(
    fc.property(
      fc.dictionary(
        fc.string().filter((k) => k !== 'ts' && k !== 'values' && k !== '__proto__'),
        valueArb,
        { maxKeys: 5 },
      ),
      (extra) => {
        const payload = Buffer.from(JSON.stringify({ ...extra, ts: ctx.now, values: { pm25: 12.5 } }));
        const d = decodeMessage('city/haiphong/sensor/s1/telemetry', payload, ctx);
        assert.ok(
          d.ok || (d.rejection.reason === 'invalid_payload' && /NUL/.test(d.rejection.detail)),
          JSON.stringify(d),
        );
      },
    ),
    { numRuns: 2000 },
  );
});
