/** How a KPI's value reads, by its unit (counts whole, shares as %, ratings to 2 decimals, hours to 1). */
import type { KpiUnit } from '../../contracts/kpi-definitions';

export function formatKpi(unit: KpiUnit, v: number | null, number: (n: number, digits?: number) => string): string {
  if (v === null || !Number.isFinite(v)) return '—';
  switch (unit) {
    case 'count':
      return number(v);
    case 'share':
      return `${number(v * 100, 1)} %`;
    case 'score':
      return number(v, 2);
    case 'hours':
      return `${number(v, 1)} h`;
  }
}

/** The change from the previous period, in the KPI's unit (shares in percentage points). */
export function formatDelta(
  unit: KpiUnit,
  delta: number,
  number: (n: number, digits?: number) => string,
  points: (n: string) => string,
): string {
  const abs = Math.abs(delta);
  switch (unit) {
    case 'count':
      return number(abs);
    case 'share':
      return points(number(abs * 100, 1));
    case 'score':
      return number(abs, 2);
    case 'hours':
      return `${number(abs, 1)} h`;
  }
}
