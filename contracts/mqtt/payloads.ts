/**
 * zod schemas of the MQTT payloads (wire contract v1). Unknown extra fields are
 * allowed (devices send more than the contract names) and kept by the writer in `extra`.
 * Timestamps stay raw here (string | number); `ingest/decode.ts` resolves them
 * against the city's time zone and the future limit.
 */
import { z } from 'zod';
import type { TopicKind } from './topics';

export const MAX_PAYLOAD_BYTES = 256 * 1024 + 8 * 1024; // a 256 KiB snapshot plus its envelope
export const MAX_SNAPSHOT_BYTES = 256 * 1024;
export const MAX_FUTURE_MS = 5 * 60 * 1000;

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const wireTime = z.union([z.string().max(40), z.number()]);
const lon = finite.refine((v) => v >= -180 && v <= 180, 'longitude must be within [-180, 180]');
const lat = finite.refine((v) => v >= -90 && v <= 90, 'latitude must be within [-90, 90]');
const name = z.string().trim().min(1).max(200);
const shortText = z.string().trim().min(1).max(120);

export const METRIC_PATTERN = /^[a-z][a-z0-9_]{0,62}$/;

export const SENSOR_KINDS = ['air', 'water', 'noise', 'weather', 'traffic', 'energy', 'other'] as const;
export const sensorMetaSchema = z.looseObject({
  name,
  kind: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'kind must be a lower-case word such as air, water, noise'),
  lon,
  lat,
  ward: shortText.optional(),
});

export const sensorTelemetrySchema = z.looseObject({
  ts: wireTime,
  values: z
    .record(z.string().regex(METRIC_PATTERN, 'metric names are snake_case, e.g. pm25 or water_level_cm'), finite)
    .refine((v) => Object.keys(v).length > 0, 'values must hold at least one metric')
    .refine((v) => Object.keys(v).length <= 64, 'at most 64 metrics per message'),
});

export const cameraMetaSchema = z.looseObject({
  name,
  lon,
  lat,
  road: shortText.optional(),
  ward: shortText.optional(),
  stream_url: z
    .url({ protocol: /^https?$/ })
    .max(2048)
    .optional(),
});

export const cameraStatusSchema = z.looseObject({
  ts: wireTime,
  online: z.boolean(),
  fps: finite.min(0).max(1000).optional(),
  bitrate_kbps: finite.min(0).optional(),
});

export const CAMERA_EVENT_TYPES = [
  'red_light',
  'wrong_lane',
  'speeding',
  'no_helmet',
  'illegal_parking',
  'congestion',
  'accident',
  'flooding',
  'fire',
  'crowd',
] as const;
export type CameraEventType = (typeof CAMERA_EVENT_TYPES)[number];

export const cameraEventSchema = z.looseObject({
  id: z.string().min(1).max(128),
  ts: wireTime,
  type: z.enum(CAMERA_EVENT_TYPES),
  severity: z.number().int().min(1).max(3),
  plate: z.string().trim().min(1).max(20).optional(),
  vehicle_count: z.number().int().min(0).optional(),
  // Length is checked separately so an oversize snapshot gets its own reject reason.
  snapshot: z.string().optional(),
});

export const CASE_EVENTS = [
  'received',
  'assigned',
  'supplement_requested',
  'resolved',
  'returned',
  'withdrawn',
] as const;
export const CASE_LEVELS = ['province', 'commune', 'district'] as const;
export const CASE_CHANNELS = ['counter', 'online', 'postal'] as const;

export const caseEventSchema = z.looseObject({
  case_id: z.string().min(1).max(128),
  ts: wireTime,
  event: z.enum(CASE_EVENTS),
  procedure_code: z.string().min(1).max(64),
  procedure_name: z.string().max(500).optional(),
  field: z.string().max(200).optional(),
  level: z.enum(CASE_LEVELS),
  channel: z.enum(CASE_CHANNELS),
  due_at: wireTime,
  online_payment: z.boolean().optional(),
  digitized: z.boolean().optional(),
  rating: z.number().int().min(1).max(5).optional(),
});

export const DOCUMENT_DIRECTIONS = ['incoming', 'outgoing'] as const;
export const DOCUMENT_EVENTS = ['registered', 'assigned', 'processed', 'issued'] as const;
export const DOCUMENT_URGENCIES = ['normal', 'urgent', 'flash'] as const;

export const documentEventSchema = z.looseObject({
  doc_id: z.string().min(1).max(128),
  ts: wireTime,
  direction: z.enum(DOCUMENT_DIRECTIONS),
  event: z.enum(DOCUMENT_EVENTS),
  due_at: wireTime.optional(),
  signed: z.boolean().optional(),
  e_exchange: z.boolean().optional(),
  urgency: z.enum(DOCUMENT_URGENCIES).optional(),
});

export const indicatorMetaSchema = z.looseObject({
  label_vi: name,
  label_en: name,
  unit: z.string().max(32),
  direction: z.enum(['higher_is_better', 'lower_is_better']),
  target: finite.optional(),
  warn: finite.optional(),
  kind: z.enum(['gauge', 'counter', 'percent']),
});

export const indicatorValueSchema = z.looseObject({
  ts: wireTime,
  value: finite,
  unit: z.string().max(32).optional(),
  dims: z.record(z.string().max(64), z.union([z.string().max(200), finite])).optional(),
});

/**
 * Leaders' assigned tasks (nhiệm vụ được giao), on `task/{agencyId}/event` — the agency is the
 * owner. `assigned` names the task, the assigning leader and the deadline; `extended` moves the
 * deadline; `completed`, `reopened` and `cancelled` move its status (docs/tasks.md).
 */
export const TASK_EVENTS = ['assigned', 'extended', 'progress', 'completed', 'reopened', 'cancelled'] as const;
export const taskEventSchema = z
  .looseObject({
    task_id: z.string().min(1).max(128),
    ts: wireTime,
    event: z.enum(TASK_EVENTS),
    title: z.string().trim().min(1).max(500).optional(),
    /** The assigning leader (name or id, as the task system says it). */
    assigned_by: z.string().trim().min(1).max(200).optional(),
    due_at: wireTime.optional(),
    progress_pct: finite.refine((n) => n >= 0 && n <= 100, 'must be from 0 to 100').optional(),
    /** The directing document (văn bản chỉ đạo), e.g. "Thông báo 123/TB-UBND". */
    document_ref: z.string().max(200).optional(),
  })
  .superRefine((e, ctx) => {
    if (e.event === 'assigned')
      for (const f of ['title', 'assigned_by', 'due_at'] as const)
        if (e[f] === undefined)
          ctx.addIssue({ code: 'custom', path: [f], message: 'required when the event is assigned' });
    if (e.event === 'extended' && e.due_at === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['due_at'],
        message: 'required when the event is extended (the new deadline)',
      });
  });

export type SensorMeta = z.infer<typeof sensorMetaSchema>;
export type SensorTelemetry = z.infer<typeof sensorTelemetrySchema>;
export type CameraMeta = z.infer<typeof cameraMetaSchema>;
export type CameraStatus = z.infer<typeof cameraStatusSchema>;
export type CameraEvent = z.infer<typeof cameraEventSchema>;
export type CaseEvent = z.infer<typeof caseEventSchema>;
export type DocumentEvent = z.infer<typeof documentEventSchema>;
export type IndicatorMeta = z.infer<typeof indicatorMetaSchema>;
export type IndicatorValue = z.infer<typeof indicatorValueSchema>;
export type TaskEvent = z.infer<typeof taskEventSchema>;

/** The schema of each topic's payload. */
export const PAYLOAD_SCHEMAS: Readonly<Record<TopicKind, z.ZodType>> = {
  sensor_meta: sensorMetaSchema,
  sensor_telemetry: sensorTelemetrySchema,
  camera_meta: cameraMetaSchema,
  camera_status: cameraStatusSchema,
  camera_event: cameraEventSchema,
  case_event: caseEventSchema,
  document_event: documentEventSchema,
  indicator_meta: indicatorMetaSchema,
  indicator_value: indicatorValueSchema,
  task_event: taskEventSchema,
};
