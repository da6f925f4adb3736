/** Ray casting over GeoJSON rings (lon/lat); holes subtract. Good enough at ward scale. */

export type Ring = readonly (readonly number[])[];
export type PolygonCoords = readonly Ring[];

function inRing(lon: number, lat: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i]![0]!;
    const yi = ring[i]![1]!;
    const xj = ring[j]![0]!;
    const yj = ring[j]![1]!;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function inPolygon(lon: number, lat: number, polygon: PolygonCoords): boolean {
  if (polygon.length === 0 || !inRing(lon, lat, polygon[0]!)) return false;
  for (let h = 1; h < polygon.length; h++) if (inRing(lon, lat, polygon[h]!)) return false;
  return true;
}

export type BBox = [number, number, number, number];

export function bboxOf(polygons: readonly PolygonCoords[]): BBox {
  const b: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const poly of polygons)
    for (const [x, y] of poly[0] ?? []) {
      if (x! < b[0]) b[0] = x!;
      if (y! < b[1]) b[1] = y!;
      if (x! > b[2]) b[2] = x!;
      if (y! > b[3]) b[3] = y!;
    }
  return b;
}
