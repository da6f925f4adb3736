/**
 * Times as source systems and spreadsheets write them, resolved to epoch milliseconds.
 * A time without an offset is a wall-clock time in the city's time zone (Asia/Ho_Chi_Minh).
 *
 *   auto (default)  ISO 8601 (with or without offset), epoch milliseconds, Vietnamese
 *                   dd/MM/yyyy[ HH:mm[:ss]] (also "HH:mm dd/MM/yyyy", separators / - .),
 *                   an Excel serial date, or a Date from a spreadsheet cell
 *   iso | epoch_ms | epoch_s | dd/MM/yyyy | MM/dd/yyyy   only that form
 */
import type { DATE_FORMAT_NAMES } from '../../contracts/connectors';
import { parseWireTime } from '../../contracts/time';

export type DateFormat = (typeof DATE_FORMAT_NAMES)[number];

export type SourceTime = { ok: true; ms: number; dateOnly: boolean } | { ok: false; error: string };

const DAY_FIRST = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T,]+(\d{1,2})[:hg](\d{2})(?::(\d{2}))?)?$/i;
const TIME_FIRST = /^(\d{1,2})[:hg](\d{2})(?::(\d{2}))?[ ,]+(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/i;
// Excel counts days from 1899-12-30 (its 1900 leap-year bug included); 2958465 is 9999-12-31.
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const EXCEL_MAX_SERIAL = 2958465;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A wall-clock time in `timeZone`, after checking that the date exists (no 31/02). */
function wallClock(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  timeZone: string,
  dateOnly: boolean,
): SourceTime {
  const probe = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  if (
    probe.getUTCFullYear() !== y ||
    probe.getUTCMonth() !== mo - 1 ||
    probe.getUTCDate() !== d ||
    h > 23 ||
    mi > 59 ||
    s > 59
  )
    return { ok: false, error: `${pad(d)}/${pad(mo)}/${y} ${pad(h)}:${pad(mi)}:${pad(s)} is not a real date and time` };
  const t = parseWireTime(`${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}`, timeZone);
  return t.ok ? { ok: true, ms: t.ms, dateOnly } : t;
}

function fromDmy(text: string, order: 'dmy' | 'mdy', timeZone: string): SourceTime | null {
  let m = DAY_FIRST.exec(text);
  let parts: (string | undefined)[] | null = null;
  if (m) parts = [m[1], m[2], m[3], m[4], m[5], m[6]];
  else if ((m = TIME_FIRST.exec(text))) parts = [m[4], m[5], m[6], m[1], m[2], m[3]];
  if (!parts) return null;
  const [a, b, y, h, mi, s] = parts;
  const [d, mo] = order === 'dmy' ? [Number(a), Number(b)] : [Number(b), Number(a)];
  return wallClock(Number(y), mo, d, Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), timeZone, h === undefined);
}

/** A spreadsheet's date: Excel stores wall-clock time with no zone, and exceljs hands it over as if it were UTC. */
function fromWallClockDate(date: Date, timeZone: string): SourceTime {
  if (!Number.isFinite(date.getTime())) return { ok: false, error: 'invalid date' };
  const dateOnly =
    date.getUTCHours() === 0 &&
    date.getUTCMinutes() === 0 &&
    date.getUTCSeconds() === 0 &&
    date.getUTCMilliseconds() === 0;
  return wallClock(
    date.getUTCFullYear(),
    date.getUTCMonth() + 1,
    date.getUTCDate(),
    date.getUTCHours(),
    date.getUTCMinutes(),
    date.getUTCSeconds(),
    timeZone,
    dateOnly,
  );
}

function fromExcelSerial(serial: number, timeZone: string): SourceTime {
  // Rounded to the second: Excel's binary fractions of a day land a few microseconds off.
  const ms = Math.round((serial * 86_400_000) / 1000) * 1000;
  return fromWallClockDate(new Date(EXCEL_EPOCH_MS + ms), timeZone);
}

function fromNumber(n: number, format: DateFormat, timeZone: string): SourceTime {
  if (!Number.isFinite(n)) return { ok: false, error: 'not a finite number' };
  if (format === 'epoch_s')
    return Number.isInteger(n)
      ? { ok: true, ms: n * 1000, dateOnly: false }
      : { ok: false, error: 'epoch seconds must be a whole number' };
  if (format === 'auto' && n > 0 && n <= EXCEL_MAX_SERIAL) return fromExcelSerial(n, timeZone);
  if (format === 'auto' || format === 'epoch_ms') {
    const t = parseWireTime(n, timeZone);
    return t.ok ? { ok: true, ms: t.ms, dateOnly: false } : t;
  }
  return { ok: false, error: `a number is not a ${format} date` };
}

const EXPECTED: Readonly<Record<DateFormat, string>> = {
  auto: 'expected dd/MM/yyyy[ HH:mm[:ss]], ISO 8601, epoch milliseconds or an Excel date',
  iso: 'expected ISO 8601, e.g. 2025-07-01T08:30:00+07:00',
  epoch_ms: 'expected epoch milliseconds',
  epoch_s: 'expected epoch seconds',
  'dd/MM/yyyy': 'expected dd/MM/yyyy[ HH:mm[:ss]]',
  'MM/dd/yyyy': 'expected MM/dd/yyyy[ HH:mm[:ss]]',
};

/** Reads one source value as a time; never throws. `dateOnly` tells a bare date from a midnight. */
export function readSourceTime(value: unknown, format: DateFormat, timeZone: string): SourceTime {
  if (value instanceof Date) return fromWallClockDate(value, timeZone);
  if (typeof value === 'number') return fromNumber(value, format, timeZone);
  if (typeof value !== 'string') return { ok: false, error: `${EXPECTED[format]}, got ${typeof value}` };
  const text = value.trim();
  const bad = (): SourceTime => ({ ok: false, error: `"${text.slice(0, 40)}" is not a date (${EXPECTED[format]})` });
  if (/^-?\d+(\.\d+)?$/.test(text) && format !== 'iso' && format !== 'dd/MM/yyyy' && format !== 'MM/dd/yyyy')
    return fromNumber(Number(text), format, timeZone);
  if (format === 'auto' || format === 'dd/MM/yyyy' || format === 'MM/dd/yyyy') {
    const t = fromDmy(text, format === 'MM/dd/yyyy' ? 'mdy' : 'dmy', timeZone);
    if (t) return t;
    if (format !== 'auto') return bad();
  }
  if (format === 'auto' || format === 'iso') {
    if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return bad();
    const t = parseWireTime(text, timeZone);
    return t.ok ? { ok: true, ms: t.ms, dateOnly: /^\d{4}-\d{2}-\d{2}$/.test(text) } : bad();
  }
  return bad();
}
