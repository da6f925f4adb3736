import pg from 'pg';
import type { Db, Queryable, QueryResult, Row } from './adapter';
import { detectTimescale } from './adapter';

// Same JS types as PGlite returns: int8 (count(*)) as a number while it is safe, numeric as a number.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20) return (v: string) => (Number.isSafeInteger(Number(v)) ? Number(v) : BigInt(v));
    if (oid === 1700) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format);
  },
};

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
      const res = await client.query<R>(sql, params as unknown[] | undefined);
      return { rows: res.rows, rowCount: res.rowCount ?? 0 };
    },
    async exec(sql: string): Promise<void> {
      await client.query(sql);
    },
  };
}

export function openPostgres(connectionString: string, poolSize: number, onError: (err: Error) => void): Db {
  // JIT off for our sessions: every CityOps query is meant to take milliseconds, and where the
  // planner's estimate crosses jit_above_cost (a recursive probe over 21 M readings) compiling alone
  // took 250 ms of a 15 ms query (`npm run bench:kpi`). It never changes a result.
  const pool = new pg.Pool({ connectionString, max: poolSize, types, application_name: 'cityops', options: '-c jit=off' });
  // An idle client that loses its server emits here; without a listener the process would crash.
  pool.on('error', onError);
  const base = wrap(pool);
  let timescale: Promise<boolean> | undefined;

  return {
    backend: 'postgres',
    ...base,
    hasTimescale: () => (timescale ??= detectTimescale(base)),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async withAdvisoryLock(key, fn) {
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock($1)', [key.toString()]);
        try {
          return await fn(wrap(client));
        } finally {
          await client.query('SELECT pg_advisory_unlock($1)', [key.toString()]);
        }
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
