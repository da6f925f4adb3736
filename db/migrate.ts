/**
 * Migration runner. Files in `db/migrations/` are named `NNN_name.sql`, or come as a pair of
 * variants `NNN_name.tsdb.sql` (TimescaleDB present) and `NNN_name.pg.sql` (plain PostgreSQL):
 * the same tables and query results, different machinery. Applied in order, each in its own
 * transaction, recorded with a checksum; an applied file that changed is refused, not re-run.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { MigrationError } from '../contracts/errors';
import type { Db } from './adapter';

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, 'migrations');
/** Arbitrary but fixed: every CityOps process takes this lock before migrating. */
export const MIGRATION_LOCK_KEY = 0x43_49_54_59_4f_50_53n; // "CITYOPS"

type Variant = 'all' | 'tsdb' | 'pg';

export interface Migration {
  id: string;
  variant: Variant;
  file: string;
  sql: string;
  checksum: string;
}

const FILE = /^(\d{3}_[a-z0-9_]+?)(?:\.(tsdb|pg))?\.sql$/;

/** The migrations to apply on a backend with or without TimescaleDB, in order. */
export function loadMigrations(timescale: boolean, dir = MIGRATIONS_DIR): Migration[] {
  const byId = new Map<string, Partial<Record<Variant, string>>>();
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.sql')) continue;
    const m = FILE.exec(file);
    if (!m)
      throw new MigrationError(`${file}: migration files are named NNN_name.sql, NNN_name.tsdb.sql or NNN_name.pg.sql`);
    const variants = byId.get(m[1]!) ?? {};
    variants[(m[2] as Variant | undefined) ?? 'all'] = file;
    byId.set(m[1]!, variants);
  }
  return [...byId.entries()].map(([id, v]) => {
    if (v.all && (v.tsdb || v.pg)) throw new MigrationError(`${id}: has both a plain file and variants`);
    if (!v.all && !(v.tsdb && v.pg))
      throw new MigrationError(`${id}: a variant migration needs both .tsdb.sql and .pg.sql`);
    const variant: Variant = v.all ? 'all' : timescale ? 'tsdb' : 'pg';
    const file = v[variant]!;
    const sql = readFileSync(path.join(dir, file), 'utf8');
    return { id, variant, file, sql, checksum: createHash('sha256').update(sql).digest('hex') };
  });
}

export interface MigrateResult {
  applied: string[];
  timescale: boolean;
}

export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<MigrateResult> {
  const timescale = await db.hasTimescale();
  const migrations = loadMigrations(timescale, dir);
  return db.withAdvisoryLock(MIGRATION_LOCK_KEY, async (conn) => {
    await conn.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      id text PRIMARY KEY,
      variant text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await conn.query<{ id: string; variant: string; checksum: string }>(
      'SELECT id, variant, checksum FROM schema_migrations',
    );
    const done = new Map(rows.map((r) => [r.id, r]));
    const applied: string[] = [];
    for (const m of migrations) {
      const prior = done.get(m.id);
      if (prior) {
        if (prior.variant === m.variant && prior.checksum !== m.checksum)
          throw new MigrationError(
            `migration ${m.file} changed after it was applied (checksum ${prior.checksum.slice(0, 12)}… ≠ ${m.checksum.slice(0, 12)}…); write a new migration instead of editing an applied one`,
          );
        continue;
      }
      // On the locked connection itself, so a pool of one cannot deadlock against its own lock.
      try {
        await conn.exec('BEGIN');
        await conn.exec(m.sql);
        await conn.query('INSERT INTO schema_migrations (id, variant, checksum) VALUES ($1, $2, $3)', [
          m.id,
          m.variant,
          m.checksum,
        ]);
        await conn.exec('COMMIT');
      } catch (err) {
        await conn.exec('ROLLBACK').catch(() => undefined);
        throw new MigrationError(`migration ${m.file} failed: ${err instanceof Error ? err.message : String(err)}`);
      }
      applied.push(m.file);
    }
    return { applied, timescale };
  });
}
