/**
 * City-wide weather as pure functions of (seed, time): rain, storms, temperature, humidity,
 * wind. Every feed reads the same sky, so the story holds together on the wall: a storm
 * raises the tide gauges, floods low roads on camera, cleans the air and empties the streets.
 */
import { HUMIDITY_PCT, monthly, RAININESS, STORM_CHANCE, TEMP_C } from './climate';
import { DAY, HOUR, localTime, MINUTE } from './clock';
import { bump, fbm } from './noise';
import { hash32, rngFor } from './rng';

export interface Weather {
  /** Rain intensity now, mm/h. */
  rainMmH: number;
  /** Mean rain intensity over the past 6 hours, mm/h: what washes the air and fills the drains. */
  recentRainMmH: number;
  /** Tropical storm influence 0–1 (0 most of the year). */
  storm: number;
  tempC: number;
  humidityPct: number;
  windMs: number;
}

const STORM_SLOT = 4 * DAY;

/** Storm influence 0–1 at `ms`: rare bumps of ~half a day in the typhoon season. */
export function stormLevel(seed: number, ms: number, timeZone: string): number {
  const slot = Math.floor(ms / STORM_SLOT);
  let level = 0;
  for (let s = slot - 1; s <= slot + 1; s++) {
    const start = s * STORM_SLOT;
    const rng = rngFor(seed, 'storm', s);
    const month = localTime(start + STORM_SLOT / 2, timeZone).month;
    if (!rng.chance(STORM_CHANCE[month - 1]!)) continue;
    const centre = start + rng.range(0.5, 3.5) * DAY;
    const sigma = rng.range(6, 14) * HOUR;
    level = Math.max(level, rng.range(0.5, 1) * bump(ms, centre, sigma));
  }
  return level;
}

/** Rain intensity, mm/h, city-wide. Showers come and go over a few hours. */
export function rainRate(seed: number, ms: number, timeZone: string): number {
  const t = localTime(ms, timeZone);
  const raininess = monthly(RAININESS, t.dayOfYear + t.hour / 24);
  const u = (fbm(hash32(seed, 'rain'), ms / (3 * HOUR)) + 1) / 2;
  const threshold = 1 - raininess * 0.5;
  const wet = Math.max(0, (u - threshold) / (1 - threshold));
  const storm = stormLevel(seed, ms, timeZone);
  return 20 * wet ** 1.6 + 15 * storm * storm;
}

// Weather is evaluated at minute resolution: it changes slowly, and a cache keyed by
// the minute keeps a backfill of millions of readings fast while staying deterministic.
const cache = new Map<string, Weather>();

export function cityWeather(seed: number, ms: number, timeZone: string): Weather {
  const minute = Math.floor(ms / MINUTE);
  const key = `${seed}|${timeZone}|${minute}`;
  const hit = cache.get(key);
  if (hit) return hit;
  if (cache.size > 2048) cache.clear();
  const w = computeWeather(seed, minute * MINUTE, timeZone);
  cache.set(key, w);
  return w;
}

function computeWeather(seed: number, ms: number, timeZone: string): Weather {
  const t = localTime(ms, timeZone);
  const rain = rainRate(seed, ms, timeZone);
  let recent = 0;
  for (let k = 0; k < 6; k++) recent += rainRate(seed, ms - k * HOUR, timeZone) / 6;
  const storm = stormLevel(seed, ms, timeZone);
  const mean = monthly(TEMP_C, t.dayOfYear + t.hour / 24);
  const diurnal = 3.2 * Math.cos((2 * Math.PI * (t.hour - 14)) / 24);
  const tempC = mean + diurnal + 1.6 * fbm(hash32(seed, 'temp'), ms / (2 * DAY)) - Math.min(3, 0.3 * rain) - 2 * storm;
  const humidity =
    monthly(HUMIDITY_PCT, t.dayOfYear + t.hour / 24) -
    2.2 * diurnal +
    6 * fbm(hash32(seed, 'hum'), ms / (18 * HOUR)) +
    Math.min(18, rain * 1.5) +
    8 * storm;
  const wind = 2.4 + 1.4 * bump(t.hour, 14, 3) + 1.2 * fbm(hash32(seed, 'wind'), ms / (5 * HOUR)) + 22 * storm;
  return {
    rainMmH: rain,
    recentRainMmH: recent,
    storm,
    tempC,
    humidityPct: Math.min(100, Math.max(35, humidity)),
    windMs: Math.max(0, wind),
  };
}
