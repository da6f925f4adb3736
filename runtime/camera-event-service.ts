/**
 * The officers' camera-event operations as the route handlers see them (through the registry):
 * database reads, and an acknowledgement that also acknowledges the event's alarms (one incident,
 * one acknowledgement: db/incident-acks.ts) and tells every console node at once.
 */
import type {
  AckResult,
  CameraEventStats,
  FeedOptions,
  FeedPage,
  FeedQuery,
  StatsQuery,
} from '../contracts/camera-events';
import { acknowledgementsChanged } from '../contracts/live';
import type { Db } from '../db/adapter';
import { cameraEventFeed, cameraEventOptions, cameraEventSnapshot, cameraEventStats } from '../db/camera-events';
import { acknowledgeEventWithAlarms } from '../db/incident-acks';
import type { Bus } from '../realtime/bus';
import { snapshotSource, type SnapshotSource } from './snapshot-source';

export interface CameraEventService {
  feed(q: FeedQuery): Promise<FeedPage>;
  /**
   * Acknowledges once, with the event's unacknowledged alarms, both audited (as `by`, from `ip`);
   * `events:acks` (and `alarms` when one moved) refresh on every node when it did.
   */
  acknowledge(
    eventId: string,
    by: string,
    note: string,
    ip?: string | null,
  ): Promise<AckResult & { alarmIds: number[] }>;
  /** How to serve the event's snapshot (its bytes, or a redirect), or null when it has none to serve. */
  snapshot(eventId: string): Promise<SnapshotSource | null>;
  stats(q: StatsQuery): Promise<CameraEventStats>;
  options(): Promise<FeedOptions>;
}

export function cameraEventService(db: Db, bus: Bus, timeZone: string): CameraEventService {
  return {
    feed: (q) => cameraEventFeed(db, q),
    async acknowledge(eventId, by, note, ip = null) {
      const result = await acknowledgeEventWithAlarms(db, eventId, { by, ip }, note);
      if (result.ok) bus.publish(acknowledgementsChanged({ events: 1, alarms: result.alarmIds.length }));
      return result;
    },
    snapshot: async (eventId) => snapshotSource(await cameraEventSnapshot(db, eventId)),
    stats: (q) => cameraEventStats(db, q, timeZone),
    options: () => cameraEventOptions(db),
  };
}
