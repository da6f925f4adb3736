/**
 * Streams the first worksheet of an XLSX file with exceljs's streaming reader (not the `xlsx`
 * package, which has unfixed high-severity advisories), so large exports are read in bounded
 * memory. Date cells arrive as Dates holding the wall-clock time (see sources/source-time.ts).
 */
import { createReadStream } from 'node:fs';
import ExcelJS from 'exceljs';
import type { SheetRow } from './sheet-row';

/** A cell's value as plain data: rich text joined, a formula's result, a hyperlink's text. */
export function cellValue(v: unknown): unknown {
  if (v === null || v === undefined) return undefined;
  if (typeof v !== 'object' || v instanceof Date) return v;
  const o = v as Record<string, unknown>;
  if (Array.isArray(o.richText)) return o.richText.map((r: { text?: unknown }) => String(r.text ?? '')).join('');
  if ('result' in o) return cellValue(o.result);
  if ('formula' in o || 'sharedFormula' in o) return undefined;
  if ('text' in o) return cellValue(o.text);
  if ('error' in o) return String(o.error);
  return undefined;
}

export async function* xlsxRows(file: string, onBytes: (n: number) => void): AsyncGenerator<SheetRow> {
  const input = createReadStream(file);
  input.on('data', (chunk) => onBytes(chunk.length));
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  try {
    for await (const sheet of workbook) {
      for await (const row of sheet) {
        // row.values is 1-based and sparse: index 0 is always empty.
        const values = Array.isArray(row.values) ? (row.values as unknown[]).slice(1) : [];
        yield { row: row.number, cells: Array.from(values, cellValue) };
      }
      break; // the first worksheet only
    }
  } finally {
    input.destroy();
  }
}
