/**
 * Timestamps on the wire: ISO 8601 with an offset, epoch milliseconds, or a naive
 * ISO time that is read in the city's time zone (devices in Vietnam often send local time).
 */

const NAIVE_ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?$/;
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

// Building an Intl.DateTimeFormat costs far more than using one; zones are few.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Offset of `timeZone` from UTC, in minutes, at the given instant. */
export function zoneOffsetMinutes(instantMs: number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(instantMs));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(instantMs / 1000) * 1000) / 60_000);
}

/** Reads a wall-clock time in `timeZone` as an instant. */
function naiveToEpochMs(m: RegExpExecArray, timeZone: string): number {
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0'] = m;
  const wall = Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s, Math.round(Number(`0.${frac}`) * 1000));
  // Two passes settle the offset even across a DST change (none in Vietnam, but cities differ).
  let utc = wall - zoneOffsetMinutes(wall, timeZone) * 60_000;
  utc = wall - zoneOffsetMinutes(utc, timeZone) * 60_000;
  return utc;
}

/** The calendar date of an instant in `timeZone`, as YYYY-MM-DD (sorts as dates do). */
export function localDateKey(instantMs: number, timeZone: string): string {
  return new Date(instantMs + zoneOffsetMinutes(instantMs, timeZone) * 60_000).toISOString().slice(0, 10);
}

export type ParsedTime = { ok: true; ms: number } | { ok: false; error: string };

/** Parses a wire timestamp; never throws. */
export function parseWireTime(value: unknown, timeZone: string): ParsedTime {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || !Number.isInteger(value))
      return { ok: false, error: 'epoch milliseconds must be a finite integer' };
    // Epoch seconds are a common device mistake; 1e11 ms is March 1973, 1e11 s is year 5138.
    if (value < 1e11) return { ok: false, error: 'epoch value looks like seconds; send milliseconds' };
    return { ok: true, ms: value };
  }
  if (typeof value !== 'string') return { ok: false, error: 'expected an ISO 8601 string or epoch milliseconds' };
  const naive = NAIVE_ISO.exec(value);
  if (naive) {
    const ms = naiveToEpochMs(naive, timeZone);
    return Number.isFinite(ms) ? { ok: true, ms } : { ok: false, error: `invalid date "${value}"` };
  }
  if (!ISO_WITH_OFFSET.test(value)) return { ok: false, error: `"${value.slice(0, 40)}" is not ISO 8601` };
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? { ok: true, ms } : { ok: false, error: `invalid date "${value.slice(0, 40)}"` };
}
