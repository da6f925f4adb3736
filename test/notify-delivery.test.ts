/**
 * The notification service end to end on the backend under test (TEST_DB): outbox → pg-boss →
 * channel → real local servers (SMTP with auth, SMS gateway, Zalo ZNS), with short durations
 * from config. One database for the file (migrations are the slow part); each test its causes.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Logger } from '../contracts/logger';
import type { NotificationInput } from '../contracts/notifications';
import { migrate } from '../db/migrate';
import { startNotify, type NotifyService } from '../notify/start';
import {
  startSmsGateway,
  startSmtp,
  startZnsGateway,
  type FakeGateway,
  type ReceivedMail,
} from './support/notify-gateways';
import { openTestDb, type TestDb } from './support/test-db';

const TZ = 'Asia/Ho_Chi_Minh';
const silent: Logger = {
  fatal: () => undefined,
  error: () => undefined,
  warn: () => undefined,
  info: () => undefined,
  debug: () => undefined,
  trace: () => undefined,
  child: () => silent,
};

let t: TestDb;
let smtp: { port: number; mails: ReceivedMail[]; close(): Promise<void> };
let sms: FakeGateway;
let zns: FakeGateway;

before(async () => {
  t = await openTestDb();
  await migrate(t.db);
  smtp = await startSmtp('cityops', 'smtp-secret');
  sms = await startSmsGateway();
  zns = await startZnsGateway();
});
after(async () => {
  await smtp.close();
  await sms.close();
  await zns.close();
  await t.drop();
});

function env(extra: Record<string, string> = {}): Record<string, string> {
  return {
    NOTIFY_SMTP_HOST: '127.0.0.1',
    NOTIFY_SMTP_PORT: String(smtp.port),
    NOTIFY_SMTP_FROM: 'CityOps <noreply@cityops.test>',
    NOTIFY_SMTP_USER: 'cityops',
    NOTIFY_SMTP_PASSWORD: 'smtp-secret',
    NOTIFY_SMTP_REQUIRE_TLS: 'off',
    NOTIFY_SMS_URL: sms.url,
    NOTIFY_SMS_BRANDNAME: 'HAIPHONG',
    NOTIFY_SMS_API_KEY: 'k',
    NOTIFY_ZALO_URL: zns.url,
    NOTIFY_ZALO_ACCESS_TOKEN: 'zalo-test-token',
    NOTIFY_ZALO_RETRY_CODES: '-1124',
    NOTIFY_POLL_MS: '500',
    NOTIFY_RETRY_BASE_MS: '100',
    NOTIFY_RETRY_MAX_MS: '400',
    NOTIFY_MAINTENANCE_S: '1',
    NOTIFY_SEND_TIMEOUT_MS: '1000',
    NOTIFY_QUIET_HOURS: 'off',
    ...extra,
  };
}

const smsTo = (recipient: string, cause: string, extra: Partial<NotificationInput> = {}): NotificationInput => ({
  recipient,
  cause,
  stage: 'due-2h',
  body: 'Hồ sơ HP-1 sắp đến hạn xử lý',
  address: { channel: 'sms', phone: '0912345678' },
  ...extra,
});

async function statuses(causePrefix: string): Promise<Record<string, string>> {
  const { rows } = await t.db.query<{ idempotency_key: string; status: string }>(
    'SELECT idempotency_key, status FROM notifications WHERE cause LIKE $1 ORDER BY notification_id',
    [`${causePrefix}%`],
  );
  return Object.fromEntries(rows.map((r) => [r.idempotency_key, r.status]));
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
const allEnded = (prefix: string, n: number) => async () => {
  const s = Object.values(await statuses(prefix));
  return s.length === n && s.every((x) => ['delivered', 'failed', 'not_sent'].includes(x));
};

async function withService<T>(
  e: Record<string, string>,
  fn: (n: NotifyService) => Promise<T>,
  clock?: () => number,
): Promise<T> {
  const n = await startNotify({ db: t.db, log: silent, timeZone: TZ, env: e, ...(clock ? { clock } : {}) });
  try {
    return await fn(n);
  } finally {
    await n.stop();
  }
}

test('one message per (recipient, cause, stage, channel) however often enqueued; email reaches the SMTP server signed in', async () => {
  await withService(env(), async (n) => {
    for (let i = 0; i < 3; i++) {
      await t.db.transaction(async (tx) => {
        await n.enqueue(tx, smsTo('user:1', 'once:dossier:HP-1'));
        await n.enqueue(tx, {
          recipient: 'user:1',
          cause: 'once:dossier:HP-1',
          stage: 'due-2h',
          subject: 'Nhắc việc',
          body: 'Hồ sơ HP-1 sắp đến hạn',
          address: { channel: 'email', email: 'can.bo@haiphong.gov.vn' },
        });
        await n.enqueue(tx, {
          recipient: 'user:1',
          cause: 'once:dossier:HP-1',
          stage: 'due-2h',
          body: 'Hồ sơ HP-1 sắp đến hạn',
          address: { channel: 'inapp', userId: 'user:1' },
        });
        await n.enqueue(tx, {
          recipient: 'user:1',
          cause: 'once:dossier:HP-1',
          stage: 'due-2h',
          body: 'x',
          address: { channel: 'zalo', phone: '+84912345678' },
          template: { id: 'due-reminder', params: { ma_ho_so: 'HP-1' } },
        });
      });
    }
    await until('all four delivered', allEnded('once:', 4));
  });
  assert.deepEqual(Object.values(await statuses('once:')), ['delivered', 'delivered', 'delivered', 'delivered']);
  const smsReq = sms.requests.filter((r) => r.key?.includes('once%3A'));
  assert.equal(smsReq.length, 1, 'one SMS request');
  assert.equal(smsReq[0]?.body.phone, '84912345678');
  assert.equal(smsReq[0]?.body.message, 'Ho so HP-1 sap den han xu ly', 'sent without diacritics');
  assert.equal(smsReq[0]?.body.brandname, 'HAIPHONG');
  const mails = smtp.mails.filter((m) => m.to.includes('can.bo@haiphong.gov.vn'));
  assert.equal(mails.length, 1);
  assert.equal(mails[0]?.user, 'cityops');
  assert.match(mails[0]?.raw ?? '', /X-CityOps-Idempotency-Key: user%3A1\|once%3Adossier%3AHP-1\|due-2h\|email/i);
  assert.equal(zns.requests.filter((r) => r.key?.includes('once%3A')).length, 1);
});

test('a gateway down (5xx, then a hang past the timeout) and back delivers everything queued, once each', async () => {
  sms.mode = 'down';
  await withService(env(), async (n) => {
    for (let i = 0; i < 5; i++) await t.db.transaction((tx) => n.enqueue(tx, smsTo(`user:${i}`, 'down:alarm:7')));
    await until(
      'first failed attempts',
      async () =>
        (
          await t.db.query(
            `SELECT 1 FROM notification_attempts a JOIN notifications n USING (notification_id) WHERE n.cause = 'down:alarm:7' AND a.outcome = 'retryable'`,
          )
        ).rows.length >= 5,
    );
    sms.mode = 'hang';
    await new Promise((r) => setTimeout(r, 1500));
    sms.mode = 'ok';
    await until('all delivered', allEnded('down:', 5));
  });
  assert.deepEqual(new Set(Object.values(await statuses('down:'))), new Set(['delivered']));
  const keys = [...sms.accepted.keys()].filter((k) => k.includes('down%3A'));
  assert.equal(keys.length, 5);
  const answers = (
    await t.db.query<{ answer: string }>(
      `SELECT answer FROM notification_attempts a JOIN notifications n USING (notification_id) WHERE n.cause = 'down:alarm:7' AND a.outcome = 'retryable'`,
    )
  ).rows.map((r) => r.answer);
  assert.ok(
    answers.some((a) => a.startsWith('HTTP 503')),
    'the gateway answer is kept',
  );
});

test('permanent errors end failed with the gateway answer: invalid phone, template not approved; quota is retried', async () => {
  await withService(env(), async (n) => {
    await t.db.transaction(async (tx) => {
      await n.enqueue(tx, smsTo('user:9', 'perm:a', { address: { channel: 'sms', phone: '0399999999' } }));
      await n.enqueue(tx, {
        recipient: 'user:9',
        cause: 'perm:b',
        body: 'x',
        address: { channel: 'zalo', phone: '0912345678' },
        template: { id: 'unapproved', params: {} },
      });
    });
    await until('both failed', allEnded('perm:', 2));
    zns.mode = 'quota';
    await t.db.transaction((tx) =>
      n.enqueue(tx, {
        recipient: 'user:9',
        cause: 'perm:c',
        body: 'x',
        address: { channel: 'zalo', phone: '0912345678' },
        template: { id: 'ok', params: {} },
      }),
    );
    await until('quota answered', async () => zns.requests.some((r) => r.key?.includes('perm%3Ac')));
    zns.mode = 'ok';
    await until('quota retried', allEnded('perm:', 3));
  });
  const { rows } = await t.db.query<{ cause: string; status: string; last_answer: string }>(
    `SELECT cause, status, last_answer FROM notifications WHERE cause LIKE 'perm:%' ORDER BY cause`,
  );
  assert.equal(rows[0]?.status, 'failed');
  assert.match(rows[0]?.last_answer ?? '', /INVALID_PHONE/);
  assert.equal(rows[1]?.status, 'failed');
  assert.match(rows[1]?.last_answer ?? '', /template not approved/);
  assert.equal(rows[2]?.status, 'delivered');
});

test('quiet hours hold a non-urgent SMS until morning, city time; an urgent one goes through', async () => {
  let now = Date.parse('2026-03-10T02:00:00+07:00');
  await withService(
    env({ NOTIFY_QUIET_HOURS: '21:00-07:00' }),
    async (n) => {
      await t.db.transaction(async (tx) => {
        await n.enqueue(tx, smsTo('user:q', 'quiet:reminder'));
        await n.enqueue(tx, smsTo('user:q', 'quiet:flood', { urgent: true }));
      });
      await until('urgent sent, reminder held', async () => {
        const s = Object.values(await statuses('quiet:'));
        return s[0] === 'held' && s[1] === 'delivered';
      });
      assert.equal(sms.requests.filter((r) => r.key?.includes('quiet%3Areminder')).length, 0, 'nothing sent at 02:00');
      now = Date.parse('2026-03-10T07:00:30+07:00');
      await n.worker?.sweep();
      await until('reminder sent in the morning', allEnded('quiet:', 2));
    },
    () => now,
  );
  assert.equal(sms.requests.filter((r) => r.key?.includes('quiet%3Areminder')).length, 1);
});

test('two workers at once never double-send', async () => {
  const a = await startNotify({ db: t.db, log: silent, timeZone: TZ, env: env() });
  const b = await startNotify({ db: t.db, log: silent, timeZone: TZ, env: env() });
  try {
    await t.db.transaction(async (tx) => {
      for (let i = 0; i < 20; i++) await (i % 2 ? a : b).enqueue(tx, smsTo(`user:${i}`, 'two:digest'));
    });
    await until('all delivered', allEnded('two:', 20));
  } finally {
    await a.stop();
    await b.stop();
  }
  const reqs = sms.requests.filter((r) => r.key?.includes('two%3A'));
  assert.equal(reqs.length, 20, 'twenty requests for twenty messages');
  assert.equal(new Set(reqs.map((r) => r.key)).size, 20);
});

test('the embedded default (no channel configured) delivers in-app and logs every outward message as not sent', async () => {
  await withService({ NOTIFY_POLL_MS: '500', NOTIFY_MAINTENANCE_S: '1' }, async (n) => {
    await t.db.transaction(async (tx) => {
      await n.enqueue(tx, smsTo('user:e', 'embedded:x'));
      await n.enqueue(tx, {
        recipient: 'user:e',
        cause: 'embedded:x',
        body: 'b',
        address: { channel: 'email', email: 'a@b.vn' },
      });
      await n.enqueue(tx, {
        recipient: 'user:e',
        cause: 'embedded:x',
        body: 'b',
        address: { channel: 'inapp', userId: 'user:e' },
      });
    });
    await until('all ended', allEnded('embedded:', 3));
  });
  const { rows } = await t.db.query<{ channel: string; status: string; last_answer: string }>(
    `SELECT channel, status, last_answer FROM notifications WHERE cause = 'embedded:x' ORDER BY notification_id`,
  );
  assert.deepEqual(
    rows.map((r) => [r.channel, r.status, r.last_answer]),
    [
      ['sms', 'not_sent', 'not sent: channel not configured'],
      ['email', 'not_sent', 'not sent: channel not configured'],
      ['inapp', 'delivered', 'in-app'],
    ],
  );
});
