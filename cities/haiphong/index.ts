import type { Agency, CityProfile } from '../../contracts/city';

/**
 * Hải Phòng after the 1 July 2025 reform (code 31, merged with Hải Dương).
 * Province-level departments as restructured in 2025, plus the people's committees
 * of a selection of wards/communes (the simulator feeds these; more are a data change).
 */
const departments: Agency[] = [
  ['so-noi-vu', 'Sở Nội vụ', 'Department of Home Affairs'],
  ['so-tai-chinh', 'Sở Tài chính', 'Department of Finance'],
  ['so-tu-phap', 'Sở Tư pháp', 'Department of Justice'],
  ['so-xay-dung', 'Sở Xây dựng', 'Department of Construction'],
  ['so-nn-mt', 'Sở Nông nghiệp và Môi trường', 'Department of Agriculture and Environment'],
  ['so-cong-thuong', 'Sở Công Thương', 'Department of Industry and Trade'],
  ['so-khcn', 'Sở Khoa học và Công nghệ', 'Department of Science and Technology'],
  ['so-gddt', 'Sở Giáo dục và Đào tạo', 'Department of Education and Training'],
  ['so-y-te', 'Sở Y tế', 'Department of Health'],
  ['so-vhttdl', 'Sở Văn hóa, Thể thao và Du lịch', 'Department of Culture, Sports and Tourism'],
  ['so-ngoai-vu', 'Sở Ngoại vụ', 'Department of Foreign Affairs'],
  ['so-dan-toc-ton-giao', 'Sở Dân tộc và Tôn giáo', 'Department of Ethnic Minorities and Religion'],
  ['bql-kkt', 'Ban Quản lý Khu kinh tế Hải Phòng', 'Hai Phong Economic Zone Authority'],
  ['cong-an-tp', 'Công an thành phố', 'City Police'],
].map(([id, name_vi, name_en]) => ({ id: id!, name_vi: name_vi!, name_en: name_en!, level: 'province' as const }));

const communes: Agency[] = [
  ['11311', 'Phường Hồng Bàng', 'Hong Bang Ward'],
  ['11329', 'Phường Ngô Quyền', 'Ngo Quyen Ward'],
  ['11383', 'Phường Lê Chân', 'Le Chan Ward'],
  ['11413', 'Phường Hải An', 'Hai An Ward'],
  ['11443', 'Phường Kiến An', 'Kien An Ward'],
  ['11455', 'Phường Đồ Sơn', 'Do Son Ward'],
  ['11560', 'Phường Thuỷ Nguyên', 'Thuy Nguyen Ward'],
  ['11581', 'Phường An Dương', 'An Duong Ward'],
  ['11629', 'Xã An Lão', 'An Lao Commune'],
  ['11680', 'Xã Kiến Thuỵ', 'Kien Thuy Commune'],
  ['11755', 'Xã Tiên Lãng', 'Tien Lang Commune'],
  ['11824', 'Xã Vĩnh Bảo', 'Vinh Bao Commune'],
  ['11914', 'Đặc khu Cát Hải', 'Cat Hai Special Zone'],
  ['10525', 'Phường Hải Dương', 'Hai Duong Ward'],
  ['10546', 'Phường Chí Linh', 'Chi Linh Ward'],
  ['10507', 'Phường Thành Đông', 'Thanh Dong Ward'],
].map(([code, name, nameEn]) => ({
  id: `ubnd-${code}`,
  name_vi: `UBND ${name}`,
  name_en: `People's Committee of ${nameEn}`,
  level: 'commune' as const,
  wardCode: code,
}));

export const haiphong: CityProfile = {
  id: 'haiphong',
  name_vi: 'Thành phố Hải Phòng',
  name_en: 'Hai Phong City',
  provinceCode: '31',
  timeZone: 'Asia/Ho_Chi_Minh',
  center: [106.68, 20.86],
  bbox: [106.1243, 20.1231, 107.7431, 21.2374],
  // The mainland and Cát Bà; Bạch Long Vĩ (107.7° E, 110 km offshore) would shrink the city to a corner.
  mapBounds: [106.12, 20.6, 107.12, 21.24],
  geo: {
    wards: 'geo/haiphong-wards.geojson',
    boundary: 'geo/haiphong-boundary-2025.geojson',
    provinces: 'geo/vietnam-provinces-2025.geojson',
  },
  agencies: [...departments, ...communes],
  // Decision 766/QĐ-TTg scores dossiers resolved on time and online; the levels here are the
  // operations centre's working targets, to be set by the city (shares are 0–1).
  targets: {
    'cases.onTimeRate': { direction: 'higher', good: 0.95, warn: 0.85 },
    'cases.onlineShare': { direction: 'higher', good: 0.8, warn: 0.5 },
    'cases.overdueNow': { direction: 'lower', good: 0, warn: 20 },
    'documents.signedShare': { direction: 'higher', good: 0.9, warn: 0.7 },
    'documents.overdueNow': { direction: 'lower', good: 0, warn: 10 },
    'sensors.onlineShare': { direction: 'higher', good: 0.95, warn: 0.85 },
    'cameras.onlineShare': { direction: 'higher', good: 0.95, warn: 0.85 },
  },
};
