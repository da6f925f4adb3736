/**
 * Alarm rules, configurable without code (a JSON file or the database), validated here. Four kinds:
 * a threshold on a metric held for a while, a device silent for N minutes, camera events of given
 * types, and a KPI breach. Thresholds have hysteresis: an alarm raised above `value` clears only
 * below `clearValue`, so a reading hovering at the threshold does not flap.
 */
import { z } from 'zod';
import { CAMERA_EVENT_TYPES, METRIC_PATTERN } from './mqtt/payloads';

const text = z.object({ vi: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200) });
const id = z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, 'expected a rule id of lower-case letters, digits, _ . -');

const base = {
  id,
  name: text,
  severity: z.number().int().min(1).max(3),
  enabled: z.boolean().default(true),
  /** Where to POST each transition (optional); the secret header's value comes from the env var named. */
  webhook: z
    .object({
      url: z.url({ protocol: /^https?$/ }),
      secretEnv: z
        .string()
        .regex(/^[A-Z][A-Z0-9_]*$/)
        .optional(),
    })
    .optional(),
};

export const thresholdRuleSchema = z
  .object({
    ...base,
    kind: z.literal('threshold'),
    metric: z.string().regex(METRIC_PATTERN),
    /** Which sensors: by kind (air, water…) and/or ids; none given: every sensor with the metric. */
    sensorKinds: z.array(z.string()).max(20).optional(),
    sensorIds: z.array(z.string().max(128)).max(10_000).optional(),
    op: z.enum(['above', 'below']),
    value: z.number().refine(Number.isFinite),
    /** The alarm clears beyond this on the good side (default: `value`, i.e. no hysteresis band). */
    clearValue: z.number().refine(Number.isFinite).optional(),
    /** How long the condition must hold before the alarm is raised, and its end before it clears. */
    forSeconds: z.number().int().min(0).max(86_400).default(0),
    clearForSeconds: z.number().int().min(0).max(86_400).default(0),
  })
  .refine((r) => r.clearValue === undefined || (r.op === 'above' ? r.clearValue <= r.value : r.clearValue >= r.value), {
    message: 'clearValue must be on the good side of value (≤ value for "above", ≥ value for "below")',
    path: ['clearValue'],
  });

export const offlineRuleSchema = z.object({
  ...base,
  kind: z.literal('offline'),
  deviceType: z.enum(['sensor', 'camera']),
  minutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60),
});

export const cameraEventRuleSchema = z.object({
  ...base,
  kind: z.literal('camera_event'),
  types: z.array(z.enum(CAMERA_EVENT_TYPES)).min(1),
  minSeverity: z.number().int().min(1).max(3).default(1),
  /** An event alarm clears by itself after this long unless someone clears it first. */
  autoClearMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(60),
});

export const kpiBreachRuleSchema = z.object({
  ...base,
  kind: z.literal('kpi_breach'),
  kpi: z.enum(['cases.overdueNow', 'documents.overdueNow']),
  /** One agency, or every agency (each its own alarm). */
  agencyId: z.string().max(64).optional(),
  above: z.number().int().min(0),
  clearAtOrBelow: z.number().int().min(0).optional(),
  /**
   * How long the count must stay above `above` before the alarm is raised (0: at once). Overdue
   * counts jump while records arrive in bulk (an import, a connector catching up, the simulator's
   * history), and an alarm raised and cleared within seconds helps nobody.
   */
  forMinutes: z
    .number()
    .min(0)
    .max(24 * 60)
    .default(0),
});

export const alarmRuleSchema = z.discriminatedUnion('kind', [
  thresholdRuleSchema,
  offlineRuleSchema,
  cameraEventRuleSchema,
  kpiBreachRuleSchema,
]);
export const alarmRulesSchema = z
  .array(alarmRuleSchema)
  .max(10_000)
  .refine((rules) => new Set(rules.map((r) => r.id)).size === rules.length, 'rule ids must be unique');

export type AlarmRule = z.output<typeof alarmRuleSchema>;
export type ThresholdRule = z.output<typeof thresholdRuleSchema>;
export type OfflineRule = z.output<typeof offlineRuleSchema>;
export type CameraEventRule = z.output<typeof cameraEventRuleSchema>;
export type KpiBreachRule = z.output<typeof kpiBreachRuleSchema>;

/** An alarm's lifecycle: raised (active) → acknowledged (by whom, with a note) → cleared (by the condition or by hand). */
export const ALARM_STATES = ['active', 'acknowledged', 'cleared'] as const;
export type AlarmState = (typeof ALARM_STATES)[number];
