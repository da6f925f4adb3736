import assert from 'node:assert/strict';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { caseKpiValues, zeroCaseSums } from '../contracts/kpi-definitions';
import type { CaseKpiTable } from '../contracts/kpi-query';
import { HOSTILE_STRINGS } from '../test/support/hostile';
import { exportKpiTable, neutraliseFormula } from './kpi-export';

const sums = {
  ...zeroCaseSums(),
  received: 10,
  receivedOnline: 4,
  resolved: 8,
  resolvedEarly: 2,
  resolvedOnTime: 4,
  resolvedLate: 2,
};
const row = (key: string, vi: string) => ({
  key,
  label: { vi, en: key },
  wardCode: null,
  sums,
  kpis: caseKpiValues(sums),
});
const table: CaseKpiTable = {
  family: 'cases',
  groupBy: 'agency',
  generatedAt: 0,
  from: '2026-11-01',
  to: '2026-11-25',
  previous: null,
  rows: [row('so-tp', 'Sở Tư pháp, "Hải Phòng"')],
  total: row('', ''),
};

test('CSV: UTF-8 with a BOM, Vietnamese headers, shares in %, quotes escaped, a total row', async () => {
  const file = await exportKpiTable(table, 'csv', 'vi');
  const text = file.body.toString('utf8');
  assert.ok(text.startsWith('\uFEFFMã cơ quan,Cơ quan,'));
  assert.match(text, /Tỷ lệ đúng hạn \(%\)/);
  const lines = text.trim().split('\r\n');
  assert.equal(lines.length, 3);
  assert.ok(lines[1]!.startsWith('so-tp,"Sở Tư pháp, ""Hải Phòng""",'));
  assert.ok(lines[2]!.includes('Toàn tỉnh'));
  assert.equal(file.filename, 'cityops-cases-2026-11-01_2026-11-25.csv');
});

test('XLSX: readable back, with the period, the headers and the on-time rate as a percentage', async () => {
  const file = await exportKpiTable(table, 'xlsx', 'en');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file.body as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  assert.equal(ws.getCell('A1').value, 'Period: 2026-11-01 – 2026-11-25');
  const header = (ws.getRow(2).values as unknown[]).slice(1);
  const col = header.indexOf('On-time rate (%)') + 1;
  assert.ok(col > 0);
  assert.equal(ws.getRow(3).getCell(col).value, 75);
  assert.equal(ws.getRow(4).getCell(2).value, 'Province');
});

test('formula injection: names a spreadsheet would evaluate are text in CSV (a leading apostrophe) and string cells in XLSX', async () => {
  const hostile = HOSTILE_STRINGS.filter((s) => /^[=+\-@]/.test(s));
  assert.ok(hostile.length >= 4);
  const names = [...hostile, '\tTAB=1+1', '\r=1+1', 'Sở Tư pháp'];
  const t: CaseKpiTable = { ...table, rows: names.map((n, i) => row(`=cmd-${i}`, n)) };
  const csv = await exportKpiTable(t, 'csv', 'vi');
  const text = csv.body.toString('utf8');
  // Each line's fields start with a quote or a character no spreadsheet evaluates.
  for (const line of text
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .slice(1)) {
    for (const field of line.match(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g) ?? []) {
      const value = field.replace(/,$/, '').replace(/^"(.*)"$/s, '$1');
      if (value === '' || /^-?\d/.test(value)) continue;
      assert.doesNotMatch(value, /^[=+@\t\r-]/, `evaluable CSV field: ${JSON.stringify(value)}`);
    }
  }
  for (const n of names)
    assert.ok(
      text.includes(/^[=+\-@\t\r]/.test(n) ? `'${n}`.replace(/"/g, '""') : n),
      `${JSON.stringify(n)} kept (behind an apostrophe)`,
    );
  assert.equal(neutraliseFormula('Sở Tư pháp'), 'Sở Tư pháp');
  assert.equal(neutraliseFormula('-2+3'), "'-2+3");

  const xlsx = await exportKpiTable(t, 'xlsx', 'vi');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.body as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  names.forEach((n, i) => {
    const c = ws.getRow(3 + i).getCell(2);
    assert.equal(c.type, ExcelJS.ValueType.String, `row ${i} is a string cell, not a formula`);
    // XML keeps no bare CR: it comes back as a line feed.
    assert.equal(String(c.value).replace(/\r\n?/g, '\n'), n.replace(/\r/g, '\n'));
    assert.equal(ws.getRow(3 + i).getCell(1).type, ExcelJS.ValueType.String);
  });
});

test("a scoped table's total row is labelled the scope's total, not the province's", async () => {
  const text = (await exportKpiTable({ ...table, scope: ['so-tp'] }, 'csv', 'vi')).body.toString('utf8');
  const last = text.trim().split('\r\n').at(-1)!;
  assert.ok(last.includes('Tổng phạm vi') && !last.includes('Toàn tỉnh'), last);
});
