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

/**
 * A client checked out of the pool, with an 'error' listener for as long as it is out. pg-pool
 * listens on idle clients only; a checked-out client whose server goes away (PostgreSQL restarted
 * with `-m fast` or `-m immediate`: `ECONNRESET`, "Connection terminated unexpectedly") emits
 * 'error' on itself, and with no listener that killed the process (issue 16). The query in flight
 * fails as well, so the caller sees the error; the listener only has to keep the process alive and
 * remember that the connection is broken, so it goes back to the pool to be discarded.
 */
async function checkout(
  pool: pg.Pool,
  onError: (err: Error) => void,
): Promise<{ client: pg.PoolClient; release(err?: unknown): void }> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const listener = (err: Error) => {
    broken ??= err;
    onError(err);
  };
  client.on('error', listener);
  return {
    client,
    release(err) {
      client.removeListener('error', listener);
      // From here pg-pool's own idle listener is on the client again (also when it is discarded).
      const cause = broken ?? (err === undefined ? undefined : err instanceof Error ? err : new Error(String(err)));
      client.release(cause);
    },
  };
}

export function openPostgres(connectionString: string, poolSize: number, onError: (err: Error) => void): Db {
  // JIT off for our sessions: every CityOps query is meant to take milliseconds, and where the
  // planner's estimate crosses jit_above_cost (a recursive probe over 21 M readings) compiling alone
  // took 250 ms of a 15 ms query (`npm run bench:kpi`). It never changes a result.
  const pool = new pg.Pool({
    connectionString,
    max: poolSize,
    types,
    application_name: 'cityops',
    options: '-c jit=off',
    // A server that vanished without a FIN (host down, network cut) would hold a connect or an idle
    // connection forever: bound the connect, and let TCP keepalive find dead connections.
    connectionTimeoutMillis: 10_000,
    keepAlive: true,
  });
  // An idle client that loses its server emits here; without a listener the process would crash.
  pool.on('error', onError);
  const base = wrap(pool);
  let timescale: Promise<boolean> | undefined;

  return {
    backend: 'postgres',
    ...base,
    hasTimescale: () => (timescale ??= detectTimescale(base)),
    async transaction(fn) {
      const { client, release } = await checkout(pool, onError);
      let discard: unknown;
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        // A connection that cannot roll back is not given to the next caller.
        await client.query('ROLLBACK').catch((rollbackErr: unknown) => {
          discard = rollbackErr;
        });
        throw err;
      } finally {
        release(discard);
      }
    },
    async withAdvisoryLock(key, fn) {
      const { client, release } = await checkout(pool, onError);
      let discard: unknown;
      try {
        await client.query('SELECT pg_advisory_lock($1)', [key.toString()]);
        let result: Awaited<ReturnType<typeof fn>>;
        try {
          result = await fn(wrap(client));
        } finally {
          // A session lock dies with its connection: if the unlock cannot reach the server, the
          // lock is gone already. Discard the connection, and keep fn's own outcome.
          await client.query('SELECT pg_advisory_unlock($1)', [key.toString()]).catch((unlockErr: unknown) => {
            discard = unlockErr;
          });
        }
        return result;
      } finally {
        release(discard);
      }
    },
    close: () => pool.end(),
  };
}
