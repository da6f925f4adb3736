/**
 * `npm run import` as an operator runs it: the package script's command in a child process,
 * against a fresh PostgreSQL database (or a fresh embedded data directory in the PGlite pass).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Db } from '../db/adapter';
import { openPglite } from '../db/pglite-adapter';
import { openPostgres } from '../db/pg-adapter';
import { BACKEND, backendEnv } from './support/test-db';

const ROOT = path.resolve(import.meta.dirname, '..');
const HEADER = 'Mã hồ sơ,Cơ quan,Mã thủ tục,Kênh nộp,Ngày tiếp nhận,Hạn xử lý,Ngày có kết quả';

describe(`npm run import, in a child process (${BACKEND})`, () => {
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  let dir: string;

  // The command of the package script, so the test runs what `npm run import --` runs.
  const script = (
    JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
  ).scripts.import!;
  const run = (...args: string[]) => {
    const [bin, ...rest] = script.split(' ');
    return spawnSync(path.join(ROOT, 'node_modules/.bin', bin!), [...rest, ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', LOG_LEVEL: 'silent', ...env },
    });
  };
  async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    const db = env.DATABASE_URL
      ? openPostgres(env.DATABASE_URL, 1, () => undefined)
      : await openPglite(path.join(env.DATA_DIR!, 'pglite'));
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  }

  before(async () => {
    ({ env, cleanup } = await backendEnv());
    dir = mkdtempSync(path.join(tmpdir(), 'cityops-import-cli-'));
    writeFileSync(
      path.join(dir, 'mixed.csv'),
      [
        HEADER,
        'CLI-1,Sở Tư pháp,1.001193,Trực tuyến,15/09/2025 08:30,18/09/2025,16/09/2025 10:00',
        'CLI-2,Sở Tư pháp,1.001193,Fax,15/09/2025 09:00,18/09/2025,',
        'CLI-3,UBND Phường Lê Chân,1.000894,Trực tiếp,15/09/2025 09:30,16/09/2025,',
      ].join('\n'),
    );
    writeFileSync(
      path.join(dir, 'clean.csv'),
      [HEADER, 'CLI-4,Sở Tư pháp,1.001193,Bưu chính,16/09/2025 08:00,19/09/2025,'].join('\n'),
    );
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await cleanup();
  });

  test('--dry-run reports the bad row, exits 1 and does not even open the database', async () => {
    const r = run('cases', path.join(dir, 'mixed.csv'), '--dry-run');
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /header on row 1: Mã hồ sơ → case_id, Cơ quan → agency_id/);
    assert.match(r.stdout, /row 3, column "Kênh nộp": unknown value "Fax" .* \[bad_record\]/);
    assert.match(r.stdout, /3 rows read: 2 valid, 1 rejected/);
    assert.match(r.stdout, /dry run: nothing written; a real run would write up to 3 events and dead-letter 1 rows/);
    if (env.DATA_DIR) assert.ok(!existsSync(path.join(env.DATA_DIR, 'pglite')), 'no embedded database created');
    else
      await withDb(async (db) =>
        assert.equal(
          (await db.query(`SELECT to_regclass('case_events') AS t`)).rows[0]?.t,
          null,
          'not migrated: not opened',
        ),
      );
  });

  test('a real run writes the valid rows, dead-letters the bad one and exits 1; run again it writes nothing new', async () => {
    const first = run('cases', path.join(dir, 'mixed.csv'));
    assert.equal(first.status, 1, first.stderr);
    assert.match(first.stdout, /3 events written, 0 already present/);
    assert.match(first.stdout, /1 rejected rows are in ingest_rejects \(topic import\/mixed\.csv#row<N>\)/);
    const second = run('cases', path.join(dir, 'mixed.csv'));
    assert.equal(second.status, 1);
    assert.match(second.stdout, /nothing new: all 3 events were already in the database/);
    assert.match(second.stdout, /1 of them were already there from an earlier run/);
    await withDb(async (db) => {
      const { rows } = await db.query<{ case_id: string; event: string }>(
        `SELECT case_id, event FROM case_events ORDER BY case_id, time`,
      );
      assert.deepEqual(
        rows.map((x) => `${x.case_id}:${x.event}`),
        ['CLI-1:received', 'CLI-1:resolved', 'CLI-3:received'],
      );
      const rejects = await db.query<{ topic: string; reason: string }>(`SELECT topic, reason FROM ingest_rejects`);
      assert.deepEqual(rejects.rows, [{ topic: 'import/mixed.csv#row3', reason: 'bad_record' }]);
      const agency = await db.query<{ registered: boolean }>(
        `SELECT registered FROM agencies WHERE agency_id = 'so-tu-phap'`,
      );
      assert.equal(agency.rows[0]?.registered, true, 'the city was seeded: known agencies keep their names');
    });
  });

  test('a clean file exits 0', () => {
    const r = run('cases', path.join(dir, 'clean.csv'));
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /1 rows read: 1 valid, 0 rejected/);
    assert.match(r.stdout, /1 events written/);
  });

  test('mistakes exit 2 with a clear message, never a stack trace', () => {
    for (const args of [
      ['dossiers', 'x.csv'],
      ['cases', path.join(dir, 'missing.csv')],
      ['cases', path.join(dir, 'clean.csv'), '--agency', 'Sở Không Có'],
    ]) {
      const r = run(...args);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, /^cityops import: /);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    }
  });
});
