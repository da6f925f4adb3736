/**
 * The plain-PostgreSQL twin of TimescaleDB's refresh policies for telemetry_1h and telemetry_1d
 * (migration 017): recompute the trailing window of hours from the readings, the days they touch
 * from the hours, and move the watermarks, in one transaction. Between refreshes the views add
 * what is newer than the watermark from the readings, so they are always complete.
 */
import type { Db } from './adapter';
import { sql } from './sql';

export interface TelemetryRollupRefresh {
  /** Stored rows written (hours, days); null when another process held the refresh. */
  hours: number;
  days: number;
}

export async function refreshTelemetryRollups(db: Db, nowMs = Date.now()): Promise<TelemetryRollupRefresh | null> {
  return db.transaction(async (tx) => {
    const { rows: [lock] } = await tx.query<{ locked: boolean }>(sql('telemetry-rollup-lock'));
    if (!lock?.locked) return null;
    const { rows: [w] } = await tx.query<{ lo: Date | null; hi: Date; day_lo: Date | null; day_hi: Date }>(sql('telemetry-rollup-window'), [new Date(nowMs).toISOString()]);
    if (!w?.lo || !w.day_lo) return { hours: 0, days: 0 }; // no readings yet
    const hours = await tx.query<{ rows: number }>(sql('telemetry-rollup-hours'), [w.lo, w.hi]);
    const days = w.day_lo < w.day_hi ? await tx.query<{ rows: number }>(sql('telemetry-rollup-days'), [w.day_lo, w.day_hi]) : null;
    return { hours: hours.rows[0]?.rows ?? 0, days: days?.rows[0]?.rows ?? 0 };
  });
}
