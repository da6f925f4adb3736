import type { CityProfile } from '../contracts/city';
import { haiphong } from './haiphong';

/** Known cities. A new province is a new folder here plus its boundary files in `public/geo/`. */
export const CITIES: Readonly<Record<string, CityProfile>> = { haiphong };

export function cityProfile(id: string): CityProfile {
  const city = CITIES[id];
  if (!city) throw new Error(`CITY: unknown city "${id}"; known: ${Object.keys(CITIES).join(', ')}`);
  return city;
}
