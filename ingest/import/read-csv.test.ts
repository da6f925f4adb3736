import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { csvRows, sniffDelimiter } from './read-csv';

test('the delimiter is the one the table uses: comma, semicolon (Excel in Vietnamese) or tab', () => {
  assert.equal(sniffDelimiter(['Mã hồ sơ,Cơ quan,Ngày tiếp nhận']), ',');
  assert.equal(sniffDelimiter(['DANH SÁCH HỒ SƠ', 'Mã hồ sơ;Cơ quan;"Ngày, giờ tiếp nhận"']), ';');
  assert.equal(sniffDelimiter(['a\tb\tc']), '\t');
  assert.equal(sniffDelimiter(['"x,y,z";b;c']), ';', 'delimiters inside quotes do not count');
});

test('rows stream with spreadsheet numbering, a BOM and quoted newlines handled, empty lines kept as empty rows', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cityops-csv-'));
  try {
    const file = path.join(dir, 'a.csv');
    writeFileSync(file, '\ufeffMã hồ sơ;Tên thủ tục\r\nHS-1;"Khai sinh;\r\nhộ tịch"\r\n\r\nHS-2;Kết hôn;extra\r\n');
    let bytes = 0;
    const rows = [];
    for await (const r of csvRows(file, (n) => (bytes += n))) rows.push(r);
    assert.deepEqual(rows, [
      { row: 1, cells: ['Mã hồ sơ', 'Tên thủ tục'] },
      { row: 2, cells: ['HS-1', 'Khai sinh;\r\nhộ tịch'] },
      { row: 3, cells: [''] },
      { row: 4, cells: ['HS-2', 'Kết hôn', 'extra'] },
    ]);
    assert.ok(bytes > 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
