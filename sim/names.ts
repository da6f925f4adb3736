/**
 * Vietnamese names for simulated devices, so the wall reads like the real operations
 * centre ("Camera Lạch Tray – Lê Lợi"), not like a test fixture ("camera 17").
 * Roads are real Hải Phòng / Hải Dương streets; which junction a camera gets is random.
 */
import type { Rng } from './rng';

/** Urban Hải Phòng (former city districts): major roads and landmarks. */
export const HAIPHONG_ROADS = [
  'Lạch Tray',
  'Lê Hồng Phong',
  'Trần Phú',
  'Điện Biên Phủ',
  'Nguyễn Văn Linh',
  'Tôn Đức Thắng',
  'Hùng Vương',
  'Bạch Đằng',
  'Phạm Văn Đồng',
  'Võ Nguyên Giáp',
  'Lê Thánh Tông',
  'Đà Nẵng',
  'Chùa Vẽ',
  'Lê Lợi',
  'Trần Nguyên Hãn',
  'Tô Hiệu',
  'Nguyễn Bỉnh Khiêm',
  'Hoàng Văn Thụ',
  'Cầu Đất',
  'Lý Thường Kiệt',
  'Trần Hưng Đạo',
  'Minh Khai',
  'Ngô Quyền',
  'Lê Duẩn',
  'Máy Tơ',
  'Văn Cao',
  'Thiên Lôi',
  'Trường Chinh',
  'Nguyễn Trãi',
  'Hồ Sen',
] as const;
/** Bridges and national roads: cameras there are named after the structure, not a junction. */
export const HAIPHONG_LANDMARKS = [
  'Cầu Hạ Lý',
  'Cầu Bính',
  'Cầu Rào',
  'Cầu Niệm',
  'Cầu Tân Vũ – Lạch Huyện',
  'Cầu Hoàng Văn Thụ',
  'QL5 – Quán Toan',
  'QL10 – Cầu Kiền',
  'QL5 – Nút giao Nguyễn Văn Linh',
  'Cảng Chùa Vẽ',
] as const;
/** Urban Hải Dương (merged into Hải Phòng on 1 July 2025). */
export const HAIDUONG_ROADS = [
  'Nguyễn Lương Bằng',
  'Thanh Niên',
  'Trần Hưng Đạo',
  'Lê Thanh Nghị',
  'Điện Biên Phủ',
  'Hồng Quang',
  'Nguyễn Văn Linh',
  'Ngô Quyền',
  'Trường Chinh',
  'Tuệ Tĩnh',
  'QL5',
  'QL37',
  'QL18',
] as const;
/** Rural roads in either former province. */
export const RURAL_ROADS = [
  'QL10',
  'QL37',
  'QL5',
  'QL17B',
  'QL38',
  'ĐT354',
  'ĐT353',
  'ĐT391',
  'ĐT392',
  'ĐT389',
  'ĐT361',
  'Đường trục xã',
] as const;

/** Rivers and sea fronts near a ward (by ward code); wards not listed get a plain name. */
const WATER_BODIES: Readonly<Record<string, string>> = {
  '11311': 'sông Cấm',
  '11329': 'sông Cấm',
  '11359': 'sông Cấm',
  '11383': 'sông Lạch Tray',
  '11407': 'sông Lạch Tray',
  '11411': 'cửa Lạch Huyện',
  '11413': 'sông Lạch Tray',
  '11443': 'sông Lạch Tray',
  '11455': 'biển Đồ Sơn',
  '11737': 'biển Đồ Sơn',
  '11473': 'sông Bạch Đằng',
  '11542': 'cửa Nam Triệu',
  '11560': 'sông Giá',
  '11581': 'sông Cấm',
  '11629': 'sông Văn Úc',
  '11680': 'sông Văn Úc',
  '11749': 'cửa Văn Úc',
  '11755': 'sông Văn Úc',
  '11809': 'cửa Văn Úc',
  '11824': 'sông Luộc',
  '11875': 'cửa Thái Bình',
  '11887': 'sông Hóa',
  '11914': 'vịnh Lan Hạ',
  '11948': 'đảo Bạch Long Vĩ',
  '10525': 'sông Thái Bình',
  '10546': 'sông Kinh Thầy',
  '10507': 'sông Thái Bình',
  '10675': 'sông Kinh Môn',
  '10606': 'sông Thái Bình',
  '10945': 'sông Kẻ Sặt',
  '11203': 'sông Luộc',
};

export function waterBodyOf(wardCode: string): string | undefined {
  return WATER_BODIES[wardCode];
}

export function sensorName(kind: 'air' | 'water' | 'noise' | 'weather', wardName: string, wardCode: string): string {
  switch (kind) {
    case 'air':
      return `Trạm quan trắc không khí ${wardName}`;
    case 'noise':
      return `Trạm đo tiếng ồn ${wardName}`;
    case 'weather':
      return `Trạm khí tượng ${wardName}`;
    case 'water': {
      const body = waterBodyOf(wardCode);
      return body ? `Trạm đo mực nước ${body} – ${wardName}` : `Trạm đo mực nước ${wardName}`;
    }
  }
}

export interface CameraSite {
  name: string;
  road: string;
}

/** A camera site for a ward: a junction of two roads or a landmark. */
export function cameraSite(rng: Rng, area: 'haiphong' | 'haiduong' | 'rural'): CameraSite {
  if (area === 'haiphong' && rng.chance(0.15)) {
    const landmark = rng.pick(HAIPHONG_LANDMARKS);
    return { name: `Camera ${landmark}`, road: landmark };
  }
  const roads: readonly string[] =
    area === 'haiphong' ? HAIPHONG_ROADS : area === 'haiduong' ? HAIDUONG_ROADS : RURAL_ROADS;
  const a = rng.pick(roads);
  let b = rng.pick(roads);
  for (let i = 0; i < 8 && b === a; i++) b = rng.pick(roads);
  if (b === a) return { name: `Camera ${a}`, road: a };
  return { name: `Camera ${a} – ${b}`, road: a };
}

/** Makes names unique by numbering repeats ("… Lê Chân", "… Lê Chân 2"): operators tell stations apart by name. */
export function uniqueNamer(): (name: string) => string {
  const seen = new Map<string, number>();
  return (name) => {
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name} ${n}`;
  };
}
