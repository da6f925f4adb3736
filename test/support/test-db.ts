/**
 * The integration suite runs once per backend (TEST_DB=pglite | postgres, set by scripts/test.ts).
 * PostgreSQL: a fresh database per call, dropped afterwards. PGlite: a fresh in-memory instance.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Db } from '../../db/adapter';
import { openPglite } from '../../db/pglite-adapter';
import { openPostgres } from '../../db/pg-adapter';

export type TestBackend = 'pglite' | 'postgres';
export const BACKEND: TestBackend = process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite';
const ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDb {
  db: Db;
  /** For code that opens its own connection from config (PostgreSQL only). */
  url: string | null;
  drop(): Promise<void>;
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A fresh PostgreSQL database (no connection opened to it). */
export async function createPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `cityops_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

export async function openTestDb(): Promise<TestDb> {
  if (BACKEND === 'pglite') {
    const db = await openPglite(undefined);
    return { db, url: null, drop: () => db.close() };
  }
  const { url, drop } = await createPgDatabase();
  const db = openPostgres(url, 5, () => undefined);
  return {
    db,
    url,
    async drop() {
      await db.close();
      await drop();
    },
  };
}

/** Config for the backend under test: a fresh PostgreSQL database or a fresh PGlite directory. */
export async function backendEnv(): Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }> {
  if (BACKEND === 'postgres') {
    const { url, drop } = await createPgDatabase();
    return { env: { DATABASE_URL: url }, cleanup: drop };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'cityops-rt-'));
  return { env: { DATA_DIR: dir }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}
