/**
 * Before 1 July 2025 Vietnam had a district level (quận/huyện/thành phố thuộc tỉnh), and
 * the dossiers now handled by a ward's people's committee were handled by its district.
 * History must keep saying so (level `district`, the district's agency id), or the KPI
 * trend across the reform would compare different things under one name.
 */
import type { Agency } from '../contracts/city';
import { localInstant } from './clock';

/** 2025-07-01 00:00 in Vietnam: the two-level administration starts. */
export const REFORM_MS = localInstant(2025, 7, 1, 0, 'Asia/Ho_Chi_Minh');

/** The former district (by the ward code of today's commune-level unit) that served its area. */
const FORMER_DISTRICT: Readonly<Record<string, string>> = {
  '11311': 'ubnd-quan-hong-bang',
  '11329': 'ubnd-quan-ngo-quyen',
  '11383': 'ubnd-quan-le-chan',
  '11413': 'ubnd-quan-hai-an',
  '11443': 'ubnd-quan-kien-an',
  '11455': 'ubnd-quan-do-son',
  '11560': 'ubnd-tp-thuy-nguyen',
  '11581': 'ubnd-quan-an-duong',
  '11629': 'ubnd-huyen-an-lao',
  '11680': 'ubnd-huyen-kien-thuy',
  '11755': 'ubnd-huyen-tien-lang',
  '11824': 'ubnd-huyen-vinh-bao',
  '11914': 'ubnd-huyen-cat-hai',
  '10525': 'ubnd-tp-hai-duong',
  '10507': 'ubnd-tp-hai-duong',
  '10546': 'ubnd-tp-chi-linh',
};

export interface AgencyAtTime {
  agencyId: string;
  level: 'province' | 'commune' | 'district';
}

/** Who handled this agency's work at `ms`: itself, or (before the reform) its former district. */
export function agencyAt(agency: Agency, ms: number): AgencyAtTime {
  if (agency.level === 'province') return { agencyId: agency.id, level: 'province' };
  if (ms >= REFORM_MS) return { agencyId: agency.id, level: 'commune' };
  const district = FORMER_DISTRICT[agency.wardCode ?? ''] ?? `ubnd-huyen-cu-${agency.wardCode ?? agency.id}`;
  return { agencyId: district, level: 'district' };
}
