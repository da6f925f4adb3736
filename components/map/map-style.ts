import type { StyleSpecification } from 'maplibre-gl';

export type MapTheme = 'dark' | 'light';

const PALETTE: Record<
  MapTheme,
  { sea: string; land: string; landLine: string; city: string; wards: string; cityLine: string }
> = {
  dark: {
    sea: '#0a1a2f',
    land: '#172235',
    landLine: '#2c3a55',
    city: '#1b2a44',
    wards: '#34486b',
    cityLine: '#6f8fc2',
  },
  light: {
    sea: '#cfe3f3',
    land: '#eef0ec',
    landLine: '#c4c9c2',
    city: '#fbfbf8',
    wards: '#c3cbd6',
    cityLine: '#5b7fae',
  },
};

/**
 * The offline basemap: the provinces around the city, the city's outline and its wards, all from
 * files in public/geo (no tile server, no fonts: air-gapped centres are common). Dark for the wall,
 * light for the desk pages.
 */
export function offlineStyle(
  geo: { wards: string; boundary: string; provinces: string },
  theme: MapTheme = 'dark',
): StyleSpecification {
  const c = PALETTE[theme];
  return {
    version: 8,
    sources: {
      provinces: { type: 'geojson', data: `/${geo.provinces}` },
      boundary: { type: 'geojson', data: `/${geo.boundary}` },
      wards: { type: 'geojson', data: `/${geo.wards}` },
    },
    layers: [
      { id: 'sea', type: 'background', paint: { 'background-color': c.sea } },
      { id: 'provinces-fill', type: 'fill', source: 'provinces', paint: { 'fill-color': c.land } },
      { id: 'provinces-line', type: 'line', source: 'provinces', paint: { 'line-color': c.landLine, 'line-width': 1 } },
      { id: 'city-fill', type: 'fill', source: 'boundary', paint: { 'fill-color': c.city } },
      { id: 'wards-line', type: 'line', source: 'wards', paint: { 'line-color': c.wards, 'line-width': 0.6 } },
      { id: 'city-line', type: 'line', source: 'boundary', paint: { 'line-color': c.cityLine, 'line-width': 1.6 } },
    ],
  };
}

/** The attribution lines public/geo/NOTICE.md requires wherever the boundary data is shown. */
export const GEO_ATTRIBUTION = [
  'Ranh giới phường/xã (từ 01/07/2025): Vietnamese Provinces Database – Thang Le Quoc (github.com/thanglequoc/vietnamese-provinces-database), MIT; nguồn: Bản đồ ĐVHC, NXB Tài nguyên – Môi trường và Bản đồ Việt Nam (sapnhap.bando.com.vn)',
  'Ranh giới tỉnh: Open Development Vietnam – “Địa phận tỉnh” (nguồn: Cục Đo đạc và Bản đồ Việt Nam), CC BY-SA 4.0; đã đơn giản hoá',
];
