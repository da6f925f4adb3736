/** The import command's arguments, parsed (node:util) and validated (zod) before anything is opened. */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { KPI_FAMILIES } from '../../contracts/kpi-query';
import { DOCUMENT_DIRECTIONS } from '../../contracts/mqtt/payloads';

export const USAGE = `usage: npm run import -- <cases|documents> <file.xlsx|file.csv> [--dry-run] [--agency <id or name>] [--direction incoming|outgoing]

  --dry-run      check every row and report problems; write nothing (no database needed)
  --agency       the agency of rows whose agency cell is empty (or of a file without that column)
  --direction    documents: incoming or outgoing, for a file without a direction column
Exit codes: 0 every row imported, 1 some rows rejected (dead-lettered), 2 nothing could be imported.
Headers, date formats and values: docs/import.md`;

const OPTIONS = {
  'dry-run': { type: 'boolean' },
  agency: { type: 'string' },
  direction: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const argsSchema = z
  .object({
    kind: z.enum(KPI_FAMILIES, { error: 'the first argument must be cases or documents' }),
    file: z.string({ error: 'the file to import is missing' }).min(1, 'the file to import is missing'),
    extra: z.array(z.string()).max(0, 'one file at a time'),
    dryRun: z.boolean(),
    agency: z.string().trim().min(1, '--agency needs a value').optional(),
    direction: z.enum(DOCUMENT_DIRECTIONS, { error: '--direction must be incoming or outgoing' }).optional(),
  })
  .refine((a) => a.direction === undefined || a.kind === 'documents', {
    message: '--direction applies to documents only',
    path: ['direction'],
  });

export type ImportArgs = z.output<typeof argsSchema>;

export type ParsedArgs = { ok: true; args: ImportArgs } | { ok: false; help: boolean; error: string };

export function parseImportArgs(argv: readonly string[]): ParsedArgs {
  const read = () => parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  let parsed: ReturnType<typeof read>;
  try {
    parsed = read();
  } catch (err) {
    // Unknown option, missing value: node's message names it.
    return { ok: false, help: false, error: err instanceof Error ? err.message : String(err) };
  }
  if (parsed.values.help) return { ok: false, help: true, error: '' };
  const [kind, file, ...extra] = parsed.positionals;
  const r = argsSchema.safeParse({
    kind,
    file,
    extra,
    dryRun: parsed.values['dry-run'] ?? false,
    agency: parsed.values.agency,
    direction: parsed.values.direction,
  });
  if (!r.success) return { ok: false, help: false, error: r.error.issues.map((i) => i.message).join('; ') };
  return { ok: true, args: r.data };
}
