import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseWireTime, zoneOffsetMinutes } from './time';

const TZ = 'Asia/Ho_Chi_Minh';

test('ISO with offset, Z, and epoch milliseconds are the same instant', () => {
  const a = parseWireTime('2025-07-01T08:00:00+07:00', TZ);
  const b = parseWireTime('2025-07-01T01:00:00Z', TZ);
  const c = parseWireTime(Date.UTC(2025, 6, 1, 1), TZ);
  assert.deepEqual([a, b], [c, c]);
});

test('a naive ISO time is read in the city time zone (UTC+7)', () => {
  assert.deepEqual(parseWireTime('2025-07-01T08:00:00', TZ), { ok: true, ms: Date.UTC(2025, 6, 1, 1) });
  assert.deepEqual(parseWireTime('2025-07-01 08:00', TZ), { ok: true, ms: Date.UTC(2025, 6, 1, 1) });
});

test('a naive time in a zone with DST resolves with that day’s offset', () => {
  assert.equal(zoneOffsetMinutes(Date.UTC(2025, 0, 15), 'Europe/Berlin'), 60);
  assert.equal(zoneOffsetMinutes(Date.UTC(2025, 6, 15), 'Europe/Berlin'), 120);
  assert.deepEqual(parseWireTime('2025-07-15T12:00:00', 'Europe/Berlin'), { ok: true, ms: Date.UTC(2025, 6, 15, 10) });
});

test('garbage, epoch seconds and non-integers are refused with a reason', () => {
  for (const bad of ['yesterday', '2025-13-45T99:00:00Z', '', null, {}, 1.5, 1751331600, Number.NaN]) {
    const r = parseWireTime(bad, TZ);
    assert.equal(r.ok, false, `accepted ${String(bad)}`);
  }
  const secs = parseWireTime(1751331600, TZ);
  assert.ok(!secs.ok && /seconds/.test(secs.error));
});
