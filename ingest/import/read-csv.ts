/**
 * Streams a CSV file's rows (csv-parse), so a file of any size is read in bounded memory.
 * UTF-8 with or without BOM (Excel's "CSV UTF-8"); the delimiter — comma, semicolon (Excel in a
 * Vietnamese locale) or tab — is taken from the header line.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { parse } from 'csv-parse';
import type { SheetRow } from './sheet-row';

const DELIMITERS = [',', ';', '\t'] as const;

/**
 * The delimiter of the file: the one a line uses most, over the first lines (a title line above
 * the table may have none).
 */
export function sniffDelimiter(lines: readonly string[]): string {
  let best = ',';
  let bestCount = 0;
  for (const line of lines) {
    const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
    }
    for (const [d, n] of counts)
      if (n > bestCount) {
        best = d;
        bestCount = n;
      }
  }
  return best;
}

async function firstLines(file: string): Promise<string[]> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead).toString('utf8').split(/\r?\n/).slice(0, 20);
  } finally {
    await fh.close();
  }
}

export async function* csvRows(file: string, onBytes: (n: number) => void): AsyncGenerator<SheetRow> {
  const delimiter = sniffDelimiter(await firstLines(file));
  const input = createReadStream(file);
  input.on('data', (chunk) => onBytes(chunk.length));
  // relax_column_count: a short or long row is the row's problem (reported), not the file's.
  const parser = input.pipe(
    parse({ delimiter, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false }),
  );
  let row = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      row++;
      yield { row, cells };
    }
  } finally {
    input.destroy();
  }
}
