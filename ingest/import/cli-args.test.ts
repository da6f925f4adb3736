import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseImportArgs } from './cli-args';

test('the import command line', () => {
  assert.deepEqual(parseImportArgs(['cases', 'a.xlsx', '--dry-run', '--agency', 'Sở Tư pháp']), {
    ok: true,
    args: { kind: 'cases', file: 'a.xlsx', extra: [], dryRun: true, agency: 'Sở Tư pháp', direction: undefined },
  });
  const docs = parseImportArgs(['documents', 'b.csv', '--direction', 'incoming']);
  assert.ok(docs.ok && docs.args.direction === 'incoming' && !docs.args.dryRun);
  assert.deepEqual(parseImportArgs(['--help']), { ok: false, help: true, error: '' });
});

test('mistakes are named, never thrown', () => {
  const err = (argv: string[]) => {
    const r = parseImportArgs(argv);
    return r.ok ? 'ok' : r.error;
  };
  assert.match(err(['dossiers', 'a.csv']), /the first argument must be cases or documents/);
  assert.match(err(['cases']), /the file to import is missing/);
  assert.match(err(['cases', 'a.csv', 'b.csv']), /one file at a time/);
  assert.match(err(['cases', 'a.csv', '--direction', 'incoming']), /--direction applies to documents only/);
  assert.match(err(['documents', 'a.csv', '--direction', 'sideways']), /--direction must be incoming or outgoing/);
  assert.match(err(['cases', 'a.csv', '--force']), /Unknown option '--force'/);
  assert.match(err(['cases', 'a.csv', '--agency']), /--agency/);
});
