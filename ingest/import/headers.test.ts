import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RECORD_FIELDS } from '../../contracts/dossier-records';
import { normalizeLabel } from '../sources/normalize-label';
import { HEADER_CATALOGUE, fieldOfHeader, headerScore, matchHeaders, missingColumns } from './headers';
import { KPI_FAMILIES } from '../../contracts/kpi-query';

test('Vietnamese and English titles, whatever their diacritics, case and spacing', () => {
  const cases: [string, string][] = [
    ['Mã hồ sơ', 'case_id'],
    ['SỐ HỒ SƠ', 'case_id'],
    ['ma ho so', 'case_id'],
    ['Case ID', 'case_id'],
    ['case_id', 'case_id'],
    ['Cơ quan', 'agency_id'],
    ['Đơn vị', 'agency_id'],
    ['Mã thủ tục', 'procedure_code'],
    ['Tên thủ tục', 'procedure_name'],
    ['Lĩnh vực', 'field'],
    ['Cấp', 'level'],
    ['Kênh nộp', 'channel'],
    ['Hình thức nộp', 'channel'],
    ['Ngày tiếp nhận', 'received_at'],
    ['Hạn xử lý', 'due_at'],
    ['Ngày hẹn trả', 'due_at'],
    ['Ngày có kết quả', 'resolved_at'],
    ['Ngày trả kết quả', 'resolved_at'],
    ['Trạng thái', 'status'],
    ['Thanh toán trực tuyến', 'online_payment'],
    ['Số hoá', 'digitized'],
    ['Số hóa', 'digitized'],
    ['Đánh giá', 'rating'],
    ['  ngày   TIẾP nhận ', 'received_at'],
    ['Received date', 'received_at'],
  ];
  for (const [title, field] of cases) assert.equal(fieldOfHeader('cases', title), field, title);
  assert.equal(fieldOfHeader('cases', 'Ghi chú'), undefined);
  assert.equal(fieldOfHeader('documents', 'Số ký hiệu'), 'doc_id');
  assert.equal(fieldOfHeader('documents', 'Ngày đến'), 'registered_at');
  assert.equal(fieldOfHeader('documents', 'Ngày ban hành'), 'issued_at');
  assert.equal(fieldOfHeader('documents', 'Độ khẩn'), 'urgency');
});

test('the catalogue is unambiguous: no title stands for two fields of one kind, and every field has titles', () => {
  for (const kind of KPI_FAMILIES) {
    const owner = new Map<string, string>();
    for (const [field, titles] of Object.entries(HEADER_CATALOGUE[kind]))
      for (const t of [field, ...titles]) {
        const prev = owner.get(normalizeLabel(t));
        assert.ok(prev === undefined || prev === field, `${kind}: "${t}" is both ${prev} and ${field}`);
        owner.set(normalizeLabel(t), field);
      }
    assert.deepEqual(Object.keys(HEADER_CATALOGUE[kind]).sort(), Object.keys(RECORD_FIELDS[kind]).sort());
  }
});

test('matching a header row: known columns, unknown ones listed, a repeated field read from its first column', () => {
  const m = matchHeaders('cases', ['STT', 'Mã hồ sơ', 'Hạn xử lý', 'Ngày hẹn trả', null, 'Ngày tiếp nhận']);
  assert.deepEqual(
    m.columns.map((c) => [c.index, c.field]),
    [
      [1, 'case_id'],
      [2, 'due_at'],
      [5, 'received_at'],
    ],
  );
  assert.deepEqual(m.unknown, ['STT']);
  assert.deepEqual(m.repeated, [{ header: 'Ngày hẹn trả', field: 'due_at', usedHeader: 'Hạn xử lý' }]);
  assert.deepEqual(missingColumns('cases', m, new Set()), [
    'Cơ quan (agency_id)',
    'Mã thủ tục (procedure_code)',
    'Kênh nộp (channel)',
  ]);
  assert.deepEqual(
    missingColumns('cases', m, new Set(['agency_id'])),
    ['Mã thủ tục (procedure_code)', 'Kênh nộp (channel)'],
    '--agency stands in for the column',
  );
  assert.deepEqual(
    missingColumns(
      'documents',
      matchHeaders('documents', ['Số ký hiệu', 'Ngày ban hành']),
      new Set(['agency_id', 'direction']),
    ),
    [],
  );
});

test('a title row above the table is not taken for the header', () => {
  assert.equal(headerScore('cases', ['DANH SÁCH HỒ SƠ TIẾP NHẬN THÁNG 9/2025']), 0);
  assert.equal(headerScore('cases', ['Mã hồ sơ', 'Ngày tiếp nhận', 'Ghi chú']), 2);
});
