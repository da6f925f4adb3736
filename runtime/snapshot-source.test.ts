import assert from 'node:assert/strict';
import { test } from 'node:test';
import { snapshotSource } from './snapshot-source';

test('a data: URI of a raster image is served as its bytes', () => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
  assert.deepEqual(snapshotSource(`data:image/png;base64,${png.toString('base64')}`), {
    kind: 'bytes',
    contentType: 'image/png',
    bytes: png,
  });
  assert.equal(snapshotSource('data:image/jpeg;base64,/9j/4AAQ')?.kind, 'bytes');
});

test('a URL is a redirect; anything else is not served', () => {
  assert.deepEqual(snapshotSource('https://cams.example/e11.jpg'), {
    kind: 'redirect',
    url: 'https://cams.example/e11.jpg',
  });
  assert.equal(
    snapshotSource('data:image/svg+xml;base64,PHN2Zz48L3N2Zz4='),
    null,
    'SVG could run script on our origin',
  );
  assert.equal(snapshotSource('javascript:alert(1)'), null);
  assert.equal(snapshotSource('data:text/html;base64,PGI+'), null);
  assert.equal(snapshotSource('/relative/path.jpg'), null);
  assert.equal(snapshotSource(null), null);
});
