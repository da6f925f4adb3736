/**
 * The map's deck.gl layers as pure functions of live channel data. Layers are recreated on each
 * update (cheap descriptors); deck.gl diffs them by id and, as long as `data` is the same array
 * (StablePlaced), re-uploads only the attributes whose `updateTriggers` changed, so a 4×/s update
 * does not rebuild the map.
 */
import { ScatterplotLayer } from '@deck.gl/layers';
import { cameraHealth } from '../../contracts/cameras';
import type { CameraEventItem, CameraState, SensorState } from '../../contracts/channels';
import { colorOf, HEADLINE_METRIC } from './thresholds';

/** Where a device is drawn. The layers' data: the same array while no device moves or comes or goes. */
export interface PlacedPoint {
  id: string;
  lon: number;
  lat: number;
}

export interface MapData {
  sensors: readonly PlacedPoint[];
  cameras: readonly PlacedPoint[];
  /** The devices' current states, which the colour accessors read by id. */
  sensorsById: Readonly<Record<string, SensorState>>;
  camerasById: Readonly<Record<string, CameraState>>;
  events: CameraEventItem[];
  /** Bumped when the data changes: deck.gl recomputes colours only then. */
  version: number;
  now: number;
  /** A camera silent this long is drawn offline (CAMERA_OFFLINE_AFTER_S); unset: its last status alone decides. */
  cameraOfflineAfterMs?: number;
}

/** Whether a camera is drawn online: the same rule as every page's health (contracts/cameras.ts). */
export function cameraOnline(
  d: Pick<MapData, 'now' | 'cameraOfflineAfterMs'>,
  c: CameraState | undefined,
): boolean | null {
  if (!c || c.online === null) return null;
  return d.cameraOfflineAfterMs === undefined ? c.online : cameraHealth(c, d.now, d.cameraOfflineAfterMs) === 'online';
}

/**
 * Keeps the placed points of a live snapshot as one array for as long as the set of placed
 * devices and their positions stay the same. deck.gl treats a new `data` array as new data and
 * recomputes every attribute; with the same array only the accessors named by `updateTriggers`
 * (the colours) run again, so a 4×/s value update re-uploads colours, not positions.
 */
export class StablePlaced {
  private points: PlacedPoint[] = [];

  update(states: Iterable<{ id: string; lon: number | null; lat: number | null }>): readonly PlacedPoint[] {
    const next: PlacedPoint[] = [];
    let same = true;
    for (const s of states) {
      if (s.lon === null || s.lat === null) continue;
      const prev = this.points[next.length];
      if (same && (!prev || prev.id !== s.id || prev.lon !== s.lon || prev.lat !== s.lat)) same = false;
      next.push(same && prev ? prev : { id: s.id, lon: s.lon, lat: s.lat });
    }
    if (same && next.length === this.points.length) return this.points;
    this.points = next;
    return next;
  }
}
const EVENT_WINDOW_MS = 10 * 60_000;

export function sensorLayer(d: MapData) {
  return new ScatterplotLayer<PlacedPoint>({
    id: 'sensors',
    data: d.sensors,
    pickable: true,
    radiusUnits: 'pixels',
    getRadius: 6,
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineWidth: 1,
    getLineColor: [10, 20, 35, 220],
    getPosition: (p) => [p.lon, p.lat],
    getFillColor: (p) => {
      const s = d.sensorsById[p.id];
      const metric = HEADLINE_METRIC[s?.kind ?? ''];
      return [...colorOf(metric, metric ? s?.values[metric] : undefined), 235];
    },
    updateTriggers: { getFillColor: d.version },
  });
}

export function cameraLayer(d: MapData) {
  return new ScatterplotLayer<PlacedPoint>({
    id: 'cameras',
    data: d.cameras,
    pickable: true,
    radiusUnits: 'pixels',
    getRadius: 4,
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineWidth: 2,
    getPosition: (p) => [p.lon, p.lat],
    getFillColor: [15, 25, 40, 255],
    getLineColor: (p) => {
      const online = cameraOnline(d, d.camerasById[p.id]);
      return online === false ? [255, 70, 70, 255] : online ? [80, 220, 140, 255] : [140, 150, 170, 255];
    },
    updateTriggers: { getLineColor: d.version },
  });
}

/** Recent events as halos that fade and widen with age (recomputed per update, not per frame). */
export function eventLayer(d: MapData) {
  const recent = d.events
    .filter((e) => d.now - e.timeMs < EVENT_WINDOW_MS)
    .map((e) => ({ e, cam: d.camerasById[e.cameraId] }))
    .filter((x): x is { e: CameraEventItem; cam: CameraState } => x.cam?.lon != null && x.cam.lat != null);
  return new ScatterplotLayer<(typeof recent)[number]>({
    id: 'camera-events',
    data: recent,
    pickable: false,
    radiusUnits: 'pixels',
    stroked: true,
    filled: false,
    lineWidthUnits: 'pixels',
    getLineWidth: 2,
    getPosition: (x) => [x.cam.lon!, x.cam.lat!],
    getRadius: (x) => 8 + 16 * Math.min(1, (d.now - x.e.timeMs) / EVENT_WINDOW_MS),
    getLineColor: (x) => {
      const fade = 1 - Math.min(1, (d.now - x.e.timeMs) / EVENT_WINDOW_MS);
      return x.e.severity >= 3 ? [255, 60, 60, 255 * fade] : [255, 190, 40, 220 * fade];
    },
    updateTriggers: { getRadius: d.now, getLineColor: d.now },
  });
}
