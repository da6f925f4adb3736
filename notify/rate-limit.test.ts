import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RateLimiter } from './rate-limit';

test('a channel limited to 60 a minute lets 60 through, then one a second', () => {
  const r = new RateLimiter({ sms: 60 });
  for (let i = 0; i < 60; i++) assert.equal(r.take('sms', 0), 0);
  assert.equal(r.take('sms', 0), 1000);
  assert.equal(r.take('sms', 1000), 0);
  assert.equal(r.take('email', 0), 0, 'no limit configured: no wait');
});
