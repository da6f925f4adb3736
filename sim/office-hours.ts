/**
 * The civil-service calendar: one-stop shops (bộ phận một cửa) and clerical offices work
 * Mon–Fri 07:30–11:30 and 13:30–17:00. Statutory deadlines count working days, so a
 * dossier received on Friday afternoon is not due on Sunday. Public holidays (Tết, 30/4,
 * 2/9…) are not modelled: they would shift a few deadlines, not the shape of the KPIs.
 */
import { DAY, HOUR, localTime, MINUTE } from './clock';
import type { Rng } from './rng';

/** Office sessions as [start, end) local hours. */
export const OFFICE_SESSIONS: readonly (readonly [number, number])[] = [
  [7.5, 11.5],
  [13.5, 17],
];
const CLOSE_HOUR = 17;
/** Same-day procedures received after this hour are due the next working day (common rule). */
const SAME_DAY_CUTOFF_HOUR = 15;

export function isWorkingDay(weekday: number): boolean {
  return weekday >= 1 && weekday <= 5;
}

export function inOfficeHours(ms: number, timeZone: string): boolean {
  const t = localTime(ms, timeZone);
  return isWorkingDay(t.weekday) && OFFICE_SESSIONS.some(([a, b]) => t.hour >= a && t.hour < b);
}

/** `ms` itself when the office is open then, otherwise the next opening time. */
export function nextOfficeMoment(ms: number, timeZone: string): number {
  let t = localTime(ms, timeZone);
  for (let guard = 0; guard < 14; guard++) {
    if (isWorkingDay(t.weekday)) {
      for (const [a, b] of OFFICE_SESSIONS) {
        if (t.hour < a) return t.dayStartMs + a * HOUR;
        if (t.hour < b) return ms;
      }
    }
    ms = t.dayStartMs + DAY + HOUR; // 01:00 next day: safe against a DST midnight
    t = localTime(ms, timeZone);
    ms = t.dayStartMs;
  }
  return ms;
}

/** Adds `n` working days (Mon–Fri) keeping the clock time; the start counts from the next opening. */
export function addWorkingDays(ms: number, n: number, timeZone: string): number {
  const start = nextOfficeMoment(ms, timeZone);
  const t0 = localTime(start, timeZone);
  if (n <= 0) {
    const today = t0.hour < SAME_DAY_CUTOFF_HOUR;
    const day = today
      ? t0.dayStartMs
      : localTime(addWorkingDays(t0.dayStartMs + 12 * HOUR, 1, timeZone), timeZone).dayStartMs;
    return day + CLOSE_HOUR * HOUR;
  }
  let dayStart = t0.dayStartMs;
  let left = n;
  while (left > 0) {
    dayStart = localTime(dayStart + DAY + HOUR, timeZone).dayStartMs;
    if (isWorkingDay(localTime(dayStart + HOUR, timeZone).weekday)) left--;
  }
  return dayStart + (start - t0.dayStartMs);
}

/** A time of day (hours) inside office sessions; mornings are busier at the counter. */
export function sampleOfficeHour(rng: Rng): number {
  const [first, second] = [OFFICE_SESSIONS[0]!, OFFICE_SESSIONS[1]!];
  const [a, b] = rng.chance(0.58) ? first : second;
  // Triangular-ish: two uniforms averaged favour the middle of the session.
  return a + (b - a) * ((rng.float() + rng.float()) / 2);
}

/** A time of day (hours) for online submissions: any time, mostly 08:00–23:00. */
export function sampleOnlineHour(rng: Rng): number {
  for (;;) {
    const h = rng.range(0, 24);
    const density = h < 6 ? 0.12 : h < 8 ? 0.5 : h < 22 ? 1 : 0.45;
    if (rng.chance(density)) return h;
  }
}

/** Moves `ms` forward into office hours and adds a random clerical delay of `minMin`–`maxMin` minutes. */
export function officeDelay(ms: number, rng: Rng, minMin: number, maxMin: number, timeZone: string): number {
  const open = nextOfficeMoment(ms, timeZone);
  return nextOfficeMoment(Math.floor(open + rng.range(minMin, maxMin) * MINUTE), timeZone);
}
