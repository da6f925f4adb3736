/**
 * What one bus message changes in each channel: news (alarms, acknowledgements, edits) only marks
 * derived channels dirty (realtime/derived-channels.ts); an ingest batch also changes the device
 * channels. Pure: the current cached state of a
 * keyed channel is read through `current`, so a known device gets a patch of what changed (its new
 * values, its new status) and only a device seen for the first time travels whole.
 */
import type {
  CameraActivityItem,
  CameraEventItem,
  CameraState,
  ChannelName,
  KeyedDelta,
  ReadingItem,
  SensorState,
} from '../contracts/channels';
import type { IngestCommit } from '../contracts/live';
import { dirtiedBy } from './derived-channels';
import type { DerivedChannel } from './live-entry';

export interface ChannelDeltas {
  deltas: { channel: ChannelName; delta: unknown }[];
  /** The time of each (sensor, metric) value this commit made the newest: the caller keeps them. */
  times: Map<string, Record<string, number>>;
  /** Database-derived channels whose figures this commit may have changed. */
  dirty: Set<DerivedChannel>;
}

export interface CurrentState {
  sensor(id: string): SensorState | undefined;
  /** When the sensor's newest known value of this metric was measured (newest wins, per metric). */
  metricTime(id: string, metric: string): number | undefined;
  camera(id: string): CameraState | undefined;
  /** Whether this node produces the per-device channel (someone here subscribes to it). */
  wants(channel: ChannelName): boolean;
}

const blankSensor = (id: string): SensorState => ({
  id,
  name: null,
  kind: null,
  lon: null,
  lat: null,
  wardCode: null,
  values: {},
  timeMs: null,
});
const blankCamera = (id: string): CameraState => ({
  id,
  name: null,
  road: null,
  lon: null,
  lat: null,
  wardCode: null,
  streamUrl: null,
  online: null,
  statusMs: null,
  lastEventMs: null,
});

export function commitDeltas(commit: IngestCommit, current: CurrentState): ChannelDeltas {
  const deltas: ChannelDeltas['deltas'] = [];
  const dirty = dirtiedBy(commit);
  if (commit.kind !== 'batch') return { deltas, dirty, times: new Map() };

  // The newest state per device touched by this commit, then sent as a patch or a whole value.
  const sensors = new Map<string, { state: SensorState; known: boolean; changed: Record<string, number> }>();
  const times: ChannelDeltas['times'] = new Map();
  const readingsOf = new Map<string, ReadingItem[]>();
  for (const r of commit.readings) {
    let s = sensors.get(r.deviceId);
    if (!s) {
      const known = current.sensor(r.deviceId);
      s = { state: known ?? blankSensor(r.deviceId), known: known !== undefined, changed: {} };
      sensors.set(r.deviceId, s);
    }
    const prev = s.state;
    // Newest wins per metric, whatever the order readings arrive in: a late arrival is history, not the latest.
    const seen = times.get(r.deviceId)?.[r.metric] ?? current.metricTime(r.deviceId, r.metric);
    if (seen !== undefined && r.timeMs < seen) continue;
    const t = times.get(r.deviceId) ?? {};
    t[r.metric] = r.timeMs;
    times.set(r.deviceId, t);
    s.state = {
      ...prev,
      values: { ...prev.values, [r.metric]: r.value },
      timeMs: Math.max(prev.timeMs ?? 0, r.timeMs),
    };
    s.changed[r.metric] = r.value;
    const list = readingsOf.get(r.deviceId) ?? [];
    list.push({ metric: r.metric, value: r.value, timeMs: r.timeMs });
    readingsOf.set(r.deviceId, list);
  }
  const sensorDelta: KeyedDelta<SensorState> = {};
  for (const [id, s] of sensors) {
    if (Object.keys(s.changed).length === 0) continue;
    if (s.known) (sensorDelta.patch ??= {})[id] = { values: s.changed, timeMs: s.state.timeMs };
    else (sensorDelta.set ??= {})[id] = s.state;
  }
  if (sensorDelta.set || sensorDelta.patch) deltas.push({ channel: 'map:sensors', delta: sensorDelta });
  for (const [id, add] of readingsOf) {
    const channel: ChannelName = `sensor:${id}`;
    if (current.wants(channel)) deltas.push({ channel, delta: { add: add.sort((a, b) => a.timeMs - b.timeMs) } });
  }

  const cameras = new Map<string, { state: CameraState; known: boolean; changed: Partial<CameraState> }>();
  const activity = new Map<string, CameraActivityItem[]>();
  const camera = (id: string) => {
    let c = cameras.get(id);
    if (!c) {
      const known = current.camera(id);
      c = { state: known ?? blankCamera(id), known: known !== undefined, changed: {} };
      cameras.set(id, c);
    }
    return c;
  };
  const change = (c: { state: CameraState; changed: Partial<CameraState> }, fields: Partial<CameraState>) => {
    c.state = { ...c.state, ...fields };
    Object.assign(c.changed, fields);
  };
  const act = (id: string, item: CameraActivityItem) => activity.set(id, [...(activity.get(id) ?? []), item]);
  for (const s of commit.cameraStatus) {
    const c = camera(s.cameraId);
    if (c.state.statusMs === null || s.timeMs >= c.state.statusMs) change(c, { online: s.online, statusMs: s.timeMs });
    act(s.cameraId, { kind: 'status', online: s.online, timeMs: s.timeMs });
  }
  const events: CameraEventItem[] = [];
  for (const e of commit.cameraEvents) {
    const c = camera(e.cameraId);
    change(c, { lastEventMs: Math.max(c.state.lastEventMs ?? 0, e.timeMs) });
    const item: CameraEventItem = {
      eventId: e.eventId,
      cameraId: e.cameraId,
      type: e.type,
      severity: e.severity,
      plate: e.plate,
      timeMs: e.timeMs,
    };
    events.push(item);
    act(e.cameraId, { kind: 'event', ...item });
  }
  const cameraDelta: KeyedDelta<CameraState> = {};
  for (const [id, c] of cameras) {
    if (Object.keys(c.changed).length === 0) continue;
    if (c.known) (cameraDelta.patch ??= {})[id] = c.changed;
    else (cameraDelta.set ??= {})[id] = c.state;
  }
  if (cameraDelta.set || cameraDelta.patch) deltas.push({ channel: 'map:cameras', delta: cameraDelta });
  if (events.length > 0)
    deltas.push({ channel: 'events:cameras', delta: { add: events.sort((a, b) => a.timeMs - b.timeMs) } });
  for (const [id, add] of activity) {
    const channel: ChannelName = `camera:${id}`;
    if (current.wants(channel)) deltas.push({ channel, delta: { add: add.sort((a, b) => a.timeMs - b.timeMs) } });
  }
  return { deltas, dirty, times };
}
