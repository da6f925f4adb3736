import assert from 'node:assert/strict';
import { test } from 'node:test';
import { atPath, readPage } from './page-shape';

const shape = { items: 'data.items', nextCursor: 'data.paging.next', hasMore: 'data.paging.more' };
const page = (v: unknown) => readPage(Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)), shape);

test('items, next cursor and has-more at their dotted paths; $ is the body', () => {
  assert.deepEqual(page({ data: { items: [{ a: 1 }], paging: { next: 42, more: true } } }), {
    ok: true,
    items: [{ a: 1 }],
    nextCursor: '42',
    hasMore: true,
  });
  assert.deepEqual(page({ data: { items: [], paging: { next: null } } }), {
    ok: true,
    items: [],
    nextCursor: null,
    hasMore: null,
  });
  assert.deepEqual(readPage(Buffer.from('[1,2]'), { items: '$', nextCursor: 'next' }), {
    ok: true,
    items: [1, 2],
    nextCursor: null,
    hasMore: null,
  });
  assert.equal(atPath({ a: [{ b: 'x' }] }, 'a.0.b'), 'x');
  assert.equal(atPath({ a: 1 }, 'constructor'), undefined, 'only own properties');
});

test('pages that cannot be used are rejections with the wire reasons where they fit', () => {
  const reason = (v: unknown) => {
    const p = page(v);
    return p.ok ? 'ok' : `${p.rejection.reason}: ${p.rejection.detail}`;
  };
  assert.match(reason('<html>502 Bad Gateway</html>'), /^not_json: page is not JSON/);
  assert.equal(readPage(new Uint8Array([0xff, 0xfe]), shape).ok, false);
  assert.match(reason({ data: { rows: [] } }), /^bad_page: data\.items: expected an array of items, got undefined/);
  assert.match(
    reason({ data: { items: [], paging: { next: { id: 1 } } } }),
    /^bad_page: data\.paging\.next: expected the next cursor/,
  );
  assert.match(
    reason({ data: { items: [], paging: { more: 'yes' } } }),
    /^bad_page: data\.paging\.more: expected true or false/,
  );
});
