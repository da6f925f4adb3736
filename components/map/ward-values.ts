/** Per-ward values for the choropleth, computed in the browser from live channel data. */
import type { AgencyCaseFigures, SensorState } from '../../contracts/channels';

export type { ChoroplethKind } from '../../contracts/wall';

/** Mean of the latest PM2.5 of the sensors placed in each ward (sensors without one are left out). */
export function pm25ByWard(sensors: Iterable<SensorState>): Record<string, number> {
  const sum = new Map<string, { total: number; n: number }>();
  for (const s of sensors) {
    const v = s.values.pm25;
    if (s.wardCode === null || v === undefined || !Number.isFinite(v)) continue;
    const acc = sum.get(s.wardCode) ?? { total: 0, n: 0 };
    acc.total += v;
    acc.n++;
    sum.set(s.wardCode, acc);
  }
  return Object.fromEntries([...sum].map(([code, { total, n }]) => [code, total / n]));
}

/** Dossiers received today by the people's committee of each ward/commune (agencies with a ward). */
export function casesByWard(byAgency: Iterable<AgencyCaseFigures>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of byAgency) if (a.wardCode !== null) out[a.wardCode] = (out[a.wardCode] ?? 0) + a.received;
  return out;
}
