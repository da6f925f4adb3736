/**
 * `npm test`: lint, type-check, unit tests, the integration suite against BOTH database
 * backends (PostgreSQL on 127.0.0.1:5432 and embedded PGlite+TimescaleDB), then Playwright.
 * Without a PostgreSQL server the PostgreSQL half is skipped with a clear line — except under
 * CI=true, where nothing may be skipped. Ends with one line: "N passed, N failed, N skipped".
 * The `audit` stage (scripts/npm-audit.ts) fails on a high or critical advisory in a production
 * dependency, and says loudly "not checked" when the registry has no audit endpoint.
 *   npm test                  everything
 *   npm test -- unit          one stage (audit | format | lint | typecheck | unit | integration | e2e)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { runAudits } from './npm-audit';
import { findTests, INTEGRATION_TEST_DIRS, UNIT_TEST_DIRS } from './test-files';

const ROOT = process.cwd();
const CI = process.env.CI === 'true' || process.env.CI === '1';
const ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const STAGE_TIMEOUT_MS = 12 * 60_000;
const STAGES = ['audit', 'format', 'lint', 'typecheck', 'unit', 'integration', 'e2e'] as const;
type Stage = (typeof STAGES)[number];

const totals = { passed: 0, failed: 0, skipped: 0 };
const failures: string[] = [];
const skippedStages: string[] = [];

function bin(name: string): string {
  return path.join(ROOT, 'node_modules/.bin', name);
}

function run(label: string, cmd: string, args: string[], env: Record<string, string> = {}): boolean {
  console.log(`\n━━ ${label} ━━`);
  // A hung stage (a handle left open after a failure) must fail CI, not run it into its time limit.
  const res = spawnSync(cmd, args, {
    stdio: 'inherit',
    env: { ...process.env, ...env },
    cwd: ROOT,
    timeout: STAGE_TIMEOUT_MS,
    killSignal: 'SIGKILL',
  });
  const ok = res.status === 0;
  if (res.error || res.signal)
    failures.push(`${label}: stopped after ${STAGE_TIMEOUT_MS / 60_000} min (${res.signal ?? res.error?.message})`);
  else if (!ok) failures.push(label);
  return ok;
}

/** Node's test runner with a spec report on screen and TAP counts read back for the summary. */
function nodeTests(label: string, files: string[], env: Record<string, string> = {}): void {
  if (files.length === 0) {
    failures.push(`${label}: no test files found`);
    return;
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'cityops-tap-'));
  const tap = path.join(dir, 'report.tap');
  run(
    label,
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      '--test-concurrency=1',
      '--test-timeout=240000',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      ...files,
    ],
    env,
  );
  try {
    const text = readFileSync(tap, 'utf8');
    const count = (k: string) => Number(new RegExp(`^# ${k} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
    totals.passed += count('pass');
    totals.failed += count('fail');
    totals.skipped += count('skipped') + count('todo');
    if (count('skipped') > 0 && CI) failures.push(`${label}: ${count('skipped')} test(s) skipped under CI=true`);
  } catch {
    failures.push(`${label}: no test report`);
  }
  rmSync(dir, { recursive: true, force: true });
}

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function e2e(): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'cityops-pw-'));
  const json = path.join(dir, 'results.json');
  run('e2e (Playwright, Chromium)', bin('playwright'), ['test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: json,
  });
  try {
    const stats = (
      JSON.parse(readFileSync(json, 'utf8')) as {
        stats: { expected: number; unexpected: number; skipped: number; flaky: number };
      }
    ).stats;
    totals.passed += stats.expected + stats.flaky;
    totals.failed += stats.unexpected;
    totals.skipped += stats.skipped;
    if (stats.skipped > 0 && CI) failures.push(`e2e: ${stats.skipped} test(s) skipped under CI=true`);
  } catch {
    failures.push('e2e: no test report');
  }
  rmSync(dir, { recursive: true, force: true });
}

const wanted = process.argv.slice(2).filter((a): a is Stage => (STAGES as readonly string[]).includes(a));
const stages: readonly Stage[] = wanted.length ? wanted : STAGES;

for (const stage of stages) {
  switch (stage) {
    case 'audit':
      console.log('\n━━ npm audit --omit=dev, npm audit signatures ━━');
      {
        const audit = runAudits();
        if (!audit.ok)
          failures.push('npm audit: high or critical advisory, bad signature, or npm could not audit (see above)');
        skippedStages.push(...audit.notChecked);
      }
      break;
    case 'format':
      // Unformatted code fails here; `npm run format` fixes it (.prettierrc.json, .prettierignore).
      run('format (prettier --check)', bin('prettier'), ['--check', '--log-level', 'warn', '.']);
      break;
    case 'lint':
      run('lint (eslint)', bin('eslint'), ['--max-warnings', '0', '.']);
      break;
    case 'typecheck':
      run('type-check (tsc --noEmit)', bin('tsc'), ['--noEmit']);
      break;
    case 'unit':
      nodeTests('unit tests', findTests(ROOT, UNIT_TEST_DIRS));
      break;
    case 'integration': {
      const files = findTests(ROOT, INTEGRATION_TEST_DIRS);
      nodeTests('integration tests · embedded PGlite + TimescaleDB', files, { TEST_DB: 'pglite' });
      if (await postgresReachable()) {
        nodeTests('integration tests · PostgreSQL server', files, {
          TEST_DB: 'postgres',
          TEST_PG_ADMIN_URL: ADMIN_URL,
        });
      } else if (CI) {
        failures.push(`integration · PostgreSQL: no server at ${ADMIN_URL} (CI=true: nothing may be skipped)`);
      } else {
        skippedStages.push(
          `integration tests · PostgreSQL: SKIPPED — no server at ${ADMIN_URL} (set TEST_PG_ADMIN_URL)`,
        );
      }
      break;
    }
    case 'e2e':
      e2e();
      break;
  }
}

console.log('\n━━ summary ━━');
for (const s of skippedStages) console.log(s);
for (const f of failures) console.log(`FAILED: ${f}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failures.length > 0 || totals.failed > 0 ? 1 : 0);
