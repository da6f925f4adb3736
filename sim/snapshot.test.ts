import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inflateSync } from 'node:zlib';
import { schematicSnapshot } from './snapshot';

test('accidents, fires and floods carry a small PNG snapshot; other events none', () => {
  for (const type of ['accident', 'fire', 'flooding']) {
    const uri = schematicSnapshot(type)!;
    assert.match(uri, /^data:image\/png;base64,/);
    const png = Buffer.from(uri.split(',')[1]!, 'base64');
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [160, 90], 'IHDR: 160 × 90');
    const idatLength = png.readUInt32BE(33);
    assert.equal(png.subarray(37, 41).toString('ascii'), 'IDAT');
    assert.equal(
      inflateSync(png.subarray(41, 41 + idatLength)).length,
      (160 * 3 + 1) * 90,
      'one filter byte and 160 RGB pixels per row',
    );
    assert.ok(uri.length < 4096, `small: ${uri.length} characters`);
  }
  assert.equal(schematicSnapshot('red_light'), undefined);
});
