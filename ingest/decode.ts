/**
 * Stage 1 of the pipeline: bytes + topic → a typed record, or a rejection with its reason.
 * Pure and synchronous; never throws on any input (see ingest/README.md for the reasons).
 */
import type { z } from 'zod';
import type { Rejection } from '../contracts/errors';
import {
  MAX_FUTURE_MS,
  MAX_PAYLOAD_BYTES,
  MAX_SNAPSHOT_BYTES,
  cameraEventSchema,
  cameraMetaSchema,
  cameraStatusSchema,
  caseEventSchema,
  documentEventSchema,
  indicatorMetaSchema,
  indicatorValueSchema,
  sensorMetaSchema,
  sensorTelemetrySchema,
  taskEventSchema,
} from '../contracts/mqtt/payloads';
import { topicOwner } from '../contracts/mqtt/identity';
import { parseTopic, type Topic } from '../contracts/mqtt/topics';
import { parseWireTime } from '../contracts/time';
import type { IngestRecord } from './records';

export interface DecodeContext {
  city: string;
  timeZone: string;
  now: number;
}

export type Decoded = { ok: true; record: IngestRecord } | { ok: false; rejection: Rejection };

const utf8 = new TextDecoder('utf-8', { fatal: true });
const reject = (reason: Rejection['reason'], detail: string): Decoded => ({ ok: false, rejection: { reason, detail } });

function issues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

/** Fields the contract names are typed columns; the rest is kept as `extra`. */
function extraOf(obj: Record<string, unknown>, known: readonly string[]): Record<string, unknown> | null {
  const extra: Record<string, unknown> = {};
  let any = false;
  for (const [k, v] of Object.entries(obj))
    if (!known.includes(k)) {
      extra[k] = v;
      any = true;
    }
  return any ? extra : null;
}

/**
 * `publisher`: who the broker says sent the message (MQTT 5 user property `cityops-publisher`,
 * contracts/mqtt/identity.ts), undefined when it says nothing. Checked right after the topic: a
 * message under another device's id is refused whatever its payload.
 */
export function decodeMessage(topicName: string, payload: Uint8Array, ctx: DecodeContext, publisher?: string): Decoded {
  if (payload.byteLength > MAX_PAYLOAD_BYTES)
    return reject('payload_too_large', `${payload.byteLength} bytes > ${MAX_PAYLOAD_BYTES}`);
  const parsedTopic = parseTopic(topicName, ctx.city);
  if (!parsedTopic.ok) return reject('unknown_topic', parsedTopic.error);
  if (publisher !== undefined && publisher !== topicOwner(parsedTopic.topic))
    return reject('publisher_mismatch', `the topic is ${topicOwner(parsedTopic.topic)}'s, the broker says the publisher is "${publisher.slice(0, 64)}"`);
  let text: string;
  try {
    text = utf8.decode(payload);
  } catch {
    return reject('not_utf8', 'payload bytes are not valid UTF-8');
  }
  // PostgreSQL text and jsonb cannot hold NUL; refuse it here rather than fail the batch.
  if (text.includes('\\u0000')) return reject('invalid_payload', 'NUL character (\\u0000) is not allowed in strings');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return reject('not_json', err instanceof Error ? err.message.slice(0, 200) : 'JSON.parse failed');
  }
  return decodeJson(parsedTopic.topic, json, ctx);
}

type TimeResult = { ok: true; ms: number } | { ok: false; decoded: Decoded };

function time(value: unknown, field: string, ctx: DecodeContext, futureLimit: boolean): TimeResult {
  const t = parseWireTime(value, ctx.timeZone);
  if (!t.ok) return { ok: false, decoded: reject('invalid_payload', `${field}: ${t.error}`) };
  if (futureLimit && t.ms > ctx.now + MAX_FUTURE_MS)
    return { ok: false, decoded: reject('future_timestamp', `${field} ${new Date(t.ms).toISOString()} is ${Math.round((t.ms - ctx.now) / 1000)} s ahead`) };
  return { ok: true, ms: t.ms };
}

/** An optional time field (a deadline): absent is null, present must parse (no future limit). */
function optionalTime(value: unknown, field: string, ctx: DecodeContext): { ok: true; ms: number | null } | { ok: false; decoded: Decoded } {
  return value === undefined ? { ok: true, ms: null } : time(value, field, ctx, false);
}

function decodeJson(topic: Topic, json: unknown, ctx: DecodeContext): Decoded {
  const ok = (record: IngestRecord): Decoded => ({ ok: true, record });
  switch (topic.kind) {
    case 'sensor_meta': {
      const p = sensorMetaSchema.safeParse(json);
      if (!p.success) return reject('invalid_payload', issues(p.error));
      return ok({ kind: 'sensor_meta', sensorId: topic.sensorId, meta: p.data, extra: extraOf(p.data, ['name', 'kind', 'lon', 'lat', 'ward']) });
    }
    case 'sensor_telemetry': {
      const p = sensorTelemetrySchema.safeParse(json);
      if (!p.success) return reject('invalid_payload', issues(p.error));
      const t = time(p.data.ts, 'ts', ctx, true);
      if (!t.ok) return t.decoded;
      return ok({ kind: 'telemetry', sensorId: topic.sensorId, timeMs: t.ms, values: p.data.values });
    }
    case 'camera_meta': {
      const p = cameraMetaSchema.safeParse(json);
      if (!p.success) return reject('invalid_payload', issues(p.error));
      return ok({ kind: 'camera_meta', cameraId: topic.cameraId, meta: p.data, extra: extraOf(p.data, ['name', 'lon', 'lat', 'road', 'ward', 'stream_url']) });
    }
    case 'camera_status': {
      const p = cameraStatusSchema.safeParse(json);
      if (!p.success) return reject('invalid_payload', issues(p.error));
      const t = time(p.data.ts, 'ts', ctx, true);
      if (!t.ok) return t.decoded;
      return ok({ kind: 'camera_status', cameraId: topic.cameraId, timeMs: t.ms, status: p.data });
    }
    case 'camera_event': {
      const p = cameraEventSchema.safeParse(json);
      if (!p.success) return reject('invalid_payload', issues(p.error));
      if (p.data.snapshot !== undefined && Buffer.byteLength(p.data.snapshot) > MAX_SNAPSHOT_BYTES)
        return reject('snapshot_too_large', `snapshot is ${Buffer.byteLength(p.data.snapshot)} bytes > ${MAX_SNAPSHOT_BYTES}`);
      const t = time(p.data.ts, 'ts', ctx, true);
      if (!t.ok) return t.decoded;
      const extra = extraOf(p.data, ['id', 'ts', 'type', 'severity', 'plate', 'vehicle_count', 'snapshot']);
      return ok({ kind: 'camera_event', cameraId: topic.cameraId, timeMs: t.ms, event: p.data, extra });
    }
    case 'case_event': {
      const p = caseEventSchema.safeParse(json);
      if (!p.success) return reject('invalid_payload', issues(p.error));
      const t = time(p.data.ts, 'ts', ctx, true);
      if (!t.ok) return t.decoded;
      const due = time(p.data.due_at, 'due_at', ctx, false);
      if (!due.ok) return due.decoded;
      const extra = extraOf(p.data, Object.keys(caseEventSchema.shape));
      return ok({ kind: 'case_event', agencyId: topic.agencyId, timeMs: t.ms, dueMs: due.ms, event: p.data, extra });
    }
    case 'document_event': {
      const p = documentEventSchema.safeParse(json);
      if (!p.success) return reject('invalid_payload', issues(p.error));
      const t = time(p.data.ts, 'ts', ctx, true);
      if (!t.ok) return t.decoded;
      const due = optionalTime(p.data.due_at, 'due_at', ctx);
      if (!due.ok) return due.decoded;
      const dueMs = due.ms;
      const extra = extraOf(p.data, Object.keys(documentEventSchema.shape));
      return ok({ kind: 'document_event', agencyId: topic.agencyId, timeMs: t.ms, dueMs, event: p.data, extra });
    }
    case 'indicator_meta': {
      const p = indicatorMetaSchema.safeParse(json);
      if (!p.success) return reject('invalid_payload', issues(p.error));
      return ok({ kind: 'indicator_meta', source: topic.source, key: topic.key, meta: p.data, extra: extraOf(p.data, Object.keys(indicatorMetaSchema.shape)) });
    }
    case 'task_event': {
      const p = taskEventSchema.safeParse(json);
      if (!p.success) return reject('invalid_payload', issues(p.error));
      const t = time(p.data.ts, 'ts', ctx, true);
      if (!t.ok) return t.decoded;
      const due = optionalTime(p.data.due_at, 'due_at', ctx);
      if (!due.ok) return due.decoded;
      const dueMs = due.ms;
      const extra = extraOf(p.data, ['task_id', 'ts', 'event', 'title', 'assigned_by', 'due_at', 'progress_pct', 'document_ref']);
      return ok({ kind: 'task_event', agencyId: topic.agencyId, timeMs: t.ms, dueMs, event: p.data, extra });
    }
    case 'indicator_value': {
      const p = indicatorValueSchema.safeParse(json);
      if (!p.success) return reject('invalid_payload', issues(p.error));
      const t = time(p.data.ts, 'ts', ctx, true);
      if (!t.ok) return t.decoded;
      return ok({ kind: 'indicator_value', source: topic.source, key: topic.key, timeMs: t.ms, value: p.data });
    }
  }
}
