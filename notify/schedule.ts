/**
 * When a message may go: quiet hours in the city's time zone and retry backoff. Time is always an
 * argument (the worker's clock), never read here, so tests put "now" at 02:00.
 */

/** Minutes since the city's midnight at `ms`, and the ms of that midnight. */
function cityClock(ms: number, timeZone: string): { minute: number; second: number } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return { minute: get('hour') * 60 + get('minute'), second: get('second') };
}

/**
 * Null when `ms` is outside the quiet window; otherwise the moment it ends (the next `endMin`,
 * city time). A window may wrap midnight (21:00-07:00).
 */
export function quietUntil(
  ms: number,
  timeZone: string,
  window: { startMin: number; endMin: number } | null,
): number | null {
  if (!window || window.startMin === window.endMin) return null;
  const { minute, second } = cityClock(ms, timeZone);
  const { startMin, endMin } = window;
  const inside = startMin < endMin ? minute >= startMin && minute < endMin : minute >= startMin || minute < endMin;
  if (!inside) return null;
  const wait = (endMin - minute + 1440) % 1440;
  // Whole minutes from now to the end, less the seconds already gone in this minute.
  return ms + wait * 60_000 - second * 1000 - (ms % 1000);
}

/** Exponential backoff: base, 2×base, 4×base … capped; `attempt` counts from 1. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(attempt - 1, 0), 30));
}
