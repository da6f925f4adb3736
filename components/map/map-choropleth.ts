'use client';
/** The wards a choropleth colours, the value of each, and the scale that maps values to colours. */
import { useEffect, useMemo, useState } from 'react';
import type { AgencyCaseFigures, SensorState } from '../../contracts/channels';
import { BLUES, equalBreaks, fixedScale, REDS, type ChoroplethScale, type WardCollection } from './choropleth';
import { BANDS } from './thresholds';
import { casesByWard, pm25ByWard, type ChoroplethKind } from './ward-values';

/** Ward polygons are fetched once per page and shared by every map on it. */
let wardsOnce: Promise<WardCollection> | null = null;
function loadWards(url: string): Promise<WardCollection> {
  wardsOnce ??= fetch(url).then((r) => {
    if (!r.ok) throw new Error(`ward boundaries: HTTP ${r.status}`);
    return r.json() as Promise<WardCollection>;
  });
  return wardsOnce;
}

/** PM2.5 wards use the sensor bands' breaks, so map and legend agree with the point colours. */
export const PM25_SCALE: ChoroplethScale = fixedScale(
  BANDS.pm25!.slice(0, -1).map((b) => b.upTo),
  BANDS.pm25!.map((b) => b.color),
);

export interface ChoroplethInputs {
  kind: ChoroplethKind | null;
  wardsUrl: string;
  sensors: Readonly<Record<string, SensorState>> | null;
  byAgency: readonly AgencyCaseFigures[] | undefined;
  /** Values given by the caller (a review period) instead of today's live figures. */
  given: Readonly<Record<string, number>> | undefined;
}

export function useChoropleth({ kind, wardsUrl, sensors, byAgency, given }: ChoroplethInputs) {
  const [wards, setWards] = useState<WardCollection | null>(null);
  useEffect(() => {
    if (!kind) return;
    let alive = true;
    loadWards(wardsUrl).then(
      (w) => alive && setWards(w),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [kind, wardsUrl]);

  const values = useMemo((): Readonly<Record<string, number>> => {
    if (kind === 'pm25') return pm25ByWard(Object.values(sensors ?? {}));
    if (kind === 'cases') return given ?? casesByWard(byAgency ?? []);
    return {};
  }, [kind, sensors, byAgency, given]);
  const scale = useMemo(
    () =>
      kind === 'pm25'
        ? PM25_SCALE
        : equalBreaks(Object.values(values), kind === 'cases' ? BLUES : REDS, kind === 'cases'),
    [kind, values],
  );
  return { wards, values, scale };
}
