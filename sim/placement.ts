/**
 * Puts a device at a point inside a real ward polygon: pick a ward by weight, then
 * rejection-sample its bounding box until `wardAt` agrees. Using the same `wardAt` as the
 * ingest means the product derives the same ward for the device as the simulator meant.
 */
import { wardAt, type Ward } from '../geo/wards';
import type { Rng } from './rng';

export interface Placement {
  lon: number;
  lat: number;
  ward: Ward;
}

export type DeviceRole = 'camera' | 'air' | 'noise' | 'water' | 'weather';

/** Codes of the former Hải Phòng city (11xxx ≥ 11300); lower codes were Hải Dương province. */
export function isFormerHaiphong(ward: Ward): boolean {
  return Number(ward.code) >= 11300;
}

export function isUrban(ward: Ward): boolean {
  return ward.type === 'Phường';
}

/** On the sea or a tidal estuary: where tide gauges and surge matter most. */
const COASTAL = new Set([
  '11411',
  '11413',
  '11455',
  '11737',
  '11749',
  '11809',
  '11875',
  '11914',
  '11948',
  '11542',
  '11473',
  '11359',
]);

export function isCoastal(ward: Ward): boolean {
  return COASTAL.has(ward.code);
}

/** Remote islands get only what really stands there: a weather station and a tide gauge. */
const ISLANDS = new Set(['11948']);

/**
 * How likely a device of `role` is in `ward`. Cameras, air and noise stations cluster in
 * urban wards (phường) of the old city core; water gauges follow the coast and rivers;
 * weather stations spread evenly.
 */
export function wardWeight(role: DeviceRole, ward: Ward): number {
  const island = ISLANDS.has(ward.code);
  const urban = isUrban(ward);
  const core = isFormerHaiphong(ward);
  switch (role) {
    case 'camera':
      return island ? 0 : urban ? (core ? 10 : 4) : 0.6;
    case 'air':
      return island ? 0 : urban ? (core ? 6 : 4) : 1;
    case 'noise':
      return island ? 0 : urban ? (core ? 8 : 4) : 0.5;
    case 'water':
      return isCoastal(ward) ? 5 : 1;
    case 'weather':
      return 1;
  }
}

/** A point inside a ward chosen by `wardWeight`; throws only if the ward data is broken. */
export function placeDevice(rng: Rng, wards: readonly Ward[], role: DeviceRole): Placement {
  for (let attempt = 0; attempt < 20; attempt++) {
    const ward = rng.weighted(wards, (w) => wardWeight(role, w));
    const [x0, y0, x1, y1] = ward.bbox;
    for (let i = 0; i < 500; i++) {
      // Round before checking, so the published point is the point that was checked.
      const lon = round6(rng.range(x0, x1));
      const lat = round6(rng.range(y0, y1));
      if (wardAt(wards, lon, lat)?.code === ward.code) return { lon, lat, ward };
    }
  }
  throw new Error(`placement: could not place a ${role} device inside any ward polygon`);
}

/** ~10 cm: plenty for a map, and the value we check is the value we publish. */
function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
