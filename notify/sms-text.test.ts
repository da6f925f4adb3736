import assert from 'node:assert/strict';
import { test } from 'node:test';
import { smsParts, smsText, stripDiacritics } from './sms-text';

test('Vietnamese loses its diacritics, đ and Đ included', () => {
  assert.equal(stripDiacritics('Hồ sơ đến hạn xử lý — Đề nghị'), 'Ho so den han xu ly — De nghi');
  assert.equal(stripDiacritics('Phường Hồng Bàng'), 'Phuong Hong Bang');
});

test('split rule: GSM-7 160 in one part, 153 a part after; UCS-2 70 then 67', () => {
  assert.deepEqual(smsParts('a'.repeat(160)), { encoding: 'gsm7', length: 160, parts: 1 });
  assert.deepEqual(smsParts('a'.repeat(161)), { encoding: 'gsm7', length: 161, parts: 2 });
  assert.equal(smsParts('a'.repeat(306)).parts, 2);
  assert.equal(smsParts('a'.repeat(307)).parts, 3);
  assert.deepEqual(smsParts('ồ'.repeat(70)), { encoding: 'ucs2', length: 70, parts: 1 });
  assert.equal(smsParts('ồ'.repeat(71)).parts, 2);
  assert.equal(smsParts('ồ'.repeat(135)).parts, 3);
});

test('a text over the allowed parts is an error naming the count; without diacritics it fits in fewer', () => {
  const body = 'Hồ sơ của ông/bà đã đến hạn. '.repeat(6); // 174 characters
  assert.deepEqual('error' in smsText(body, false, 2) ? 'too long' : 'ok', 'too long');
  const r = smsText(body, true, 2);
  assert.ok(!('error' in r));
  if (!('error' in r)) assert.equal(r.parts.encoding, 'gsm7');
});
