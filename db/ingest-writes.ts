/**
 * The ingest's writes: one multi-row `INSERT … SELECT FROM unnest($n::type[])` per table per
 * batch (one round trip however many rows), idempotent on each table's natural key.
 */
import type { Queryable } from './adapter';

const iso = (ms: number) => new Date(ms).toISOString();
const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

type InsertedKey = { id: string; event: string; ms: unknown };
/** An event's natural key within one family's batch (the family is the table written). */
const batchEventKey = (id: string, event: string, ms: number) => `${id}\u0000${event}\u0000${ms}`;

/** The first row of each key, in input order. */
function uniqueBy<T>(rows: readonly T[], keyOf: (r: T) => string): T[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const k = keyOf(r);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export interface TelemetryRow {
  timeMs: number;
  deviceId: string;
  metric: string;
  value: number;
}
export interface SeenRow {
  deviceType: 'sensor' | 'camera';
  deviceId: string;
  lastSeenMs: number;
}

export async function insertTelemetry(db: Queryable, rows: readonly TelemetryRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `INSERT INTO telemetry (time, device_id, metric, value)
     SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::float8[])
     ON CONFLICT DO NOTHING`,
    [rows.map((r) => iso(r.timeMs)), rows.map((r) => r.deviceId), rows.map((r) => r.metric), rows.map((r) => r.value)],
  );
}

/**
 * Registers devices first seen in data as "unplaced" and advances last_seen.
 * Rows must be unique per device and are sorted so concurrent workers lock in the same order.
 */
export async function touchDevices(db: Queryable, rows: readonly SeenRow[]): Promise<void> {
  if (rows.length === 0) return;
  const sorted = [...rows].sort((a, b) => (a.deviceType + a.deviceId < b.deviceType + b.deviceId ? -1 : 1));
  await db.query(
    `INSERT INTO devices (device_type, device_id, placed, last_seen)
     SELECT t, id, false, seen FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS u(t, id, seen)
     ON CONFLICT (device_type, device_id) DO UPDATE
       SET last_seen = GREATEST(devices.last_seen, EXCLUDED.last_seen)`,
    [sorted.map((r) => r.deviceType), sorted.map((r) => r.deviceId), sorted.map((r) => iso(r.lastSeenMs))],
  );
}

export interface DeviceMetaRow {
  deviceType: 'sensor' | 'camera';
  deviceId: string;
  kind: string | null;
  name: string;
  lon: number;
  lat: number;
  wardCode: string | null;
  wardHint: string | null;
  road: string | null;
  streamUrl: string | null;
  extra: Record<string, unknown> | null;
}

export async function upsertDeviceMeta(db: Queryable, r: DeviceMetaRow): Promise<void> {
  await db.query(
    `INSERT INTO devices (device_type, device_id, kind, name, lon, lat, ward_code, ward_hint, road, stream_url, placed, extra, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, true, $11::jsonb, now())
     ON CONFLICT (device_type, device_id) DO UPDATE SET
       kind = EXCLUDED.kind, name = EXCLUDED.name, lon = EXCLUDED.lon, lat = EXCLUDED.lat,
       ward_code = EXCLUDED.ward_code, ward_hint = EXCLUDED.ward_hint, road = EXCLUDED.road,
       stream_url = EXCLUDED.stream_url, placed = true, extra = EXCLUDED.extra, updated_at = now()`,
    [
      r.deviceType,
      r.deviceId,
      r.kind,
      r.name,
      r.lon,
      r.lat,
      r.wardCode,
      r.wardHint,
      r.road,
      r.streamUrl,
      json(r.extra),
    ],
  );
}

export interface CameraStatusRow {
  timeMs: number;
  cameraId: string;
  online: boolean;
  fps: number | null;
  bitrateKbps: number | null;
}

export async function insertCameraStatus(db: Queryable, rows: readonly CameraStatusRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `INSERT INTO camera_status (time, camera_id, online, fps, bitrate_kbps)
     SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::bool[], $4::real[], $5::real[])
     ON CONFLICT DO NOTHING`,
    [
      rows.map((r) => iso(r.timeMs)),
      rows.map((r) => r.cameraId),
      rows.map((r) => r.online),
      rows.map((r) => r.fps),
      rows.map((r) => r.bitrateKbps),
    ],
  );
}

export interface CameraEventRow {
  timeMs: number;
  eventId: string;
  cameraId: string;
  type: string;
  severity: number;
  plate: string | null;
  vehicleCount: number | null;
  snapshot: string | null;
  extra: Record<string, unknown> | null;
}

export async function insertCameraEvents(db: Queryable, rows: readonly CameraEventRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `INSERT INTO camera_events (time, event_id, camera_id, type, severity, plate, vehicle_count, snapshot, extra)
     SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::int2[], $6::text[], $7::int4[], $8::text[], $9::jsonb[])
     ON CONFLICT DO NOTHING`,
    [
      rows.map((r) => iso(r.timeMs)),
      rows.map((r) => r.eventId),
      rows.map((r) => r.cameraId),
      rows.map((r) => r.type),
      rows.map((r) => r.severity),
      rows.map((r) => r.plate),
      rows.map((r) => r.vehicleCount),
      rows.map((r) => r.snapshot),
      rows.map((r) => json(r.extra)),
    ],
  );
}

export interface CaseEventRow {
  timeMs: number;
  caseId: string;
  agencyId: string;
  event: string;
  procedureCode: string;
  procedureName: string | null;
  field: string | null;
  level: string;
  channel: string;
  dueMs: number;
  onlinePayment: boolean | null;
  digitized: boolean | null;
  rating: number | null;
  extra: Record<string, unknown> | null;
}

/**
 * Inserts dossier events and returns those that were new: a duplicate (same dossier, event and
 * time — a redelivery, a repeated page, a re-import) is neither stored nor returned twice, so
 * the state fold that follows never counts it again.
 */
export async function insertCaseEvents(db: Queryable, rows: readonly CaseEventRow[]): Promise<CaseEventRow[]> {
  const unique = uniqueBy(rows, (r) => batchEventKey(r.caseId, r.event, r.timeMs));
  if (unique.length === 0) return [];
  const { rows: inserted } = await db.query<InsertedKey>(
    `INSERT INTO case_events (time, case_id, agency_id, event, procedure_code, procedure_name, field, level, channel, due_at, online_payment, digitized, rating, extra)
     SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                          $10::timestamptz[], $11::bool[], $12::bool[], $13::int2[], $14::jsonb[])
     ON CONFLICT DO NOTHING
     RETURNING case_id AS id, event, (extract(epoch FROM time) * 1000)::float8 AS ms`,
    [
      unique.map((r) => iso(r.timeMs)),
      unique.map((r) => r.caseId),
      unique.map((r) => r.agencyId),
      unique.map((r) => r.event),
      unique.map((r) => r.procedureCode),
      unique.map((r) => r.procedureName),
      unique.map((r) => r.field),
      unique.map((r) => r.level),
      unique.map((r) => r.channel),
      unique.map((r) => iso(r.dueMs)),
      unique.map((r) => r.onlinePayment),
      unique.map((r) => r.digitized),
      unique.map((r) => r.rating),
      unique.map((r) => json(r.extra)),
    ],
  );
  const fresh = new Set(inserted.map((k) => batchEventKey(k.id, k.event, Number(k.ms))));
  return unique.filter((r) => fresh.has(batchEventKey(r.caseId, r.event, r.timeMs)));
}

export interface DocumentEventRow {
  timeMs: number;
  docId: string;
  agencyId: string;
  direction: string;
  event: string;
  dueMs: number | null;
  signed: boolean | null;
  eExchange: boolean | null;
  urgency: string | null;
  extra: Record<string, unknown> | null;
}

/** Inserts document events and returns those that were new (see insertCaseEvents). */
export async function insertDocumentEvents(
  db: Queryable,
  rows: readonly DocumentEventRow[],
): Promise<DocumentEventRow[]> {
  const unique = uniqueBy(rows, (r) => batchEventKey(r.docId, r.event, r.timeMs));
  if (unique.length === 0) return [];
  const { rows: inserted } = await db.query<InsertedKey>(
    `INSERT INTO document_events (time, doc_id, agency_id, direction, event, due_at, signed, e_exchange, urgency, extra)
     SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::bool[], $8::bool[], $9::text[], $10::jsonb[])
     ON CONFLICT DO NOTHING
     RETURNING doc_id AS id, event, (extract(epoch FROM time) * 1000)::float8 AS ms`,
    [
      unique.map((r) => iso(r.timeMs)),
      unique.map((r) => r.docId),
      unique.map((r) => r.agencyId),
      unique.map((r) => r.direction),
      unique.map((r) => r.event),
      unique.map((r) => (r.dueMs === null ? null : iso(r.dueMs))),
      unique.map((r) => r.signed),
      unique.map((r) => r.eExchange),
      unique.map((r) => r.urgency),
      unique.map((r) => json(r.extra)),
    ],
  );
  const fresh = new Set(inserted.map((k) => batchEventKey(k.id, k.event, Number(k.ms))));
  return unique.filter((r) => fresh.has(batchEventKey(r.docId, r.event, r.timeMs)));
}

/** Agencies first seen in events are kept, marked unregistered, so their numbers are not lost. */
export async function registerUnknownAgencies(db: Queryable, agencyIds: readonly string[]): Promise<void> {
  if (agencyIds.length === 0) return;
  await db.query(
    `INSERT INTO agencies (agency_id, name_vi, name_en, level, registered)
     SELECT id, id, id, 'unknown', false FROM unnest($1::text[]) AS u(id)
     ON CONFLICT DO NOTHING`,
    [[...agencyIds].sort()],
  );
}

export interface IndicatorMetaRow {
  source: string;
  key: string;
  labelVi: string;
  labelEn: string;
  unit: string;
  direction: string;
  target: number | null;
  warn: number | null;
  kind: string;
  extra: Record<string, unknown> | null;
}

export async function upsertIndicatorMeta(db: Queryable, r: IndicatorMetaRow): Promise<void> {
  await db.query(
    `INSERT INTO indicator_meta (source, key, label_vi, label_en, unit, direction, target, warn, kind, extra, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, now())
     ON CONFLICT (source, key) DO UPDATE SET label_vi = EXCLUDED.label_vi, label_en = EXCLUDED.label_en, unit = EXCLUDED.unit,
       direction = EXCLUDED.direction, target = EXCLUDED.target, warn = EXCLUDED.warn, kind = EXCLUDED.kind,
       extra = EXCLUDED.extra, updated_at = now()`,
    [r.source, r.key, r.labelVi, r.labelEn, r.unit, r.direction, r.target, r.warn, r.kind, json(r.extra)],
  );
}

export interface IndicatorValueRow {
  timeMs: number;
  source: string;
  key: string;
  value: number;
  dims: Record<string, string | number> | null;
}

/** dims_key: dims as JSON with sorted keys, so the same dims always make the same natural key. */
export function dimsKey(dims: Record<string, string | number> | null): string {
  if (!dims) return '';
  return JSON.stringify(Object.fromEntries(Object.entries(dims).sort(([a], [b]) => (a < b ? -1 : 1))));
}

export async function insertIndicatorValues(db: Queryable, rows: readonly IndicatorValueRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `INSERT INTO indicator_values (time, source, key, dims_key, value, dims)
     SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::jsonb[])
     ON CONFLICT DO NOTHING`,
    [
      rows.map((r) => iso(r.timeMs)),
      rows.map((r) => r.source),
      rows.map((r) => r.key),
      rows.map((r) => dimsKey(r.dims)),
      rows.map((r) => r.value),
      rows.map((r) => json(r.dims)),
    ],
  );
}

export interface TaskEventRow {
  timeMs: number;
  taskId: string;
  agencyId: string;
  event: string;
  title: string | null;
  assignedBy: string | null;
  dueMs: number | null;
  progressPct: number | null;
  documentRef: string | null;
  extra: Record<string, unknown> | null;
}

export async function insertTaskEvents(db: Queryable, rows: readonly TaskEventRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `INSERT INTO task_events (time, task_id, agency_id, event, title, assigned_by, due_at, progress_pct, document_ref, extra)
     SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::float8[], $9::text[], $10::jsonb[])
     ON CONFLICT DO NOTHING`,
    [
      rows.map((r) => iso(r.timeMs)),
      rows.map((r) => r.taskId),
      rows.map((r) => r.agencyId),
      rows.map((r) => r.event),
      rows.map((r) => r.title),
      rows.map((r) => r.assignedBy),
      rows.map((r) => (r.dueMs === null ? null : iso(r.dueMs))),
      rows.map((r) => r.progressPct),
      rows.map((r) => r.documentRef),
      rows.map((r) => json(r.extra)),
    ],
  );
}

export interface RejectRow {
  topic: string;
  reason: string;
  detail: string;
  payload: string;
  payloadBytes: number;
}

export async function insertRejects(db: Queryable, rows: readonly RejectRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `INSERT INTO ingest_rejects (topic, reason, detail, payload, payload_bytes)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int4[])`,
    [
      rows.map((r) => r.topic),
      rows.map((r) => r.reason),
      rows.map((r) => r.detail),
      rows.map((r) => r.payload),
      rows.map((r) => r.payloadBytes),
    ],
  );
}
