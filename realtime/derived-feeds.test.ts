import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Logger } from '../contracts/logger';
import { startDerivedFeeds, type Compute } from './derived-feeds';

const none = () => undefined;
const silent: Logger = {
  fatal: none,
  error: none,
  warn: none,
  info: none,
  debug: none,
  trace: none,
  child: () => silent,
};

test('a failing query is reported as a fault on every failure, and its recovery once', async () => {
  let failing = true;
  const faults: [string, unknown][] = [];
  const published: string[] = [];
  const compute = {
    alarms: async () => {
      if (failing) throw new Error('connection refused');
      return { generatedAt: 1, active: [] };
    },
  } as unknown as Compute;
  const feeds = startDerivedFeeds({
    compute,
    log: silent,
    minIntervalMs: 60_000,
    heartbeatMs: 60_000,
    position: () => 0,
    publish: (channel) => published.push(channel),
    fault: (channel, err) => faults.push([channel, err === null ? null : (err as Error).message]),
  });
  try {
    await feeds.refresh('alarms');
    await feeds.refresh('alarms');
    assert.deepEqual(faults, [
      ['alarms', 'connection refused'],
      ['alarms', 'connection refused'],
    ]);
    assert.deepEqual(published, [], 'no value from a failed query');
    failing = false;
    await feeds.refresh('alarms');
    assert.deepEqual(faults.at(-1), ['alarms', null], 'the recovery clears the fault');
    assert.deepEqual(published, ['alarms']);
    await feeds.refresh('alarms');
    assert.equal(faults.length, 3, 'a healthy channel reports nothing');
  } finally {
    feeds.stop();
  }
});
