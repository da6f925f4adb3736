/**
 * The newest known state of every device, as the fold reads it to merge what comes next: a
 * channel's cached snapshot with the delta still waiting in the coalescer applied on top (that
 * delta is newer than the cache), plus the per-metric times and registration reads the node keeps.
 * Pure: the node hands in readers of its cache and coalescer; nothing here holds state.
 */
import {
  keyedValue,
  type CameraEventItem,
  type CameraState,
  type ChannelName,
  type KeyedDelta,
  type SensorState,
} from '../contracts/channels';
import type { CurrentState } from './commit-deltas';
import type { TruthState } from './truth-deltas';

export interface DeviceSources {
  /** The cached snapshot of a channel, undefined when this node does not hold it. */
  snapshot(channel: ChannelName): unknown;
  /** The delta waiting in the coalescer for a channel, undefined when none. */
  pending(channel: ChannelName): unknown;
  metricTimes: ReadonlyMap<string, Readonly<Record<string, number>>>;
  registeredAt: ReadonlyMap<string, number>;
  /** Whether this node produces the per-device channel (someone here subscribes, or its snapshot is loading). */
  wants(channel: ChannelName): boolean;
}

export function deviceState(src: DeviceSources): TruthState & CurrentState {
  const latest = <V extends object>(channel: 'map:sensors' | 'map:cameras', id: string): V | undefined =>
    keyedValue(
      (src.snapshot(channel) as Record<string, V> | undefined)?.[id],
      src.pending(channel) as KeyedDelta<V> | undefined,
      id,
    );
  const inFeed = (items: readonly CameraEventItem[] | undefined, eventId: string) =>
    items?.some((e) => e.eventId === eventId) ?? false;
  return {
    sensor: (id) => latest<SensorState>('map:sensors', id),
    camera: (id) => latest<CameraState>('map:cameras', id),
    metricTime: (id, metric) => src.metricTimes.get(id)?.[metric],
    registeredAt: (device) => src.registeredAt.get(device),
    hasEvent: (eventId) =>
      inFeed(src.snapshot('events:cameras') as CameraEventItem[] | undefined, eventId) ||
      inFeed((src.pending('events:cameras') as { add: CameraEventItem[] } | undefined)?.add, eventId),
    wants: (channel) => src.wants(channel),
  };
}
