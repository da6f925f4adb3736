/**
 * What the live log carries (realtime/bus.ts): every console node folds the same entries in the same
 * order, so the same log position is the same state on every node.
 *   commit   an ingest worker's (or a service's) committed batch, appended after its transaction
 *   truth    devices and camera events as a node read them from the database at `readAt`: its start,
 *            a reset (Redis restarted, entries lost), a periodic reconcile, a device's new registration
 *   derived  a database-derived channel's value (overview, KPIs, alarms…) as one node computed it
 *            after folding the log up to `basis`; the value with the highest basis wins on every node
 *   lost     a publisher dropped entries it could not append (Redis away too long): every node reloads
 * An entry read back from Redis is outside input: `parseLiveEntry` checks it before anything folds it.
 */
import { z } from 'zod';
import type { CameraEventItem, CameraState, ReplaceChannels, SensorState } from '../contracts/channels';
import { DERIVED_CHANNEL_IDS } from './derived-channels';
import { ingestCommitSchema, liveCameraEventSchema, type IngestCommit } from '../contracts/live';

/** A sensor as the database holds it, with the time of each metric's newest value (newest-wins merging needs it). */
export type SensorTruth = SensorState & { times: Record<string, number> };
export type DerivedChannel = keyof ReplaceChannels;

export interface TruthEntry {
  k: 'truth';
  /** Who read it (a node's nonce): a starting node waits for its own. */
  by: string;
  why: 'start' | 'reset' | 'reconcile' | 'meta';
  /** When the read began: a registration read later wins over one read earlier, whatever the log order. */
  readAt: number;
  sensors?: Record<string, SensorTruth>;
  cameras?: Record<string, CameraState>;
  events?: CameraEventItem[];
}

export type LiveEntry =
  | { k: 'commit'; commit: IngestCommit }
  | TruthEntry
  | { k: 'derived'; channel: DerivedChannel; basis: number; value: ReplaceChannels[DerivedChannel] }
  | { k: 'lost'; by: string };

const id = z.string().min(1).max(128);
const text = z.string().max(500).nullable();
const coord = z.number().finite().nullable();
const ms = z.number().finite();
const sensorTruth = z.object({
  id,
  name: text,
  kind: text,
  lon: coord,
  lat: coord,
  wardCode: text,
  values: z.record(z.string().max(64), z.number().finite()),
  timeMs: ms.nullable(),
  times: z.record(z.string().max(64), ms),
});
const cameraState = z.object({
  id,
  name: text,
  road: text,
  lon: coord,
  lat: coord,
  wardCode: text,
  streamUrl: z.string().max(4096).nullable(),
  online: z.boolean().nullable(),
  statusMs: ms.nullable(),
  lastEventMs: ms.nullable(),
});
const cameraEvent = liveCameraEventSchema;

const entrySchema = z.discriminatedUnion('k', [
  z.object({ k: z.literal('commit'), commit: ingestCommitSchema }),
  z.object({
    k: z.literal('truth'),
    by: z.string().max(64),
    why: z.enum(['start', 'reset', 'reconcile', 'meta']),
    readAt: ms,
    sensors: z.record(id, sensorTruth).optional(),
    cameras: z.record(id, cameraState).optional(),
    events: z.array(cameraEvent).max(1000).optional(),
  }),
  // A derived value is produced by a console node from the database with the contracts' own code; its
  // shape is that channel's type. Checked here: a known channel, a position, an object.
  z.object({
    k: z.literal('derived'),
    channel: z.enum(DERIVED_CHANNEL_IDS as [DerivedChannel, ...DerivedChannel[]]),
    basis: z.number().int().nonnegative(),
    value: z.record(z.string(), z.unknown()),
  }),
  z.object({ k: z.literal('lost'), by: z.string().max(64) }),
]);

/** A log entry from its JSON, or null when it is not one (logged by the caller, then skipped). */
export function parseLiveEntry(json: string): LiveEntry | null {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return null;
  }
  const r = entrySchema.safeParse(raw);
  return r.success ? (r.data as LiveEntry) : null;
}
