import assert from 'node:assert/strict';
import { test } from 'node:test';
import { caseRecordSchema, documentRecordSchema, type CaseRecord } from '../contracts/dossier-records';
import { decodeMessage } from './decode';
import { caseRecordToEvents, documentRecordToEvents } from './records-to-events';

const H = 3_600_000;
const t0 = Date.parse('2025-09-15T01:30:00Z'); // 08:30 in Hải Phòng
const ctx = { city: 'haiphong', timeZone: 'Asia/Ho_Chi_Minh', now: Date.parse('2026-01-01T00:00:00Z') };

const dossier = (over: Partial<CaseRecord> = {}): CaseRecord =>
  caseRecordSchema.parse({
    case_id: 'H31.so-tu-phap-250915-0001',
    agency_id: 'so-tu-phap',
    procedure_code: '1.001193',
    procedure_name: 'Đăng ký khai sinh',
    field: 'Hộ tịch',
    level: 'province',
    channel: 'online',
    received_at: t0,
    due_at: t0 + 72 * H,
    online_payment: true,
    digitized: false,
    ...over,
  });

test('a finished dossier becomes received, assigned, supplement_requested and resolved, each with the contract fields', () => {
  const events = caseRecordToEvents(
    dossier({
      assigned_at: t0 + H,
      supplement_requested_at: t0 + 2 * H,
      resolved_at: t0 + 48 * H,
      status: 'resolved',
      rating: 5,
    }),
    'haiphong',
  );
  assert.deepEqual(
    events.map((e) => [e.event, e.payload.ts, e.timeField]),
    [
      ['received', '2025-09-15T01:30:00.000Z', 'received_at'],
      ['assigned', '2025-09-15T02:30:00.000Z', 'assigned_at'],
      ['supplement_requested', '2025-09-15T03:30:00.000Z', 'supplement_requested_at'],
      ['resolved', '2025-09-17T01:30:00.000Z', 'resolved_at'],
    ],
  );
  for (const e of events) {
    assert.equal(e.topic, 'city/haiphong/case/so-tu-phap/event');
    assert.equal(e.payload.due_at, '2025-09-18T01:30:00.000Z');
    assert.equal(e.payload.channel, 'online');
    assert.equal(e.payload.level, 'province');
    assert.equal(e.payload.procedure_code, '1.001193');
    assert.equal(e.payload.online_payment, true);
    assert.equal(e.payload.digitized, false);
    assert.equal(e.payload.rating, e.event === 'resolved' ? 5 : undefined, 'the rating rides on the outcome only');
    const d = decodeMessage(e.topic, Buffer.from(JSON.stringify(e.payload)), ctx);
    assert.ok(d.ok, `decodes: ${JSON.stringify(d)}`);
  }
});

test('re-reading the same record gives byte-identical events', () => {
  const r = dossier({ assigned_at: t0 + H, resolved_at: t0 + 5 * H, rating: 4 });
  const a = caseRecordToEvents(r, 'haiphong').map((e) => JSON.stringify(e.payload));
  const b = caseRecordToEvents(caseRecordSchema.parse(JSON.parse(JSON.stringify(r))), 'haiphong').map((e) =>
    JSON.stringify(e.payload),
  );
  assert.deepEqual(a, b);
});

test('an open dossier is only received; optional fields are left out, not sent as null', () => {
  const events = caseRecordToEvents(
    dossier({ procedure_name: undefined, online_payment: undefined, status: 'in_progress' }),
    'haiphong',
  );
  assert.deepEqual(
    events.map((e) => e.event),
    ['received'],
  );
  assert.ok(!('procedure_name' in events[0]!.payload));
  assert.ok(!('online_payment' in events[0]!.payload));
});

test('returned and withdrawn happen at the status time (or the result date) instead of resolved', () => {
  const returned = caseRecordToEvents(
    dossier({ status: 'returned', status_at: t0 + 3 * H, resolved_at: t0 + 4 * H }),
    'haiphong',
  );
  assert.deepEqual(
    returned.map((e) => [e.event, e.timeField]),
    [
      ['received', 'received_at'],
      ['returned', 'status_at'],
    ],
  );
  const withdrawn = caseRecordToEvents(
    dossier({ status: 'withdrawn', resolved_at: t0 + 4 * H, rating: 2 }),
    'haiphong',
  );
  assert.deepEqual(
    withdrawn.map((e) => [e.event, e.timeField, e.payload.rating]),
    [
      ['received', 'received_at', undefined],
      ['withdrawn', 'resolved_at', 2],
    ],
  );
});

test('a supplement status with its time, and a resolved status with only a status time, still give their events', () => {
  assert.deepEqual(
    caseRecordToEvents(dossier({ status: 'supplement_requested', status_at: t0 + H }), 'haiphong').map((e) => e.event),
    ['received', 'supplement_requested'],
  );
  assert.deepEqual(
    caseRecordToEvents(dossier({ status: 'resolved', status_at: t0 + H }), 'haiphong').map((e) => e.event),
    ['received', 'resolved'],
  );
});

test('a status that needs a time and has none is refused by the record schema, not guessed', () => {
  const r = caseRecordSchema.safeParse({ ...dossier(), status: 'returned' });
  assert.ok(!r.success);
  assert.equal(r.error.issues[0]?.path[0], 'status_at');
});

test('documents: incoming registered/assigned/processed, outgoing registered/issued, with due_at, signed, e_exchange, urgency', () => {
  const inc = documentRecordToEvents(
    documentRecordSchema.parse({
      doc_id: '125/STP-VP',
      agency_id: 'so-tu-phap',
      direction: 'incoming',
      registered_at: t0,
      assigned_at: t0 + H,
      processed_at: t0 + 30 * H,
      due_at: t0 + 48 * H,
      urgency: 'urgent',
    }),
    'haiphong',
  );
  assert.deepEqual(
    inc.map((e) => e.event),
    ['registered', 'assigned', 'processed'],
  );
  assert.equal(inc[0]!.topic, 'city/haiphong/document/so-tu-phap/event');
  assert.ok(inc.every((e) => e.payload.due_at === '2025-09-17T01:30:00.000Z' && e.payload.urgency === 'urgent'));
  const out = documentRecordToEvents(
    documentRecordSchema.parse({
      doc_id: '88/QĐ-STP',
      agency_id: 'so-tu-phap',
      direction: 'outgoing',
      registered_at: t0,
      issued_at: t0 + 2 * H,
      signed: true,
      e_exchange: true,
    }),
    'haiphong',
  );
  assert.deepEqual(
    out.map((e) => [e.event, e.payload.signed, e.payload.e_exchange]),
    [
      ['registered', true, true],
      ['issued', true, true],
    ],
  );
  assert.ok(!('due_at' in out[0]!.payload));
  for (const e of [...inc, ...out]) assert.ok(decodeMessage(e.topic, Buffer.from(JSON.stringify(e.payload)), ctx).ok);
});

test("documents: direction rules are the record schema's", () => {
  assert.ok(
    !documentRecordSchema.safeParse({ doc_id: 'a', agency_id: 'x', direction: 'incoming', issued_at: t0 }).success,
  );
  assert.ok(
    !documentRecordSchema.safeParse({
      doc_id: 'a',
      agency_id: 'x',
      direction: 'outgoing',
      registered_at: t0,
      processed_at: t0,
    }).success,
  );
  assert.ok(
    documentRecordSchema.safeParse({ doc_id: 'a', agency_id: 'x', direction: 'outgoing', registered_at: t0 }).success,
    'registered, not yet issued',
  );
});
