/** The camera registry (operators' edits over the cameras' meta), uptime, and snapshots. */
import type { CameraEdit, CameraRecord, CameraUptime, WardOption } from '../contracts/cameras';
import type { Db, Queryable } from './adapter';
import { sql } from './sql';

const ms = (v: unknown): number => new Date(v as string | Date).getTime();
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export async function listCameras(db: Queryable): Promise<CameraRecord[]> {
  const { rows } = await db.query<Record<string, unknown>>(sql('camera-registry-list'));
  return rows.map((r) => ({
    id: String(r.camera_id),
    name: str(r.name),
    road: str(r.road),
    wardCode: str(r.ward_code),
    wardName: str(r.ward_name),
    lon: num(r.lon),
    lat: num(r.lat),
    streamUrl: str(r.stream_url),
    meta: {
      name: str(r.meta_name),
      road: str(r.meta_road),
      wardCode: str(r.meta_ward_code),
      lon: num(r.meta_lon),
      lat: num(r.meta_lat),
      streamUrl: str(r.meta_stream_url),
    },
    edit:
      r.edited_by === null
        ? null
        : {
            name: str(r.edit_name),
            road: str(r.edit_road),
            wardCode: str(r.edit_ward_code),
            lon: num(r.edit_lon),
            lat: num(r.edit_lat),
            streamUrl: str(r.edit_stream_url),
            by: String(r.edited_by),
            atMs: ms(r.edited_at),
          },
    lastSeenMs: r.last_seen === null ? null : ms(r.last_seen),
  }));
}

/**
 * Saves an operator's edit (the whole record: a null field follows the camera's meta). A camera
 * not yet known is registered, so an operator can add one before it ever sends a message.
 */
export async function saveCameraEdit(db: Db, id: string, edit: CameraEdit, atMs = Date.now()): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(sql('camera-registry-add-device'), [id]);
    await tx.query(sql('camera-registry-save'), [
      id,
      edit.name,
      edit.road,
      edit.wardCode,
      edit.lon,
      edit.lat,
      edit.streamUrl,
      edit.by,
      new Date(atMs).toISOString(),
    ]);
  });
}

/**
 * Online seconds and uptime % per camera over [fromMs, toMs), status messages capped by the silence
 * limit: the stored hourly rollup for the period's whole hours, the raw rows for the rest
 * (db/camera-uptime-rollup.ts). The same answer as `cameraUptimeRaw`, in a fraction of the time
 * over weeks.
 */
export const cameraUptime = (
  db: Queryable,
  fromMs: number,
  toMs: number,
  offlineAfterMs: number,
  ids: string[] | null = null,
): Promise<CameraUptime[]> => uptimeQuery(db, 'camera-uptime', fromMs, toMs, offlineAfterMs, ids);

/** The same from the raw status rows alone: the reference the rollup is tested and measured against. */
export const cameraUptimeRaw = (
  db: Queryable,
  fromMs: number,
  toMs: number,
  offlineAfterMs: number,
  ids: string[] | null = null,
): Promise<CameraUptime[]> => uptimeQuery(db, 'camera-uptime-raw', fromMs, toMs, offlineAfterMs, ids);

async function uptimeQuery(
  db: Queryable,
  query: 'camera-uptime' | 'camera-uptime-raw',
  fromMs: number,
  toMs: number,
  offlineAfterMs: number,
  ids: string[] | null,
): Promise<CameraUptime[]> {
  const { rows } = await db.query<{ camera_id: string; online_seconds: number; uptime_pct: number }>(sql(query), [
    new Date(fromMs).toISOString(),
    new Date(toMs).toISOString(),
    offlineAfterMs / 1000,
    ids,
  ]);
  return rows.map((r) => ({
    cameraId: r.camera_id,
    onlineSeconds: Number(r.online_seconds),
    uptimePct: Number(r.uptime_pct),
  }));
}

/** Whether `id` is a registered camera: a snapshot of no camera is a 404, not "nothing yet". */
export async function cameraExists(db: Queryable, id: string): Promise<boolean> {
  return (await db.query(sql('camera-exists'), [id])).rows.length > 0;
}

/** The newest snapshot of a camera's events within `windowMs` (a URL or a data: URI), or null. */
export async function latestSnapshot(
  db: Queryable,
  id: string,
  nowMs = Date.now(),
  windowMs = 7 * 86_400_000,
): Promise<{ snapshot: string; timeMs: number } | null> {
  const {
    rows: [r],
  } = await db.query<{ snapshot: string; time: Date }>(sql('camera-snapshot'), [
    id,
    new Date(nowMs - windowMs).toISOString(),
  ]);
  return r ? { snapshot: r.snapshot, timeMs: ms(r.time) } : null;
}

export async function listWards(db: Queryable): Promise<WardOption[]> {
  const { rows } = await db.query<{ code: string; name: string }>(sql('wards-list'));
  return rows;
}
