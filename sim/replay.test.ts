import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parseReplayFile, replayMessages } from './replay';
import { assertWireValid, payloadOf, TZ } from './test-fixture';

const DATA = path.join(import.meta.dirname, 'data');
const pm25 = parseReplayFile(readFileSync(path.join(DATA, 'hanoi_us_embassy_pm25_2017_hourly.csv'), 'utf8'));
const msl = parseReplayFile(
  readFileSync(path.join(DATA, 'hon_dau_haiphong_psmsl841_monthly_msl_1957_2013.csv'), 'utf8'),
);

test('PM2.5 2017: the 62 Missing (-999) rows and 24 Invalid rows are skipped and counted', () => {
  assert.equal(pm25.dataset.sensorId, 'replay-hanoi-pm25');
  assert.equal(pm25.rows, 8760);
  assert.equal(pm25.skipped.missing, 62);
  assert.equal(pm25.skipped.invalid, 24);
  assert.equal(pm25.skipped.malformed, 0);
  assert.equal(pm25.records.length, 8760 - 62 - 24);
  assert.ok(pm25.records.every((r) => r.value !== -999));
  // An Invalid row with a plausible value (2017-04-07 07:00 local, raw 118.5) is still skipped.
  assert.ok(!pm25.records.some((r) => r.sourceTs === '2017-04-07T00:00:00.000Z'));
});

test('PM2.5 2017: small negative values flagged Valid are kept, the Invalid −15.0 run is not', () => {
  const negatives = pm25.records.filter((r) => r.value < 0);
  assert.equal(negatives.length, 16);
  for (const r of negatives) assert.ok(r.value >= -4 && r.value <= -0.1, String(r.value));
});

test('PM2.5 2017: the duplicated DST hour is shifted back into the missing 02:00', () => {
  assert.equal(pm25.shifted, 1);
  assert.equal(pm25.skipped.duplicate, 0);
  const at = (iso: string) => pm25.records.find((r) => r.sourceTs === iso)?.value;
  assert.equal(at('2017-03-11T19:00:00.000Z'), 26.9); // 02:00 local, the first of the pair
  assert.equal(at('2017-03-11T20:00:00.000Z'), 25.2); // 03:00 local
  const indexes = pm25.records.map((r) => r.index);
  assert.equal(new Set(indexes).size, indexes.length, 'one record per hour');
  assert.deepEqual(
    indexes,
    [...indexes].sort((a, b) => a - b),
  );
});

test('Hòn Dấu sea level: 3 missing months (-99999) skipped, gaps kept on the monthly grid', () => {
  assert.equal(msl.dataset.sensorId, 'replay-hon-dau-msl');
  assert.equal(msl.rows, 684);
  assert.equal(msl.skipped.missing, 3);
  assert.equal(msl.records.length, 681);
  for (const month of ['1968-04', '1983-11', '1986-06'])
    assert.ok(!msl.records.some((r) => r.sourceTs.startsWith(month)));
  assert.equal(msl.records[msl.records.length - 1]!.index, 683);
  assert.ok(msl.records.every((r) => r.value > 6500 && r.value < 7500));
});

test('replay messages are valid, laid out on the compressed clock, ending at now and never after', () => {
  const end = Date.UTC(2025, 8, 1, 3);
  for (const parsed of [pm25, msl]) {
    const msgs = replayMessages(parsed, 'haiphong', TZ, end, 1000);
    assert.equal(msgs[0]!.retain, true);
    const checks = assertWireValid(msgs, end);
    const times = checks.slice(1).map((c) => c.ts!);
    assert.equal(times[times.length - 1], end);
    assert.deepEqual(
      times,
      [...times].sort((a, b) => a - b),
    );
    const first = payloadOf<{ source_ts: string; values: Record<string, number> }>(msgs[1]!);
    assert.equal(first.source_ts, parsed.records[0]!.sourceTs);
    assert.deepEqual(Object.keys(first.values), [parsed.dataset.metric]);
  }
});

test('an unknown CSV is refused with a clear error', () => {
  assert.throws(() => parseReplayFile('a,b\n1,2\n'), /unknown dataset/);
});
