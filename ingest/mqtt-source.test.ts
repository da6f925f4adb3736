import assert from 'node:assert/strict';
import { test } from 'node:test';
import { grantOf } from './mqtt-source';

// Regression (issue 16): mqtt.js calls back with no error and an empty list when it sent no
// SUBSCRIBE (a topic it believed it held); that was taken as a grant.
test('an empty grant is not a subscription', () => {
  assert.equal(grantOf(null, []).ok, false);
  assert.equal(grantOf(null, undefined).ok, false);
});

test('a granted QoS is a subscription; a reason code from 0x80 up is a refusal; an error is not a grant', () => {
  assert.deepEqual(grantOf(null, [{ qos: 1 }]), { ok: true, qos: 1 });
  assert.deepEqual(grantOf(null, [{ qos: 0 }]), { ok: true, qos: 0 });
  assert.deepEqual(grantOf(null, [{ qos: 0x87 }]), { ok: false, why: 'refused with reason code 0x87' });
  assert.deepEqual(grantOf(null, [{ qos: 0x80 }]), { ok: false, why: 'refused with reason code 0x80' });
  assert.deepEqual(grantOf(new Error('Connection closed'), [{ qos: 1 }]), { ok: false, why: 'Connection closed' });
  assert.equal(grantOf(null, [{ qos: 1 }, { qos: 1 }]).ok, false, 'one subscription asked, one answer expected');
});
