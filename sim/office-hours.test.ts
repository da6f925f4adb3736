import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isoLocal, localInstant, localTime } from './clock';
import { addWorkingDays, inOfficeHours, nextOfficeMoment } from './office-hours';

const TZ = 'Asia/Ho_Chi_Minh';
const at = (y: number, m: number, d: number, h: number): number => localInstant(y, m, d, h, TZ);
const iso = (ms: number): string => isoLocal(ms, TZ).slice(0, 16);

test('working days skip the weekend and keep the clock time', () => {
  // Friday 2025-07-04 09:00 + 1 working day = Monday 09:00.
  assert.equal(iso(addWorkingDays(at(2025, 7, 4, 9), 1, TZ)), '2025-07-07T09:00');
  assert.equal(iso(addWorkingDays(at(2025, 7, 1, 10), 15, TZ)), '2025-07-22T10:00');
});

test('a dossier received out of hours counts from the next opening', () => {
  // Saturday evening → Monday 07:30 opening → +1 working day = Tuesday 07:30.
  assert.equal(iso(addWorkingDays(at(2025, 7, 5, 20), 1, TZ)), '2025-07-08T07:30');
  assert.equal(iso(nextOfficeMoment(at(2025, 7, 1, 12), TZ)), '2025-07-01T13:30');
  assert.equal(iso(nextOfficeMoment(at(2025, 7, 1, 18), TZ)), '2025-07-02T07:30');
});

test('same-day procedures are due at closing, or the next working day after 15:00', () => {
  assert.equal(iso(addWorkingDays(at(2025, 7, 1, 9), 0, TZ)), '2025-07-01T17:00');
  assert.equal(iso(addWorkingDays(at(2025, 7, 4, 16), 0, TZ)), '2025-07-07T17:00');
  assert.equal(iso(addWorkingDays(at(2025, 7, 6, 10), 0, TZ)), '2025-07-07T17:00'); // Sunday
});

test('office hours are Mon–Fri 07:30–11:30 and 13:30–17:00', () => {
  assert.ok(inOfficeHours(at(2025, 7, 1, 8), TZ));
  assert.ok(!inOfficeHours(at(2025, 7, 1, 12), TZ));
  assert.ok(!inOfficeHours(at(2025, 7, 5, 9), TZ)); // Saturday
  for (let h = 0; h < 24 * 7; h += 0.37) {
    const open = nextOfficeMoment(at(2025, 7, 1, h), TZ);
    assert.ok(inOfficeHours(open, TZ), iso(open));
    assert.ok(localTime(open, TZ).weekday >= 1);
  }
});
