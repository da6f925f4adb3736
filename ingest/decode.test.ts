import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeMessage, type DecodeContext } from './decode';

const ctx: DecodeContext = { city: 'haiphong', timeZone: 'Asia/Ho_Chi_Minh', now: Date.UTC(2026, 10, 25, 3) };
const enc = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v));
const T = (t: string) => `city/haiphong/${t}`;

test('telemetry decodes with its time resolved and values kept', () => {
  const d = decodeMessage(
    T('sensor/air-1/telemetry'),
    enc({ ts: '2026-11-25T09:59:00', values: { pm25: 35.2, temp_c: 28.1 } }),
    ctx,
  );
  assert.ok(d.ok);
  assert.deepEqual(d.record, {
    kind: 'telemetry',
    sensorId: 'air-1',
    timeMs: Date.UTC(2026, 10, 25, 2, 59),
    values: { pm25: 35.2, temp_c: 28.1 },
  });
});

test('up to 5 minutes ahead is accepted (clock skew); beyond is refused', () => {
  const at = (ms: number) => decodeMessage(T('sensor/a/telemetry'), enc({ ts: ms, values: { x: 1 } }), ctx);
  assert.equal(at(ctx.now + 5 * 60_000).ok, true);
  const late = at(ctx.now + 5 * 60_000 + 1);
  assert.ok(!late.ok && late.rejection.reason === 'future_timestamp');
});

test('each kind of bad input gets its own reason', () => {
  const reason = (topic: string, payload: Uint8Array) => {
    const d = decodeMessage(topic, payload, ctx);
    return d.ok ? 'accepted' : d.rejection.reason;
  };
  assert.equal(reason(T('sensor/a/telemetry'), enc('nope')), 'not_json');
  assert.equal(reason(T('sensor/a/telemetry'), Buffer.from([0xc3, 0x28])), 'not_utf8');
  assert.equal(reason(T('nothing/here'), enc({})), 'unknown_topic');
  assert.equal(reason(T('sensor/a/telemetry'), enc({ ts: ctx.now, values: {} })), 'invalid_payload');
  assert.equal(reason(T('sensor/a/telemetry'), enc({ ts: ctx.now, values: { PM25: 1 } })), 'invalid_payload');
  assert.equal(reason(T('sensor/a/telemetry'), enc('{"ts":1,"values":{"x":-1e400}}')), 'invalid_payload');
  assert.equal(
    reason(T('camera/c/event'), enc({ id: 'e', ts: ctx.now, type: 'alien', severity: 1 })),
    'invalid_payload',
  );
  assert.equal(
    reason(T('camera/c/event'), enc({ id: 'e', ts: ctx.now, type: 'fire', severity: 4 })),
    'invalid_payload',
  );
  assert.equal(
    reason(
      T('case/a/event'),
      enc({
        case_id: 'x',
        ts: ctx.now,
        event: 'received',
        procedure_code: 'p',
        level: 'commune',
        channel: 'online',
        due_at: 'soon',
      }),
    ),
    'invalid_payload',
  );
  assert.equal(reason(T('sensor/a/meta'), enc({ name: 'x', kind: 'air', lon: 200, lat: 20 })), 'invalid_payload');
});

test('the rejection detail names the field', () => {
  const d = decodeMessage(T('sensor/a/telemetry'), enc({ ts: ctx.now, values: { pm25: 'high' } }), ctx);
  assert.ok(!d.ok);
  assert.match(d.rejection.detail, /values\.pm25/);
});

test('unknown extra fields are kept for the writer, never a reason to reject', () => {
  const d = decodeMessage(
    T('camera/c/event'),
    enc({ id: 'e', ts: ctx.now, type: 'fire', severity: 3, model: 'yolo', confidence: 0.9 }),
    ctx,
  );
  assert.ok(d.ok && d.record.kind === 'camera_event');
  assert.deepEqual(d.record.extra, { model: 'yolo', confidence: 0.9 });
});

test('a publisher the broker names must own the topic; none named is not checked here', () => {
  const msg = enc({ ts: ctx.now, online: true });
  assert.equal(decodeMessage(T('camera/cam-1/status'), msg, ctx, 'cam-1').ok, true);
  assert.equal(decodeMessage(T('camera/cam-1/status'), msg, ctx).ok, true);
  const spoof = decodeMessage(T('camera/cam-1/status'), msg, ctx, 'cam-2');
  assert.ok(!spoof.ok && spoof.rejection.reason === 'publisher_mismatch');
  assert.match(spoof.rejection.detail, /cam-1's, the broker says the publisher is "cam-2"/);
  const indicator = decodeMessage(
    T('indicator/src-1/k/meta'),
    enc({ label_vi: 'x', label_en: 'x', unit: 'x' }),
    ctx,
    'src-2',
  );
  assert.ok(!indicator.ok && indicator.rejection.reason === 'publisher_mismatch');
});
