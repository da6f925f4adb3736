/**
 * The indicator catalogue (`/indicators`, live channel `indicators`): every known generic indicator
 * with its meta as it applies (an admin's override wins over the retained meta), its last value
 * and freshness; the admin edit; and what the wall's indicator panels read (series, ranking).
 */
import { z } from 'zod';
import { ID_PATTERN } from './mqtt/topics';

export interface IndicatorItem {
  source: string;
  key: string;
  /** Labels, unit, target and warn as they apply: the override where set, else the meta. Null label: values but no meta yet. */
  labelVi: string | null;
  labelEn: string | null;
  unit: string | null;
  direction: 'higher_is_better' | 'lower_is_better' | null;
  kind: 'gauge' | 'counter' | 'percent' | null;
  target: number | null;
  warn: number | null;
  /** The admin's override, or null. */
  edit: {
    labelVi: string | null;
    labelEn: string | null;
    unit: string | null;
    target: number | null;
    warn: number | null;
    by: string;
    atMs: number;
  } | null;
  /**
   * The last value: of the series without dims when there is one, else the sum (counter) or the
   * mean (gauge, percent) of each series' last value. Null: no value in the last 7 days.
   */
  lastValue: number | null;
  lastTimeMs: number | null;
  /** Series (combinations of dims) seen in the last 7 days, and the dims' names. */
  series: number;
  dims: string[];
}

export interface IndicatorCatalogue {
  generatedAt: number;
  items: IndicatorItem[];
}

/** How old a last value may be before the catalogue and the wall call it stale. */
export const INDICATOR_STALE_AFTER_MS = 2 * 3_600_000;

const id = z
  .string()
  .regex(ID_PATTERN, 'expected 1-64 characters of A-Z a-z 0-9 _ . - starting with a letter or digit');
export const indicatorIdSchema = z.object({ source: id, key: id });
const optionalNumber = z.union([z.number().refine(Number.isFinite, 'must be a finite number'), z.null()]);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .transform((v) => (v === '' ? null : v));

/** An admin's override: the whole record is sent; a null field follows the indicator's meta. */
export const indicatorEditSchema = z.object({
  by: z.string().trim().min(1, 'say who edits').max(80),
  labelVi: optionalText(200),
  labelEn: optionalText(200),
  unit: optionalText(32),
  target: optionalNumber,
  warn: optionalNumber,
});
export type IndicatorEdit = z.infer<typeof indicatorEditSchema>;
/** What the console sends: the server records the edit under the signed-in admin (any `by` sent is ignored). */
export const indicatorEditRequestSchema = indicatorEditSchema.omit({ by: true });

export const indicatorSeriesQuerySchema = z.object({
  hours: z.coerce
    .number()
    .int('expected whole hours')
    .min(1)
    .max(24 * 31)
    .default(24),
});
export const indicatorRankingQuerySchema = z.object({
  dim: z.string().regex(/^[A-Za-z0-9_]{1,64}$/, 'expected a dim name such as agency or ward'),
  hours: z.coerce
    .number()
    .int('expected whole hours')
    .min(1)
    .max(24 * 31)
    .default(24),
});

/** Hourly points over the period: `sum` of the values and their mean (`avg`) over every series. */
export interface IndicatorSeries {
  source: string;
  key: string;
  points: { timeMs: number; sum: number; avg: number; latest: number }[];
}

/** Members of one dim ranked: a counter's sum over the period, a gauge's or percent's last value (mean over the member's series). */
export interface IndicatorRanking {
  source: string;
  key: string;
  dim: string;
  rows: { member: string; name: string; value: number; lastTimeMs: number }[];
}

/**
 * An indicator's traffic-light colour: at or beyond `target` in the better direction is good, at or
 * beyond `warn` is amber, past it red. With only a target: good or red; with only a warning level:
 * red past it, else neutral. Pure: the catalogue, the tiles and their tests share it.
 */
export function indicatorTone(
  i: Pick<IndicatorItem, 'direction' | 'target' | 'warn'>,
  value: number | null,
): 'good' | 'warn' | 'bad' | 'neutral' {
  if (value === null || !Number.isFinite(value) || i.direction === null) return 'neutral';
  const atLeastAsGood = (a: number, b: number) => (i.direction === 'higher_is_better' ? a >= b : a <= b);
  if (i.target !== null && atLeastAsGood(value, i.target)) return 'good';
  if (i.warn !== null) return atLeastAsGood(value, i.warn) ? (i.target !== null ? 'warn' : 'neutral') : 'bad';
  return i.target !== null ? 'bad' : 'neutral';
}
