import assert from 'node:assert/strict';
import { test } from 'node:test';
import { historyMessages, TASK_HISTORY_DAYS } from './backfill';
import { localInstant } from './clock';
import { assertWireValid, payloadOf, testModel, TZ } from './test-fixture';

const until = localInstant(2025, 7, 2, 9.25, TZ); // crosses the 1 July 2025 reform
const history = [...historyMessages(testModel(), 3, until)];

test('history is valid on the wire, entirely in the past and inside the requested days', () => {
  const checks = assertWireValid(history, until - 1);
  // Leaders' tasks reach further back (TASK_HISTORY_DAYS): their weeks-long lives need a past.
  for (const c of checks)
    assert.ok(c.ts! >= until - (c.kind === 'task_event' ? 3 + TASK_HISTORY_DAYS : 3) * 86_400_000, `${c.kind}`);
  const kinds = new Set(checks.map((c) => c.kind));
  for (const k of [
    'sensor_telemetry',
    'camera_status',
    'camera_event',
    'case_event',
    'document_event',
    'indicator_value',
    'task_event',
  ])
    assert.ok(kinds.has(k as never), k);
});

test('telemetry every 15 minutes per sensor', () => {
  const model = testModel();
  const telemetry = history.filter((m) => m.topic.endsWith('/telemetry'));
  assert.equal(telemetry.length, model.sensors.length * 3 * 96);
});

test('every dossier in the history starts with its received event', () => {
  const seen = new Set<string>();
  for (const m of history.filter((x) => x.topic.includes('/case/'))) {
    const p = payloadOf<{ case_id: string; event: string }>(m);
    if (!seen.has(p.case_id)) assert.equal(p.event, 'received', p.case_id);
    seen.add(p.case_id);
  }
  assert.ok(seen.size > 1000);
});

test('a backfill across 1 July 2025 shows district-level history, then communes', () => {
  const levels = new Set(
    history.filter((m) => m.topic.includes('/case/')).map((m) => payloadOf<{ level: string }>(m).level),
  );
  assert.deepEqual(levels, new Set(['province', 'district', 'commune']));
});
