import assert from 'node:assert/strict';
import { test } from 'node:test';
import { haiphong } from '../../cities/haiphong';
import { agencyIndex } from './agency';
import { describeProblems, intakeRecord } from './intake';
import { readRecord, type ReadOptions } from './read-record';

const opts: ReadOptions = { timeZone: haiphong.timeZone, agencies: agencyIndex(haiphong.agencies) };
const decode = { city: 'haiphong', timeZone: haiphong.timeZone, now: Date.parse('2026-01-01T00:00:00Z') };
const row = {
  case_id: ' HS-001 ',
  agency_id: 'UBND Phường Lê Chân',
  procedure_code: '1.001193',
  procedure_name: 'Đăng ký khai sinh',
  channel: 'Trực tuyến',
  received_at: '15/09/2025 08:30',
  due_at: '17/09/2025',
  resolved_at: '16/09/2025 10:00',
  status: 'Đã trả kết quả',
  online_payment: 'Có',
  digitized: 'x',
  rating: 'Rất hài lòng',
};

test("Vietnamese values become the contract's: agency by name, level from the agency, channel, booleans, rating", () => {
  const r = readRecord('cases', row, opts);
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal(r.record.case_id, 'HS-001');
  assert.equal(r.record.agency_id, 'ubnd-11383');
  assert.equal(r.record.level, 'commune', "a commune people's committee works at commune level");
  assert.equal(r.record.channel, 'online');
  assert.equal(r.record.status, 'resolved');
  assert.equal(r.record.online_payment, true);
  assert.equal(r.record.digitized, true);
  assert.equal(r.record.rating, 5);
  assert.equal(
    new Date(r.record.due_at).toISOString(),
    '2025-09-17T16:59:59.000Z',
    'a bare due date means the end of that day',
  );
});

test('every problem of a row is reported with its field, and a field that cannot be read is not also "missing"', () => {
  const r = readRecord('cases', { ...row, case_id: '', channel: 'Fax', received_at: '31/02/2025', rating: '9' }, opts);
  assert.ok(!r.ok);
  const byField = Object.fromEntries(r.problems.map((p) => [p.field, p.message]));
  assert.match(
    byField.channel!,
    /unknown value "Fax" \(expected online \(trực tuyến\), counter \(trực tiếp\), postal \(bưu chính\)\)/,
  );
  assert.match(byField.received_at!, /not a real date/);
  assert.equal(byField.case_id, 'is missing');
  assert.match(byField.rating!, /5/);
  assert.equal(r.problems.filter((p) => p.field === 'received_at').length, 1);
});

test('defaults fill empty fields and value maps come before the vocabulary', () => {
  const r = readRecord(
    'cases',
    { ...row, agency_id: '', channel: 'TT', status: '4' },
    {
      ...opts,
      defaults: { agency_id: 'so-tu-phap' },
      valueMaps: { channel: { tt: 'online' }, status: { 4: 'resolved' } },
    },
  );
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal(r.record.agency_id, 'so-tu-phap');
  assert.equal(r.record.level, 'province');
  assert.equal(r.record.channel, 'online');
  assert.equal(r.record.status, 'resolved');
});

test('an unknown agency name is a problem; an unknown id is kept (registered later as unregistered)', () => {
  const bad = readRecord('cases', { ...row, agency_id: 'Sở Không Tồn Tại' }, opts);
  assert.ok(!bad.ok && /unknown agency "Sở Không Tồn Tại"/.test(describeProblems(bad.problems)));
  const unknownId = readRecord('cases', { ...row, agency_id: 'so-moi', level: 'Cấp tỉnh' }, opts);
  assert.ok(unknownId.ok && unknownId.record.agency_id === 'so-moi' && unknownId.record.level === 'province');
});

test("intake runs the wire decoder: its reasons are the MQTT way's, and the whole record is refused", () => {
  const ok = intakeRecord('cases', row, opts, decode);
  assert.ok(ok.ok);
  assert.deepEqual(
    ok.records.map((r) => r.kind === 'case_event' && r.event.event),
    ['received', 'resolved'],
  );
  const future = intakeRecord('cases', { ...row, resolved_at: '01/01/2027 08:00' }, opts, decode);
  assert.ok(!future.ok);
  assert.equal(future.reason, 'future_timestamp');
  assert.equal(future.problems[0]?.field, 'resolved_at');
  assert.match(future.problems[0]!.message, /^resolved event: ts 2027-01-01T01:00:00.000Z is \d+ s ahead/);
  const bad = intakeRecord('cases', { ...row, channel: undefined }, opts, decode);
  assert.ok(!bad.ok && bad.reason === 'bad_record');
  assert.equal(
    describeProblems(bad.problems, (f) => `Kênh nộp (${f})`),
    'Kênh nộp (channel): is missing',
  );
});

test('documents: direction words, signed and e-exchange flags, urgency', () => {
  const r = readRecord(
    'documents',
    {
      doc_id: '125/STP-VP',
      agency_id: 'Sở Tư pháp',
      direction: 'Văn bản đến',
      registered_at: '15/09/2025 08:30',
      processed_at: '16/09/2025 15:00',
      due_at: '20/09/2025',
      signed: 'Không',
      e_exchange: 'Có',
      urgency: 'Thượng khẩn',
    },
    opts,
  );
  assert.ok(r.ok, JSON.stringify(r));
  assert.deepEqual(
    [r.record.direction, r.record.agency_id, r.record.signed, r.record.e_exchange, r.record.urgency],
    ['incoming', 'so-tu-phap', false, true, 'flash'],
  );
});
