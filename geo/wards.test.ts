import assert from 'node:assert/strict';
import { test } from 'node:test';
import { haiphong } from '../cities/haiphong';
import { loadWards, wardAt } from './wards';

const wards = loadWards(haiphong);

test('the city has its 114 commune-level units (45 phường, 67 xã, 2 đặc khu)', () => {
  assert.equal(wards.length, 114);
  const byType = (t: string) => wards.filter((w) => w.type === t).length;
  assert.deepEqual([byType('Phường'), byType('Xã'), byType('Đặc khu')], [45, 67, 2]);
});

test('known places fall in the right ward; the sea and Hà Nội in none', () => {
  assert.equal(wardAt(wards, 106.6822, 20.8449)?.name, 'Lê Chân');
  assert.equal(wardAt(wards, 106.33, 20.94)?.fullName.startsWith('Phường'), true, 'Hải Dương city centre is urban');
  assert.equal(wardAt(wards, 107.2, 20.5), null, 'Gulf of Tonkin');
  assert.equal(wardAt(wards, 105.85, 21.03), null, 'Hà Nội');
});

test('every agency ward code of the profile exists in the boundary data', () => {
  const codes = new Set(wards.map((w) => w.code));
  for (const a of haiphong.agencies) if (a.wardCode) assert.ok(codes.has(a.wardCode), a.id);
});
