import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLogger } from '../runtime/logger';
import type { SimMessage } from './message';
import { BoundedPublisher, type PublishClient } from './publisher';

/** A broker that acknowledges only when told to: lets the test play "slow broker". */
class SlowBroker implements PublishClient {
  readonly pending: ((err?: Error) => void)[] = [];
  maxSeen = 0;
  publish(_topic: string, _message: string, _opts: { qos: 1; retain: boolean }, callback: (err?: Error) => void): void {
    this.pending.push(callback);
    this.maxSeen = Math.max(this.maxSeen, this.pending.length);
  }
  ackAll(): void {
    for (const cb of this.pending.splice(0)) cb();
  }
}

const log = createLogger('silent');
const msgs = (n: number): SimMessage[] => Array.from({ length: n }, (_, i) => ({ topic: `t/${i}`, payload: { i } }));

test('never more than maxInFlight unacknowledged, however many are queued', async () => {
  const broker = new SlowBroker();
  const pub = new BoundedPublisher(broker, log, 10);
  const done = pub.publishAll(msgs(95));
  // Play a slow broker: acknowledge in batches whenever the publisher is stuck.
  while (pub.published < 95) {
    await new Promise((r) => setImmediate(r));
    broker.ackAll();
  }
  await done;
  assert.equal(broker.maxSeen, 10);
  assert.equal(pub.published, 95);
  assert.equal(await pub.drain(), true);
});

test('failed publishes are counted, and close() releases a waiting publisher', async () => {
  const broker = new SlowBroker();
  const pub = new BoundedPublisher(broker, log, 2);
  const done = pub.publishAll(msgs(5));
  await new Promise((r) => setImmediate(r));
  assert.equal(broker.pending.length, 2);
  broker.pending.shift()!(new Error('broker said no'));
  await new Promise((r) => setImmediate(r));
  pub.close();
  await done; // resolves although 3 messages never got a slot
  assert.equal(pub.errors, 1);
  assert.equal(await pub.drain(10), false, 'two still unacknowledged');
  broker.ackAll();
  assert.equal(pub.pending, 0);
});
