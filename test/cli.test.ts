import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, test } from 'node:test';

const ROOT = path.resolve(import.meta.dirname, '..');
const run = (entry: string, env: Record<string, string>) =>
  spawnSync(process.execPath, ['--import', 'tsx', entry], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production' as const, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });

describe('bad configuration stops a process with a clear message, never a stack trace', () => {
  for (const entry of ['bin/console.ts', 'bin/ingest.ts', 'bin/start.ts', 'bin/migrate.ts']) {
    test(`${entry} with PORT=abc and a MySQL DATABASE_URL`, () => {
      const r = run(entry, { PORT: 'abc', DATABASE_URL: 'mysql://root@localhost/x' });
      assert.equal(r.status, 1);
      assert.match(r.stderr, /PORT: expected a whole number from 1 to 65535 \(got "abc"\)/);
      assert.match(r.stderr, /DATABASE_URL: expected a URL with scheme postgres:\/\/ or postgresql:\/\//);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    });
  }

  test('an unknown CITY names the known ones', () => {
    const r = run('bin/ingest.ts', { CITY: 'atlantis' });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /CITY: unknown city "atlantis"; known: haiphong/);
  });
});
