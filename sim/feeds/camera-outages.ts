/**
 * When cameras are down. Each camera, in each 6-hour slot, may suffer one outage (a
 * power cut, a broken fibre, a reboot loop): usually minutes, sometimes hours. Keyed by
 * slot, so "is cam-042 online at 14:03?" has one answer however the timeline is cut.
 */
import type { CityModel, SimCamera } from '../city-model';
import { HOUR, MINUTE } from '../clock';
import { rngFor } from '../rng';

const SLOT_MS = 6 * HOUR;
/** Chance of an outage starting in a slot: ~1–2 % of cameras are down at any moment. */
const OUTAGE_CHANCE = 0.08;

export interface Outage {
  start: number;
  end: number;
}

/** The outage that starts in this slot, if any; always shorter than a slot. */
export function outageInSlot(model: CityModel, camera: SimCamera, slot: number): Outage | null {
  const rng = rngFor(model.seed, camera.key, 'outage', slot);
  if (!rng.chance(OUTAGE_CHANCE)) return null;
  const start = Math.floor(slot * SLOT_MS + rng.range(0, SLOT_MS));
  const minutes = rng.chance(0.85) ? rng.range(3, 60) : rng.range(60, 300);
  return { start, end: start + Math.floor(minutes * MINUTE) };
}

export function isOnline(model: CityModel, camera: SimCamera, ms: number): boolean {
  const slot = Math.floor(ms / SLOT_MS);
  for (const s of [slot - 1, slot]) {
    const o = outageInSlot(model, camera, s);
    if (o && ms >= o.start && ms < o.end) return false;
  }
  return true;
}

/** Outage starts and ends inside the window, in time order: status changes to report at once. */
export function transitions(
  model: CityModel,
  camera: SimCamera,
  from: number,
  to: number,
): { ts: number; online: boolean }[] {
  const out: { ts: number; online: boolean }[] = [];
  for (let s = Math.floor(from / SLOT_MS) - 1; s <= Math.floor(to / SLOT_MS); s++) {
    const o = outageInSlot(model, camera, s);
    if (!o) continue;
    // State at the instant, not "start = down, end = up": two outages may overlap.
    for (const ts of [o.start, o.end]) if (ts >= from && ts < to) out.push({ ts, online: isOnline(model, camera, ts) });
  }
  return out.sort((a, b) => a.ts - b.ts);
}
