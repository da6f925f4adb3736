import assert from 'node:assert/strict';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { caseKpiValues, zeroCaseSums } from '../contracts/kpi-definitions';
import type { CaseKpiTable } from '../contracts/kpi-query';
import { exportKpiTable } from './kpi-export';

const sums = { ...zeroCaseSums(), received: 10, receivedOnline: 4, resolved: 8, resolvedEarly: 2, resolvedOnTime: 4, resolvedLate: 2 };
const row = (key: string, vi: string) => ({ key, label: { vi, en: key }, wardCode: null, sums, kpis: caseKpiValues(sums) });
const table: CaseKpiTable = {
  family: 'cases', groupBy: 'agency', generatedAt: 0, from: '2026-11-01', to: '2026-11-25', previous: null,
  rows: [row('so-tp', 'Sở Tư pháp, "Hải Phòng"')], total: row('', ''),
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

test('a scoped table\'s total row is labelled the scope\'s total, not the province\'s', async () => {
  const text = (await exportKpiTable({ ...table, scope: ['so-tp'] }, 'csv', 'vi')).body.toString('utf8');
  const last = text.trim().split('\r\n').at(-1)!;
  assert.ok(last.includes('Tổng phạm vi') && !last.includes('Toàn tỉnh'), last);
});
