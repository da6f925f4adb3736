/**
 * The simulated city: where every sensor and camera stands, what it is called and its
 * personality (bias, reporting phase, flood-prone road…). Built once from the city
 * profile and the seed; everything the feeds publish is a function of this and the clock.
 */
import type { Agency, CityProfile } from '../contracts/city';
import { loadWards, type Ward } from '../geo/wards';
import { cameraSite, sensorName, uniqueNamer } from './names';
import { isFormerHaiphong, isUrban, placeDevice, type DeviceRole } from './placement';
import type { PlateHome } from './plates';
import { hash32, Rng } from './rng';

export type SensorKind = 'air' | 'water' | 'noise' | 'weather';
export const SENSOR_KIND_SHARES: Readonly<Record<SensorKind, number>> = {
  air: 0.4,
  water: 0.2,
  noise: 0.2,
  weather: 0.2,
};

export interface SimSensor {
  id: string;
  kind: SensorKind;
  name: string;
  lon: number;
  lat: number;
  ward: Ward;
  /** Keys this device's smooth noise, so two stations never wander in lockstep. */
  key: number;
  /** Where in its reporting period the device speaks (0–1): staggers the fleet. */
  phase: number;
  /** Station personality in [-1, 1]: a busy junction reads higher than a park. */
  bias: number;
}

export interface SimCamera {
  id: string;
  name: string;
  road: string;
  lon: number;
  lat: number;
  ward: Ward;
  key: number;
  phase: number;
  /** HLS URL; only metadata for now (nothing serves it). */
  streamUrl?: string;
  /** A low road that floods in heavy rain (Hải Phòng has many). */
  floodProne: boolean;
  plateHome: PlateHome;
  nominalFps: number;
  nominalKbps: number;
}

export interface CityModel {
  city: CityProfile;
  seed: number;
  sensors: readonly SimSensor[];
  cameras: readonly SimCamera[];
  agencies: readonly Agency[];
  wards: readonly Ward[];
}

export interface CityModelOptions {
  /** Total sensors (default 240, split 40/20/20/20 % air/water/noise/weather). */
  sensors?: number;
  cameras?: number;
  /** Base of camera stream URLs; `{base}/{cameraId}/index.m3u8`. */
  streamBaseUrl?: string;
  /** Share of cameras that advertise a stream. */
  streamShare?: number;
  /** Wards to place devices in; loaded from the city's boundary file by default. */
  wards?: readonly Ward[];
}

export const DEFAULT_SENSORS = 240;
export const DEFAULT_CAMERAS = 100;

const pad3 = (n: number): string => String(n).padStart(3, '0');

export function buildCityModel(city: CityProfile, seed: number, options: CityModelOptions = {}): CityModel {
  const wards = options.wards ?? loadWards(city);
  const total = options.sensors ?? DEFAULT_SENSORS;
  const rng = new Rng(hash32(seed, 'city-model', city.id));
  const name = uniqueNamer();

  const sensors: SimSensor[] = [];
  const kinds = Object.keys(SENSOR_KIND_SHARES) as SensorKind[];
  for (const kind of kinds) {
    const count = kindCount(kind, total, kinds);
    for (let i = 1; i <= count; i++) {
      const id = `${kind}-${pad3(i)}`;
      const at = placeDevice(rng, wards, kind satisfies DeviceRole);
      sensors.push({
        id,
        kind,
        name: name(sensorName(kind, at.ward.name, at.ward.code)),
        lon: at.lon,
        lat: at.lat,
        ward: at.ward,
        key: hash32(seed, id),
        phase: rng.float(),
        bias: rng.range(-1, 1),
      });
    }
  }

  const cameras: SimCamera[] = [];
  const cameraCount = options.cameras ?? DEFAULT_CAMERAS;
  // No default: a stream URL nobody serves would only make every tile report a failed stream.
  const streamBase = options.streamBaseUrl;
  const streamShare = options.streamShare ?? 0.4;
  for (let i = 1; i <= cameraCount; i++) {
    const id = `cam-${pad3(i)}`;
    const at = placeDevice(rng, wards, 'camera');
    const area = !isUrban(at.ward) ? 'rural' : isFormerHaiphong(at.ward) ? 'haiphong' : 'haiduong';
    const site = cameraSite(rng, area);
    const fps = rng.weighted([25, 15, 30], (f) => (f === 25 ? 6 : 2));
    const camera: SimCamera = {
      id,
      name: name(site.name),
      road: site.road,
      lon: at.lon,
      lat: at.lat,
      ward: at.ward,
      key: hash32(seed, id),
      phase: rng.float(),
      floodProne: rng.chance(area === 'haiphong' ? 0.35 : 0.2),
      plateHome: isFormerHaiphong(at.ward) ? 'haiphong' : 'haiduong',
      nominalFps: fps,
      nominalKbps: Math.round(rng.range(1500, 4000)),
    };
    // Drawn with or without a base, so the city is the same either way.
    if (rng.chance(streamShare) && streamBase) camera.streamUrl = `${streamBase}/${id}/index.m3u8`;
    cameras.push(camera);
  }

  return { city, seed, sensors, cameras, agencies: city.agencies, wards };
}

/** Count per kind; the rounding remainder goes to air so the total is exact. */
function kindCount(kind: SensorKind, total: number, kinds: readonly SensorKind[]): number {
  const others = kinds.filter((k) => k !== 'air').reduce((s, k) => s + Math.round(total * SENSOR_KIND_SHARES[k]), 0);
  return kind === 'air' ? total - others : Math.round(total * SENSOR_KIND_SHARES[kind]);
}
