/** What the product needs to know about a city; one file per city under `cities/`. */
import type { KpiTargets } from './targets';

export interface CityProfile {
  /** Topic segment and config value, e.g. `haiphong`. */
  id: string;
  name_vi: string;
  name_en: string;
  /** GSO province code (2025 structure). */
  provinceCode: string;
  timeZone: string;
  /** [lon, lat] of the default map view. */
  center: [number, number];
  /** [west, south, east, north] of all the city's territory. */
  bbox: [number, number, number, number];
  /** What the map frames by default (far islands left out so the city fills the screen). */
  mapBounds: [number, number, number, number];
  /** Files under `public/geo/`. */
  geo: { wards: string; boundary: string; provinces: string };
  agencies: readonly Agency[];
  /** Targets of the headline indicators (traffic-light colours). */
  targets: KpiTargets;
}

export interface Agency {
  id: string;
  name_vi: string;
  name_en: string;
  level: 'province' | 'commune';
  /** For commune-level people's committees: the ward/commune code they serve. */
  wardCode?: string;
}
