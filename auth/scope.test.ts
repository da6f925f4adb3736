import assert from 'node:assert/strict';
import { test } from 'node:test';
import { narrowAgencies } from './scope';

test('an unscoped user gets what was asked, every agency when none was', () => {
  assert.deepEqual(narrowAgencies(undefined, null), { ok: true, agencies: undefined });
  assert.deepEqual(narrowAgencies(['so-tp'], null), { ok: true, agencies: ['so-tp'] });
});

test('a scoped user asking for no agency gets the scope, an empty scope nothing (not everything)', () => {
  assert.deepEqual(narrowAgencies(undefined, ['a', 'b']), { ok: true, agencies: ['a', 'b'] });
  assert.deepEqual(narrowAgencies(undefined, []), { ok: true, agencies: [] });
});

test('a scoped user asking for agencies in scope gets them; any outside is refused, named once', () => {
  assert.deepEqual(narrowAgencies(['b'], ['a', 'b']), { ok: true, agencies: ['b'] });
  assert.deepEqual(narrowAgencies(['a', 'x', 'y', 'x'], ['a', 'b']), { ok: false, outside: ['x', 'y'] });
  assert.deepEqual(narrowAgencies(['a'], []), { ok: false, outside: ['a'] });
});
