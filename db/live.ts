/** Reads behind the live channels: initial snapshots and the database-derived figures. */
import {
  type AlarmList,
  type CameraActivityItem,
  type CameraEventItem,
  type CameraState,
  type ReadingItem,
  type SensorState,
} from '../contracts/channels';
import type { Queryable } from './adapter';
import { sql } from './sql';

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const ms = (v: unknown): number => new Date(v as string | Date).getTime();

export async function loadSensors(
  db: Queryable,
  ids: string[] | null = null,
  now = Date.now(),
): Promise<Record<string, SensorState>> {
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
  }>(sql('live-sensors'), [iso(now - 6 * HOUR), ids]);
  const out: Record<string, SensorState> = {};
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
    });
    if (r.metric !== null && r.value !== null && r.time !== null) {
      s.values[r.metric] = r.value;
      s.timeMs = Math.max(s.timeMs ?? 0, ms(r.time));
    }
  }
  return out;
}

export async function loadCameras(
  db: Queryable,
  ids: string[] | null = null,
  now = Date.now(),
): Promise<Record<string, CameraState>> {
  const { rows } = await db.query<{
    device_id: string;
    name: string | null;
    road: string | null;
    lon: number | null;
    lat: number | null;
    ward_code: string | null;
    stream_url: string | null;
    online: boolean | null;
    status_time: Date | null;
    last_event: Date | null;
  }>(sql('live-cameras'), [iso(now - 24 * HOUR), ids]);
  const out: Record<string, CameraState> = {};
  for (const r of rows)
    out[r.device_id] = {
      id: r.device_id,
      name: r.name,
      road: r.road,
      lon: r.lon,
      lat: r.lat,
      wardCode: r.ward_code,
      streamUrl: r.stream_url,
      online: r.online,
      statusMs: r.status_time ? ms(r.status_time) : null,
      lastEventMs: r.last_event ? ms(r.last_event) : null,
    };
  return out;
}

export async function loadCameraEvents(
  db: Queryable,
  limit: number,
  cameraId: string | null = null,
): Promise<CameraEventItem[]> {
  const { rows } = await db.query<{
    event_id: string;
    camera_id: string;
    type: string;
    severity: number;
    plate: string | null;
    time: Date;
  }>(sql('live-camera-events'), [limit, cameraId]);
  return rows
    .map((r) => ({
      eventId: r.event_id,
      cameraId: r.camera_id,
      type: r.type,
      severity: r.severity,
      plate: r.plate,
      timeMs: ms(r.time),
    }))
    .reverse();
}

export async function loadCameraActivity(
  db: Queryable,
  cameraId: string,
  limit: number,
): Promise<CameraActivityItem[]> {
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

export async function loadSensorReadings(
  db: Queryable,
  sensorId: string,
  limit: number,
  now = Date.now(),
): Promise<ReadingItem[]> {
  const { rows } = await db.query<{ metric: string; value: number; time: Date }>(sql('live-sensor-readings'), [
    sensorId,
    iso(now - 6 * HOUR),
    limit,
  ]);
  return rows.map((r) => ({ metric: r.metric, value: r.value, timeMs: ms(r.time) })).reverse();
}

const ALARMS_SHOWN = 500;

export async function queryAlarms(db: Queryable, now = Date.now()): Promise<AlarmList> {
  const { rows } = await db.query<Record<string, unknown>>(sql('alarms-live'), [ALARMS_SHOWN]);
  return {
    generatedAt: now,
    active: rows.map((r) => {
      const detail = (r.detail ?? {}) as { name?: { vi: string; en: string }; kind?: string; type?: string };
      return {
        id: String(r.alarm_id),
        ruleId: String(r.rule_id),
        kind: detail.kind ?? '',
        type: detail.type ?? '',
        severity: Number(r.severity),
        name: detail.name ?? { vi: String(r.rule_id), en: String(r.rule_id) },
        subject: String(r.subject),
        title: String(r.title),
        cameraId: r.camera_id === null ? null : String(r.camera_id),
        value: r.value === null ? null : Number(r.value),
        startedMs: ms(r.raised_at as Date),
        state: r.state === 'acknowledged' ? 'acknowledged' : 'active',
        ackedBy: r.acked_by === null ? null : String(r.acked_by),
        ackNote: r.ack_note === null ? null : String(r.ack_note),
      };
    }),
  };
}
