/**
 * The job queue under delivery: pg-boss (docs/notifications.md says why), run over our own Db
 * adapter through pg-boss's `db` option, so the same code works on PostgreSQL (a pool) and on
 * embedded PGlite (one connection). A job only names an outbox row; sending a job inside the
 * caller's transaction (`send(tx, …)`) is what makes the outbox and its job commit together.
 */
import PgBoss from 'pg-boss';
import type { Db, Queryable } from '../db/adapter';

export const NOTIFY_QUEUE = 'cityops-notify';

interface Executor {
  executeSql(text: string, values: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * pg-boss sends its schema (several statements, no parameters) through the same call as its
 * queries. PostgreSQL's simple protocol takes several statements; PGlite's `query` does not, so
 * those go through `exec`.
 */
function executor(q: Queryable): Executor {
  return {
    async executeSql(text, values) {
      if (values && values.length > 0) return q.query(text, values);
      try {
        return await q.query(text);
      } catch (err) {
        if (!/multiple commands/i.test(String(err))) throw err;
        await q.exec(text);
        return { rows: [] };
      }
    },
  };
}

export interface NotifyQueue {
  /** A job for outbox row `id`, due in `delaySeconds`, written through `tx` (the caller's transaction). */
  send(tx: Queryable, id: number, delaySeconds: number): Promise<void>;
}

export interface BossOptions {
  expireInSeconds: number;
  maintenanceIntervalSeconds?: number;
}

export async function startBoss(db: Db, o: BossOptions): Promise<{ boss: PgBoss; queue: NotifyQueue }> {
  const boss = new PgBoss({
    db: executor(db),
    schedule: false,
    supervise: true,
    maintenanceIntervalSeconds: o.maintenanceIntervalSeconds ?? 60,
  });
  await boss.start();
  // Idempotent: every process creates it at start.
  await boss.createQueue(NOTIFY_QUEUE, {
    name: NOTIFY_QUEUE,
    expireInSeconds: o.expireInSeconds,
    retryLimit: 20,
    retryDelay: 1,
    retryBackoff: true,
  });
  return { boss, queue: queueOf(boss, o.expireInSeconds) };
}

export function queueOf(boss: PgBoss, expireInSeconds: number): NotifyQueue {
  return {
    async send(tx, id, delaySeconds) {
      await boss.send(
        NOTIFY_QUEUE,
        { id },
        {
          db: executor(tx),
          expireInSeconds,
          retryLimit: 20,
          retryDelay: 1,
          retryBackoff: true,
          ...(delaySeconds > 0 ? { startAfter: Math.ceil(delaySeconds) } : {}),
        },
      );
    },
  };
}
