/**
 * `npm run import -- <cases|documents> <file> [--dry-run] [--agency <id>] [--direction …]`:
 * imports a CSV/XLSX export of dossiers or documents through the ingest's validation and write
 * path (docs/import.md). Uses DATABASE_URL, or the embedded PGlite under DATA_DIR when unset
 * (stop `npm start` first: one process at a time may open an embedded database).
 * Exit codes: 0 every row imported, 1 some rows rejected, 2 nothing could be imported.
 */
import { stat } from 'node:fs/promises';
import { loadConfigOrExit } from '../contracts/config';
import type { Db } from '../db/adapter';
import { migrate } from '../db/migrate';
import { openDatabase } from '../db/open';
import { seedCity } from '../db/seed-city';
import { loadWards } from '../geo/wards';
import type { Bus } from '../realtime/bus';
import { createRedisBus } from '../realtime/redis-bus';
import { cityFromConfigOrExit } from '../runtime/city-from-config';
import { createLogger } from '../runtime/logger';
import { parseImportArgs, USAGE } from '../ingest/import/cli-args';
import { createProgress, type Progress } from '../ingest/import/progress';
import { ImportError, runImport, type RowProblem } from '../ingest/import/run-import';
import { agencyIndex } from '../ingest/sources/agency';

const MAX_PROBLEMS_SHOWN = 200;
const out = (s: string) => process.stdout.write(`${s}\n`);
function fail(message: string): never {
  process.stderr.write(`cityops import: ${message}\n`);
  process.exit(2);
}

const parsed = parseImportArgs(process.argv.slice(2));
if (!parsed.ok) {
  if (parsed.help) {
    out(USAGE);
    process.exit(0);
  }
  fail(`${parsed.error}\n${USAGE}`);
}
const args = parsed.args;
const config = loadConfigOrExit();
const city = cityFromConfigOrExit(config);

const defaults: Record<string, string> = {};
if (args.agency !== undefined) {
  const a = agencyIndex(city.agencies).resolve(args.agency);
  if (!a.ok) fail(`--agency: ${a.error}`);
  defaults.agency_id = a.id;
}
if (args.direction !== undefined) defaults.direction = args.direction;

let db: Db | null = null;
let bus: Bus | null = null;
const problems: RowProblem[] = [];
let problemCount = 0;
let exitCode = 2;
// Started once the header is printed, so the bar never runs over other output.
const progress: { bar: Progress | null } = { bar: null };
try {
  // The file first: a typo in its name should not wait for a database to open.
  const file = await stat(args.file).catch((err: unknown) => {
    throw new ImportError(`${args.file}: cannot read: ${err instanceof Error ? err.message : String(err)}`);
  });
  if (!file.isFile()) throw new ImportError(`${args.file}: not a file`);
  const totalBytes = file.size;
  if (!args.dryRun) {
    const where = config.DATABASE_URL ? 'DATABASE_URL' : `the embedded database in ${config.DATA_DIR}`;
    try {
      db = await openDatabase(config, (err) => process.stderr.write(`database: ${err.message}\n`));
      await migrate(db);
      // Known agencies registered by name before rows refer to them.
      await seedCity(db, city, loadWards(city));
    } catch (err) {
      throw new ImportError(`cannot open ${where}: ${err instanceof Error ? err.message : String(err)}`);
    }
    // With Redis the console nodes hear the import's commits and live panels update.
    if (config.REDIS_URL) bus = createRedisBus(config.REDIS_URL, city.id, createLogger('error', 'import'));
  }
  const summary = await runImport({
    kind: args.kind,
    file: args.file,
    dryRun: args.dryRun,
    defaults,
    city,
    db,
    publish: bus ? (c) => bus!.publish(c) : undefined,
    onProgress: (p) => progress.bar?.update(p),
    onProblem: (p) => {
      problemCount++;
      if (problems.length < MAX_PROBLEMS_SHOWN) problems.push(p);
    },
    onHeader: ({ row, match }) => {
      out(`${args.file}: header on row ${row}: ${match.columns.map((c) => `${c.header} → ${c.field}`).join(', ')}`);
      if (match.unknown.length > 0) out(`  ignored columns (not in the catalogue): ${match.unknown.join(', ')}`);
      for (const r of match.repeated) out(`  ignored column "${r.header}": ${r.field} is read from "${r.usedHeader}"`);
      progress.bar = createProgress(totalBytes, process.stdout);
    },
  });
  progress.bar?.stop();
  progress.bar = null;
  for (const p of problems) out(`row ${p.row}${p.column ? `, column "${p.column}"` : ''}: ${p.message} [${p.reason}]`);
  if (problemCount > problems.length) out(`… and ${problemCount - problems.length} more problems`);
  const s = summary;
  out(
    `${s.rowsRead} rows read: ${s.rowsValid} valid, ${s.rowsRejected} rejected${s.rowsEmpty ? ` (${s.rowsEmpty} empty rows skipped)` : ''}`,
  );
  if (args.dryRun) {
    out(
      `dry run: nothing written; a real run would write up to ${s.eventsValid} events${s.rowsRejected ? ` and dead-letter ${s.rowsRejected} rows` : ''}`,
    );
  } else {
    out(
      s.eventsNew === 0 && s.rowsValid > 0
        ? `nothing new: all ${s.eventsDuplicate} events were already in the database`
        : `${s.eventsNew} events written, ${s.eventsDuplicate} already present`,
    );
    if (s.rowsRejected > 0)
      out(
        `${s.rowsRejected} rejected rows are in ingest_rejects (topic import/${s.file}#row<N>)${s.rejectsWritten < s.rowsRejected ? `; ${s.rowsRejected - s.rejectsWritten} of them were already there from an earlier run` : ''}`,
      );
  }
  exitCode = s.rowsRejected > 0 ? 1 : 0;
} catch (err) {
  progress.bar?.stop();
  // ImportError says what to do; anything else is unexpected, but still one line, not a stack.
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`cityops import: ${err instanceof ImportError ? message : `unexpected error: ${message}`}\n`);
  exitCode = 2;
} finally {
  await bus?.close();
  await db?.close().catch(() => undefined);
}
process.exit(exitCode);
