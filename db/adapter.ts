/**
 * One interface over the two backends: node-postgres (`pg.Pool`, production and CI) and
 * in-process PGlite with TimescaleDB (the embedded default). Everything above this file
 * writes plain SQL with `$n` parameters and never asks which backend it runs on,
 * except to choose a migration variant (`hasTimescale`).
 */
export type Row = Record<string, unknown>;

export interface QueryResult<R extends Row = Row> {
  rows: R[];
  rowCount: number;
}

export interface Queryable {
  query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly backend: 'postgres' | 'pglite';
  /** Whether the TimescaleDB extension can be used on this database. */
  hasTimescale(): Promise<boolean>;
  /** Runs `fn` in one transaction on one connection; rolls back if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs `fn` on one connection holding a session advisory lock, so processes starting together never race. */
  withAdvisoryLock<T>(key: bigint, fn: (conn: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function detectTimescale(db: Queryable): Promise<boolean> {
  const { rows } = await db.query<{ available: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb') AS available`,
  );
  return rows[0]?.available === true;
}

/**
 * Whether the database answers a query now, within `timeoutMs`: what /healthz and the metrics
 * report, rather than what the last write happened to see. A dead server can leave a query
 * waiting for a TCP timeout, hence the bound.
 */
export async function databaseReachable(db: Queryable, timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([
      db.query('SELECT 1').then(
        () => true,
        () => false,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
