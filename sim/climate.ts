/**
 * Climate normals and daily rhythms of the Red River delta coast (Hải Phòng): a cool,
 * drizzly, smoggy winter and a hot, wet, stormy summer. Monthly values are interpolated
 * between mid-months so there is no step at midnight on the 1st.
 */
import { bump } from './noise';

/** Monthly mean air temperature, °C (Phù Liễn station normals, rounded). */
export const TEMP_C = [16.6, 17.1, 19.7, 23.6, 27.3, 28.9, 29.3, 28.7, 27.7, 25.2, 21.9, 18.4] as const;
/** Monthly mean relative humidity, %: the drizzly late winter (nồm) is the dampest time. */
export const HUMIDITY_PCT = [80, 86, 89, 88, 84, 84, 84, 86, 83, 78, 76, 77] as const;
/** Monthly mean PM2.5 at an urban station, µg/m³: winter inversions and biomass burning vs monsoon washout. */
export const PM25_UG_M3 = [62, 55, 46, 36, 26, 20, 18, 20, 27, 38, 52, 64] as const;
/** How easily it rains (0 = never, 1 = always): a dry winter with drizzle, a monsoon summer. */
export const RAININESS = [0.22, 0.3, 0.32, 0.3, 0.4, 0.5, 0.55, 0.6, 0.5, 0.33, 0.2, 0.16] as const;
/** Chance that a tropical storm or depression reaches the coast in a given 4-day window. */
export const STORM_CHANCE = [0, 0, 0, 0, 0.01, 0.06, 0.14, 0.18, 0.14, 0.06, 0.02, 0] as const;

/** Interpolates a 12-month table at a fractional day of the year (values sit at mid-month). */
export function monthly(table: readonly number[], dayOfYear: number): number {
  const m = (dayOfYear / 365.25) * 12 - 0.5; // 0 = mid-January
  const i = Math.floor(m);
  const f = m - i;
  const a = table[(i + 12) % 12]!;
  const b = table[(i + 13) % 12]!;
  const s = (1 - Math.cos(Math.PI * f)) / 2;
  return a + (b - a) * s;
}

/**
 * Road traffic relative to the busiest hour, 0–1, by local hour: morning rush ~07:30,
 * a busy day, evening rush ~17:30, a lively evening, empty roads at 02:00–04:00.
 */
export function trafficLevel(hour: number, weekday: number): number {
  const weekend = weekday === 0 || weekday === 6;
  const rush = weekend ? 0.45 : 1;
  const day = 0.55 * smoothWindow(hour, 6.5, 21.5, 1.2);
  const peaks = rush * (0.45 * bump(hour, 7.4, 0.9) + 0.45 * bump(hour, 17.5, 1.1));
  const evening = 0.2 * bump(hour, 20, 1.5);
  return Math.min(1, 0.04 + day + peaks + evening);
}

/** 1 inside [from, to], easing to 0 over `edge` hours outside it. */
function smoothWindow(h: number, from: number, to: number, edge: number): number {
  const up = Math.min(1, Math.max(0, (h - from + edge) / edge));
  const down = Math.min(1, Math.max(0, (to + edge - h) / edge));
  return Math.min(up, down);
}
