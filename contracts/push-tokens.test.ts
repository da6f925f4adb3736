import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pushTokensSchema } from './push-tokens';

test('INDICATOR_PUSH_TOKENS: name:token pairs; a short token, a bad name or a repeated name is named', () => {
  assert.deepEqual(pushTokensSchema.parse(' motcua:0123456789abcdef , soc:fedcba9876543210:x '), [
    { name: 'motcua', token: '0123456789abcdef' },
    { name: 'soc', token: 'fedcba9876543210:x' },
  ]);
  const bad = pushTokensSchema.safeParse(
    'motcua:short,Bad Name:0123456789abcdef,motcua:0123456789abcdef,x:0123456789abcdef,x:0123456789abcdef',
  );
  assert.ok(!bad.success);
  const messages = bad.error.issues.map((i) => i.message);
  assert.match(messages[0]!, /entry 1 \(motcua\): the token must be at least 16/);
  assert.match(messages[1]!, /entry 2: expected name:token/);
  assert.match(messages[2]!, /entry 5: the name x is given twice/);
  assert.ok(
    messages.every((m) => !m.includes('0123456789abcdef')),
    'a token never appears in a message',
  );
});
