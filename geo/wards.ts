/**
 * The city's commune-level units (phường/xã/đặc khu) from `public/geo/`, and the lookup
 * that places a device in one by its lon/lat. Loaded once per process (the file is ~1 MB).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { CityProfile } from '../contracts/city';
import { bboxOf, inPolygon, type BBox, type PolygonCoords } from './point-in-polygon';

export interface Ward {
  code: string;
  name: string;
  fullName: string;
  nameEn: string;
  type: string;
  polygons: PolygonCoords[];
  bbox: BBox;
}

const position = z.array(z.number()).min(2);
const polygon = z.array(z.array(position));
const featureSchema = z.object({
  properties: z.looseObject({
    code: z.string(),
    name: z.string(),
    full_name: z.string(),
    name_en: z.string(),
    type: z.string(),
  }),
  geometry: z.discriminatedUnion('type', [
    z.object({ type: z.literal('Polygon'), coordinates: polygon }),
    z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(polygon) }),
  ]),
});
const collectionSchema = z.object({ type: z.literal('FeatureCollection'), features: z.array(featureSchema) });

export const PUBLIC_DIR = path.resolve(import.meta.dirname, '..', 'public');

const cache = new Map<string, readonly Ward[]>();

export function loadWards(city: CityProfile): readonly Ward[] {
  const file = path.join(PUBLIC_DIR, city.geo.wards);
  const hit = cache.get(file);
  if (hit) return hit;
  const parsed = collectionSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: not a ward FeatureCollection: ${parsed.error.issues[0]?.message}`);
  const wards = parsed.data.features.map((f): Ward => {
    const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    const p = f.properties;
    return {
      code: p.code,
      name: p.name,
      fullName: p.full_name,
      nameEn: p.name_en,
      type: p.type,
      polygons,
      bbox: bboxOf(polygons),
    };
  });
  cache.set(file, wards);
  return wards;
}

/** The ward containing the point, or null outside the city (e.g. at sea, or a bad GPS fix). */
export function wardAt(wards: readonly Ward[], lon: number, lat: number): Ward | null {
  for (const w of wards) {
    const [x0, y0, x1, y1] = w.bbox;
    if (lon < x0 || lon > x1 || lat < y0 || lat > y1) continue;
    if (w.polygons.some((poly) => inPolygon(lon, lat, poly))) return w;
  }
  return null;
}
