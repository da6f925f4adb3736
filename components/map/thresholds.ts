/**
 * Colour bands for sensor values, so a reading is judged at a glance on the wall.
 * PM2.5 follows Vietnam's VN_AQI breakpoints for PM2.5 (µg/m³, QCVN 05:2023 basis); water level and
 * noise use operating thresholds fixed here: they colour the map; the alarm rules (config/alarms/) are what raise alarms.
 */
export type Rgb = [number, number, number];

export interface Band {
  upTo: number;
  color: Rgb;
  label_vi: string;
  label_en: string;
}

export const BANDS: Record<string, Band[]> = {
  pm25: [
    { upTo: 25, color: [0, 228, 0], label_vi: 'Tốt', label_en: 'Good' },
    { upTo: 50, color: [255, 255, 0], label_vi: 'Trung bình', label_en: 'Moderate' },
    { upTo: 80, color: [255, 126, 0], label_vi: 'Kém', label_en: 'Poor' },
    { upTo: 150, color: [255, 0, 0], label_vi: 'Xấu', label_en: 'Bad' },
    { upTo: Infinity, color: [143, 63, 151], label_vi: 'Rất xấu', label_en: 'Very bad' },
  ],
  water_level_cm: [
    { upTo: 250, color: [77, 163, 255], label_vi: 'Bình thường', label_en: 'Normal' },
    { upTo: 330, color: [255, 200, 0], label_vi: 'Báo động 1', label_en: 'Alert 1' },
    { upTo: 380, color: [255, 126, 0], label_vi: 'Báo động 2', label_en: 'Alert 2' },
    { upTo: Infinity, color: [255, 0, 0], label_vi: 'Báo động 3', label_en: 'Alert 3' },
  ],
  noise_db: [
    { upTo: 55, color: [0, 200, 120], label_vi: 'Yên tĩnh', label_en: 'Quiet' },
    { upTo: 70, color: [255, 200, 0], label_vi: 'Ồn', label_en: 'Noisy' },
    { upTo: Infinity, color: [255, 60, 60], label_vi: 'Rất ồn', label_en: 'Very noisy' },
  ],
};

/** The metric that colours a sensor of this kind on the map. */
export const HEADLINE_METRIC: Record<string, string> = { air: 'pm25', water: 'water_level_cm', noise: 'noise_db' };

const NO_DATA: Rgb = [120, 130, 150];

export function bandOf(metric: string, value: number): Band | null {
  return BANDS[metric]?.find((b) => value <= b.upTo) ?? null;
}

export function colorOf(metric: string | undefined, value: number | undefined): Rgb {
  if (metric === undefined || value === undefined) return NO_DATA;
  return bandOf(metric, value)?.color ?? NO_DATA;
}
