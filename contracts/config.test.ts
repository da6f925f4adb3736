import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { envSchema, loadConfig } from './config';
import { notifyEnvSchema } from './notify-config';
import { ConfigError } from './errors';

test('no variables at all is the embedded default', () => {
  const c = loadConfig({});
  assert.equal(c.PORT, 3000);
  assert.equal(c.CITY, 'haiphong');
  assert.deepEqual(c.embedded, { mqtt: true, db: true, bus: true });
  assert.ok(Object.isFrozen(c));
});

test('service URLs switch off the embedded stand-ins; empty strings count as unset', () => {
  const c = loadConfig({ MQTT_URL: 'mqtt://127.0.0.1:1883', DATABASE_URL: 'postgres://u@h/db', REDIS_URL: '' });
  assert.deepEqual(c.embedded, { mqtt: false, db: false, bus: true });
});

test('each bad value is named with what is expected, all at once, passwords never echoed', () => {
  try {
    loadConfig({
      PORT: 'abc',
      DATABASE_URL: 'mysql://x',
      SIMULATOR: 'maybe',
      MQTT_PASSWORD: 'hunter2',
      MQTT_CLIENT_ID: 'a b',
    });
    assert.fail('accepted bad config');
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    const msg = err.message;
    assert.match(msg, /PORT: expected a whole number from 1 to 65535 \(got "abc"\)/);
    assert.match(msg, /DATABASE_URL: expected a URL with scheme postgres:\/\/ or postgresql:\/\//);
    assert.match(msg, /SIMULATOR: expected auto, on or off/);
    assert.match(msg, /MQTT_CLIENT_ID/);
    assert.equal(err.problems.length, 4);
    assert.doesNotMatch(msg, /hunter2/);
  }
});

test('out-of-range numbers are refused', () => {
  assert.throws(() => loadConfig({ PORT: '70000' }), /PORT/);
  assert.throws(() => loadConfig({ INGEST_BATCH_SIZE: '0' }), /INGEST_BATCH_SIZE/);
});

test('.env.example lists every variable the configuration reads, and nothing else', () => {
  const text = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
  const listed = [...text.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!).sort();
  // The notification service reads its NOTIFY_* variables itself (contracts/notify-config.ts).
  assert.deepEqual(listed, [...Object.keys(envSchema.shape), ...Object.keys(notifyEnvSchema.shape)].sort());
});
