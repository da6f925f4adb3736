import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backoffMs, quietUntil } from './schedule';

const TZ = 'Asia/Ho_Chi_Minh';
const Q = { startMin: 21 * 60, endMin: 7 * 60 };
/** City time (UTC+7, no DST) as epoch ms. */
const at = (iso: string) => Date.parse(`${iso}+07:00`);

test('quiet hours: 02:00 city time is held until 07:00 the same morning; 21:00 until 07:00 the next', () => {
  assert.equal(quietUntil(at('2026-03-10T02:00:00'), TZ, Q), at('2026-03-10T07:00:00'));
  assert.equal(quietUntil(at('2026-03-10T02:13:27'), TZ, Q), at('2026-03-10T07:00:00'));
  assert.equal(quietUntil(at('2026-03-10T21:00:00'), TZ, Q), at('2026-03-11T07:00:00'));
  assert.equal(quietUntil(at('2026-03-10T07:00:00'), TZ, Q), null);
  assert.equal(quietUntil(at('2026-03-10T20:59:59'), TZ, Q), null);
  assert.equal(quietUntil(at('2026-03-10T12:00:00'), TZ, null), null);
});

test('quiet hours within one day (12:00-13:30) and in the city time zone, not UTC', () => {
  const lunch = { startMin: 12 * 60, endMin: 13 * 60 + 30 };
  assert.equal(quietUntil(at('2026-03-10T12:45:00'), TZ, lunch), at('2026-03-10T13:30:00'));
  // 05:00 UTC is 12:00 in Hải Phòng.
  assert.equal(quietUntil(Date.parse('2026-03-10T05:00:00Z'), TZ, lunch), at('2026-03-10T13:30:00'));
});

test('backoff doubles from the base and stops at the cap', () => {
  assert.deepEqual(
    [1, 2, 3, 4, 10, 60].map((a) => backoffMs(a, 1000, 30_000)),
    [1000, 2000, 4000, 8000, 30_000, 30_000],
  );
});
