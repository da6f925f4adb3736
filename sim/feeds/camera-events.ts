/**
 * AI events from traffic cameras. Rates follow the street: red-light, wrong-lane and
 * congestion with the rush hours, speeding on empty night roads, flooding on low roads in
 * heavy rain, rare accidents and fires. Each camera-minute draws its events from a keyed
 * generator, so event ids (`cam-007-<minute>-<n>`) are unique and the same on every run.
 */
import type { CameraEventType } from '../../contracts/mqtt/payloads';
import { topics } from '../../contracts/mqtt/topics';
import type { CityModel, SimCamera } from '../city-model';
import { trafficLevel } from '../climate';
import { isoLocal, localTime, MINUTE } from '../clock';
import { cityWeather, type Weather } from '../environment';
import type { SimMessage, TimeWindow } from '../message';
import { hourBump } from '../noise';
import { carPlate, motorbikePlate } from '../plates';
import { rngFor, type Rng } from '../rng';
import { schematicSnapshot } from '../snapshot';
import { isOnline } from './camera-outages';

export type EventRates = Readonly<Record<CameraEventType, number>>;

/** Expected events per camera per hour, by type, for the street conditions at a minute. */
export function eventRates(hour: number, weekday: number, w: Weather, floodProne: boolean): EventRates {
  const traffic = trafficLevel(hour, weekday) * (1 - 0.5 * w.storm);
  const night = hourBump(hour, 1.5, 2.5);
  const weekend = weekday === 0 || weekday === 6;
  const wet = Math.min(1, Math.max(0, (w.rainMmH - 12) / 20) + Math.max(0, (w.recentRainMmH - 8) / 20));
  return {
    red_light: 6 * traffic,
    wrong_lane: 4 * traffic,
    congestion: 4 * Math.max(0, traffic - 0.55) * (1 + w.rainMmH / 10),
    speeding: 3 * night + 0.4 * (1 - traffic),
    no_helmet: 2.5 * traffic,
    illegal_parking: 1.2 * (hourBump(hour, 10, 2.5) + hourBump(hour, 19.5, 1.5)),
    flooding: floodProne ? 3 * wet : 0,
    accident: 0.03 * (0.4 + traffic) * (1 + w.rainMmH / 10),
    fire: 0.002,
    crowd: 0.25 * hourBump(hour, 20.5, 1.5) * (weekend ? 2.5 : 1),
  };
}

interface Draft {
  ts: number;
  type: CameraEventType;
}

export interface TimedMessage {
  ts: number;
  msg: SimMessage;
}

/** One camera's events of one minute, in time order (offline cameras see nothing). */
export function cameraMinute(
  model: CityModel,
  camera: SimCamera,
  minute: number,
  rates: EventRates,
  w: Weather,
): TimedMessage[] {
  const rng = rngFor(model.seed, camera.key, 'events', minute);
  const total = Object.values(rates).reduce((s, r) => s + r, 0);
  const n = rng.poisson(total / 60);
  if (n === 0) return [];
  const drafts: Draft[] = [];
  const types = Object.keys(rates) as CameraEventType[];
  for (let i = 0; i < n; i++) {
    drafts.push({ ts: minute * MINUTE + rng.int(0, MINUTE - 1), type: rng.weighted(types, (t) => rates[t]) });
  }
  drafts.sort((a, b) => a.ts - b.ts);
  const tz = model.city.timeZone;
  const out: TimedMessage[] = [];
  drafts.forEach((d, i) => {
    if (!isOnline(model, camera, d.ts)) return;
    const snapshot = schematicSnapshot(d.type);
    const payload = {
      id: `${camera.id}-${minute}-${i}`,
      ts: isoLocal(d.ts, tz),
      type: d.type,
      ...details(rng, d.type, camera, w),
      ...(snapshot ? { snapshot } : {}),
    };
    out.push({ ts: d.ts, msg: { topic: topics.cameraEvent(model.city.id, camera.id), payload } });
  });
  return out;
}

/** Severity, plate and counts that make sense for the event type. */
function details(
  rng: Rng,
  type: CameraEventType,
  camera: SimCamera,
  w: Weather,
): { severity: number; plate?: string; vehicle_count?: number } {
  const plate = (bikeShare: number): string =>
    rng.chance(bikeShare) ? motorbikePlate(rng, camera.plateHome) : carPlate(rng, camera.plateHome);
  switch (type) {
    case 'red_light':
    case 'wrong_lane':
      return { severity: rng.chance(0.25) ? 2 : 1, plate: plate(0.6) };
    case 'speeding':
      return { severity: rng.weighted([1, 2, 3], (s) => 4 - s), plate: plate(0.3) };
    case 'no_helmet':
      return { severity: 1, plate: plate(1) };
    case 'illegal_parking':
      return { severity: 1, plate: plate(0) };
    case 'congestion':
      return {
        severity: rng.weighted([1, 2, 3], (s) => (s === 2 ? 3 : s === 1 ? 2 : 1)),
        vehicle_count: rng.int(40, 180),
      };
    case 'flooding':
      return { severity: w.rainMmH > 30 ? 3 : 2 };
    case 'accident':
      return {
        severity: rng.chance(0.3) ? 3 : 2,
        vehicle_count: rng.int(2, 3),
        ...(rng.chance(0.5) ? { plate: plate(0.5) } : {}),
      };
    case 'fire':
      return { severity: 3 };
    case 'crowd':
      return { severity: rng.chance(0.2) ? 2 : 1 };
  }
}

/** Every camera's events in the window. */
export function* cameraEventMessages(model: CityModel, window: TimeWindow): Generator<SimMessage> {
  const tz = model.city.timeZone;
  for (let minute = Math.floor(window.from / MINUTE); minute * MINUTE < window.to; minute++) {
    const ms = minute * MINUTE;
    const t = localTime(ms, tz);
    const w = cityWeather(model.seed, ms, tz);
    const dry = eventRates(t.hour, t.weekday, w, false);
    const low = eventRates(t.hour, t.weekday, w, true);
    for (const camera of model.cameras) {
      for (const e of cameraMinute(model, camera, minute, camera.floodProne ? low : dry, w)) {
        if (e.ts >= window.from && e.ts < window.to) yield e.msg;
      }
    }
  }
}
