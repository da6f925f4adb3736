/**
 * Stage 3: one batch of decoded records → one transaction. Returns the live delta that the
 * publish stage hands to the bus once the transaction has committed.
 */
import type { Db } from '../db/adapter';
import * as w from '../db/ingest-writes';
import { caseFamily, documentFamily } from '../db/record-families';
import { foldNewEvents } from '../db/record-state';
import type { IngestBatch, LiveCameraEvent, LiveCameraStatus, LiveReading } from '../contracts/live';
import type { IngestRecord } from './records';

/** Finds the ward/commune code of a point, or null outside the city. */
export type PlaceDevice = (lon: number, lat: number) => string | null;

export interface BatchRows {
  telemetry: w.TelemetryRow[];
  seen: Map<string, w.SeenRow>;
  metas: w.DeviceMetaRow[];
  cameraStatus: w.CameraStatusRow[];
  cameraEvents: w.CameraEventRow[];
  caseEvents: w.CaseEventRow[];
  documentEvents: w.DocumentEventRow[];
  agencies: Set<string>;
  indicatorMetas: w.IndicatorMetaRow[];
  indicatorValues: w.IndicatorValueRow[];
  taskEvents: w.TaskEventRow[];
}

function see(rows: BatchRows, deviceType: 'sensor' | 'camera', deviceId: string, ms: number): void {
  const k = `${deviceType}/${deviceId}`;
  const prev = rows.seen.get(k);
  if (!prev || prev.lastSeenMs < ms) rows.seen.set(k, { deviceType, deviceId, lastSeenMs: ms });
}

export function toRows(records: readonly IngestRecord[], place: PlaceDevice): BatchRows {
  const rows: BatchRows = {
    telemetry: [],
    seen: new Map(),
    metas: [],
    cameraStatus: [],
    cameraEvents: [],
    caseEvents: [],
    documentEvents: [],
    agencies: new Set(),
    indicatorMetas: [],
    indicatorValues: [],
    taskEvents: [],
  };
  for (const r of records) {
    switch (r.kind) {
      case 'sensor_meta':
        rows.metas.push({
          deviceType: 'sensor',
          deviceId: r.sensorId,
          kind: r.meta.kind,
          name: r.meta.name,
          lon: r.meta.lon,
          lat: r.meta.lat,
          wardCode: place(r.meta.lon, r.meta.lat),
          wardHint: r.meta.ward ?? null,
          road: null,
          streamUrl: null,
          extra: r.extra,
        });
        break;
      case 'camera_meta':
        rows.metas.push({
          deviceType: 'camera',
          deviceId: r.cameraId,
          kind: null,
          name: r.meta.name,
          lon: r.meta.lon,
          lat: r.meta.lat,
          wardCode: place(r.meta.lon, r.meta.lat),
          wardHint: r.meta.ward ?? null,
          road: r.meta.road ?? null,
          streamUrl: r.meta.stream_url ?? null,
          extra: r.extra,
        });
        break;
      case 'telemetry':
        for (const [metric, value] of Object.entries(r.values))
          rows.telemetry.push({ timeMs: r.timeMs, deviceId: r.sensorId, metric, value });
        see(rows, 'sensor', r.sensorId, r.timeMs);
        break;
      case 'camera_status':
        rows.cameraStatus.push({
          timeMs: r.timeMs,
          cameraId: r.cameraId,
          online: r.status.online,
          fps: r.status.fps ?? null,
          bitrateKbps: r.status.bitrate_kbps ?? null,
        });
        see(rows, 'camera', r.cameraId, r.timeMs);
        break;
      case 'camera_event':
        rows.cameraEvents.push({
          timeMs: r.timeMs,
          eventId: r.event.id,
          cameraId: r.cameraId,
          type: r.event.type,
          severity: r.event.severity,
          plate: r.event.plate ?? null,
          vehicleCount: r.event.vehicle_count ?? null,
          snapshot: r.event.snapshot ?? null,
          extra: r.extra,
        });
        see(rows, 'camera', r.cameraId, r.timeMs);
        break;
      case 'case_event': {
        const e = r.event;
        rows.caseEvents.push({
          timeMs: r.timeMs,
          caseId: e.case_id,
          agencyId: r.agencyId,
          event: e.event,
          procedureCode: e.procedure_code,
          procedureName: e.procedure_name ?? null,
          field: e.field ?? null,
          level: e.level,
          channel: e.channel,
          dueMs: r.dueMs,
          onlinePayment: e.online_payment ?? null,
          digitized: e.digitized ?? null,
          rating: e.rating ?? null,
          extra: r.extra,
        });
        rows.agencies.add(r.agencyId);
        break;
      }
      case 'document_event': {
        const e = r.event;
        rows.documentEvents.push({
          timeMs: r.timeMs,
          docId: e.doc_id,
          agencyId: r.agencyId,
          direction: e.direction,
          event: e.event,
          dueMs: r.dueMs,
          signed: e.signed ?? null,
          eExchange: e.e_exchange ?? null,
          urgency: e.urgency ?? null,
          extra: r.extra,
        });
        rows.agencies.add(r.agencyId);
        break;
      }
      case 'indicator_meta':
        rows.indicatorMetas.push({
          source: r.source,
          key: r.key,
          labelVi: r.meta.label_vi,
          labelEn: r.meta.label_en,
          unit: r.meta.unit,
          direction: r.meta.direction,
          target: r.meta.target ?? null,
          warn: r.meta.warn ?? null,
          kind: r.meta.kind,
          extra: r.extra,
        });
        break;
      case 'task_event': {
        const e = r.event;
        rows.taskEvents.push({
          timeMs: r.timeMs,
          taskId: e.task_id,
          agencyId: r.agencyId,
          event: e.event,
          title: e.title ?? null,
          assignedBy: e.assigned_by ?? null,
          dueMs: r.dueMs,
          progressPct: e.progress_pct ?? null,
          documentRef: e.document_ref ?? null,
          extra: r.extra,
        });
        rows.agencies.add(r.agencyId);
        break;
      }
      case 'indicator_value':
        rows.indicatorValues.push({
          timeMs: r.timeMs,
          source: r.source,
          key: r.key,
          value: r.value.value,
          dims: r.value.dims ?? null,
        });
        break;
    }
  }
  return rows;
}

/**
 * Writes one batch in one transaction. `timeZone` is the city's: it decides which calendar day
 * a dossier was resolved on (early vs on time).
 */
export async function writeRows(db: Db, rows: BatchRows, timeZone: string): Promise<void> {
  await db.transaction(async (tx) => {
    // Metas first, so data in the same batch finds its device placed.
    for (const m of rows.metas) await w.upsertDeviceMeta(tx, m);
    for (const m of rows.indicatorMetas) await w.upsertIndicatorMeta(tx, m);
    await w.touchDevices(tx, [...rows.seen.values()]);
    await w.registerUnknownAgencies(tx, [...rows.agencies]);
    await w.insertTelemetry(tx, rows.telemetry);
    await w.insertCameraStatus(tx, rows.cameraStatus);
    await w.insertCameraEvents(tx, rows.cameraEvents);
    // Only events new to the database move a dossier's or document's state.
    await foldNewEvents(tx, caseFamily(timeZone), await w.insertCaseEvents(tx, rows.caseEvents));
    await foldNewEvents(tx, documentFamily, await w.insertDocumentEvents(tx, rows.documentEvents));
    await w.insertIndicatorValues(tx, rows.indicatorValues);
    await w.insertTaskEvents(tx, rows.taskEvents);
  });
}

const LIVE_READINGS_MAX = 2000;

/** The compact live delta of a committed batch: latest reading per sensor and metric. */
export function toCommit(records: readonly IngestRecord[], rows: BatchRows, rejects: number, now: number): IngestBatch {
  const latest = new Map<string, LiveReading>();
  for (const t of rows.telemetry) {
    const k = `${t.deviceId}\u0000${t.metric}`;
    const prev = latest.get(k);
    if (!prev || prev.timeMs <= t.timeMs)
      latest.set(k, { deviceId: t.deviceId, metric: t.metric, value: t.value, timeMs: t.timeMs });
  }
  const counts: Record<string, number> = {};
  for (const r of records) counts[r.kind] = (counts[r.kind] ?? 0) + 1;
  const cameraStatus: LiveCameraStatus[] = rows.cameraStatus.map((s) => ({
    cameraId: s.cameraId,
    online: s.online,
    timeMs: s.timeMs,
  }));
  const cameraEvents: LiveCameraEvent[] = rows.cameraEvents.map((e) => ({
    eventId: e.eventId,
    cameraId: e.cameraId,
    type: e.type,
    severity: e.severity,
    plate: e.plate,
    timeMs: e.timeMs,
  }));
  return {
    kind: 'batch',
    committedAt: now,
    counts,
    readings: [...latest.values()].slice(-LIVE_READINGS_MAX),
    cameraStatus,
    cameraEvents,
    devicesChanged: rows.metas.map((m) => `${m.deviceType}/${m.deviceId}`),
    rejects,
  };
}
