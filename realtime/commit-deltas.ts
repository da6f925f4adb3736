/**
 * What one committed ingest batch changes in each channel. Pure: the current cached state of a
 * keyed channel is read through `current` so a delta can carry whole values (latest wins per id).
 */
import type { CameraActivityItem, CameraEventItem, CameraState, ChannelName, ReadingItem, SensorState } from '../contracts/channels';
import type { IngestCommit } from '../contracts/live';

export interface ChannelDeltas {
  deltas: { channel: ChannelName; delta: unknown }[];
  /** Database-derived channels whose figures this commit may have changed. */
  dirty: Set<'overview' | 'kpi:cases' | 'kpi:documents' | 'alarms'>;
}

export interface CurrentState {
  sensor(id: string): SensorState | undefined;
  camera(id: string): CameraState | undefined;
  /** Whether this node produces the per-device channel (someone here subscribes to it). */
  wants(channel: ChannelName): boolean;
}

const blankSensor = (id: string): SensorState => ({ id, name: null, kind: null, lon: null, lat: null, wardCode: null, values: {}, timeMs: null });
const blankCamera = (id: string): CameraState => ({
  id, name: null, road: null, lon: null, lat: null, wardCode: null, streamUrl: null, online: null, statusMs: null, lastEventMs: null,
});

export function commitDeltas(commit: IngestCommit, current: CurrentState): ChannelDeltas {
  const deltas: ChannelDeltas['deltas'] = [];
  const dirty: ChannelDeltas['dirty'] = new Set(['overview']);
  if (commit.counts.case_event) dirty.add('kpi:cases');
  if (commit.counts.document_event) dirty.add('kpi:documents');
  if (commit.cameraEvents.length > 0) dirty.add('alarms');

  const sensors: Record<string, SensorState> = {};
  const readingsOf = new Map<string, ReadingItem[]>();
  for (const r of commit.readings) {
    const prev = sensors[r.deviceId] ?? current.sensor(r.deviceId) ?? blankSensor(r.deviceId);
    if (prev.timeMs !== null && r.timeMs < prev.timeMs && r.metric in prev.values) continue; // late arrival: not the latest
    sensors[r.deviceId] = { ...prev, values: { ...prev.values, [r.metric]: r.value }, timeMs: Math.max(prev.timeMs ?? 0, r.timeMs) };
    const list = readingsOf.get(r.deviceId) ?? [];
    list.push({ metric: r.metric, value: r.value, timeMs: r.timeMs });
    readingsOf.set(r.deviceId, list);
  }
  if (Object.keys(sensors).length > 0) deltas.push({ channel: 'map:sensors', delta: { set: sensors } });
  for (const [id, add] of readingsOf) {
    const channel: ChannelName = `sensor:${id}`;
    if (current.wants(channel)) deltas.push({ channel, delta: { add: add.sort((a, b) => a.timeMs - b.timeMs) } });
  }

  const cameras: Record<string, CameraState> = {};
  const activity = new Map<string, CameraActivityItem[]>();
  const camera = (id: string) => cameras[id] ?? current.camera(id) ?? blankCamera(id);
  const act = (id: string, item: CameraActivityItem) => activity.set(id, [...(activity.get(id) ?? []), item]);
  for (const s of commit.cameraStatus) {
    const prev = camera(s.cameraId);
    if (prev.statusMs === null || s.timeMs >= prev.statusMs) cameras[s.cameraId] = { ...prev, online: s.online, statusMs: s.timeMs };
    act(s.cameraId, { kind: 'status', online: s.online, timeMs: s.timeMs });
  }
  const events: CameraEventItem[] = [];
  for (const e of commit.cameraEvents) {
    const prev = camera(e.cameraId);
    cameras[e.cameraId] = { ...prev, lastEventMs: Math.max(prev.lastEventMs ?? 0, e.timeMs) };
    const item: CameraEventItem = { eventId: e.eventId, cameraId: e.cameraId, type: e.type, severity: e.severity, plate: e.plate, timeMs: e.timeMs };
    events.push(item);
    act(e.cameraId, { kind: 'event', ...item });
  }
  if (Object.keys(cameras).length > 0) deltas.push({ channel: 'map:cameras', delta: { set: cameras } });
  if (events.length > 0) deltas.push({ channel: 'events:cameras', delta: { add: events.sort((a, b) => a.timeMs - b.timeMs) } });
  for (const [id, add] of activity) {
    const channel: ChannelName = `camera:${id}`;
    if (current.wants(channel)) deltas.push({ channel, delta: { add: add.sort((a, b) => a.timeMs - b.timeMs) } });
  }
  return { deltas, dirty };
}
