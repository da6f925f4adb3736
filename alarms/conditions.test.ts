import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alarmRulesSchema, thresholdRuleSchema, type ThresholdRule } from '../contracts/alarm-rules';
import {
  cameraEventMatches,
  initialThresholdState,
  kpiTransition,
  offlineTransition,
  stepThreshold,
  type ThresholdState,
  type Transition,
} from './conditions';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 25, 2);
const pm25 = (over: Partial<ThresholdRule> = {}): ThresholdRule =>
  thresholdRuleSchema.parse({
    id: 'pm25-high',
    name: { vi: 'PM2.5 cao', en: 'PM2.5 high' },
    severity: 2,
    kind: 'threshold',
    metric: 'pm25',
    op: 'above',
    value: 55,
    clearValue: 50,
    forSeconds: 600,
    ...over,
  });

/** Runs readings (minute offset, value) through a rule; returns the transitions. */
function run(
  rule: ThresholdRule,
  readings: [number, number][],
): { transitions: Transition[]; late: number; state: ThresholdState } {
  let state = initialThresholdState();
  const transitions: Transition[] = [];
  let late = 0;
  for (const [m, v] of readings) {
    const step = stepThreshold(rule, state, T0 + m * MIN, v);
    state = step.state;
    if (step.transition) transitions.push(step.transition);
    if (step.late) late++;
  }
  return { transitions, late, state };
}

test('raised only once the condition has held for forSeconds (PM2.5 > 55 for 10 min)', () => {
  const short = run(pm25(), [
    [0, 60],
    [5, 70],
    [9, 58],
    [10, 40],
  ]);
  assert.deepEqual(short.transitions, [], 'nine minutes above is not ten');
  const long = run(pm25(), [
    [0, 60],
    [5, 70],
    [10, 58],
    [11, 59],
  ]);
  assert.deepEqual(
    long.transitions,
    [{ type: 'raise', at: T0 + 10 * MIN, value: 58 }],
    'raised at the tenth minute, once',
  );
  const broken = run(pm25(), [
    [0, 60],
    [5, 54],
    [6, 60],
    [15, 61],
    [16, 62],
  ]);
  assert.deepEqual(
    broken.transitions.map((t) => t.at),
    [T0 + 16 * MIN],
    'a dip restarts the count',
  );
});

test('hysteresis: a value hovering at the threshold does not flap', () => {
  const hovering: [number, number][] = [[0, 56]];
  for (let m = 1; m <= 60; m++) hovering.push([m, m % 2 ? 54.5 : 56]);
  const r = run(pm25({ forSeconds: 0 }), hovering);
  assert.deepEqual(
    r.transitions.map((t) => t.type),
    ['raise'],
    'raised once, never cleared inside the 50–55 band',
  );
  const cleared = run(pm25({ forSeconds: 0 }), [...hovering, [61, 49], [62, 56]]);
  assert.deepEqual(
    cleared.transitions.map((t) => t.type),
    ['raise', 'clear', 'raise'],
    'below 50 clears; above 55 raises again',
  );
});

test('clearForSeconds: the good side must hold before the alarm clears', () => {
  const r = run(pm25({ forSeconds: 0, clearForSeconds: 300 }), [
    [0, 60],
    [1, 45],
    [3, 45],
    [4, 52],
    [5, 45],
    [10, 45],
  ]);
  assert.deepEqual(
    r.transitions.map((t) => [t.type, (t.at - T0) / MIN]),
    [
      ['raise', 0],
      ['clear', 10],
    ],
  );
});

test('out-of-order readings do not rewrite the past', () => {
  const r = run(pm25({ forSeconds: 0 }), [
    [0, 40],
    [10, 60],
    [5, 10],
    [11, 61],
  ]);
  assert.equal(r.late, 1);
  assert.deepEqual(
    r.transitions.map((t) => t.type),
    ['raise'],
    'the late low reading does not clear the alarm',
  );
  const below = run(pm25({ op: 'below', value: 20, clearValue: 25, forSeconds: 0 }), [
    [0, 30],
    [1, 10],
    [2, 22],
    [3, 26],
  ]);
  assert.deepEqual(
    below.transitions.map((t) => t.type),
    ['raise', 'clear'],
    '"below" rules mirror "above"',
  );
});

test('offline: silence beyond N minutes raises at the moment it began; being heard again clears', () => {
  const rule = alarmRulesSchema.parse([
    {
      id: 'cam-off',
      name: { vi: 'Camera mất tín hiệu', en: 'Camera offline' },
      severity: 2,
      kind: 'offline',
      deviceType: 'camera',
      minutes: 5,
    },
  ])[0]!;
  if (rule.kind !== 'offline') throw new Error('kind');
  assert.equal(offlineTransition(rule, false, T0, T0 + 4 * MIN), null);
  assert.deepEqual(offlineTransition(rule, false, T0, T0 + 6 * MIN), { type: 'raise', at: T0 + 5 * MIN, value: null });
  assert.equal(
    offlineTransition(rule, true, T0, T0 + 60 * MIN),
    null,
    'already raised: not again (a restart finds it active)',
  );
  assert.deepEqual(offlineTransition(rule, true, T0 + 61 * MIN, T0 + 62 * MIN), {
    type: 'clear',
    at: T0 + 61 * MIN,
    value: null,
  });
  assert.equal(offlineTransition(rule, false, null, T0), null, 'never heard from: not judged');
});

test('camera events and KPI breaches', () => {
  const [ev, kpi] = alarmRulesSchema.parse([
    {
      id: 'accident',
      name: { vi: 'Tai nạn', en: 'Accident' },
      severity: 3,
      kind: 'camera_event',
      types: ['accident', 'fire'],
      minSeverity: 2,
    },
    {
      id: 'overdue',
      name: { vi: 'Quá hạn', en: 'Overdue' },
      severity: 1,
      kind: 'kpi_breach',
      kpi: 'cases.overdueNow',
      above: 10,
      clearAtOrBelow: 5,
    },
  ]);
  if (ev?.kind !== 'camera_event' || kpi?.kind !== 'kpi_breach') throw new Error('kinds');
  assert.equal(cameraEventMatches(ev, 'accident', 2), true);
  assert.equal(cameraEventMatches(ev, 'accident', 1), false);
  assert.equal(cameraEventMatches(ev, 'speeding', 3), false);
  assert.equal(kpiTransition(kpi, false, 10, T0), null);
  assert.deepEqual(kpiTransition(kpi, false, 11, T0), { type: 'raise', at: T0, value: 11 });
  assert.equal(kpiTransition(kpi, true, 7, T0), null, 'inside the band');
  assert.deepEqual(kpiTransition(kpi, true, 5, T0), { type: 'clear', at: T0, value: 5 });
  // A count that must stay above the limit for 10 minutes: not at 9, at 10.
  const held = { ...kpi, forMinutes: 10 };
  assert.equal(
    kpiTransition(held, false, 30, T0 + 9 * 60_000, T0),
    null,
    'a jump while records arrive raises nothing yet',
  );
  assert.deepEqual(kpiTransition(held, false, 30, T0 + 10 * 60_000, T0), {
    type: 'raise',
    at: T0 + 10 * 60_000,
    value: 30,
  });
  assert.deepEqual(kpiTransition(held, true, 5, T0, T0), { type: 'clear', at: T0, value: 5 }, 'clearing does not wait');
});

test('rules are validated with clear errors', () => {
  const bad = alarmRulesSchema.safeParse([
    {
      id: 'x',
      name: { vi: 'a', en: 'a' },
      severity: 2,
      kind: 'threshold',
      metric: 'pm25',
      op: 'above',
      value: 55,
      clearValue: 60,
    },
  ]);
  assert.equal(bad.success, false);
  assert.match(JSON.stringify(bad.error?.issues), /clearValue must be on the good side/);
  const dup = alarmRulesSchema.safeParse([
    { id: 'x', name: { vi: 'a', en: 'a' }, severity: 1, kind: 'offline', deviceType: 'sensor', minutes: 5 },
    { id: 'x', name: { vi: 'b', en: 'b' }, severity: 1, kind: 'offline', deviceType: 'camera', minutes: 5 },
  ]);
  assert.equal(dup.success, false);
});
