/** The home page's city overview: what the `overview` channel carries. */
export interface OverviewReading {
  deviceId: string;
  name: string;
  kind: string | null;
  wardName: string | null;
  metric: string;
  value: number;
  timeMs: number;
}

export interface CityOverview {
  generatedAt: number;
  sensors: { total: number; online: number; unplaced: number };
  cameras: { total: number; online: number };
  casesToday: { received: number; resolved: number; overdueNow: number };
  documentsToday: { registered: number; processed: number };
  /** Newest reading per sensor of the headline metrics (pm25, water_level_cm, noise_db), newest first. */
  latestReadings: OverviewReading[];
  readingsLastMinute: number;
  rejectsLastHour: number;
}

/** A sensor or camera counts as online when it reported within this window. */
export const ONLINE_WINDOW_MS = 5 * 60 * 1000;
