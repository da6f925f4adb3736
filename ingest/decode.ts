/**
 * Stage 1 of the pipeline: bytes + topic → a typed record, or a rejection with its reason.
 * Pure and synchronous; never throws on any input (see ingest/README.md for the reasons).
 *
 * One table (`DECODERS`) says, per topic kind, which contract schema reads the payload, which of its
 * fields are times, and how the record is built. The fields kept as typed columns are the schema's
 * own keys, so a field added to a payload schema is typed at once instead of landing in `extra`.
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
import { parseTopic, type Topic, type TopicKind } from '../contracts/mqtt/topics';
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

type Extra = Record<string, unknown> | null;

/** Fields the contract names are typed columns; the rest is kept as `extra`. */
function extraOf(obj: Record<string, unknown>, known: ReadonlySet<string>): Extra {
  const extra: Record<string, unknown> = {};
  let any = false;
  for (const [k, v] of Object.entries(obj))
    if (!known.has(k)) {
      extra[k] = v;
      any = true;
    }
  return any ? extra : null;
}

type TopicOf<K extends TopicKind> = Extract<Topic, { kind: K }>;
/** What a decoder's `build` gets: the topic, the parsed payload, its times resolved and its unknown fields. */
interface Parts<K extends TopicKind, S extends z.ZodObject> {
  topic: TopicOf<K>;
  data: z.infer<S>;
  timeMs: number;
  /** The `due_at` deadline in epoch ms: null when the schema makes it optional and it is absent. */
  dueMs: number | null;
  extra: Extra;
}

interface Decoder<K extends TopicKind, S extends z.ZodObject> {
  schema: S;
  /** `ts`: the time the payload is about, refused beyond the future limit. None for metas. */
  ts: boolean;
  /** `due_at`: a deadline (no future limit), required or optional by the schema. */
  due: 'required' | 'optional' | 'none';
  /** A check beyond the schema that has its own reject reason. */
  check?: (data: z.infer<S>) => Decoded | null;
  build(p: Parts<K, S>): IngestRecord;
}

const decoder = <K extends TopicKind, S extends z.ZodObject>(d: Decoder<K, S>): Decoder<K, S> => d;

const snapshotCheck = (data: { snapshot?: string | undefined }): Decoded | null =>
  data.snapshot !== undefined && Buffer.byteLength(data.snapshot) > MAX_SNAPSHOT_BYTES
    ? reject('snapshot_too_large', `snapshot is ${Buffer.byteLength(data.snapshot)} bytes > ${MAX_SNAPSHOT_BYTES}`)
    : null;

/** Every topic kind's decoder: a missing kind is a type error. */
export const DECODERS: { readonly [K in TopicKind]: Decoder<K, z.ZodObject> } = {
  sensor_meta: decoder({
    schema: sensorMetaSchema,
    ts: false,
    due: 'none',
    build: ({ topic, data, extra }) => ({ kind: 'sensor_meta', sensorId: topic.sensorId, meta: data, extra }),
  }),
  sensor_telemetry: decoder({
    schema: sensorTelemetrySchema,
    ts: true,
    due: 'none',
    build: ({ topic, data, timeMs }) => ({ kind: 'telemetry', sensorId: topic.sensorId, timeMs, values: data.values }),
  }),
  camera_meta: decoder({
    schema: cameraMetaSchema,
    ts: false,
    due: 'none',
    build: ({ topic, data, extra }) => ({ kind: 'camera_meta', cameraId: topic.cameraId, meta: data, extra }),
  }),
  camera_status: decoder({
    schema: cameraStatusSchema,
    ts: true,
    due: 'none',
    build: ({ topic, data, timeMs }) => ({ kind: 'camera_status', cameraId: topic.cameraId, timeMs, status: data }),
  }),
  camera_event: decoder({
    schema: cameraEventSchema,
    ts: true,
    due: 'none',
    check: snapshotCheck,
    build: ({ topic, data, timeMs, extra }) => ({
      kind: 'camera_event',
      cameraId: topic.cameraId,
      timeMs,
      event: data,
      extra,
    }),
  }),
  case_event: decoder({
    schema: caseEventSchema,
    ts: true,
    due: 'required',
    build: ({ topic, data, timeMs, dueMs, extra }) => ({
      kind: 'case_event',
      agencyId: topic.agencyId,
      timeMs,
      dueMs: dueMs!,
      event: data,
      extra,
    }),
  }),
  document_event: decoder({
    schema: documentEventSchema,
    ts: true,
    due: 'optional',
    build: ({ topic, data, timeMs, dueMs, extra }) => ({
      kind: 'document_event',
      agencyId: topic.agencyId,
      timeMs,
      dueMs,
      event: data,
      extra,
    }),
  }),
  indicator_meta: decoder({
    schema: indicatorMetaSchema,
    ts: false,
    due: 'none',
    build: ({ topic, data, extra }) => ({
      kind: 'indicator_meta',
      source: topic.source,
      key: topic.key,
      meta: data,
      extra,
    }),
  }),
  indicator_value: decoder({
    schema: indicatorValueSchema,
    ts: true,
    due: 'none',
    build: ({ topic, data, timeMs }) => ({
      kind: 'indicator_value',
      source: topic.source,
      key: topic.key,
      timeMs,
      value: data,
    }),
  }),
  task_event: decoder({
    schema: taskEventSchema,
    ts: true,
    due: 'optional',
    build: ({ topic, data, timeMs, dueMs, extra }) => ({
      kind: 'task_event',
      agencyId: topic.agencyId,
      timeMs,
      dueMs,
      event: data,
      extra,
    }),
  }),
};

const knownFields = new Map<TopicKind, ReadonlySet<string>>(
  (Object.keys(DECODERS) as TopicKind[]).map((k) => [k, new Set(Object.keys(DECODERS[k].schema.shape))]),
);

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
    return reject(
      'publisher_mismatch',
      `the topic is ${topicOwner(parsedTopic.topic)}'s, the broker says the publisher is "${publisher.slice(0, 64)}"`,
    );
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
    return {
      ok: false,
      decoded: reject(
        'future_timestamp',
        `${field} ${new Date(t.ms).toISOString()} is ${Math.round((t.ms - ctx.now) / 1000)} s ahead`,
      ),
    };
  return { ok: true, ms: t.ms };
}

function decodeJson(topic: Topic, json: unknown, ctx: DecodeContext): Decoded {
  const d = DECODERS[topic.kind] as Decoder<TopicKind, z.ZodObject>;
  const p = d.schema.safeParse(json);
  if (!p.success) return reject('invalid_payload', issues(p.error));
  const data = p.data as Record<string, unknown>;
  const refused = d.check?.(data);
  if (refused) return refused;
  let timeMs = 0;
  if (d.ts) {
    const t = time(data.ts, 'ts', ctx, true);
    if (!t.ok) return t.decoded;
    timeMs = t.ms;
  }
  let dueMs: number | null = null;
  if (d.due === 'required' || (d.due === 'optional' && data.due_at !== undefined)) {
    const due = time(data.due_at, 'due_at', ctx, false);
    if (!due.ok) return due.decoded;
    dueMs = due.ms;
  }
  const record = d.build({ topic, data, timeMs, dueMs, extra: extraOf(data, knownFields.get(topic.kind)!) });
  return { ok: true, record };
}
