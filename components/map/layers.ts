/**
 * The map's deck.gl layers as pure functions of live channel data. Layers are recreated on each
 * update (cheap descriptors); deck.gl diffs them by id and re-uploads only the attributes whose
 * `updateTriggers` changed, so a 4×/s update does not rebuild the map.
 */
import { ScatterplotLayer } from '@deck.gl/layers';
import type { CameraEventItem, CameraState, SensorState } from '../../contracts/channels';
import { colorOf, HEADLINE_METRIC } from './thresholds';

export interface MapData {
  sensors: SensorState[];
  cameras: CameraState[];
  events: CameraEventItem[];
  /** Bumped when the data changes: deck.gl recomputes colours only then. */
  version: number;
  now: number;
}

const placed = <T extends { lon: number | null; lat: number | null }>(xs: T[]) => xs.filter((x) => x.lon !== null && x.lat !== null);
const EVENT_WINDOW_MS = 10 * 60_000;

export function sensorLayer(d: MapData) {
  return new ScatterplotLayer<SensorState>({
    id: 'sensors',
    data: placed(d.sensors),
    pickable: true,
    radiusUnits: 'pixels',
    getRadius: 6,
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineWidth: 1,
    getLineColor: [10, 20, 35, 220],
    getPosition: (s) => [s.lon!, s.lat!],
    getFillColor: (s) => {
      const metric = HEADLINE_METRIC[s.kind ?? ''];
      return [...colorOf(metric, metric ? s.values[metric] : undefined), 235];
    },
    updateTriggers: { getFillColor: d.version },
  });
}

export function cameraLayer(d: MapData) {
  return new ScatterplotLayer<CameraState>({
    id: 'cameras',
    data: placed(d.cameras),
    pickable: true,
    radiusUnits: 'pixels',
    getRadius: 4,
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineWidth: 2,
    getPosition: (c) => [c.lon!, c.lat!],
    getFillColor: [15, 25, 40, 255],
    getLineColor: (c) => (c.online === false ? [255, 70, 70, 255] : c.online ? [80, 220, 140, 255] : [140, 150, 170, 255]),
    updateTriggers: { getLineColor: d.version },
  });
}

/** Recent events as halos that fade and widen with age (recomputed per update, not per frame). */
export function eventLayer(d: MapData) {
  const cams = new Map(d.cameras.map((c) => [c.id, c]));
  const recent = d.events
    .filter((e) => d.now - e.timeMs < EVENT_WINDOW_MS)
    .map((e) => ({ e, cam: cams.get(e.cameraId) }))
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
