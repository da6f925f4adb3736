'use client';
import { createContext, useContext, type ReactNode } from 'react';
import type { KpiTargets } from '../../contracts/targets';

/** What the browser needs to know of the city: its map files and frame, and its KPI targets. */
export interface CityContext {
  targets: KpiTargets;
  map: {
    geo: { wards: string; boundary: string; provinces: string };
    bbox: [number, number, number, number];
    styleUrl: string | null;
  };
  /** A camera not heard from for this long is offline (CAMERA_OFFLINE_AFTER_S). */
  cameraOfflineAfterMs: number;
}

const Ctx = createContext<CityContext | null>(null);

export function CityProvider({ value, children }: { value: CityContext; children: ReactNode }) {
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useCity(): CityContext {
  const v = useContext(Ctx);
  if (!v) throw new Error('useCity outside CityProvider');
  return v;
}
