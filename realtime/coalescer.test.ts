import assert from 'node:assert/strict';
import { test } from 'node:test';
import { channelSpec } from '../contracts/channels';
import { Coalescer } from './coalescer';

const spec = channelSpec('map:sensors')!;
const reading = (id: string, v: number) => ({ patch: { [id]: { values: { pm25: v } } } });

/** A coalescer on a clock the test moves, flushes recorded with their time. */
function setUp(
  t: { mock: { timers: { enable: (o: { apis: 'setTimeout'[]; now: number }) => void; tick: (ms: number) => void } } },
  windowMs: number,
) {
  t.mock.timers.enable({ apis: ['setTimeout'], now: 0 });
  let clock = 0;
  const flushes: { atMs: number; channel: string; delta: unknown }[] = [];
  const c = new Coalescer(
    windowMs,
    (channel, _spec, delta) => flushes.push({ atMs: clock, channel, delta }),
    () => clock,
  );
  const advance = (ms: number) => {
    clock += ms;
    t.mock.timers.tick(ms);
  };
  return { c, flushes, advance };
}

test('after a quiet window, the first delta goes out on the next turn, with what the same commit touched', (t) => {
  const { c, flushes, advance } = setUp(t, 150);
  c.add('map:sensors', spec, reading('a', 1));
  c.add('map:cameras', channelSpec('map:cameras')!, { patch: { 'cam-1': { online: true } } });
  assert.equal(flushes.length, 0, 'not inside add(): the rest of the commit joins');
  advance(0);
  assert.deepEqual(
    flushes.map((f) => [f.atMs, f.channel]),
    [
      [0, 'map:sensors'],
      [0, 'map:cameras'],
    ],
  );
});

test("within the window deltas are merged into one flush at the window's end, keeping the latest value of every key", (t) => {
  const { c, flushes, advance } = setUp(t, 150);
  c.add('map:sensors', spec, reading('a', 1));
  advance(0);
  for (let i = 0; i < 100; i++) {
    advance(1);
    c.add('map:sensors', spec, reading(i % 2 ? 'a' : 'b', i));
  }
  advance(50);
  assert.equal(flushes.length, 2, 'one leading flush, one at the window end');
  assert.equal(flushes[1]!.atMs, 150);
  assert.deepEqual(flushes[1]!.delta, { patch: { b: { values: { pm25: 98 } }, a: { values: { pm25: 99 } } } });
});

test('a steady stream never flushes more often than once a window', (t) => {
  const { c, flushes, advance } = setUp(t, 150);
  // A commit every 100 ms for 3 s (the simulator's ticks), as in bench:realtime at 1 000 msg/s.
  for (let i = 0; i < 30; i++) {
    c.add('map:sensors', spec, reading('a', i));
    advance(100);
  }
  advance(150);
  const gaps = flushes.slice(1).map((f, i) => f.atMs - flushes[i]!.atMs);
  assert.ok(
    gaps.every((g) => g >= 150),
    `flushes ${gaps.join(', ')} ms apart`,
  );
  assert.deepEqual(flushes.at(-1)!.delta, reading('a', 29), 'the last value arrives');
  // Each value waited less than the window: 0 or 50 or 100 ms, not always 150.
  const waits = Array.from({ length: 30 }, (_, i) => flushes.find((f) => f.atMs >= i * 100)!.atMs - i * 100);
  assert.ok(
    Math.max(...waits) <= 150 && waits.reduce((a, b) => a + b, 0) / waits.length < 100,
    `waits ${waits.join(', ')}`,
  );
});

test('stop() drops what is pending and its timer', (t) => {
  const { c, flushes, advance } = setUp(t, 150);
  c.add('map:sensors', spec, reading('a', 1));
  c.stop();
  advance(500);
  assert.equal(flushes.length, 0);
  assert.equal(c.pendingDelta('map:sensors'), undefined);
});
