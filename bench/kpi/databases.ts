/**
 * The databases the KPI bench loads, each fresh and removed afterwards: `cityops_bench_kpi_<pid>`
 * on the PostgreSQL server (no TimescaleDB there: the trigger-kept rollup tables apply), and an
 * embedded PGlite+TimescaleDB data directory in a temp dir (continuous aggregates).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Db } from '../../db/adapter';
import { openPglite } from '../../db/pglite-adapter';
import { openPostgres } from '../../db/pg-adapter';
import { PG_ADMIN_URL, type BackendName } from '../backends';

export interface BenchDb {
  name: BackendName;
  /** The database name (PostgreSQL) or data directory (PGlite). */
  where: string;
  db: Db;
  /** The server processes of this database, for CPU accounting; [] on PGlite. */
  serverPids(): Promise<number[]>;
  /** Closes the connections and keeps the database (BENCH_KPI_KEEP); once, whatever runs first. */
  close(): Promise<void>;
  /** Closes the connections and drops the database or deletes the directory. */
  remove(): Promise<void>;
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 5000 });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** A fresh database, or (`reuse`) one a run kept with BENCH_KPI_KEEP, which is then kept again. */
export async function createPostgresDb(poolSize: number, reuse: string | null = null): Promise<BenchDb> {
  const name = reuse ?? `cityops_bench_kpi_${process.pid}`;
  if (!/^cityops_bench_kpi_\d+$/.test(name))
    throw new Error(`BENCH_KPI_REUSE: expected cityops_bench_kpi_<pid>, got "${name}"`);
  if (!reuse)
    await admin(async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.query(`CREATE DATABASE ${name}`);
    });
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const db = openPostgres(url.toString(), poolSize, () => undefined);
  let closed: Promise<void> | null = null;
  const close = () => (closed ??= db.close().catch(() => undefined));
  let removed = false;
  return {
    name: 'postgres',
    where: name,
    db,
    close,
    serverPids: () =>
      admin(async (c) =>
        (await c.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [name])).rows.map(
          (r) => r.pid,
        ),
      ),
    async remove() {
      if (removed) return;
      removed = true;
      await close();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

export async function createPgliteDb(): Promise<BenchDb> {
  const dir = mkdtempSync(path.join(tmpdir(), 'cityops-bench-kpi-'));
  let db: Db;
  try {
    db = await openPglite(path.join(dir, 'pglite'));
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  let closed: Promise<void> | null = null;
  const close = () => (closed ??= db.close().catch(() => undefined));
  let removed = false;
  return {
    name: 'pglite',
    where: dir,
    db,
    close,
    serverPids: async () => [],
    async remove() {
      if (removed) return;
      removed = true;
      await close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
