/**
 * Keeps the camera uptime rollup (migration 025): online seconds per camera per closed hour, on
 * both backends (a continuous aggregate cannot carry a camera's state from one hour into the
 * next). The shape of the watermark rollups in db/telemetry-rollups.ts — an advisory lock, a
 * window from the watermark, the hours computed from the raw rows, the watermark moved, all in one
 * transaction — but not that function itself: this one needs the silence limit the hours are
 * computed with, walks a long history a day per transaction, and recomputes what late rows made
 * stale instead of a trailing window.
 *
 * Late rows: a status row written behind the watermark marks [its time, its time + the silence
 * limit) stale for its camera (a trigger, migration 025). The uptime query reads such a camera from
 * its raw rows until the next refresh recomputes those hours, so the answer is exact at all times.
 */
import type { Db, Queryable } from './adapter';
import { sql } from './sql';

export interface CameraUptimeRefresh {
  /** Hour rows written: forward from the watermark, and again for stale ranges. */
  hours: number;
  /** Cameras whose stale hours were recomputed. */
  stale: number;
  /** Transactions it took (a day of history each). */
  steps: number;
  /** The silence limit changed: the store was emptied and rebuilt. */
  rebuilt: boolean;
}

const DAY_MS = 86_400_000;
const iso = (d: Date | string) => new Date(d).toISOString();

/**
 * Brings the rollup up to the last whole hour ending an hour before `nowMs`, with the silence limit
 * `silenceS` (CAMERA_OFFLINE_AFTER_S). A day of history per transaction, so a first run over months
 * never holds camera status writes (they wait on the watermark's lock) for more than one step.
 * null when another process held the refresh.
 */
export async function refreshCameraUptimeRollup(
  db: Db,
  silenceS: number,
  nowMs = Date.now(),
  maxSteps = 400,
): Promise<CameraUptimeRefresh | null> {
  const total: CameraUptimeRefresh = { hours: 0, stale: 0, steps: 0, rebuilt: false };
  for (let i = 0; i < maxSteps; i++) {
    const done = await db.transaction(async (tx) => {
      const {
        rows: [lock],
      } = await tx.query<{ locked: boolean }>(sql('camera-uptime-rollup-lock'));
      if (!lock?.locked) return null;
      const {
        rows: [w],
      } = await tx.query<{ upto: Date | string; silence_s: number }>(sql('camera-uptime-rollup-begin'));
      if (!w) throw new Error('camera_uptime_rollup has no row (migration 025)');
      if (Number(w.silence_s) !== silenceS) {
        await tx.query(sql('camera-uptime-rollup-reset'), [silenceS]);
        total.rebuilt = true;
      }
      total.hours += await recomputeStale(tx, silenceS, total);
      const {
        rows: [win],
      } = await tx.query<{ lo: Date | null; until: Date }>(sql('camera-uptime-rollup-window'), [
        new Date(nowMs).toISOString(),
      ]);
      total.steps++;
      if (!win?.lo || new Date(win.lo).getTime() >= new Date(win.until).getTime()) return true;
      const hi = new Date(Math.min(new Date(win.lo).getTime() + DAY_MS, new Date(win.until).getTime()));
      const {
        rows: [n],
      } = await tx.query<{ rows: number }>(sql('camera-uptime-rollup-hours'), [
        iso(win.lo),
        hi.toISOString(),
        silenceS,
        null,
      ]);
      total.hours += n?.rows ?? 0;
      await tx.query(sql('camera-uptime-rollup-advance'), [hi.toISOString(), silenceS]);
      return hi.getTime() >= new Date(win.until).getTime();
    });
    if (done === null) return i === 0 ? null : total;
    if (done) return total;
  }
  return total;
}

/** Recomputes the stored hours that late status rows made stale; the hour rows written. */
async function recomputeStale(tx: Queryable, silenceS: number, total: CameraUptimeRefresh): Promise<number> {
  const { rows } = await tx.query<{ camera_id: string; lo: Date; hi: Date }>(sql('camera-uptime-rollup-stale'));
  let written = 0;
  for (const r of rows) {
    total.stale++;
    if (new Date(r.lo).getTime() >= new Date(r.hi).getTime()) continue; // behind the watermark no longer: nothing stored there
    await tx.query(sql('camera-uptime-rollup-clear'), [r.camera_id, iso(r.lo), iso(r.hi)]);
    const {
      rows: [n],
    } = await tx.query<{ rows: number }>(sql('camera-uptime-rollup-hours'), [
      iso(r.lo),
      iso(r.hi),
      silenceS,
      [r.camera_id],
    ]);
    written += n?.rows ?? 0;
  }
  return written;
}
