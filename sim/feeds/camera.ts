/**
 * Camera feed: a status heartbeat per camera (staggered), an extra status the moment a
 * camera drops or comes back, and the AI events of camera-events.ts. The heartbeat is how
 * the wall tells "quiet" from "dead": a camera whose heartbeat stops must show as stale.
 */
import { topics } from '../../contracts/mqtt/topics';
import type { CityModel, SimCamera } from '../city-model';
import { HOUR, isoLocal, localTime } from '../clock';
import type { SimMessage, TimeWindow } from '../message';
import { fbm } from '../noise';
import { cameraEventMessages } from './camera-events';
import { isOnline, transitions } from './camera-outages';
import { reportTimes } from './telemetry';

export const CAMERA_STATUS_PERIOD_MS = 30_000;

export function cameraStatusMessage(model: CityModel, camera: SimCamera, ms: number, online: boolean): SimMessage {
  const tz = model.city.timeZone;
  const topic = topics.cameraStatus(model.city.id, camera.id);
  if (!online) return { topic, payload: { ts: isoLocal(ms, tz), online: false, fps: 0, bitrate_kbps: 0 } };
  // Encoders spend fewer bits on dark, empty night scenes.
  const night = localTime(ms, tz).hour < 5.5 ? 0.75 : 1;
  const fps = camera.nominalFps * (0.97 + 0.03 * fbm(camera.key, ms / (10 * 60_000)));
  const kbps = camera.nominalKbps * night * (0.9 + 0.15 * fbm(camera.key + 1, ms / HOUR));
  return {
    topic,
    payload: { ts: isoLocal(ms, tz), online: true, fps: Math.round(fps * 10) / 10, bitrate_kbps: Math.round(kbps) },
  };
}

/** Heartbeats and state changes of every camera in the window. */
export function* cameraStatusMessages(
  model: CityModel,
  window: TimeWindow,
  periodMs = CAMERA_STATUS_PERIOD_MS,
): Generator<SimMessage> {
  for (const camera of model.cameras) {
    const beats = [...reportTimes(camera.phase, periodMs, window)].map((ts) => ({
      ts,
      online: isOnline(model, camera, ts),
    }));
    const all = [...beats, ...transitions(model, camera, window.from, window.to)].sort((a, b) => a.ts - b.ts);
    for (const s of all) yield cameraStatusMessage(model, camera, s.ts, s.online);
  }
}

/** Everything cameras say in the window: status first, then events. */
export function* cameraMessages(
  model: CityModel,
  window: TimeWindow,
  statusPeriodMs = CAMERA_STATUS_PERIOD_MS,
): Generator<SimMessage> {
  yield* cameraStatusMessages(model, window, statusPeriodMs);
  yield* cameraEventMessages(model, window);
}
