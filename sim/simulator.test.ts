/**
 * Integration: the live simulator against a real in-process broker (aedes) and a real
 * subscriber. Checks what arrives on the wire, and that metas come back after a reconnect.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { test } from 'node:test';
import { Aedes, type Client } from 'aedes';
import mqtt from 'mqtt';
import { haiphong } from '../cities/haiphong';
import { createLogger } from '../runtime/logger';
import { startSimulator } from './simulator';
import { checkWire } from './wire-check';

interface Received {
  topic: string;
  payload: object;
  at: number;
}

/** Resolves when `predicate` holds, checking every 50 ms; rejects after `ms` (a hang guard, not a timing assertion). */
async function until(predicate: () => boolean, what: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('the simulator publishes valid metas and telemetry to a real broker, and re-publishes metas after a reconnect', async () => {
  const broker = await Aedes.createBroker();
  const server = net.createServer(broker.handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  const url = `mqtt://127.0.0.1:${port}`;
  const simClients: Client[] = [];
  broker.on('client', (c) => {
    if (c.id.startsWith('sim-under-test')) simClients.push(c);
  });

  const received: Received[] = [];
  const subscriber = await mqtt.connectAsync(url, { protocolVersion: 4, clientId: 'sim-test-subscriber' });
  subscriber.on('message', (topic, buf) =>
    received.push({ topic, payload: JSON.parse(buf.toString('utf8')) as object, at: Date.now() }),
  );
  await subscriber.subscribeAsync('city/haiphong/#', { qos: 1 });

  const sim = await startSimulator({
    mqttUrl: url,
    city: haiphong,
    seed: 11,
    rate: 1000,
    log: createLogger('silent'),
    clientId: 'sim-under-test',
  });
  try {
    const devices = sim.model.sensors.length + sim.model.cameras.length;
    const metas = () => received.filter((m) => m.topic.endsWith('/meta')).length;
    // Camera heartbeats come every 30 s, staggered: wait for one rather than assume the timing.
    await until(
      () =>
        metas() >= devices &&
        received.filter((m) => m.topic.endsWith('/telemetry')).length >= 200 &&
        received.some((m) => m.topic.endsWith('/status')),
      'metas, telemetry and a camera status',
    );

    // Drop the simulator's connection from the broker side: it must reconnect and re-publish its metas.
    simClients[0]!.close();
    await until(() => metas() >= 2 * devices, 'metas after reconnect');
    await until(() => sim.published > devices * 2, 'acknowledged publishes');
  } finally {
    await sim.stop();
    await subscriber.endAsync();
    await new Promise<void>((r) => broker.close(() => r()));
    await new Promise<void>((r) => server.close(() => r()));
  }

  for (const m of received) {
    const c = checkWire({ topic: m.topic, payload: m.payload }, haiphong.id, haiphong.timeZone, m.at);
    assert.equal(c.error, null, c.error ?? '');
  }
  const sensorsHeard = new Set(
    received.filter((m) => m.topic.endsWith('/telemetry')).map((m) => m.topic.split('/')[3]),
  );
  assert.ok(sensorsHeard.size > 100, `telemetry from ${sensorsHeard.size} sensors`);
  assert.ok(received.some((m) => m.topic.endsWith('/status')));
});
