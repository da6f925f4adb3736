import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DAY, HOUR, localInstant } from '../clock';
import { assertWireValid, payloadOf, testModel, TZ } from '../test-fixture';
import { CITY_INDICATORS, COUNTERS, cityIndicatorMessages, cityIndicatorMetas } from './city-systems';

const model = testModel();
const MON = localInstant(2025, 10, 6, 0, TZ);

test('every city-system indicator of a day passes the schema; a value every 15 min, a queue only in office hours', () => {
  assertWireValid(cityIndicatorMetas(model));
  const window = { from: MON, to: MON + DAY };
  const msgs = [...cityIndicatorMessages(model, window)];
  const checks = assertWireValid(msgs, window.to - 1);
  assert.ok(checks.every((c) => c.ts! >= window.from));
  const keys = new Set(msgs.map((m) => m.topic.split('/').slice(3, 5).join('/')));
  assert.deepEqual(keys, new Set(Object.keys(CITY_INDICATORS)), 'every indicator with a meta has values');
  const waits = msgs
    .filter((m) => m.topic.endsWith('/motcua/wait_p50_min'))
    .map((m) => payloadOf<{ ts: string; value: number; dims: { counter: string } }>(m));
  const hours = new Set(waits.map((w) => (Date.parse(w.ts) - MON) / HOUR));
  assert.ok(
    [...hours].every((h) => h >= 7.5 && h <= 17.5),
    `queue hours ${[...hours].join(',')}`,
  );
  assert.deepEqual(new Set(waits.map((w) => w.dims.counter)), new Set(COUNTERS));
  assert.equal(msgs.filter((m) => m.topic.endsWith('/soc/intrusion_alerts')).length, 96);
});

test('the same quarter hour gives the same values however the time is cut (live and history agree)', () => {
  const whole = [...cityIndicatorMessages(model, { from: MON, to: MON + 6 * HOUR })];
  const parts = [
    ...cityIndicatorMessages(model, { from: MON, to: MON + 2 * HOUR + 7 * 60_000 }),
    ...cityIndicatorMessages(model, { from: MON + 2 * HOUR + 7 * 60_000, to: MON + 6 * HOUR }),
  ];
  assert.deepEqual(parts, whole);
});
