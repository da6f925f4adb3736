import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readSourceTime } from './source-time';

const TZ = 'Asia/Ho_Chi_Minh';
const ms = (v: unknown, f: Parameters<typeof readSourceTime>[1] = 'auto') => {
  const t = readSourceTime(v, f, TZ);
  return t.ok ? new Date(t.ms).toISOString() : `error: ${t.error}`;
};

test('Vietnamese dd/MM/yyyy HH:mm is a wall-clock time in the city (UTC+7)', () => {
  assert.equal(ms('15/09/2025 08:30'), '2025-09-15T01:30:00.000Z');
  assert.equal(ms('15/09/2025 08:30:15'), '2025-09-15T01:30:15.000Z');
  assert.equal(ms('5/9/2025 8:05'), '2025-09-05T01:05:00.000Z');
  assert.equal(ms('15-09-2025'), '2025-09-14T17:00:00.000Z');
  assert.equal(ms('08:30 15/09/2025'), '2025-09-15T01:30:00.000Z', 'time first, as some systems print it');
  assert.equal(ms('15/09/2025 8g30'), '2025-09-15T01:30:00.000Z');
  assert.equal(
    readSourceTime('15/09/2025', 'auto', TZ).ok &&
      (readSourceTime('15/09/2025', 'auto', TZ) as { dateOnly: boolean }).dateOnly,
    true,
  );
});

test('dates that do not exist are refused with the value in the message', () => {
  assert.match(ms('31/02/2025'), /error: 31\/02\/2025 00:00:00 is not a real date/);
  assert.match(ms('15/13/2025 08:00'), /not a real date/);
  assert.match(ms('15/09/2025 25:00'), /not a real date/);
  assert.match(ms('hôm qua'), /error: "hôm qua" is not a date \(expected dd\/MM\/yyyy/);
});

test('ISO with and without offset, epoch milliseconds; epoch seconds only when asked for', () => {
  assert.equal(ms('2025-09-15T08:30:00+07:00'), '2025-09-15T01:30:00.000Z');
  assert.equal(ms('2025-09-15 08:30'), '2025-09-15T01:30:00.000Z');
  assert.equal(ms(1757899800000), '2025-09-15T01:30:00.000Z');
  assert.equal(ms('1757899800000'), '2025-09-15T01:30:00.000Z');
  assert.match(ms(1757899800), /error: epoch value looks like seconds/);
  assert.equal(ms(1757899800, 'epoch_s'), '2025-09-15T01:30:00.000Z');
});

test('Excel: serial days and exceljs Dates are wall-clock times in the city', () => {
  assert.equal(ms(45915.3541666667), '2025-09-15T01:30:00.000Z'); // 15/09/2025 08:30
  assert.equal(ms(45915), '2025-09-14T17:00:00.000Z');
  assert.equal(ms(new Date(Date.UTC(2025, 8, 15, 8, 30))), '2025-09-15T01:30:00.000Z');
  assert.match(ms(new Date(NaN)), /error: invalid date/);
});

test('a strict format accepts only its own form; MM/dd/yyyy swaps day and month', () => {
  assert.equal(ms('09/15/2025 08:30', 'MM/dd/yyyy'), '2025-09-15T01:30:00.000Z');
  assert.match(ms('2025-09-15T08:30:00+07:00', 'dd/MM/yyyy'), /error/);
  assert.match(ms('15/09/2025', 'iso'), /error/);
  assert.match(ms(45915, 'iso'), /error/);
});
