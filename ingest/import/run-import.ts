/**
 * Imports one CSV/XLSX file of dossiers or documents: find the header row, match the columns,
 * read each row into a record → wire events → `decodeMessage` (the MQTT way's validation), and
 * write valid rows in batches through `writeRows`; invalid rows are reported with row, column and
 * reason and dead-lettered as `import/<file>#row<N>`. A dry run does all the checking and writes
 * nothing (it needs no database). Re-importing a file writes nothing new: events are idempotent
 * on (id, event, time) and a row dead-lettered before is not dead-lettered again.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { CityProfile } from '../../contracts/city';
import type { KpiFamily } from '../../contracts/kpi-query';
import type { RejectReason } from '../../contracts/errors';
import type { IngestCommit } from '../../contracts/live';
import type { Db } from '../../db/adapter';
import type { RejectRow } from '../../db/ingest-writes';
import { insertNewRejects } from '../../db/source-rejects';
import type { IngestRecord } from '../records';
import { toRejectRow } from '../reject-row';
import { agencyIndex } from '../sources/agency';
import { describeProblems, intakeRecord } from '../sources/intake';
import type { ReadOptions } from '../sources/read-record';
import { createWriteStage } from '../write-stage';
import { headerScore, matchHeaders, missingColumns, type HeaderMatch } from './headers';
import { csvRows } from './read-csv';
import { xlsxRows } from './read-xlsx';
import type { SheetRow } from './sheet-row';

/** The file cannot be imported at all (unreadable, no header row, required columns missing). */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

export interface RowProblem {
  row: number;
  /** The column title, `--agency`/`--direction` for a command-line default, null for the row as a whole. */
  column: string | null;
  reason: RejectReason;
  message: string;
}

export interface ImportProgress {
  bytes: number;
  totalBytes: number;
  rows: number;
}

export interface ImportOptions {
  kind: KpiFamily;
  file: string;
  dryRun: boolean;
  /** Values for rows (or files) without them: `agency_id` (--agency), `direction` (--direction). */
  defaults?: Readonly<Record<string, string>>;
  city: CityProfile;
  /** Required unless dryRun. */
  db: Db | null;
  publish?: (commit: IngestCommit) => void;
  /** Rows per write transaction. */
  batchRows?: number;
  now?: () => number;
  onProblem?: (p: RowProblem) => void;
  onProgress?: (p: ImportProgress) => void;
  onHeader?: (header: { row: number; match: HeaderMatch }) => void;
}

export interface ImportSummary {
  file: string;
  headerRow: number;
  rowsRead: number;
  rowsValid: number;
  rowsRejected: number;
  rowsEmpty: number;
  /** Dry run: the events the valid rows make. */
  eventsValid: number;
  eventsNew: number;
  eventsDuplicate: number;
  /** Dead-letter rows written now (a row rejected by an earlier run of the same file is not written again). */
  rejectsWritten: number;
}

const HEADER_SEARCH_ROWS = 20;
const FLAG_OF: Readonly<Record<string, string>> = { agency_id: '--agency', direction: '--direction' };

const isEmptyCell = (c: unknown) => c === undefined || c === null || (typeof c === 'string' && c.trim() === '');
const pad = (n: number) => String(n).padStart(2, '0');
/** A spreadsheet Date is wall-clock time; shown as such, not as a misleading UTC instant. */
const shown = (c: unknown) =>
  c instanceof Date && Number.isFinite(c.getTime())
    ? `${c.getUTCFullYear()}-${pad(c.getUTCMonth() + 1)}-${pad(c.getUTCDate())} ${pad(c.getUTCHours())}:${pad(c.getUTCMinutes())}:${pad(c.getUTCSeconds())}`
    : c;

function rowsOf(file: string, onBytes: (n: number) => void): AsyncGenerator<SheetRow> {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv' || ext === '.txt') return csvRows(file, onBytes);
  if (ext === '.xlsx' || ext === '.xlsm') return xlsxRows(file, onBytes);
  throw new ImportError(
    `${path.basename(file)}: unsupported file type "${ext || '(none)'}"; expected .xlsx or .csv (an .xls file: save it as .xlsx first)`,
  );
}

export async function runImport(o: ImportOptions): Promise<ImportSummary> {
  if (!o.dryRun && !o.db) throw new Error('runImport: a database is needed unless dryRun');
  const now = o.now ?? Date.now;
  const name = path.basename(o.file);
  let totalBytes: number;
  try {
    const s = await stat(o.file);
    if (!s.isFile()) throw new Error('not a file');
    totalBytes = s.size;
  } catch (err) {
    throw new ImportError(`${o.file}: cannot read: ${err instanceof Error ? err.message : String(err)}`);
  }
  const defaults = o.defaults ?? {};
  const read: ReadOptions = { timeZone: o.city.timeZone, agencies: agencyIndex(o.city.agencies), defaults };
  const summary: ImportSummary = {
    file: name,
    headerRow: 0,
    rowsRead: 0,
    rowsValid: 0,
    rowsRejected: 0,
    rowsEmpty: 0,
    eventsValid: 0,
    eventsNew: 0,
    eventsDuplicate: 0,
    rejectsWritten: 0,
  };
  let bytes = 0;
  let match: HeaderMatch | null = null;
  let titles: string[] = [];
  let groups: IngestRecord[][] = [];
  let groupRows: { row: number; payload: Buffer }[] = [];
  let rejects: RejectRow[] = [];
  let pendingRows = 0;

  async function write(
    db: Db,
    batch: IngestRecord[][],
    sources: typeof groupRows,
    batchRejects: RejectRow[],
  ): Promise<void> {
    const stage = createWriteStage({ db, timeZone: o.city.timeZone, place: () => null, publish: o.publish, now });
    const committed = await stage.commit({
      groups: batch,
      rejects: batchRejects,
      account: true,
      publishWhen: 'new',
      // Validation should leave nothing for the database to refuse; if it does, the row is reported, not lost.
      refusedRow: (group, error) => {
        const src = sources[group]!;
        summary.rowsValid--;
        summary.rowsRejected++;
        summary.eventsValid -= batch[group]!.length;
        o.onProblem?.({ row: src.row, column: null, reason: 'invalid_payload', message: error });
        return toRejectRow(`import/${name}#row${src.row}`, src.payload, { reason: 'invalid_payload', detail: error });
      },
      deadLetter: async (tx, rows) => {
        summary.rejectsWritten += await insertNewRejects(tx, rows);
      },
    });
    summary.eventsNew += committed.newEvents;
    summary.eventsDuplicate += committed.duplicateEvents;
  }

  async function flush(): Promise<void> {
    if (pendingRows === 0) return;
    pendingRows = 0;
    const batch = groups;
    const sources = groupRows;
    const batchRejects = rejects;
    groups = [];
    groupRows = [];
    rejects = [];
    if (o.dryRun || !o.db) return;
    try {
      await write(o.db, batch, sources, batchRejects);
    } catch (err) {
      throw new ImportError(
        `database write failed: ${err instanceof Error ? err.message : String(err)} — ${summary.eventsNew} new events were committed before it; ` +
          'run the import again once the database is back (re-importing writes only what is missing)',
      );
    }
  }

  const rows = rowsOf(o.file, (n) => {
    bytes += n;
  });
  try {
    for await (const { row, cells } of rows) {
      if (!match) {
        if (row > HEADER_SEARCH_ROWS) break;
        // A CSV saved in a legacy code page (Windows-1258, TCVN3) decodes to replacement characters.
        if (cells.some((c) => typeof c === 'string' && c.includes('\uFFFD')))
          throw new ImportError(`${name}: row ${row} is not UTF-8 text; save the file as "CSV UTF-8" (or as .xlsx)`);
        // Exports often put a title and a date line above the table: the header is the first row
        // with at least two known column titles.
        if (headerScore(o.kind, cells) < 2) continue;
        match = matchHeaders(o.kind, cells);
        titles = cells.map((c, i) => (isEmptyCell(c) ? `column ${i + 1}` : String(c).trim()));
        summary.headerRow = row;
        const missing = missingColumns(o.kind, match, new Set(Object.keys(defaults)));
        if (missing.length > 0)
          throw new ImportError(
            `${name}: row ${row} has no column for ${missing.join(', ')}${'agency_id' in defaults ? '' : ' (the agency can also be given with --agency)'}`,
          );
        o.onHeader?.({ row, match });
        continue;
      }
      if (cells.every(isEmptyCell)) {
        summary.rowsEmpty++;
        continue;
      }
      summary.rowsRead++;
      const raw: Record<string, unknown> = {};
      const payload: Record<string, unknown> = {};
      for (const c of match.columns) raw[c.field] = cells[c.index];
      // The row as it came, every non-empty cell under its title, for whoever fixes the file.
      cells.forEach((cell, i) => {
        if (!isEmptyCell(cell)) payload[titles[i] ?? `column ${i + 1}`] = shown(cell);
      });
      const r = intakeRecord(o.kind, raw, read, { city: o.city.id, timeZone: o.city.timeZone, now: now() });
      if (r.ok) {
        summary.rowsValid++;
        summary.eventsValid += r.records.length;
        groups.push(r.records);
        groupRows.push({ row, payload: Buffer.from(JSON.stringify(payload)) });
      } else {
        summary.rowsRejected++;
        const m = match;
        const column = (field: string) => m.byField.get(field)?.header ?? FLAG_OF[field] ?? field;
        for (const p of r.problems)
          o.onProblem?.({ row, column: p.field ? column(p.field) : null, reason: r.reason, message: p.message });
        rejects.push(
          toRejectRow(`import/${name}#row${row}`, Buffer.from(JSON.stringify(payload)), {
            reason: r.reason,
            detail: describeProblems(r.problems, column),
          }),
        );
      }
      pendingRows++;
      if (pendingRows >= (o.batchRows ?? 500)) await flush();
      o.onProgress?.({ bytes, totalBytes, rows: summary.rowsRead });
    }
  } catch (err) {
    if (err instanceof ImportError) throw err;
    // A corrupt file (bad ZIP, broken quoting): say where, never a stack trace.
    throw new ImportError(
      `${name}: cannot be read${summary.rowsRead > 0 ? ` after row ${summary.headerRow + summary.rowsRead + summary.rowsEmpty}` : ''}: ${err instanceof Error ? err.message : String(err)}`,
    );
  } finally {
    await rows.return(undefined);
  }
  if (!match)
    throw new ImportError(
      `${name}: no header row: none of the first ${HEADER_SEARCH_ROWS} rows has two known column titles (e.g. ${o.kind === 'cases' ? '"Mã hồ sơ", "Ngày tiếp nhận"' : '"Số ký hiệu", "Ngày đến"'}; see docs/import.md)`,
    );
  await flush();
  o.onProgress?.({ bytes: totalBytes, totalBytes, rows: summary.rowsRead });
  return summary;
}
