/**
 * What each kind of sensor reads at a given instant: pure functions of (model, sensor,
 * time). Shapes follow the real city: smog peaks with the morning rush and in winter and
 * washes out in rain; a diurnal tide (one high water a day, K1+O1, spring–neap every
 * ~13.7 days); traffic-shaped street noise; weather from the shared sky in environment.ts.
 */
import type { CityModel, SimSensor } from '../city-model';
import { monthly, PM25_UG_M3, trafficLevel } from '../climate';
import { DAY, HOUR, localTime, MINUTE } from '../clock';
import { cityWeather } from '../environment';
import { fbm, hourBump } from '../noise';
import { isCoastal } from '../placement';

export type Readings = Record<string, number>;

const round1 = (x: number): number => Math.round(x * 10) / 10;

export function airReadings(model: CityModel, s: SimSensor, ms: number): Readings {
  const tz = model.city.timeZone;
  const t = localTime(ms, tz);
  const w = cityWeather(model.seed, ms, tz);
  const seasonal = monthly(PM25_UG_M3, t.dayOfYear + t.hour / 24);
  // Morning rush under a shallow boundary layer is the worst hour; evening rush next.
  const diurnal =
    0.78 + 0.5 * hourBump(t.hour, 8, 1.5) + 0.35 * hourBump(t.hour, 19, 2) + 0.08 * hourBump(t.hour, 23, 2);
  const washout = 1 / (1 + w.recentRainMmH / 2.5);
  const station = 1 + 0.25 * s.bias;
  const episode = Math.exp(0.45 * fbm(s.key ^ 0x5eed, ms / (30 * HOUR)) + 0.25 * fbm(model.seed, ms / (3 * DAY)));
  const jitter = 1 + 0.06 * fbm(s.key, ms / (40 * MINUTE));
  const pm25 = Math.max(2, seasonal * diurnal * washout * station * episode * jitter * (1 - 0.4 * w.storm));
  const coarse = 1.55 + 0.25 * fbm(s.key + 2, ms / (6 * HOUR)) + 0.1 * s.bias;
  return { pm25: round1(pm25), pm10: round1(pm25 * coarse) };
}

/** Hòn Dấu, the reference tide gauge at the mouth of the Cấm/Bạch Đằng system. */
const TIDE_REF: readonly [number, number] = [106.8, 20.666667];
// Diurnal constituents at Hòn Dấu (amplitudes ~0.7 m each); their beat is the spring–neap cycle.
const K1 = { periodH: 23.934, ampCm: 72, phase: 0.7 };
const O1 = { periodH: 25.819, ampCm: 69, phase: 2.1 };
const P1 = { periodH: 24.066, ampCm: 23, phase: 0.9 };
const MEAN_LEVEL_CM = 186; // above the local hydrographic zero

function distanceKm(lon: number, lat: number): number {
  const dx = (lon - TIDE_REF[0]) * 111.32 * Math.cos((lat * Math.PI) / 180);
  const dy = (lat - TIDE_REF[1]) * 110.57;
  return Math.hypot(dx, dy);
}

export function waterReadings(model: CityModel, s: SimSensor, ms: number): Readings {
  const tz = model.city.timeZone;
  // On the coast and islands the tide arrives whole; it damps and lags as it runs up the
  // rivers, and far inland the river itself rules.
  const coastal = isCoastal(s.ward);
  const d = coastal ? 0 : distanceKm(s.lon, s.lat);
  const damping = (coastal ? 1 : Math.exp(-d / 80)) * (0.9 + 0.1 * s.bias);
  const lagged = ms - (d / 18) * HOUR;
  const hours = lagged / HOUR;
  let tide = 0;
  for (const c of [K1, O1, P1]) tide += c.ampCm * Math.cos((2 * Math.PI * hours) / c.periodH + c.phase);
  const w = cityWeather(model.seed, ms, tz);
  const surge = w.storm * (70 + 30 * s.bias) * (0.4 + 0.6 * damping);
  const riverRise = (1 - damping) * Math.min(150, w.recentRainMmH * 6);
  const t = localTime(ms, tz);
  const floodSeason = (1 - damping) * 60 * Math.max(0, Math.sin((2 * Math.PI * (t.dayOfYear - 120)) / 365.25));
  const waves = 4 * fbm(s.key, ms / (20 * MINUTE));
  const level = MEAN_LEVEL_CM + 20 * s.bias + damping * tide + surge + riverRise + floodSeason + waves;
  return { water_level_cm: round1(level) };
}

export function noiseReadings(model: CityModel, s: SimSensor, ms: number): Readings {
  const tz = model.city.timeZone;
  const t = localTime(ms, tz);
  const w = cityWeather(model.seed, ms, tz);
  const traffic = trafficLevel(t.hour, t.weekday);
  const db = 44 + 31 * traffic + 4 * s.bias + 1.8 * fbm(s.key, ms / (20 * MINUTE)) + Math.min(6, 0.3 * w.rainMmH);
  return { noise_db: round1(Math.min(95, Math.max(35, db))) };
}

export function weatherReadings(model: CityModel, s: SimSensor, ms: number): Readings {
  const w = cityWeather(model.seed, ms, model.city.timeZone);
  const local = (k: number, scale: number): number => fbm(s.key + k, ms / scale);
  // Showers are patchy: each station sees the city's rain scaled by its own cloud.
  const patch = Math.max(0, 0.5 + 0.8 * local(1, HOUR));
  return {
    temp_c: round1(w.tempC + 0.8 * s.bias + 0.5 * local(2, 6 * HOUR)),
    humidity_pct: round1(Math.min(100, Math.max(30, w.humidityPct - 3 * s.bias + 2 * local(3, 4 * HOUR)))),
    // Accumulated over the past hour, so the value does not depend on the reporting rate.
    rain_mm: round1(w.rainMmH * patch),
    wind_ms: round1(Math.max(0, w.windMs * (0.85 + 0.2 * s.bias) + 0.6 * local(4, 30 * MINUTE))),
  };
}

export function readingsOf(model: CityModel, s: SimSensor, ms: number): Readings {
  switch (s.kind) {
    case 'air':
      return airReadings(model, s, ms);
    case 'water':
      return waterReadings(model, s, ms);
    case 'noise':
      return noiseReadings(model, s, ms);
    case 'weather':
      return weatherReadings(model, s, ms);
  }
}
