import assert from 'node:assert/strict';
import { test } from 'node:test';
import { idempotencyKey, normaliseVnPhone, notificationInputSchema } from './notifications';
import { loadNotifyConfig } from './notify-config';
import { ConfigError } from './errors';

test('Vietnamese mobile numbers are normalised to +84, from 0, 84 and +84 and with separators', () => {
  assert.equal(normaliseVnPhone('0912 345 678'), '+84912345678');
  assert.equal(normaliseVnPhone('+84 912-345-678'), '+84912345678');
  assert.equal(normaliseVnPhone('84912345678'), '+84912345678');
  assert.equal(normaliseVnPhone('(037) 123.4567'), '+84371234567');
});

test('numbers that are not Vietnamese mobiles are refused: landline, old 11-digit, wrong prefix, short', () => {
  for (const bad of ['02253123456', '01234567890', '0212345678', '091234567', '+8591234567', '0612345678', 'abc']) {
    assert.equal(normaliseVnPhone(bad), null, bad);
  }
});

test('a bad address is refused with the field named; a Zalo message needs its template within 400 characters', () => {
  const bad = notificationInputSchema.safeParse({
    recipient: 'u1',
    cause: 'c',
    body: 'x',
    address: { channel: 'sms', phone: '123' },
  });
  assert.equal(bad.success, false);
  assert.deepEqual(bad.error?.issues[0]?.path, ['address', 'phone']);
  const noTemplate = notificationInputSchema.safeParse({
    recipient: 'u1',
    cause: 'c',
    body: 'x',
    address: { channel: 'zalo', phone: '0912345678' },
  });
  assert.deepEqual(noTemplate.error?.issues[0]?.path, ['template']);
  const long = notificationInputSchema.safeParse({
    recipient: 'u1',
    cause: 'c',
    body: 'x',
    address: { channel: 'zalo', phone: '0912345678' },
    template: { id: 't', params: { a: 'x'.repeat(300), b: 'y'.repeat(101) } },
  });
  assert.equal(long.success, false);
  assert.equal(
    notificationInputSchema.safeParse({
      recipient: 'u1',
      cause: 'c',
      body: 'x',
      address: { channel: 'email', email: 'not-an-email' },
    }).success,
    false,
  );
});

test('the idempotency key is one per (recipient, cause, stage, channel) and cannot be forged by a separator', () => {
  const a = idempotencyKey({ recipient: 'u|1', cause: 'c', stage: 's', address: { channel: 'sms' } });
  const b = idempotencyKey({ recipient: 'u', cause: '1|c', stage: 's', address: { channel: 'sms' } });
  assert.notEqual(a, b);
  assert.notEqual(
    idempotencyKey({ recipient: 'u', cause: 'c', stage: 's', address: { channel: 'sms' } }),
    idempotencyKey({ recipient: 'u', cause: 'c', stage: 's', address: { channel: 'email' } }),
  );
});

test('notification config: defaults run with nothing set; every bad variable is named, secrets not echoed', () => {
  const c = loadNotifyConfig({});
  assert.equal(c.NOTIFY_SMTP_HOST, undefined);
  assert.deepEqual(c.NOTIFY_QUIET_HOURS, { startMin: 21 * 60, endMin: 7 * 60 });
  assert.throws(
    () =>
      loadNotifyConfig({
        NOTIFY_SMS_URL: 'http://x',
        NOTIFY_SMS_BRANDNAME: 'WAYTOOLONGNAME',
        NOTIFY_QUIET_HOURS: '25:00-07:00',
        NOTIFY_SMTP_PASSWORD: 'hunter2',
      }),
    (err: unknown) => {
      assert.ok(err instanceof ConfigError);
      const text = err.message;
      assert.match(text, /NOTIFY_SMS_BRANDNAME/);
      assert.match(text, /NOTIFY_QUIET_HOURS/);
      assert.doesNotMatch(text, /hunter2/);
      return true;
    },
  );
  assert.throws(() => loadNotifyConfig({ NOTIFY_SMTP_HOST: 'mail' }), /NOTIFY_SMTP_FROM/);
});
