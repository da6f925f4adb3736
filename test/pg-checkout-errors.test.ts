/**
 * Regression (issue 16): a connection that dies while checked out of the pool — for a transaction
 * or an advisory lock — emitted an unhandled 'error' event on its pg Client and killed the process.
 * Here the server ends that one backend (`pg_terminate_backend`, what `pg_ctl stop -m fast` does to
 * every backend) between two statements; this process must survive, the caller gets the error, the
 * handler hears of it, and the pool hands out a working connection next. PostgreSQL only (PGlite
 * has no connections to lose).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import type { Db } from '../db/adapter';
import { openPostgres } from '../db/pg-adapter';
import { BACKEND, createPgDatabase } from './support/test-db';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe(
  'a pooled connection lost while checked out',
  { skip: BACKEND !== 'postgres' ? 'PostgreSQL only' : false },
  () => {
    let drop: () => Promise<void>;
    let url: string;
    let db: Db;
    let killer: pg.Client;
    const heard: Error[] = [];
    before(async () => {
      ({ url, drop } = await createPgDatabase());
      db = openPostgres(url, 2, (err) => heard.push(err));
      killer = new pg.Client({ connectionString: url });
      await killer.connect();
    });
    after(async () => {
      await killer.end();
      await db.close();
      await drop();
    });

    const terminateOwnBackend = async (conn: { query: Db['query'] }) => {
      const pid = (await conn.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      await killer.query('SELECT pg_terminate_backend($1)', [pid]);
      // The FATAL and the socket's end arrive while the client is still checked out, between statements.
      await sleep(200);
    };

    test('in a transaction: the process lives, the transaction fails, the next one works', async () => {
      const before = heard.length;
      await assert.rejects(
        db.transaction(async (tx) => {
          await terminateOwnBackend(tx);
          await tx.query('SELECT 1');
        }),
      );
      assert.ok(heard.length > before, 'the error handler was told');
      assert.equal((await db.transaction((tx) => tx.query<{ one: number }>('SELECT 1 AS one'))).rows[0]?.one, 1);
    });

    test('holding an advisory lock: the process lives, the call fails, the lock is free again', async () => {
      await assert.rejects(
        db.withAdvisoryLock(42n, async (conn) => {
          await terminateOwnBackend(conn);
          await conn.query('SELECT 1');
        }),
      );
      // The lock died with its session: another session takes it at once.
      const { rows } = await killer.query<{ got: boolean }>('SELECT pg_try_advisory_lock(42) AS got');
      assert.equal(rows[0]?.got, true);
      await killer.query('SELECT pg_advisory_unlock(42)');
      assert.equal(
        await db.withAdvisoryLock(
          42n,
          async (conn) => (await conn.query<{ one: number }>('SELECT 1 AS one')).rows[0]?.one,
        ),
        1,
      );
    });
  },
);
