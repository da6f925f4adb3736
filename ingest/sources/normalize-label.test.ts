import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizeLabel } from './normalize-label';

test('diacritics, đ, case, punctuation and spacing do not matter', () => {
  assert.equal(normalizeLabel('Ngày tiếp nhận'), 'ngay tiep nhan');
  assert.equal(normalizeLabel('  NGÀY  TIẾP-NHẬN '), 'ngay tiep nhan');
  assert.equal(normalizeLabel('Đơn vị'), 'don vi');
  assert.equal(normalizeLabel('Số hóa'), normalizeLabel('Số hoá'), 'both placements of the tone mark');
  assert.equal(normalizeLabel('case_id'), 'case id');
  // Composed and decomposed Unicode forms of the same text.
  assert.equal(normalizeLabel('Mã hồ sơ'.normalize('NFD')), normalizeLabel('Mã hồ sơ'.normalize('NFC')));
});
