import { ONLINE_WINDOW_MS, type CityOverview } from '../contracts/overview';
import { zoneOffsetMinutes } from '../contracts/time';
import type { Queryable } from './adapter';
import { sql } from './sql';

type Count = number | bigint;
interface CountsRow {
  sensors_total: Count;
  sensors_online: Count;
  sensors_unplaced: Count;
  cameras_total: Count;
  cameras_online: Count;
  cases_received: Count;
  cases_resolved: Count;
  cases_overdue: Count;
  docs_registered: Count;
  docs_processed: Count;
  readings_last_minute: Count;
  rejects_last_hour: Count;
  [k: string]: unknown;
}
interface ReadingRow {
  device_id: string;
  name: string;
  kind: string | null;
  ward_name: string | null;
  metric: string;
  value: number;
  time: Date;
  [k: string]: unknown;
}

/** Midnight today in the city's time zone, as an instant. */
export function startOfLocalDay(nowMs: number, timeZone: string): number {
  const offset = zoneOffsetMinutes(nowMs, timeZone) * 60_000;
  return Math.floor((nowMs + offset) / 86_400_000) * 86_400_000 - offset;
}

/** `agencies`: whose dossiers and documents count — null for the whole city, a scoped leader's list otherwise. */
export async function queryOverview(
  db: Queryable,
  timeZone: string,
  nowMs = Date.now(),
  agencies: readonly string[] | null = null,
): Promise<CityOverview> {
  const since = new Date(nowMs - ONLINE_WINDOW_MS).toISOString();
  const today = new Date(startOfLocalDay(nowMs, timeZone)).toISOString();
  const now = new Date(nowMs).toISOString();
  const [
    {
      rows: [c],
    },
    { rows: readings },
  ] = await Promise.all([
    db.query<CountsRow>(sql('overview-counts'), [since, today, now, agencies === null ? null : [...agencies]]),
    db.query<ReadingRow>(sql('overview-latest-readings'), [since, 12]),
  ]);
  if (!c) throw new Error('overview: the counts query returned no row');
  const n = (v: Count) => Number(v);
  return {
    generatedAt: nowMs,
    sensors: { total: n(c.sensors_total), online: n(c.sensors_online), unplaced: n(c.sensors_unplaced) },
    cameras: { total: n(c.cameras_total), online: n(c.cameras_online) },
    casesToday: { received: n(c.cases_received), resolved: n(c.cases_resolved), overdueNow: n(c.cases_overdue) },
    documentsToday: { registered: n(c.docs_registered), processed: n(c.docs_processed) },
    latestReadings: readings.map((r) => ({
      deviceId: r.device_id,
      name: r.name,
      kind: r.kind,
      wardName: r.ward_name,
      metric: r.metric,
      value: r.value,
      timeMs: new Date(r.time).getTime(),
    })),
    readingsLastMinute: n(c.readings_last_minute),
    rejectsLastHour: n(c.rejects_last_hour),
  };
}
