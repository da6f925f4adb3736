/**
 * A delivery worker process SIGKILLed mid-send and started again delivers every message; only a
 * message in flight at the kill may be sent again, and it is marked possibly repeated. The SMS
 * gateway honours the idempotency key, so the carrier sees each SMS once.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import type { Logger } from '../contracts/logger';
import { loadConfig } from '../contracts/config';
import { openDatabase } from '../db/open';
import { migrate } from '../db/migrate';
import { enqueueNotification } from '../notify/outbox';
import { startBoss } from '../notify/queue';
import { startSmsGateway } from './support/notify-gateways';
import { backendEnv } from './support/test-db';

const silent: Logger = {
  fatal: () => undefined,
  error: () => undefined,
  warn: () => undefined,
  info: () => undefined,
  debug: () => undefined,
  trace: () => undefined,
  child: () => silent,
};
const CHILD = path.join(import.meta.dirname, 'support/notify-worker-child.ts');

function child(env: Record<string, string>): { proc: ChildProcess; done: Promise<number | null> } {
  const proc = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const done = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  return { proc, done };
}

test(
  'a worker SIGKILLed mid-send and restarted delivers everything, the in-flight one at most twice and marked',
  { timeout: 120_000 },
  async () => {
    const { env: dbEnv, cleanup } = await backendEnv();
    const sms = await startSmsGateway();
    try {
      const env = {
        ...dbEnv,
        NOTIFY_SMS_URL: sms.url,
        NOTIFY_SMS_BRANDNAME: 'HAIPHONG',
        NOTIFY_POLL_MS: '500',
        NOTIFY_MAINTENANCE_S: '1',
        NOTIFY_SEND_TIMEOUT_MS: '1000',
        NOTIFY_RETRY_BASE_MS: '100',
        NOTIFY_RETRY_MAX_MS: '400',
        NOTIFY_QUIET_HOURS: 'off',
      };
      // Enqueue first, then let go of the database (PGlite has one owner at a time).
      const db = await openDatabase(loadConfig(env), () => undefined);
      await migrate(db);
      const { boss, queue } = await startBoss(db, { expireInSeconds: 6 });
      await db.transaction(async (tx) => {
        for (let i = 0; i < 8; i++) {
          await enqueueNotification(
            tx,
            queue,
            {
              recipient: `user:${i}`,
              cause: 'kill:digest',
              body: 'Nhắc việc',
              address: { channel: 'sms', phone: '0912345678' },
            },
            Date.now(),
          );
        }
      });
      await boss.stop({ graceful: true, wait: true });
      await db.close();

      sms.mode = 'slow';
      const first = child(env);
      const until = Date.now() + 60_000;
      while (sms.requests.length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      first.proc.kill('SIGKILL');
      await first.done;
      sms.mode = 'ok';
      const second = child(env);
      assert.equal(await second.done, 0, 'the restarted worker finished');

      const check = await openDatabase(loadConfig(env), () => undefined);
      try {
        const { rows } = await check.query<{ status: string; possibly_repeated: boolean }>(
          `SELECT status, possibly_repeated FROM notifications WHERE cause = 'kill:digest'`,
        );
        assert.equal(rows.length, 8);
        assert.ok(
          rows.every((r) => r.status === 'delivered'),
          JSON.stringify(rows),
        );
        const keys = sms.requests.map((r) => r.key);
        const repeats = keys.length - new Set(keys).size;
        const marked = rows.filter((r) => r.possibly_repeated).length;
        assert.ok(repeats <= 1, `at most the in-flight message repeated (got ${repeats})`);
        assert.equal(marked, repeats, 'each repeat is marked possibly repeated');
        assert.equal(sms.accepted.size, 8, 'the carrier has every SMS once (the gateway honours the key)');
      } finally {
        await check.close();
      }
    } finally {
      await sms.close();
      await cleanup();
    }
  },
);
