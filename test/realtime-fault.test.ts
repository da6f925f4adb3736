/**
 * A derived channel whose query fails says so to its subscribers (docs/realtime-protocol.md,
 * "Faults"), and says when it is over — instead of silence until the client calls it stale.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { io as connect, type Socket } from 'socket.io-client';
import { ChannelSubscription } from '../components/realtime/channel-subscription';
import { alarmsChanged } from '../contracts/live';
import type { ChannelFault, ClientToServerEvents, ServerToClientEvents } from '../contracts/realtime';
import type { Db } from '../db/adapter';
import { migrate } from '../db/migrate';
import { attachRealtime, type Realtime } from '../realtime/attach';
import { createMemoryBus } from '../realtime/memory-bus';
import { createLogger } from '../runtime/logger';
import { BACKEND, openTestDb, type TestDb } from './support/test-db';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function waitFor(what: string, cond: () => boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

describe(`a derived channel's failing query reaches its panel as a fault (${BACKEND})`, () => {
  let t: TestDb;
  let rt: Realtime;
  let url: string;
  let failing = false;
  const bus = createMemoryBus();
  const http = createServer();
  const clients: Socket[] = [];

  before(async () => {
    t = await openTestDb();
    await migrate(t.db);
    // The database as the console sees it, with a switch that makes every query fail like a lost connection.
    const db: Db = Object.assign(Object.create(t.db) as Db, {
      query: ((sql: string, params?: readonly unknown[]) =>
        failing
          ? Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'))
          : t.db.query(sql, params)) as Db['query'],
    });
    rt = await attachRealtime({
      http,
      db,
      bus,
      log: createLogger('silent'),
      timeZone: 'Asia/Ho_Chi_Minh',
      coalesceMs: 50,
      derivedMinIntervalMs: 200,
      reconcileMs: 0,
    });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/live`;
  });
  after(async () => {
    for (const c of clients) c.close();
    await rt.close();
    await new Promise((r) => http.close(r));
    await t.drop();
  });

  test("alarms: the fault arrives within the channel's interval, the last value stays, the recovery clears it", async () => {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(url, {
      transports: ['websocket'],
      forceNew: true,
    });
    clients.push(socket);
    const faults: (ChannelFault | null)[] = [];
    let updates = 0;
    new ChannelSubscription(socket, 'alarms', { update: () => updates++, fault: (f) => faults.push(f) });
    await waitFor('the snapshot', () => updates > 0);
    assert.equal(faults.length === 1 && faults[0], null, 'healthy at first');

    failing = true;
    const started = Date.now();
    bus.publish(alarmsChanged(1));
    await waitFor('the fault', () => faults.at(-1) !== null);
    assert.ok(Date.now() - started < 5000, 'seconds, not the 30 s before "stale"');
    const fault = faults[faults.length - 1] as ChannelFault;
    assert.equal(fault.code, 'query_failed');
    assert.match(fault.message, /ECONNREFUSED/);

    // A client subscribing now learns it with the snapshot (the last value is still served).
    const late: Socket<ServerToClientEvents, ClientToServerEvents> = connect(url, {
      transports: ['websocket'],
      forceNew: true,
    });
    clients.push(late);
    const lateFaults: (ChannelFault | null)[] = [];
    new ChannelSubscription(late, 'alarms', { update: () => undefined, fault: (f) => lateFaults.push(f) });
    await waitFor('the late snapshot', () => lateFaults.length > 0);
    assert.equal(lateFaults[0]?.code, 'query_failed');

    failing = false;
    bus.publish(alarmsChanged(1));
    await waitFor('the recovery', () => faults.at(-1) === null && lateFaults.at(-1) === null);
  });
});
