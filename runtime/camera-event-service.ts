/**
 * The officers' camera-event operations as the route handlers see them (through the registry):
 * database reads, and an acknowledgement that also tells every console node at once.
 */
import type { AckResult, CameraEventStats, FeedOptions, FeedPage, FeedQuery, StatsQuery } from '../contracts/camera-events';
import { cameraEventsAcknowledged } from '../contracts/live';
import type { Queryable } from '../db/adapter';
import { acknowledgeCameraEvent, cameraEventFeed, cameraEventOptions, cameraEventSnapshot, cameraEventStats } from '../db/camera-events';
import type { Bus } from '../realtime/bus';
import { snapshotSource, type SnapshotSource } from './snapshot-source';

export interface CameraEventService {
  feed(q: FeedQuery): Promise<FeedPage>;
  /** Acknowledges once; the `events:acks` channel moves on every node when it did. */
  acknowledge(eventId: string, by: string, note: string): Promise<AckResult>;
  /** How to serve the event's snapshot (its bytes, or a redirect), or null when it has none to serve. */
  snapshot(eventId: string): Promise<SnapshotSource | null>;
  stats(q: StatsQuery): Promise<CameraEventStats>;
  options(): Promise<FeedOptions>;
}

export function cameraEventService(db: Queryable, bus: Bus, timeZone: string): CameraEventService {
  return {
    feed: (q) => cameraEventFeed(db, q),
    async acknowledge(eventId, by, note) {
      const result = await acknowledgeCameraEvent(db, eventId, by, note);
      if (result.ok) bus.publish(cameraEventsAcknowledged(1));
      return result;
    },
    snapshot: async (eventId) => snapshotSource(await cameraEventSnapshot(db, eventId)),
    stats: (q) => cameraEventStats(db, q, timeZone),
    options: () => cameraEventOptions(db),
  };
}
