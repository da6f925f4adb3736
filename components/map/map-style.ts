import type { StyleSpecification } from 'maplibre-gl';

/**
 * The offline basemap: the provinces around the city, the city's outline and its wards, all from
 * files in public/geo (no tile server, no fonts: air-gapped centres are common). Dark for the wall.
 */
export function offlineStyle(geo: { wards: string; boundary: string; provinces: string }): StyleSpecification {
  return {
    version: 8,
    sources: {
      provinces: { type: 'geojson', data: `/${geo.provinces}` },
      boundary: { type: 'geojson', data: `/${geo.boundary}` },
      wards: { type: 'geojson', data: `/${geo.wards}` },
    },
    layers: [
      { id: 'sea', type: 'background', paint: { 'background-color': '#0a1a2f' } },
      { id: 'provinces-fill', type: 'fill', source: 'provinces', paint: { 'fill-color': '#172235' } },
      { id: 'provinces-line', type: 'line', source: 'provinces', paint: { 'line-color': '#2c3a55', 'line-width': 1 } },
      { id: 'city-fill', type: 'fill', source: 'boundary', paint: { 'fill-color': '#1b2a44' } },
      { id: 'wards-line', type: 'line', source: 'wards', paint: { 'line-color': '#34486b', 'line-width': 0.6 } },
      { id: 'city-line', type: 'line', source: 'boundary', paint: { 'line-color': '#6f8fc2', 'line-width': 1.6 } },
    ],
  };
}

/** The attribution lines public/geo/NOTICE.md requires wherever the boundary data is shown. */
export const GEO_ATTRIBUTION = [
  'Ranh giới phường/xã (từ 01/07/2025): Vietnamese Provinces Database – Thang Le Quoc (github.com/thanglequoc/vietnamese-provinces-database), MIT; nguồn: Bản đồ ĐVHC, NXB Tài nguyên – Môi trường và Bản đồ Việt Nam (sapnhap.bando.com.vn)',
  'Ranh giới tỉnh: Open Development Vietnam – “Địa phận tỉnh” (nguồn: Cục Đo đạc và Bản đồ Việt Nam), CC BY-SA 4.0; đã đơn giản hoá',
];
