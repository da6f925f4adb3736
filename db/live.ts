/** Reads behind the live channels: initial snapshots and the database-derived figures. */
import { SERIOUS_EVENT_TYPES, type AlarmList, type CameraActivityItem, type CameraEventItem, type CameraState, type ReadingItem, type SensorState } from '../contracts/channels';
import type { Queryable } from './adapter';
import { sql } from './sql';

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const ms = (v: unknown): number => new Date(v as string | Date).getTime();

export async function loadSensors(db: Queryable, ids: string[] | null = null, now = Date.now()): Promise<Record<string, SensorState>> {
  const { rows } = await db.query<{ device_id: string; name: string | null; kind: string | null; lon: number | null; lat: number | null; ward_code: string | null; metric: string | null; value: number | null; time: Date | null }>(
    sql('live-sensors'), [iso(now - 6 * HOUR), ids]);
  const out: Record<string, SensorState> = {};
  for (const r of rows) {
    const s = (out[r.device_id] ??= { id: r.device_id, name: r.name, kind: r.kind, lon: r.lon, lat: r.lat, wardCode: r.ward_code, values: {}, timeMs: null });
    if (r.metric !== null && r.value !== null && r.time !== null) {
      s.values[r.metric] = r.value;
      s.timeMs = Math.max(s.timeMs ?? 0, ms(r.time));
    }
  }
  return out;
}

export async function loadCameras(db: Queryable, ids: string[] | null = null, now = Date.now()): Promise<Record<string, CameraState>> {
  const { rows } = await db.query<{ device_id: string; name: string | null; road: string | null; lon: number | null; lat: number | null; ward_code: string | null; stream_url: string | null; online: boolean | null; status_time: Date | null; last_event: Date | null }>(
    sql('live-cameras'), [iso(now - 24 * HOUR), ids]);
  const out: Record<string, CameraState> = {};
  for (const r of rows)
    out[r.device_id] = {
      id: r.device_id, name: r.name, road: r.road, lon: r.lon, lat: r.lat, wardCode: r.ward_code, streamUrl: r.stream_url,
      online: r.online, statusMs: r.status_time ? ms(r.status_time) : null, lastEventMs: r.last_event ? ms(r.last_event) : null,
    };
  return out;
}

export async function loadCameraEvents(db: Queryable, limit: number, cameraId: string | null = null): Promise<CameraEventItem[]> {
  const { rows } = await db.query<{ event_id: string; camera_id: string; type: string; severity: number; plate: string | null; time: Date }>(
    sql('live-camera-events'), [limit, cameraId]);
  return rows.map((r) => ({ eventId: r.event_id, cameraId: r.camera_id, type: r.type, severity: r.severity, plate: r.plate, timeMs: ms(r.time) })).reverse();
}

export async function loadCameraActivity(db: Queryable, cameraId: string, limit: number): Promise<CameraActivityItem[]> {
  const [events, statuses] = await Promise.all([
    loadCameraEvents(db, limit, cameraId),
    db.query<{ online: boolean; time: Date }>(sql('live-camera-status'), [cameraId, limit]),
  ]);
  const items: CameraActivityItem[] = [
    ...events.map((e) => ({ kind: 'event' as const, ...e })),
    ...statuses.rows.map((s) => ({ kind: 'status' as const, online: s.online, timeMs: ms(s.time) })),
  ];
  return items.sort((a, b) => a.timeMs - b.timeMs).slice(-limit);
}

export async function loadSensorReadings(db: Queryable, sensorId: string, limit: number, now = Date.now()): Promise<ReadingItem[]> {
  const { rows } = await db.query<{ metric: string; value: number; time: Date }>(sql('live-sensor-readings'), [sensorId, iso(now - 6 * HOUR), limit]);
  return rows.map((r) => ({ metric: r.metric, value: r.value, timeMs: ms(r.time) })).reverse();
}

export async function queryAlarms(db: Queryable, now = Date.now()): Promise<AlarmList> {
  const { rows } = await db.query<{ event_id: string; camera_id: string; type: string; severity: number; time: Date; camera_name: string }>(
    sql('alarms-camera'), [iso(now - HOUR), SERIOUS_EVENT_TYPES]);
  return {
    generatedAt: now,
    active: rows.map((r) => ({ id: r.event_id, source: 'camera_event', type: r.type, severity: r.severity, title: r.camera_name, cameraId: r.camera_id, startedMs: ms(r.time) })),
  };
}
