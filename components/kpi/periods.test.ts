import assert from 'node:assert/strict';
import { test } from 'node:test';
import { localToday, periodDays } from './periods';

test('periods end today and start where a leader expects', () => {
  const today = '2026-11-25'; // a Wednesday
  assert.deepEqual(periodDays('today', today), { from: today, to: today });
  assert.deepEqual(periodDays('week', today), { from: '2026-11-23', to: today }, 'weeks start on Monday');
  assert.deepEqual(periodDays('week', '2026-11-23'), { from: '2026-11-23', to: '2026-11-23' });
  assert.deepEqual(periodDays('week', '2026-11-29'), { from: '2026-11-23', to: '2026-11-29' }, 'Sunday ends the week');
  assert.deepEqual(periodDays('month', today), { from: '2026-11-01', to: today });
  assert.deepEqual(periodDays('quarter', today), { from: '2026-10-01', to: today });
  assert.deepEqual(periodDays('year', today), { from: '2026-01-01', to: today });
});

test("today is the city's date, not UTC's", () => {
  // 18:30 UTC on the 24th is 01:30 on the 25th in Hải Phòng.
  assert.equal(localToday(Date.UTC(2026, 10, 24, 18, 30), 'Asia/Ho_Chi_Minh'), '2026-11-25');
});
