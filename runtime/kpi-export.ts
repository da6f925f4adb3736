/**
 * A KPI table as a file for meetings: every KPI of the family per agency, plus the province total,
 * with headers in the reader's language (Vietnamese by default) and units in the header.
 * CSV carries a UTF-8 BOM so Excel opens Vietnamese text correctly; XLSX is written by exceljs.
 */
import ExcelJS from 'exceljs';
import { CASE_KPIS, DOCUMENT_KPIS, type KpiUnit } from '../contracts/kpi-definitions';
import type { CaseKpiTable, DocumentKpiTable } from '../contracts/kpi-query';

export type ExportFormat = 'csv' | 'xlsx';
export type ExportLang = 'vi' | 'en';
export interface ExportFile {
  body: Buffer;
  contentType: string;
  filename: string;
}

const UNIT: Record<ExportLang, Record<KpiUnit, string>> = {
  vi: { count: '', share: ' (%)', score: ' (điểm 1–5)', hours: ' (giờ)' },
  en: { count: '', share: ' (%)', score: ' (1–5)', hours: ' (hours)' },
};
const HEAD: Record<ExportLang, { agency: string; code: string; total: string; scopeTotal: string; period: string }> = {
  vi: { agency: 'Cơ quan', code: 'Mã cơ quan', total: 'Toàn tỉnh', scopeTotal: 'Tổng phạm vi', period: 'Kỳ' },
  en: { agency: 'Agency', code: 'Agency code', total: 'Province', scopeTotal: 'Scope total', period: 'Period' },
};

/** Shares as percentages with one decimal, others rounded sensibly; null stays empty. */
function cell(unit: KpiUnit, v: number | null): number | null {
  if (v === null || !Number.isFinite(v)) return null;
  if (unit === 'share') return Math.round(v * 1000) / 10;
  if (unit === 'count') return v;
  return Math.round(v * 100) / 100;
}

export function kpiSheet(
  table: CaseKpiTable | DocumentKpiTable,
  lang: ExportLang,
): { header: string[]; rows: (string | number | null)[][] } {
  const defs = table.family === 'cases' ? CASE_KPIS : DOCUMENT_KPIS;
  const h = HEAD[lang];
  const header = [h.code, h.agency, ...defs.map((d) => `${d.label[lang]}${UNIT[lang][d.unit]}`)];
  const line = (code: string, name: string, kpis: Record<string, number | null>) => [
    code,
    name,
    ...defs.map((d) => cell(d.unit, kpis[d.id] ?? null)),
  ];
  const rows = table.rows.map((r) => line(r.key, r.label[lang], r.kpis));
  // A scoped leader's total is the total of their agencies, and says so.
  rows.push(line('', table.scope ? h.scopeTotal : h.total, table.total.kpis));
  return { header, rows };
}

/**
 * Text a spreadsheet would read as a formula (= + - @, or a tab or CR before one) gets a leading
 * apostrophe: agency and ward names come from outside (imports, connectors, devices), and a CSV
 * cell `=HYPERLINK(…)` would run when a leader opens the file (CSV/formula injection, OWASP).
 * Numbers are written as numbers and never touched. XLSX needs no prefix: exceljs writes text as a
 * string cell, which Excel never evaluates (kpi-export.test.ts checks the cell type).
 */
export const neutraliseFormula = (s: string): string => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

const csvField = (v: string | number | null) => {
  if (v === null) return '';
  const s = typeof v === 'number' ? String(v) : neutraliseFormula(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export async function exportKpiTable(
  table: CaseKpiTable | DocumentKpiTable,
  format: ExportFormat,
  lang: ExportLang,
): Promise<ExportFile> {
  const { header, rows } = kpiSheet(table, lang);
  const base = `cityops-${table.family}-${table.from}_${table.to}`;
  if (format === 'csv') {
    const text = [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n');
    return {
      body: Buffer.from(`\uFEFF${text}\r\n`, 'utf8'),
      contentType: 'text/csv; charset=utf-8',
      filename: `${base}.csv`,
    };
  }
  const wb = new ExcelJS.Workbook();
  wb.creator = 'CityOps';
  const ws = wb.addWorksheet(
    table.family === 'cases' ? (lang === 'vi' ? 'Hồ sơ TTHC' : 'Dossiers') : lang === 'vi' ? 'Văn bản' : 'Documents',
  );
  ws.addRow([`${HEAD[lang].period}: ${table.from} – ${table.to}`]);
  const head = ws.addRow(header);
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'middle' };
  for (const r of rows) ws.addRow(r);
  ws.getRow(ws.rowCount).font = { bold: true };
  ws.columns.forEach((c, i) => {
    c.width = i === 1 ? 40 : i === 0 ? 16 : 14;
  });
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: 2 }];
  const body = Buffer.from(await wb.xlsx.writeBuffer());
  return {
    body,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    filename: `${base}.xlsx`,
  };
}
