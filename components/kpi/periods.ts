/**
 * The review periods a leader picks from: today, this week (Monday first, as in Vietnam), this
 * month, quarter and year — each up to today — or a custom range. Local calendar dates, YYYY-MM-DD.
 */
export const PERIODS = ['today', 'week', 'month', 'quarter', 'year', 'custom'] as const;
export type Period = (typeof PERIODS)[number];

const DAY = 86_400_000;
const iso = (utcMidnight: number) => new Date(utcMidnight).toISOString().slice(0, 10);

/** Today's date in the zone, as YYYY-MM-DD. */
export function localToday(nowMs: number, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    nowMs,
  );
}

/** The calendar days a period covers up to `today` (both ends included, YYYY-MM-DD in the city), as /api/kpi reads them. */
export function periodDays(period: Exclude<Period, 'custom'>, today: string): { from: string; to: string } {
  const t = Date.parse(`${today}T00:00:00Z`);
  const d = new Date(t);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  switch (period) {
    case 'today':
      return { from: today, to: today };
    case 'week':
      return { from: iso(t - ((d.getUTCDay() + 6) % 7) * DAY), to: today };
    case 'month':
      return { from: iso(Date.UTC(y, m, 1)), to: today };
    case 'quarter':
      return { from: iso(Date.UTC(y, m - (m % 3), 1)), to: today };
    case 'year':
      return { from: iso(Date.UTC(y, 0, 1)), to: today };
  }
}
