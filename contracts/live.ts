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

/**
 * What crosses the bus after a commit: a discriminated union (as socket.io's cluster messages are),
 * each kind carrying only its own fields.
 *   batch       an ingest batch: the compact live delta of what it wrote
 *   alarms      alarms moved (raised, cleared, acknowledged): every node refreshes `alarms` at once
 *   acks        one incident acknowledged through either of its faces (db/incident-acks.ts)
 *   devices     devices' registrations changed (an operator's edit)
 *   indicators  an admin edited an indicator's labels or targets
 */
export type IngestCommit = IngestBatch | AlarmsMoved | AcksMoved | DevicesEdited | IndicatorsEdited;
export type IngestCommitKind = IngestCommit['kind'];

export interface IngestBatch {
  kind: 'batch';
  committedAt: number;
  /** Records in this batch by kind (telemetry counts readings, one per metric). */
  counts: Record<string, number>;
  readings: LiveReading[];
  cameraStatus: LiveCameraStatus[];
  cameraEvents: LiveCameraEvent[];
  /** Device ids whose registration (meta) changed. */
  devicesChanged: string[];
  rejects: number;
}

export interface AlarmsMoved {
  kind: 'alarms';
  committedAt: number;
  /** How many alarms moved. */
  alarms: number;
}

export interface AcksMoved {
  kind: 'acks';
  committedAt: number;
  /** Alarms acknowledged with the incident: `alarms` moves when > 0. */
  alarms: number;
  /** Camera events acknowledged: `events:acks` moves when > 0. */
  events: number;
}

export interface DevicesEdited {
  kind: 'devices';
  committedAt: number;
  /** `sensor/{id}` or `camera/{id}`. */
  devices: string[];
}

export interface IndicatorsEdited {
  kind: 'indicators';
  committedAt: number;
}

/** News that alarms changed (raised, cleared, acknowledged). */
export function alarmsChanged(n: number, now = Date.now()): AlarmsMoved {
  return { kind: 'alarms', committedAt: now, alarms: n };
}

/** News that devices' registrations changed (an operator's edit). */
export function devicesChanged(ids: string[], now = Date.now()): DevicesEdited {
  return { kind: 'devices', committedAt: now, devices: ids };
}

/**
 * News of one incident acknowledged through either of its faces (db/incident-acks.ts): alarms
 * moved and camera events were acknowledged, so every console node refreshes `alarms` and
 * `events:acks` together — the other list updates in every browser, not only the one acted on,
 * and every "to handle" list drops the event.
 */
export function acknowledgementsChanged(moved: { alarms: number; events: number }, now = Date.now()): AcksMoved {
  return { kind: 'acks', committedAt: now, alarms: moved.alarms, events: moved.events };
}

/** News that an admin edited an indicator's labels or targets: every console refreshes its catalogue. */
export function indicatorsEdited(now = Date.now()): IndicatorsEdited {
  return { kind: 'indicators', committedAt: now };
}

const id = z.string().min(1).max(128);
const ms = z.number().finite();
/**
 * A commit as read back from the live log (Redis): outside input, checked before a console node folds
 * it. Strips nothing it knows and rejects what does not fit, so a foreign or corrupt entry cannot
 * reach a channel.
 */
const batchSchema = z.object({
  kind: z.literal('batch'),
  committedAt: ms,
  counts: z.record(z.string().max(64), z.number().finite()),
  readings: z.array(
    z.object({ deviceId: id, metric: z.string().min(1).max(64), value: z.number().finite(), timeMs: ms }),
  ),
  cameraStatus: z.array(z.object({ cameraId: id, online: z.boolean(), timeMs: ms })),
  cameraEvents: z.array(
    z.object({
      eventId: id,
      cameraId: id,
      type: z.string().max(64),
      severity: z.number().finite(),
      plate: z.string().max(32).nullable(),
      timeMs: ms,
    }),
  ),
  devicesChanged: z.array(z.string().max(200)),
  rejects: z.number().finite(),
});
const count = z.number().int().nonnegative();
export const ingestCommitSchema = z.discriminatedUnion('kind', [
  batchSchema,
  z.object({ kind: z.literal('alarms'), committedAt: ms, alarms: count }),
  z.object({ kind: z.literal('acks'), committedAt: ms, alarms: count, events: count }),
  z.object({ kind: z.literal('devices'), committedAt: ms, devices: z.array(z.string().max(200)).max(10_000) }),
  z.object({ kind: z.literal('indicators'), committedAt: ms }),
]) satisfies z.ZodType<IngestCommit>;
/** A camera event as the log carries it (shared with the `truth` entries' schema). */
export const liveCameraEventSchema = batchSchema.shape.cameraEvents.element;
