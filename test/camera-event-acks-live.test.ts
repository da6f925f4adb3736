/**
 * An acknowledgement reaches every browser: acknowledging through the service the route handler
 * calls publishes `event_ack` on the bus, and the `events:acks` channel (a real Socket.IO server
 * and client, a real database) moves to list the event — so every "to handle" list drops it. A
 * refused acknowledgement (already made, unknown event) publishes nothing.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { io as connect, type Socket } from 'socket.io-client';
import { ChannelSubscription, type ChannelUpdate } from '../components/realtime/channel-subscription';
import type { IngestCommit } from '../contracts/live';
import type { ClientToServerEvents, ServerToClientEvents } from '../contracts/realtime';
import { insertCameraEvents } from '../db/ingest-writes';
import { migrate } from '../db/migrate';
import { attachRealtime, type Realtime } from '../realtime/attach';
import { createMemoryBus } from '../realtime/memory-bus';
import { cameraEventService } from '../runtime/camera-event-service';
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

describe(`events:acks follows acknowledgements (${BACKEND})`, () => {
  let t: TestDb;
  let rt: Realtime;
  let url: string;
  const bus = createMemoryBus();
  const published: IngestCommit[] = [];
  const clients: Socket[] = [];

  before(async () => {
    t = await openTestDb();
    await migrate(t.db);
    await insertCameraEvents(
      t.db,
      [1, 2].map((n) => ({
        eventId: `ev-${n}`,
        cameraId: 'cam-1',
        timeMs: Date.now() - n * 1000,
        type: 'accident',
        severity: 3,
        plate: null,
        vehicleCount: null,
        snapshot: null,
        extra: null,
      })),
    );
    bus.subscribe((c) => published.push(c));
    const http = createServer();
    rt = await attachRealtime({
      http,
      db: t.db,
      bus,
      log: createLogger('silent'),
      timeZone: 'Asia/Ho_Chi_Minh',
      coalesceMs: 50,
      derivedMinIntervalMs: 300,
    });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/live`;
  });
  after(async () => {
    for (const c of clients) c.close();
    await rt.close();
    await t.drop();
  });

  test('an acknowledgement moves the channel on; a refused one publishes nothing', async () => {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(url, {
      transports: ['websocket'],
      forceNew: true,
    });
    clients.push(socket);
    const updates: ChannelUpdate<'events:acks'>[] = [];
    new ChannelSubscription(socket, 'events:acks', { update: (u) => updates.push(u) });
    await waitFor('the snapshot', () => updates.length > 0);
    assert.deepEqual(updates[0]!.snapshot.recent, []);

    const service = cameraEventService(t.db, bus, 'Asia/Ho_Chi_Minh');
    const made = await service.acknowledge('ev-1', 'Trung úy Hà', 'đã xử lý');
    assert.equal(made.ok, true);
    await waitFor('the acknowledgement on the channel', () => updates.at(-1)?.snapshot.recent[0]?.eventId === 'ev-1');
    assert.equal(updates.at(-1)!.snapshot.recent[0]!.by, 'Trung úy Hà');
    assert.deepEqual(
      published.map((c) => (c.kind === 'acks' ? { alarms: c.alarms, events: c.events } : c.kind)),
      [{ alarms: 0, events: 1 }],
    );

    assert.equal((await service.acknowledge('ev-1', 'Nam', 'again')).ok, false);
    assert.equal((await service.acknowledge('ev-unknown', 'Nam', 'x')).ok, false);
    assert.equal(published.length, 1, 'refused acknowledgements tell nobody');
  });
});
