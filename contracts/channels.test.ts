import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyDelta, channelSpec, keyedValue, mergeDeltas, type KeyedDelta } from './channels';

interface Sensor {
  name: string;
  values: Record<string, number>;
  timeMs: number;
}
const keyed = channelSpec('map:sensors')!;

/** A small deterministic PRNG: the property test must fail the same way twice. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** A random keyed delta over a few ids; patches only ids the state holds, as producers do. */
function randomDelta(rand: () => number, state: Record<string, Sensor>, step: number): KeyedDelta<Sensor> {
  const d: KeyedDelta<Sensor> = {};
  for (let i = 0; i < 1 + Math.floor(rand() * 4); i++) {
    const id = `s${Math.floor(rand() * 6)}`;
    const r = rand();
    if (r < 0.15) (d.del ??= []).push(id);
    else if (r < 0.4 || !(id in state)) (d.set ??= {})[id] = { name: `n${step}`, values: { pm25: step }, timeMs: step };
    else
      (d.patch ??= {})[id] =
        rand() < 0.5 ? { values: { [`m${Math.floor(rand() * 3)}`]: step }, timeMs: step } : { name: `renamed${step}` };
  }
  // One delta never deletes and writes the same id: producers do not, and the order inside one is fixed.
  for (const k of d.del ?? []) {
    delete d.set?.[k];
    delete d.patch?.[k];
  }
  return d;
}

test('coalescing keyed deltas keeps the latest value of every key (set, patch, delete; 2 000 random runs)', () => {
  const rand = prng(42);
  for (let run = 0; run < 2000; run++) {
    let start: Record<string, Sensor> = {};
    for (let i = 0; i < 3; i++)
      start = applyDelta(keyed, start, {
        set: { [`s${i}`]: { name: 'x', values: { pm25: 1, no2: 2 }, timeMs: 0 } },
      }) as Record<string, Sensor>;
    let oneByOne = start;
    let merged: KeyedDelta<Sensor> | undefined;
    for (let step = 1; step <= 1 + Math.floor(rand() * 6); step++) {
      const d = randomDelta(rand, oneByOne, step);
      oneByOne = applyDelta(keyed, oneByOne, d) as Record<string, Sensor>;
      merged = merged ? (mergeDeltas(keyed, merged, d) as KeyedDelta<Sensor>) : d;
    }
    assert.deepEqual(applyDelta(keyed, start, merged), oneByOne, `run ${run}`);
    for (const id of ['s0', 's1', 's2', 's3', 's4', 's5'])
      assert.deepEqual(keyedValue(start[id], merged, id), oneByOne[id], `run ${run} ${id}`);
  }
});

test('a patch merges one level into object fields and leaves the rest of the value alone', () => {
  const snap = { a: { name: 'Cầu Rào', values: { pm25: 10, no2: 5 }, timeMs: 1 } };
  const next = applyDelta(keyed, snap, { patch: { a: { values: { pm25: 42 }, timeMs: 2 }, ghost: { timeMs: 3 } } });
  assert.deepEqual(next, { a: { name: 'Cầu Rào', values: { pm25: 42, no2: 5 }, timeMs: 2 } });
  assert.deepEqual(snap.a.values, { pm25: 10, no2: 5 }, 'the input snapshot is not changed');
});

test('a feed keeps its newest items when deltas merge', () => {
  const feed = channelSpec('events:cameras')!;
  const items = Array.from({ length: 250 }, (_, i) => ({ timeMs: i }));
  const merged = mergeDeltas(feed, { add: items.slice(0, 150) }, { add: items.slice(150) }) as {
    add: { timeMs: number }[];
  };
  assert.equal(merged.add.length, feed.max);
  assert.equal(merged.add.at(-1)?.timeMs, 249);
  assert.deepEqual(applyDelta(feed, [], merged), items.slice(-feed.max));
});

test('a feed is the union of its items in time order: the same items give the same feed in any order, any number of times (500 random runs)', () => {
  const feed = { ...channelSpec('events:cameras')!, max: 20 };
  const rand = prng(7);
  for (let run = 0; run < 500; run++) {
    const pool = Array.from({ length: 40 }, (_, i) => ({ eventId: `e${i}`, timeMs: Math.floor(rand() * 30) }));
    const deltas = Array.from({ length: 6 }, () => ({ add: pool.filter(() => rand() < 0.3) }));
    const inOrder = deltas.reduce<unknown>((s, d) => applyDelta(feed, s, d), []);
    const shuffled = [...deltas, ...deltas.slice(0, 2)]
      .sort(() => rand() - 0.5)
      .reduce<unknown>((s, d) => applyDelta(feed, s, d), []);
    assert.deepEqual(shuffled, inOrder, `run ${run}: order and repeats do not matter`);
    const merged = deltas.reduce<unknown>((m, d) => (m === null ? d : mergeDeltas(feed, m, d)), null);
    assert.deepEqual(applyDelta(feed, [], merged), inOrder, `run ${run}: merging equals applying in turn`);
  }
});
