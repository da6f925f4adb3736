/** Where `npm test` finds its node:test files: one list, read by scripts/test.ts and scripts/test-on-date.ts. */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Folders whose `*.test.ts` files are unit tests (next to their modules). A new folder with tests goes here. */
export const UNIT_TEST_DIRS = [
  'contracts',
  'db',
  'ingest',
  'realtime',
  'geo',
  'sim',
  'runtime',
  'components',
  'scripts',
  'alarms',
  'auth',
  'bench',
  'notify',
];
/** Integration tests against real services. */
export const INTEGRATION_TEST_DIRS = ['test'];

/** Files under `dirs` (relative to `root`) ending in `suffix`, sorted; node_modules, dot folders and data/ skipped. */
export function findTests(root: string, dirs: readonly string[], suffix = '.test.ts'): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      if (e === 'node_modules' || e.startsWith('.') || e === 'data') continue;
      const p = path.join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith(suffix)) out.push(path.relative(root, p));
    }
  };
  for (const d of dirs) walk(path.join(root, d));
  return out.sort();
}
