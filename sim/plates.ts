/**
 * Vietnamese licence plates as cameras read them: `15A-123.45` (car) or `15B1-234.56`
 * (motorbike). The two leading digits are the province: Hải Phòng 15/16, Hải Dương 34;
 * through traffic on QL5/QL10 brings Hà Nội, Quảng Ninh, Thái Bình… plates too.
 */
import type { Rng } from './rng';

export type PlateHome = 'haiphong' | 'haiduong';

const NEIGHBOURS = ['29', '30', '14', '17', '18', '35', '89', '99', '98', '20'] as const;
const CAR_SERIES = ['A', 'A', 'A', 'A', 'C', 'C', 'D', 'E', 'F', 'G', 'H', 'K', 'LD'] as const;
const BIKE_SERIES = ['B1', 'B2', 'C1', 'D1', 'E1', 'F1', 'G1', 'H1', 'K1', 'L1', 'M1', 'N1', 'P1'] as const;

function provinceCode(rng: Rng, home: PlateHome): string {
  const r = rng.float();
  if (home === 'haiphong') return r < 0.5 ? '15' : r < 0.8 ? '16' : r < 0.88 ? '34' : rng.pick(NEIGHBOURS);
  return r < 0.75 ? '34' : r < 0.85 ? '15' : r < 0.88 ? '16' : rng.pick(NEIGHBOURS);
}

const digits = (rng: Rng, n: number): string => Array.from({ length: n }, () => String(rng.int(0, 9))).join('');

export function carPlate(rng: Rng, home: PlateHome): string {
  return `${provinceCode(rng, home)}${rng.pick(CAR_SERIES)}-${digits(rng, 3)}.${digits(rng, 2)}`;
}

export function motorbikePlate(rng: Rng, home: PlateHome): string {
  return `${provinceCode(rng, home)}${rng.pick(BIKE_SERIES)}-${digits(rng, 3)}.${digits(rng, 2)}`;
}
