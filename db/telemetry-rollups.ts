/**
 * The plain-PostgreSQL twin of TimescaleDB's refresh policies for the hourly and daily rollups
 * stored behind a watermark — telemetry_1h / telemetry_1d (migration 017) and indicator_1h /
 * indicator_1d (migration 020): recompute the trailing window of hours from the raw rows, the days
 * they touch from the hours, and move the watermarks, in one transaction. Between refreshes the
 * views add what is newer than the watermark from the raw rows, so they are always complete.
 * Each family has its four queries: `{family}-rollup-lock | -window | -hours | -days`.
 */
import type { Db } from './adapter';
import { sql } from './sql';

export interface RollupRefresh {
  /** Stored rows written (hours, days). */
  hours: number;
  days: number;
}

/** null when another process held the family's refresh. */
export async function refreshWatermarkRollups(
  db: Db,
  family: 'telemetry' | 'indicator',
  nowMs = Date.now(),
): Promise<RollupRefresh | null> {
  return db.transaction(async (tx) => {
    const {
      rows: [lock],
    } = await tx.query<{ locked: boolean }>(sql(`${family}-rollup-lock`));
    if (!lock?.locked) return null;
    const {
      rows: [w],
    } = await tx.query<{ lo: Date | null; hi: Date; day_lo: Date | null; day_hi: Date }>(
      sql(`${family}-rollup-window`),
      [new Date(nowMs).toISOString()],
    );
    if (!w?.lo || !w.day_lo) return { hours: 0, days: 0 }; // nothing stored yet
    const hours = await tx.query<{ rows: number }>(sql(`${family}-rollup-hours`), [w.lo, w.hi]);
    const days =
      w.day_lo < w.day_hi ? await tx.query<{ rows: number }>(sql(`${family}-rollup-days`), [w.day_lo, w.day_hi]) : null;
    return { hours: hours.rows[0]?.rows ?? 0, days: days?.rows[0]?.rows ?? 0 };
  });
}

export const refreshTelemetryRollups = (db: Db, nowMs = Date.now()) => refreshWatermarkRollups(db, 'telemetry', nowMs);
