import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChannelDelta, ChannelFault, ChannelFaultMessage, SubscribeResult } from '../../contracts/realtime';
import { ChannelSubscription, type LiveSocketLike } from './channel-subscription';

/** A small real socket stand-in: it answers a subscribe with the given result and lets the test emit server events. */
class FakeSocket implements LiveSocketLike {
  connected = true;
  private handlers = new Map<string, Set<(arg: never) => void>>();
  constructor(private readonly answer: () => SubscribeResult) {}
  on(event: string, fn: (arg: never) => void): unknown {
    (this.handlers.get(event) ?? this.handlers.set(event, new Set()).get(event)!).add(fn);
    return this;
  }
  off(event: string, fn: (arg: never) => void): unknown {
    this.handlers.get(event)?.delete(fn);
    return this;
  }
  emit(event: string, ...args: unknown[]): unknown {
    if (event === 'subscribe') (args[1] as (r: SubscribeResult) => void)(this.answer());
    return this;
  }
  server(event: 'delta' | 'fault', arg: ChannelDelta | ChannelFaultMessage): void {
    for (const fn of this.handlers.get(event) ?? []) (fn as (a: unknown) => void)(arg);
  }
}

const fault: ChannelFault = { code: 'query_failed', message: 'the database did not answer', sinceMs: 5 };
const value = { generatedAt: 1, active: [] };

test("a fault given with the snapshot, then its end, reach the fault handler; other channels' faults do not", () => {
  const socket = new FakeSocket(() => ({ ok: true, channel: 'alarms', seq: 3, snapshot: value, fault }));
  const seen: (ChannelFault | null)[] = [];
  const sub = new ChannelSubscription(socket, 'alarms', { update: () => undefined, fault: (f) => seen.push(f) });
  assert.deepEqual(seen, [fault], 'the snapshot says the channel is at fault');
  socket.server('fault', { channel: 'overview', fault });
  assert.deepEqual(seen, [fault]);
  socket.server('fault', { channel: 'alarms', fault: null });
  assert.deepEqual(seen, [fault, null]);
  sub.close();
  socket.server('fault', { channel: 'alarms', fault });
  assert.equal(seen.length, 2, 'a closed subscription hears nothing');
});

test('a snapshot without a fault says so (null): a resubscribe clears a fault the client missed the end of', () => {
  const socket = new FakeSocket(() => ({ ok: true, channel: 'alarms', seq: 3, snapshot: value }));
  const seen: (ChannelFault | null)[] = [];
  new ChannelSubscription(socket, 'alarms', { update: () => undefined, fault: (f) => seen.push(f) }).close();
  assert.deepEqual(seen, [null]);
});
