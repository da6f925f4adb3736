/**
 * The plain-PostgreSQL twin of TimescaleDB's refresh policies for indicator_1h and indicator_1d
 * (migration 020), as db/telemetry-rollups.ts is for telemetry: recompute the trailing window of
 * hours from the values, the days they touch from the hours, and move the watermarks, in one
 * transaction. Between refreshes the views add what is newer than the watermark from the values.
 */
import type { Db } from './adapter';
import { sql } from './sql';

export interface IndicatorRollupRefresh {
  hours: number;
  days: number;
}

/** Stored rows written (hours, days); null when another process held the refresh. */
export async function refreshIndicatorRollups(db: Db, nowMs = Date.now()): Promise<IndicatorRollupRefresh | null> {
  return db.transaction(async (tx) => {
    const { rows: [lock] } = await tx.query<{ locked: boolean }>(sql('indicator-rollup-lock'));
    if (!lock?.locked) return null;
    const { rows: [w] } = await tx.query<{ lo: Date | null; hi: Date; day_lo: Date | null; day_hi: Date }>(sql('indicator-rollup-window'), [new Date(nowMs).toISOString()]);
    if (!w?.lo || !w.day_lo) return { hours: 0, days: 0 }; // no values yet
    const hours = await tx.query<{ rows: number }>(sql('indicator-rollup-hours'), [w.lo, w.hi]);
    const days = w.day_lo < w.day_hi ? await tx.query<{ rows: number }>(sql('indicator-rollup-days'), [w.day_lo, w.day_hi]) : null;
    return { hours: hours.rows[0]?.rows ?? 0, days: days?.rows[0]?.rows ?? 0 };
  });
}
