/**
 * The per-device channels' live-layer part, one entry per family (`sensor:{id}`, `camera:{id}`):
 * how a node loads a snapshot when the first client here subscribes. Keyed by the contracts'
 * families (contracts/channels.ts `CHANNEL_FAMILY_TABLE`), so a family without an entry is a type error.
 */
import type { ChannelFamily } from '../contracts/channels';
import type { Db } from '../db/adapter';
import { loadCameraActivity, loadSensorReadings } from '../db/live';

export const DEVICE_CHANNEL_TABLE: {
  readonly [F in ChannelFamily]: { load(db: Db, id: string, max: number): Promise<unknown> };
} = {
  sensor: { load: (db, id, max) => loadSensorReadings(db, id, max) },
  camera: { load: (db, id, max) => loadCameraActivity(db, id, max) },
};
