/**
 * Targets for the headline indicators: what makes a figure green, amber or red. Each city states
 * its own in its profile (cities/<id>/index.ts); a figure without a target is shown neutral.
 */
import { z } from 'zod';

export const KPI_KEYS = [
  'cases.onTimeRate',
  'cases.onlineShare',
  'cases.overdueNow',
  'documents.signedShare',
  'documents.overdueNow',
  'sensors.onlineShare',
  'cameras.onlineShare',
] as const;
export type KpiKey = (typeof KPI_KEYS)[number];

export const kpiTargetSchema = z
  .object({
    /** Which way is better. */
    direction: z.enum(['higher', 'lower']),
    /** At or beyond this: green. */
    good: z.number(),
    /** At or beyond this (but not `good`): amber; otherwise red. */
    warn: z.number(),
  })
  .refine((t) => (t.direction === 'higher' ? t.good >= t.warn : t.good <= t.warn), {
    message: 'good must be beyond warn in the better direction',
  });
export type KpiTarget = z.infer<typeof kpiTargetSchema>;
export const kpiTargetsSchema = z.partialRecord(z.enum(KPI_KEYS), kpiTargetSchema);
export type KpiTargets = z.infer<typeof kpiTargetsSchema>;

export type Tone = 'good' | 'warn' | 'bad' | 'neutral';

/** The traffic-light colour of a value against its target. */
export function targetTone(target: KpiTarget | undefined, value: number | null | undefined): Tone {
  if (!target || value === null || value === undefined || !Number.isFinite(value)) return 'neutral';
  const better = (a: number, b: number) => (target.direction === 'higher' ? a >= b : a <= b);
  return better(value, target.good) ? 'good' : better(value, target.warn) ? 'warn' : 'bad';
}

/** Whether a change is an improvement: the trend arrow's colour. */
export function trendTone(direction: 'higher' | 'lower' | undefined, delta: number): Tone {
  if (!direction || delta === 0) return 'neutral';
  return (direction === 'higher') === delta > 0 ? 'good' : 'bad';
}
