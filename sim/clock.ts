/**
 * Wall-clock time in the city's time zone. Rush hours, office hours and tides are local
 * phenomena; the simulator reasons in local time and writes `ts` with its offset.
 */
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

// A backfill asks for offsets millions of times and Intl is slow, but offsets only change
// on the hour (if ever): cache per zone and hour, with a bound so weeks of running stay flat.
const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, Map<number, number>>();
const MAX_CACHED_HOURS = 50_000;

/** The zone's offset from UTC in milliseconds at `ms`. */
export function offsetMs(ms: number, timeZone: string): number {
  const hour = Math.floor(ms / HOUR);
  let zone = offsets.get(timeZone);
  if (!zone) offsets.set(timeZone, (zone = new Map()));
  let off = zone.get(hour);
  if (off === undefined) {
    if (zone.size > MAX_CACHED_HOURS) zone.clear();
    off = computeOffset(hour * HOUR, timeZone);
    zone.set(hour, off);
  }
  return off;
}

function computeOffset(ms: number, timeZone: string): number {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  const get = (parts: Intl.DateTimeFormatPart[], type: string): number =>
    Number(parts.find((p) => p.type === type)?.value ?? 0);
  const parts = f.formatToParts(new Date(ms));
  const wall = Date.UTC(
    get(parts, 'year'),
    get(parts, 'month') - 1,
    get(parts, 'day'),
    get(parts, 'hour'),
    get(parts, 'minute'),
    get(parts, 'second'),
  );
  return wall - ms;
}

export interface LocalTime {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  /** Fractional hour of the day, 0 ≤ hour < 24 (8.5 = 08:30). */
  hour: number;
  /** 0-based day of the year. */
  dayOfYear: number;
  /** Epoch ms of the local midnight that starts this day. */
  dayStartMs: number;
}

export function localTime(ms: number, timeZone: string): LocalTime {
  const off = offsetMs(ms, timeZone);
  const days = Math.floor((ms + off) / DAY);
  const wallMidnight = days * DAY;
  const { y, m, d } = civilFromDays(days);
  return {
    year: y,
    month: m,
    day: d,
    weekday: (((days + 4) % 7) + 7) % 7, // 1970-01-01 was a Thursday
    hour: (ms + off - wallMidnight) / HOUR,
    dayOfYear: days - daysFromCivil(y, 1, 1),
    dayStartMs: wallMidnight - off,
  };
}

/** Proleptic Gregorian date of a day number (days since 1970-01-01); H. Hinnant's algorithm, no Date objects. */
function civilFromDays(z: number): { y: number; m: number; d: number } {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/** Inverse of civilFromDays. */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/** Epoch ms of the local midnight starting the day that contains `ms`. */
export function localDayStart(ms: number, timeZone: string): number {
  return localTime(ms, timeZone).dayStartMs;
}

/** Epoch ms of a local wall-clock time: `y-m-d` (month 1–12) at `hours` past midnight. */
export function localInstant(y: number, month: number, day: number, hours: number, timeZone: string): number {
  const wall = Date.UTC(y, month - 1, day) + hours * HOUR;
  return wall - offsetMs(wall - offsetMs(wall, timeZone), timeZone);
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** ISO 8601 with the zone's offset, e.g. `2025-07-01T08:30:00.000+07:00`: readable on a wall log. */
export function isoLocal(ms: number, timeZone: string): string {
  const off = offsetMs(ms, timeZone);
  const w = new Date(Math.round(ms) + off);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off) / MINUTE;
  return (
    `${w.getUTCFullYear()}-${pad(w.getUTCMonth() + 1)}-${pad(w.getUTCDate())}` +
    `T${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}:${pad(w.getUTCSeconds())}.${pad(w.getUTCMilliseconds(), 3)}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** `yymmdd` of the local day, for human-readable record ids. */
export function localDateCode(ms: number, timeZone: string): string {
  const t = localTime(ms, timeZone);
  return `${pad(t.year % 100)}${pad(t.month)}${pad(t.day)}`;
}
