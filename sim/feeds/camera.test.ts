import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DAY, HOUR, localInstant, localTime, MINUTE } from '../clock';
import type { Weather } from '../environment';
import type { SimMessage } from '../message';
import { assertWireValid, payloadOf, testModel, TZ } from '../test-fixture';
import { cameraMessages, cameraStatusMessages } from './camera';
import { cameraEventMessages, eventRates } from './camera-events';
import { isOnline } from './camera-outages';

type Status = { ts: string; online: boolean; fps: number; bitrate_kbps: number };
type Event = { id: string; ts: string; type: string; severity: number; plate?: string };
const model = testModel();
const MON = localInstant(2025, 7, 14, 0, TZ);

test('a day of camera messages passes the schema, nothing after the window', () => {
  const window = { from: MON, to: MON + DAY };
  const msgs = [...cameraMessages(model, window, HOUR)];
  for (const c of assertWireValid(msgs, window.to - 1)) assert.ok(c.ts! >= window.from);
  assert.ok(msgs.some((m) => m.topic.endsWith('/event')));
  assert.ok(msgs.some((m) => m.topic.endsWith('/status')));
});

test('heartbeats every 30 s per camera, staggered; offline cameras report zero fps', () => {
  const window = { from: MON + 9 * HOUR, to: MON + 9 * HOUR + 10 * MINUTE };
  const msgs = [...cameraStatusMessages(model, window)];
  assert.ok(msgs.length >= model.cameras.length * 20);
  for (const m of msgs) {
    const s = payloadOf<Status>(m);
    if (!s.online) assert.equal(s.fps, 0);
    else assert.ok(s.fps > 10 && s.bitrate_kbps > 500);
  }
});

test('a small fraction of cameras is offline at a time, and they come back', () => {
  let down = 0;
  let samples = 0;
  const everDown = new Set<string>();
  for (let t = MON; t < MON + 14 * DAY; t += 17 * MINUTE) {
    for (const c of model.cameras) {
      samples++;
      if (isOnline(model, c, t)) continue;
      down++;
      everDown.add(c.id);
    }
  }
  const share = down / samples;
  assert.ok(share > 0.002 && share < 0.05, `offline share ${share}`);
  assert.ok(everDown.size > 10, 'outages spread over many cameras');
  // Transitions are reported the moment they happen.
  const changes = [...cameraStatusMessages(model, { from: MON, to: MON + 2 * DAY }, 10 * DAY)];
  assert.ok(changes.some((m) => payloadOf<Status>(m).online === false));
  assert.ok(changes.some((m) => payloadOf<Status>(m).online === true));
});

test('event ids are unique and deterministic; events are the same however time is cut', () => {
  const from = MON + 7 * HOUR;
  const to = from + 30 * MINUTE;
  const whole = [...cameraEventMessages(model, { from, to })];
  const pieces: SimMessage[] = [];
  for (let t = from; t < to; t += 1000) pieces.push(...cameraEventMessages(model, { from: t, to: t + 1000 }));
  const ids = whole.map((m) => payloadOf<Event>(m).id);
  assert.equal(new Set(ids).size, ids.length);
  assert.deepEqual(pieces.map((m) => payloadOf<Event>(m).id).sort(), [...ids].sort());
  assert.deepEqual([...cameraEventMessages(testModel(), { from, to })], whole);
});

test('plates look Vietnamese, mostly from Hải Phòng (15/16) and Hải Dương (34)', () => {
  const plates = [...cameraEventMessages(model, { from: MON + 7 * HOUR, to: MON + 9 * HOUR })].flatMap(
    (m) => payloadOf<Event>(m).plate ?? [],
  );
  assert.ok(plates.length > 100);
  for (const p of plates) assert.match(p, /^\d{2}[A-Z]{1,2}\d?-\d{3}\.\d{2}$/);
  const local = plates.filter((p) => /^(15|16|34)/.test(p)).length / plates.length;
  assert.ok(local > 0.8, `local share ${local}`);
});

test('rates follow the street: rush hours bring violations and congestion, nights bring speeding', () => {
  const count = (from: number, type: string) => {
    let n = 0;
    for (let d = 0; d < 5; d++)
      for (const m of cameraEventMessages(model, { from: from + d * DAY, to: from + d * DAY + HOUR }))
        if (payloadOf<Event>(m).type === type) n++;
    return n;
  };
  const rush = MON + 7 * HOUR;
  const night = MON + 2 * HOUR;
  assert.ok(count(rush, 'red_light') > 3 * count(night, 'red_light'));
  assert.ok(count(rush, 'congestion') > count(night, 'congestion') + 20);
  assert.ok(count(night, 'speeding') > 2 * count(MON + 12 * HOUR, 'speeding'));
});

test('flooding needs heavy rain and a low road; severities stay 1–3', () => {
  const dry: Weather = { rainMmH: 0, recentRainMmH: 0, storm: 0, tempC: 30, humidityPct: 80, windMs: 3 };
  const wet: Weather = { ...dry, rainMmH: 40, recentRainMmH: 25 };
  assert.equal(eventRates(17, 1, dry, true).flooding, 0);
  assert.equal(eventRates(17, 1, wet, false).flooding, 0);
  assert.ok(eventRates(17, 1, wet, true).flooding > 1);
  for (const m of cameraEventMessages(model, { from: MON, to: MON + DAY })) {
    const e = payloadOf<Event>(m);
    assert.ok([1, 2, 3].includes(e.severity));
    if (e.type === 'fire') assert.equal(e.severity, 3);
    assert.ok(localTime(Date.parse(e.ts), TZ).day === 14);
  }
});
