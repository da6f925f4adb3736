/**
 * What a `truth` entry (the database as one node read it) changes in the shared device channels,
 * merged so the result does not depend on what a node held before, only on what it has seen:
 *   values         newest wins per (sensor, metric), by the time each value was measured
 *   camera status  newest wins by its time; the last event time is the latest seen
 *   registration   the read that began last wins (name, kind, place…), whatever the log order
 *   events         the feed's union (contracts/channels.ts feedUnion): each event once, in time order
 * So a node that starts from nothing and folds its own database load reaches the same state, at the
 * same log position, as a node that folded every entry since the city began.
 */
import type { CameraEventItem, CameraState, KeyedDelta, SensorState } from '../contracts/channels';
import type { TruthEntry } from './live-entry';

export interface TruthState {
  sensor(id: string): SensorState | undefined;
  metricTime(id: string, metric: string): number | undefined;
  camera(id: string): CameraState | undefined;
  /** When the registration a device holds was read from the database (`sensor/{id}`, `camera/{id}`). */
  registeredAt(device: string): number | undefined;
  hasEvent(eventId: string): boolean;
}

export interface TruthDeltas {
  sensors: KeyedDelta<SensorState> | null;
  cameras: KeyedDelta<CameraState> | null;
  events: { add: CameraEventItem[] } | null;
  times: Map<string, Record<string, number>>;
  registered: Map<string, number>;
}

const SENSOR_REG = ['name', 'kind', 'lon', 'lat', 'wardCode'] as const;
const CAMERA_REG = ['name', 'road', 'lon', 'lat', 'wardCode', 'streamUrl'] as const;

export function truthDeltas(t: TruthEntry, cur: TruthState): TruthDeltas {
  const times: TruthDeltas['times'] = new Map();
  const registered: TruthDeltas['registered'] = new Map();
  const regNewer = (device: string) => {
    const newer = t.readAt >= (cur.registeredAt(device) ?? -Infinity);
    if (newer) registered.set(device, t.readAt);
    return newer;
  };

  const sensors: KeyedDelta<SensorState> = {};
  for (const [id, row] of Object.entries(t.sensors ?? {})) {
    const now = cur.sensor(id);
    const reg = regNewer(`sensor/${id}`);
    const { times: rowTimes, ...state } = row;
    if (!now) {
      (sensors.set ??= {})[id] = state;
      times.set(id, { ...rowTimes });
      continue;
    }
    const patch: Partial<SensorState> = {};
    if (reg) for (const f of SENSOR_REG) if (row[f] !== now[f]) Object.assign(patch, { [f]: row[f] });
    const values: Record<string, number> = {};
    const newer: Record<string, number> = {};
    for (const [m, at] of Object.entries(rowTimes)) {
      const seen = cur.metricTime(id, m);
      if ((seen === undefined || at > seen) && row.values[m] !== undefined) {
        values[m] = row.values[m];
        newer[m] = at;
      }
    }
    if (Object.keys(newer).length > 0) {
      patch.values = values;
      times.set(id, newer);
      const timeMs = Math.max(now.timeMs ?? -Infinity, ...Object.values(newer));
      if (timeMs !== now.timeMs) patch.timeMs = timeMs;
    }
    if (Object.keys(patch).length > 0) (sensors.patch ??= {})[id] = patch;
  }

  const cameras: KeyedDelta<CameraState> = {};
  for (const [id, row] of Object.entries(t.cameras ?? {})) {
    const now = cur.camera(id);
    const reg = regNewer(`camera/${id}`);
    if (!now) {
      (cameras.set ??= {})[id] = row;
      continue;
    }
    const patch: Partial<CameraState> = {};
    if (reg) for (const f of CAMERA_REG) if (row[f] !== now[f]) Object.assign(patch, { [f]: row[f] });
    if (row.statusMs !== null && (now.statusMs === null || row.statusMs > now.statusMs))
      Object.assign(patch, { online: row.online, statusMs: row.statusMs });
    if (row.lastEventMs !== null && (now.lastEventMs === null || row.lastEventMs > now.lastEventMs))
      patch.lastEventMs = row.lastEventMs;
    if (Object.keys(patch).length > 0) (cameras.patch ??= {})[id] = patch;
  }

  const add = (t.events ?? []).filter((e) => !cur.hasEvent(e.eventId));
  return {
    sensors: sensors.set || sensors.patch ? sensors : null,
    cameras: cameras.set || cameras.patch ? cameras : null,
    events: add.length > 0 ? { add } : null,
    times,
    registered,
  };
}
