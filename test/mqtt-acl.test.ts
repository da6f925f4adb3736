/**
 * deploy/mosquitto-secure.conf + deploy/mosquitto.acl on a real Mosquitto: anonymous clients and
 * wrong passwords are refused, a device's publish under its own id reaches the ingest's
 * subscription, and a publish under another device's id does not (the broker drops it).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import mqtt from 'mqtt';
import { mosquittoAvailable, skipUnless, startMosquitto, type PrivateMosquitto } from './support/services';

const skip = skipUnless(mosquittoAvailable(), 'mosquitto');
const users = { 'cam-001': 'cam-001-secret', 'cityops-ingest': 'ingest-secret' };

describe('MQTT credentials and ACL (Mosquitto)', { skip }, () => {
  let broker: PrivateMosquitto;
  before(async () => {
    broker = await startMosquitto({ users });
  });
  after(async () => {
    await broker?.stop();
  });

  const connect = (username?: string, password?: string) =>
    mqtt.connectAsync(broker.url, {
      username,
      password,
      reconnectPeriod: 0,
      connectTimeout: 3000,
      protocolVersion: 5,
      clientId: `t-${username ?? 'anon'}-${Math.random().toString(36).slice(2, 8)}`,
    });

  test('anonymous clients and wrong passwords are refused', async () => {
    await assert.rejects(connect(), /Not authorized|Bad User Name or Password|refused/i);
    await assert.rejects(connect('cam-001', 'wrong'), /Not authorized|Bad User Name or Password|refused/i);
  });

  test('a device publishes under its own id only; the ingest user reads the city', async () => {
    const ingest = await connect('cityops-ingest', users['cityops-ingest']);
    const got: string[] = [];
    ingest.on('message', (topic) => got.push(topic));
    await ingest.subscribeAsync('city/haiphong/#', { qos: 1 });
    // A device reads nothing: the broker grants the subscription but delivers nothing to it.
    const reader = await connect('cam-001', users['cam-001']);
    const read: string[] = [];
    reader.on('message', (t) => read.push(t));
    await reader.subscribeAsync('city/haiphong/#', { qos: 1 });
    const device = await connect('cam-001', users['cam-001']);
    const status = JSON.stringify({ ts: Date.now(), online: true });
    await device.publishAsync('city/haiphong/camera/cam-001/status', status, { qos: 1 });
    await device.publishAsync(
      'city/haiphong/sensor/cam-001/telemetry',
      JSON.stringify({ ts: Date.now(), values: { x: 1 } }),
      { qos: 1 },
    );
    await device.endAsync();
    // Under another device's id: MQTT 5 answers "not authorized" and the broker ends the connection.
    const spoofer = await connect('cam-001', users['cam-001']);
    spoofer.on('error', () => undefined);
    await assert.rejects(
      spoofer.publishAsync('city/haiphong/camera/cam-002/status', status, { qos: 1 }),
      /Not authorized/i,
    );
    spoofer.end(true);
    const until = Date.now() + 3000;
    while (got.length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(
      got.sort(),
      ['city/haiphong/camera/cam-001/status', 'city/haiphong/sensor/cam-001/telemetry'],
      broker.logTail(),
    );
    assert.deepEqual(read, []);
    await Promise.all([ingest.endAsync(), reader.endAsync()]);
  });
});
