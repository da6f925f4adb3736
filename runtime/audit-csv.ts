/**
 * The audit trail as CSV (GET /api/admin/audit/export): one line per row, the time in the city's
 * zone with its offset, the detail as JSON text. UTF-8 with a BOM so Excel reads Vietnamese.
 *
 * The trail holds text that outsiders chose (a name typed at the sign-in form, a device's camera
 * name): a cell that starts like a formula (= + - @, tab, CR) is prefixed with ' so a spreadsheet
 * shows it instead of running it (OWASP "CSV injection").
 */
import type { AuditRow } from '../contracts/audit';
import { zoneOffsetMinutes } from '../contracts/time';

export const AUDIT_CSV_BOM = '\uFEFF';

const HEADERS = {
  vi: ['Thời điểm', 'Nguồn', 'Người thực hiện', 'Hành động', 'Đối tượng', 'Địa chỉ', 'Chi tiết'],
  en: ['Time', 'Source', 'Actor', 'Action', 'Target', 'Address', 'Detail'],
} as const;

export function csvCell(v: string | null): string {
  if (v === null) return '';
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** `2026-11-25T14:30:01.123+07:00`: the wall clock of the city, unambiguous. */
export function localIso(ms: number, timeZone: string): string {
  const off = zoneOffsetMinutes(ms, timeZone);
  const local = new Date(ms + off * 60_000).toISOString().slice(0, 23);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export const auditCsvHeader = (lang: 'vi' | 'en'): string => `${HEADERS[lang].map(csvCell).join(',')}\r\n`;

export const auditCsvLine = (r: AuditRow, timeZone: string): string =>
  `${[localIso(r.atMs, timeZone), r.source, r.actor, r.action, r.target, r.ip, JSON.stringify(r.detail ?? {})].map(csvCell).join(',')}\r\n`;
