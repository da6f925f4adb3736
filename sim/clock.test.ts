import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DAY, HOUR, isoLocal, localDateCode, localInstant, localTime } from './clock';

const TZ = 'Asia/Ho_Chi_Minh';

test('local time matches Intl for instants across many years', () => {
  const fmt = new Intl.DateTimeFormat('en-CA', {
    timeZone: TZ,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
    weekday: 'short',
  });
  const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  for (let ms = Date.UTC(1999, 11, 31, 13); ms < Date.UTC(2031, 0, 1); ms += 97 * HOUR + 13 * 60_000) {
    const t = localTime(ms, TZ);
    const parts = Object.fromEntries(fmt.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
    assert.equal(t.year, Number(parts.year));
    assert.equal(t.month, Number(parts.month));
    assert.equal(t.day, Number(parts.day));
    assert.equal(Math.floor(t.hour), Number(parts.hour));
    assert.equal(weekdays[t.weekday], parts.weekday);
    assert.ok(t.dayStartMs <= ms && ms - t.dayStartMs < DAY);
  }
});

test('isoLocal writes the +07:00 offset and round-trips', () => {
  const ms = localInstant(2025, 7, 1, 8.5, TZ);
  assert.equal(isoLocal(ms, TZ), '2025-07-01T08:30:00.000+07:00');
  assert.equal(Date.parse(isoLocal(ms + 1234, TZ)), ms + 1234);
  assert.equal(localDateCode(ms, TZ), '250701');
});

test('the day of the year starts at 0 on 1 January', () => {
  assert.equal(localTime(localInstant(2025, 1, 1, 0.1, TZ), TZ).dayOfYear, 0);
  assert.equal(localTime(localInstant(2024, 12, 31, 23, TZ), TZ).dayOfYear, 365); // leap year
});
