import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DAY, HOUR, localInstant, MINUTE } from '../clock';
import type { SimMessage } from '../message';
import { assertWireValid, payloadOf, testModel, TZ } from '../test-fixture';
import { reportTimes, SENSOR_PERIOD_MS, telemetryMessages } from './telemetry';

type Telemetry = { ts: string; values: Record<string, number> };
const model = testModel();
const JAN = localInstant(2025, 1, 13, 0, TZ); // a Monday in the smoggy season
const JUL = localInstant(2025, 7, 14, 0, TZ);

test('every telemetry message of a day passes the schema, none after the window', () => {
  const window = { from: JAN, to: JAN + DAY };
  const msgs = [...telemetryMessages(model, window, 15 * MINUTE)];
  assert.equal(msgs.length, model.sensors.length * 96);
  for (const c of assertWireValid(msgs, window.to - 1)) assert.ok(c.ts! >= window.from);
});

test('sensors report every 10 s, staggered, and each report exactly once however the timeline is cut', () => {
  const from = JUL + 7 * HOUR;
  const whole = [...telemetryMessages(model, { from, to: from + 5 * MINUTE })];
  const pieces: SimMessage[] = [];
  for (let t = from; t < from + 5 * MINUTE; t += 730)
    pieces.push(...telemetryMessages(model, { from: t, to: Math.min(from + 5 * MINUTE, t + 730) }));
  const key = (m: SimMessage) => `${m.topic} ${payloadOf<Telemetry>(m).ts}`;
  assert.deepEqual(pieces.map(key).sort(), whole.map(key).sort());
  assert.equal(whole.length, model.sensors.length * 30);
  // Staggered: the first reports are spread over the period, not on one instant.
  const firsts = new Set(
    model.sensors.map(
      (s) => reportTimes(s.phase, SENSOR_PERIOD_MS, { from, to: from + SENSOR_PERIOD_MS }).next().value,
    ),
  );
  assert.ok(firsts.size > model.sensors.length / 2);
});

test('the same seed gives the same readings', () => {
  const window = { from: JUL, to: JUL + MINUTE };
  assert.deepEqual([...telemetryMessages(testModel(), window)], [...telemetryMessages(model, window)]);
});

test('readings stay in realistic ranges all year', () => {
  const ranges: Record<string, [number, number]> = {
    pm25: [0, 400],
    pm10: [0, 700],
    water_level_cm: [-50, 600],
    noise_db: [30, 100],
    temp_c: [3, 42],
    humidity_pct: [30, 100],
    rain_mm: [0, 150],
    wind_ms: [0, 45],
  };
  for (let day = 0; day < 365; day += 9) {
    const from = localInstant(2025, 1, 1, 0, TZ) + day * DAY + (day % 24) * HOUR;
    for (const m of telemetryMessages(model, { from, to: from + 12 * SENSOR_PERIOD_MS })) {
      for (const [metric, v] of Object.entries(payloadOf<Telemetry>(m).values)) {
        const [lo, hi] = ranges[metric]!;
        assert.ok(v >= lo && v <= hi, `${metric} ${v} at ${payloadOf<Telemetry>(m).ts}`);
      }
    }
  }
});

test('values are continuous: consecutive 10 s readings move a little, not like white noise', () => {
  const window = { from: JAN + 6 * HOUR, to: JAN + 7 * HOUR };
  const last = new Map<string, Record<string, number>>();
  const limits: Record<string, number> = {
    pm25: 6,
    pm10: 10,
    water_level_cm: 6,
    noise_db: 2.5,
    temp_c: 0.4,
    humidity_pct: 1.2,
    rain_mm: 2,
    wind_ms: 1,
  };
  for (const m of telemetryMessages(model, window)) {
    const v = payloadOf<Telemetry>(m).values;
    const prev = last.get(m.topic);
    if (prev)
      for (const [k, x] of Object.entries(v))
        assert.ok(Math.abs(x - prev[k]!) <= limits[k]!, `${m.topic} ${k} jumped ${prev[k]} → ${x}`);
    last.set(m.topic, v);
  }
});

/** Mean of a metric over all sensors at a local hour, across two weeks. */
function meanAt(metric: string, hour: number, start: number): number {
  let sum = 0;
  let n = 0;
  for (let d = 0; d < 14; d++) {
    const from = start + d * DAY + hour * HOUR;
    for (const m of telemetryMessages(model, { from, to: from + SENSOR_PERIOD_MS })) {
      const v = payloadOf<Telemetry>(m).values[metric];
      if (v === undefined) continue;
      sum += v;
      n++;
    }
  }
  return sum / n;
}

test('diurnal shape: PM2.5 and street noise are higher in the 08:00 rush than at 03:00', () => {
  assert.ok(meanAt('pm25', 8, JAN) > 1.2 * meanAt('pm25', 3, JAN));
  assert.ok(meanAt('noise_db', 8, JUL) > meanAt('noise_db', 3, JUL) + 15);
  assert.ok(meanAt('noise_db', 3, JUL) < 50);
});

test('seasons: winter air is dirtier than summer air', () => {
  assert.ok(meanAt('pm25', 12, JAN) > 1.8 * meanAt('pm25', 12, JUL));
  assert.ok(meanAt('temp_c', 14, JUL) > meanAt('temp_c', 14, JAN) + 7);
});

test('the tide is diurnal with a range of metres at the coast', () => {
  const gauge =
    model.sensors.find((s) => s.kind === 'water' && s.ward.code === '11455') ??
    model.sensors.find((s) => s.kind === 'water')!;
  const levels: number[] = [];
  for (let t = JUL; t < JUL + 15 * DAY; t += HOUR) {
    const m = [...telemetryMessages({ ...model, sensors: [gauge] }, { from: t, to: t + SENSOR_PERIOD_MS })][0]!;
    levels.push(payloadOf<Telemetry>(m).values.water_level_cm!);
  }
  const range = Math.max(...levels) - Math.min(...levels);
  assert.ok(range > 150 && range < 450, `range ${range} cm`);
  // One high water a day: about 15 daily maxima in 15 days, not 30.
  let peaks = 0;
  for (let i = 1; i < levels.length - 1; i++)
    if (levels[i]! > levels[i - 1]! && levels[i]! >= levels[i + 1]! && levels[i]! > 200) peaks++;
  assert.ok(peaks >= 10 && peaks <= 20, `${peaks} high waters`);
});
