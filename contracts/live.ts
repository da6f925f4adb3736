/**
 * What the ingest hands to the live bus after each commit, and what the console fans out.
 * Kept compact: latest value per sensor and metric, not every reading of the batch.
 */
import { z } from 'zod';

export interface LiveReading {
  deviceId: string;
  metric: string;
  value: number;
  timeMs: number;
}

export interface LiveCameraStatus {
  cameraId: string;
  online: boolean;
  timeMs: number;
}

export interface LiveCameraEvent {
  eventId: string;
  cameraId: string;
  type: string;
  severity: number;
  plate: string | null;
  timeMs: number;
}

export interface IngestCommit {
  committedAt: number;
  /** Records in this commit by kind (telemetry counts readings, one per metric). */
  counts: Record<string, number>;
  readings: LiveReading[];
  cameraStatus: LiveCameraStatus[];
  cameraEvents: LiveCameraEvent[];
  /** Device ids whose registration (meta) changed. */
  devicesChanged: string[];
  rejects: number;
}

/**
 * A commit that carries no data, only news that alarms changed (raised, cleared, acknowledged), so
 * every console node refreshes its `alarms` channel at once instead of at its next heartbeat.
 */
export function alarmsChanged(n: number, now = Date.now()): IngestCommit {
  return { committedAt: now, counts: { alarm: n }, readings: [], cameraStatus: [], cameraEvents: [], devicesChanged: [], rejects: 0 };
}

/** A commit that carries no data, only news that devices' registrations changed (an operator's edit). */
export function devicesChanged(ids: string[], now = Date.now()): IngestCommit {
  return { committedAt: now, counts: {}, readings: [], cameraStatus: [], cameraEvents: [], devicesChanged: ids, rejects: 0 };
}

/**
 * News of one incident acknowledged through either of its faces (db/incident-acks.ts): `alarms`
 * alarms moved (an `alarm` count) and `events` camera events were acknowledged (an `event_ack`
 * count), so every console node refreshes `alarms` and `events:acks` together — the other list
 * updates in every browser, not only the one acted on, and every "to handle" list drops the event.
 */
export function acknowledgementsChanged(moved: { alarms: number; events: number }, now = Date.now()): IngestCommit {
  const counts: Record<string, number> = {};
  if (moved.alarms > 0) counts.alarm = moved.alarms;
  if (moved.events > 0) counts.event_ack = moved.events;
  return { committedAt: now, counts, readings: [], cameraStatus: [], cameraEvents: [], devicesChanged: [], rejects: 0 };
}

/** News that an admin edited an indicator's labels or targets: every console refreshes its catalogue. */
export function indicatorsEdited(now = Date.now()): IngestCommit {
  return { committedAt: now, counts: { indicator_edit: 1 }, readings: [], cameraStatus: [], cameraEvents: [], devicesChanged: [], rejects: 0 };
}

const id = z.string().min(1).max(128);
const ms = z.number().finite();
/**
 * A commit as read back from the live log (Redis): outside input, checked before a console node folds
 * it. Strips nothing it knows and rejects what does not fit, so a foreign or corrupt entry cannot
 * reach a channel.
 */
export const ingestCommitSchema = z.object({
  committedAt: ms,
  counts: z.record(z.string().max(64), z.number().finite()),
  readings: z.array(z.object({ deviceId: id, metric: z.string().min(1).max(64), value: z.number().finite(), timeMs: ms })),
  cameraStatus: z.array(z.object({ cameraId: id, online: z.boolean(), timeMs: ms })),
  cameraEvents: z.array(z.object({ eventId: id, cameraId: id, type: z.string().max(64), severity: z.number().finite(), plate: z.string().max(32).nullable(), timeMs: ms })),
  devicesChanged: z.array(z.string().max(200)),
  rejects: z.number().finite(),
}) satisfies z.ZodType<IngestCommit>;
