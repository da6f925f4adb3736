/**
 * Per-rule webhooks against a small local HTTP receiver, both backends: a transition is posted
 * with its Idempotency-Key, retried with backoff while the receiver fails, delivered once, and not
 * posted again by a restarted deliverer; rules without a webhook post nothing.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { alarmRulesSchema } from '../contracts/alarm-rules';
import { WebhookDeliverer } from '../alarms/webhooks';
import { acknowledgeAlarm, raiseAlarm } from '../db/alarms';
import { migrate } from '../db/migrate';
import { BACKEND, openTestDb, type TestDb } from './support/test-db';

interface Received {
  key: string | undefined;
  secret: string | undefined;
  body: { to: string; ruleId: string; actor: string | null };
}

describe(`alarm webhooks (${BACKEND})`, () => {
  let t: TestDb;
  let server: Server;
  let url = '';
  const received: Received[] = [];
  let failNext = 0;
  before(async () => {
    t = await openTestDb();
    await migrate(t.db);
    server = createServer((req: IncomingMessage, res) => {
      let data = '';
      req.on('data', (c: Buffer) => (data += c.toString()));
      req.on('end', () => {
        if (failNext > 0) {
          failNext--;
          res.writeHead(503).end('busy');
          return;
        }
        received.push({
          key: req.headers['idempotency-key'] as string | undefined,
          secret: req.headers['x-cityops-secret'] as string | undefined,
          body: JSON.parse(data) as Received['body'],
        });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  after(async () => {
    await new Promise((r) => server.close(r));
    await t.drop();
  });

  test('posted once per transition, retried with backoff, never again after a restart', async () => {
    const rules = alarmRulesSchema.parse([
      {
        id: 'flood',
        name: { vi: 'Ngập', en: 'Flood' },
        severity: 3,
        kind: 'camera_event',
        types: ['flooding'],
        webhook: { url, secretEnv: 'HOOK_SECRET' },
      },
      {
        id: 'quiet',
        name: { vi: 'Im lặng', en: 'Quiet' },
        severity: 1,
        kind: 'offline',
        deviceType: 'camera',
        minutes: 5,
      },
    ]);
    const now = Date.now();
    const id = await raiseAlarm(t.db, { ruleId: 'flood', subject: 'event:f1', severity: 3, atMs: now, value: 3 });
    await raiseAlarm(t.db, { ruleId: 'quiet', subject: 'camera:c1', severity: 1, atMs: now, value: null });
    assert.ok(id !== null);

    failNext = 2;
    const d = new WebhookDeliverer(t.db, rules, { HOOK_SECRET: 's3cret' });
    assert.deepEqual(await d.tick(now), { queued: 1, delivered: 0, failed: 1 }, 'the quiet rule has no webhook');
    assert.deepEqual(await d.tick(now + 500), { queued: 0, delivered: 0, failed: 0 }, 'not before its backoff');
    assert.deepEqual(await d.tick(now + 1000), { queued: 0, delivered: 0, failed: 1 });
    assert.deepEqual(await d.tick(now + 3000), { queued: 0, delivered: 1, failed: 0 });
    assert.equal(received.length, 1);
    assert.equal(received[0]!.body.to, 'active');
    assert.equal(received[0]!.secret, 's3cret');
    assert.match(received[0]!.key ?? '', /^cityops-alarm-transition-\d+$/);

    await acknowledgeAlarm(t.db, id, 'op', 'on it');
    const restarted = new WebhookDeliverer(t.db, rules, { HOOK_SECRET: 's3cret' });
    assert.deepEqual(
      await restarted.tick(now + 4000),
      { queued: 1, delivered: 1, failed: 0 },
      'only the new transition',
    );
    assert.deepEqual(
      received.map((r) => [r.body.to, r.body.actor]),
      [
        ['active', null],
        ['acknowledged', 'op'],
      ],
    );
    assert.notEqual(received[0]!.key, received[1]!.key);
  });
});
