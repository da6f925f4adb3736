/**
 * The database's truth for the shared device channels, as a `truth` log entry carries it: each
 * sensor's newest value per metric *with its time* (newest-wins merging on every node needs the
 * time of each metric, not only the sensor's newest), every camera, the newest camera events.
 * The same queries as the snapshots (db/live.ts), read once per node start, reset, reconcile or
 * device registration — never per client.
 */
import { channelSpec } from '../contracts/channels';
import type { Queryable } from '../db/adapter';
import { loadCameraEvents, loadCameras } from '../db/live';
import { sql } from '../db/sql';
import type { SensorTruth, TruthEntry } from './live-entry';

const HOUR = 3_600_000;
const ms = (v: unknown): number => new Date(v as string | Date).getTime();

export async function loadSensorTruth(
  db: Queryable,
  ids: string[] | null = null,
  now = Date.now(),
): Promise<Record<string, SensorTruth>> {
  const { rows } = await db.query<{
    device_id: string;
    name: string | null;
    kind: string | null;
    lon: number | null;
    lat: number | null;
    ward_code: string | null;
    metric: string | null;
    value: number | null;
    time: Date | null;
  }>(sql('live-sensors'), [new Date(now - 6 * HOUR).toISOString(), ids]);
  const out: Record<string, SensorTruth> = {};
  for (const r of rows) {
    const s = (out[r.device_id] ??= {
      id: r.device_id,
      name: r.name,
      kind: r.kind,
      lon: r.lon,
      lat: r.lat,
      wardCode: r.ward_code,
      values: {},
      timeMs: null,
      times: {},
    });
    if (r.metric !== null && r.value !== null && r.time !== null) {
      const t = ms(r.time);
      s.values[r.metric] = r.value;
      s.times[r.metric] = t;
      s.timeMs = Math.max(s.timeMs ?? 0, t);
    }
  }
  return out;
}

/** Everything the shared device channels hold, read now; `by` and `why` say who reads and why. */
export async function loadTruth(db: Queryable, by: string, why: TruthEntry['why']): Promise<TruthEntry> {
  const readAt = Date.now();
  const [sensors, cameras, events] = await Promise.all([
    loadSensorTruth(db, null, readAt),
    loadCameras(db, null, readAt),
    loadCameraEvents(db, channelSpec('events:cameras')!.max),
  ]);
  return { k: 'truth', by, why, readAt, sensors, cameras, events };
}

/** Some devices' registrations (and live fields), after a commit said they changed. */
export async function loadDeviceTruth(
  db: Queryable,
  by: string,
  sensorIds: string[],
  cameraIds: string[],
): Promise<TruthEntry> {
  const readAt = Date.now();
  const [sensors, cameras] = await Promise.all([
    sensorIds.length > 0 ? loadSensorTruth(db, sensorIds, readAt) : undefined,
    cameraIds.length > 0 ? loadCameras(db, cameraIds, readAt) : undefined,
  ]);
  return { k: 'truth', by, why: 'meta', readAt, ...(sensors ? { sensors } : {}), ...(cameras ? { cameras } : {}) };
}
