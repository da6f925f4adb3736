import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DAY, localInstant } from '../clock';
import { assertWireValid, payloadOf, testModel, TZ } from '../test-fixture';
import { taskMessages } from './tasks';

const model = testModel();
const MON = localInstant(2025, 10, 6, 0, TZ);
type Ev = { task_id: string; ts: string; event: string; due_at?: string };

test("leaders' tasks of 90 days: valid events in order, every task assigned first, each kind of fate present", () => {
  const window = { from: MON, to: MON + 90 * DAY };
  const msgs = [...taskMessages(model, window)];
  const checks = assertWireValid(msgs, window.to - 1);
  assert.ok(
    checks.every((c, i) => c.ts! >= window.from && (i === 0 || c.ts! >= checks[i - 1]!.ts!)),
    'in time order, inside the window',
  );
  const byTask = new Map<string, Ev[]>();
  for (const m of msgs) {
    const e = payloadOf<Ev>(m);
    byTask.set(e.task_id, [...(byTask.get(e.task_id) ?? []), e]);
  }
  // Tasks assigned in the window (the first 60 days: every event of theirs is inside it).
  const full = [...byTask.values()].filter(
    (evs) => evs[0]!.event === 'assigned' && Date.parse(evs[0]!.ts) < window.from + 30 * DAY,
  );
  assert.ok(full.length > 50, `${full.length} tasks`);
  const has = (pred: (evs: Ev[]) => boolean) => full.some(pred);
  assert.ok(
    has((evs) => evs.some((e) => e.event === 'extended')),
    'an extension',
  );
  assert.ok(
    has((evs) => evs.some((e) => e.event === 'reopened')),
    'a reopened task',
  );
  assert.ok(
    has((evs) => evs.some((e) => e.event === 'cancelled')),
    'a cancellation',
  );
  assert.ok(
    has((evs) => evs.some((e) => e.event === 'completed' && e.ts === evs[0]!.due_at)),
    'done exactly at the deadline',
  );
  assert.ok(
    has((evs) => !evs.some((e) => e.event === 'completed' || e.event === 'cancelled')),
    'still open',
  );
  // The same events whichever way the time is cut.
  const cut = MON + 17 * DAY + 12_345;
  assert.deepEqual(
    [...taskMessages(model, { from: MON, to: cut }), ...taskMessages(model, { from: cut, to: window.to })],
    msgs,
  );
});
