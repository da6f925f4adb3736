/**
 * The live channels: what each carries, how its deltas apply to its snapshot, and how deltas
 * merge when coalesced. Pure and shared: the console server keeps its caches with these
 * functions and the browser applies deltas with the very same code.
 *
 * Three shapes:
 *   replace  the snapshot is one value; a delta is the whole new value (small aggregates)
 *   keyed    the snapshot is a map id → value; a delta deletes ids, sets whole values (new ids), and
 *            patches known ones with just the fields that changed — a sensor's new reading travels
 *            as `{ values: { pm25: 41 }, timeMs }`, not as its whole state (name, place, ward…)
 *   feed     the snapshot is the newest `max` items, oldest first; a delta adds items — kept in time
 *            order and without duplicates, so the same items give the same feed whatever order they
 *            arrived in or however often (a node's database load and the log may both carry one)
 */
import type { EventAckList } from './camera-events';
import type { IndicatorCatalogue } from './indicators';
import type { LiveCameraEvent } from './live';
import type { CityOverview } from './overview';
import type { Capability } from './roles';

export interface SensorState {
  id: string;
  name: string | null;
  kind: string | null;
  lon: number | null;
  lat: number | null;
  wardCode: string | null;
  /** Latest value per metric and when it was measured. */
  values: Record<string, number>;
  timeMs: number | null;
}

export interface CameraState {
  id: string;
  name: string | null;
  road: string | null;
  lon: number | null;
  lat: number | null;
  wardCode: string | null;
  streamUrl: string | null;
  online: boolean | null;
  statusMs: number | null;
  lastEventMs: number | null;
}

/** A camera event as the live channels carry it. */
export type CameraEventItem = LiveCameraEvent;

export interface ReadingItem {
  metric: string;
  value: number;
  timeMs: number;
}

export type CameraActivityItem =
  ({ kind: 'status' } & { online: boolean; timeMs: number }) | ({ kind: 'event' } & CameraEventItem);

export interface AgencyCaseFigures {
  agencyId: string;
  name: string;
  /** The ward/commune a commune-level committee serves (for the map), else null. */
  wardCode: string | null;
  received: number;
  resolved: number;
  resolvedLate: number;
  overdueNow: number;
}

/** Counts per hour of the city's day: index 0 is 00:00–01:00 local time (24 entries). */
export type Hourly = number[];

/** Dossier figures over a span of time (today so far, or yesterday up to the same time). */
export interface CaseFigures {
  received: number;
  resolved: number;
  resolvedOnTime: number;
  resolvedLate: number;
  /** Resolved on time / resolved; null when nothing was resolved. */
  onTimeRate: number | null;
  /** Received online / received; null when nothing was received. */
  onlineShare: number | null;
}

/** Today's dossier figures (the five indicator groups over any period: contracts/kpi-definitions.ts). */
export interface CaseKpis {
  generatedAt: number;
  today: CaseFigures & { overdueNow: number };
  /** Yesterday from midnight to the same time of day: what today's trend arrows compare with. */
  sameTimeYesterday: CaseFigures;
  hourly: { received: Hourly; resolved: Hourly; receivedYesterday: Hourly; resolvedYesterday: Hourly };
  byAgency: AgencyCaseFigures[];
}

export interface DocumentFigures {
  incomingRegistered: number;
  incomingProcessed: number;
  outgoingIssued: number;
  /** Digitally signed / issued; null when nothing was issued. */
  signedShare: number | null;
}

export interface DocumentKpis {
  generatedAt: number;
  today: DocumentFigures & { overdueNow: number };
  sameTimeYesterday: DocumentFigures;
  hourly: { registered: Hourly; registeredYesterday: Hourly };
}

export interface AlarmItem {
  /** The alarm's id in the store (`alarms.alarm_id`). */
  id: string;
  ruleId: string;
  /** The rule's kind: threshold | offline | camera_event | kpi_breach. */
  kind: string;
  /** What fired: the camera event type, the metric, the device type or the KPI. */
  type: string;
  severity: number;
  /** The rule's name, in both languages. */
  name: { vi: string; en: string };
  /** What it is about: a sensor, camera, camera event or agency (`camera:cam-3`). */
  subject: string;
  /** The subject's display name (a camera's or sensor's name, an agency's). */
  title: string;
  cameraId: string | null;
  value: number | null;
  startedMs: number;
  state: 'active' | 'acknowledged';
  ackedBy: string | null;
  ackNote: string | null;
}

/** Camera events that are an emergency whatever their severity: the interim alarms, and "serious" on /traffic. */
export const SERIOUS_EVENT_TYPES: readonly string[] = ['accident', 'fire', 'flooding'];
export const isSeriousEvent = (e: { type: string; severity: number }) =>
  e.severity >= 3 || SERIOUS_EVENT_TYPES.includes(e.type);

/** The open alarms (active or acknowledged) raised by the rules (alarms/), the most severe first. */
export interface AlarmList {
  generatedAt: number;
  active: AlarmItem[];
}

export interface ReplaceChannels {
  overview: CityOverview;
  'kpi:cases': CaseKpis;
  'kpi:documents': DocumentKpis;
  alarms: AlarmList;
  'events:acks': EventAckList;
  /** The generic indicators' catalogue: meta in force, last values, freshness (docs/indicators.md). */
  indicators: IndicatorCatalogue;
}
export interface KeyedChannels {
  'map:sensors': SensorState;
  'map:cameras': CameraState;
}
export interface FeedChannels {
  'events:cameras': CameraEventItem;
}
export type SensorChannel = `sensor:${string}`;
export type CameraChannel = `camera:${string}`;
export type ChannelName =
  keyof ReplaceChannels | keyof KeyedChannels | keyof FeedChannels | SensorChannel | CameraChannel;

type FeedItemOf<C> = C extends keyof FeedChannels
  ? FeedChannels[C]
  : C extends SensorChannel
    ? ReadingItem
    : C extends CameraChannel
      ? CameraActivityItem
      : never;

/**
 * Applied in this order: `del`, then `set` (whole values), then `patch`. A patch replaces the
 * fields it names, merging one level into fields that are plain objects (a sensor's `values`);
 * a patch for an id the snapshot does not hold is ignored (producers patch only known ids).
 */
export type KeyedDelta<V> = { set?: Record<string, V>; patch?: Record<string, Partial<V>>; del?: string[] };
export type FeedDelta<V> = { add: V[] };

export type SnapshotOf<C extends ChannelName> = C extends keyof ReplaceChannels
  ? ReplaceChannels[C]
  : C extends keyof KeyedChannels
    ? Record<string, KeyedChannels[C]>
    : FeedItemOf<C>[];

export type DeltaOf<C extends ChannelName> = C extends keyof ReplaceChannels
  ? ReplaceChannels[C]
  : C extends keyof KeyedChannels
    ? KeyedDelta<KeyedChannels[C]>
    : FeedDelta<FeedItemOf<C>>;

export type ChannelKind = 'replace' | 'keyed' | 'feed';

export interface ChannelSpec {
  kind: ChannelKind;
  /** Feeds keep this many newest items. */
  max: number;
  /** Sent with volatile emits: a client too slow to take one skips it and resyncs. */
  volatile: boolean;
  /** Parametric channels (sensor:{id}, camera:{id}) are produced by each console node for its own clients. */
  local: boolean;
}

/**
 * One entry per channel: its shape and who may subscribe (any one capability is enough; `cityWide`:
 * refused to a leader scoped to agencies or wards — contracts/roles.ts). How a channel's snapshot
 * is loaded and what marks it dirty is the live layer's part of the same entry, keyed by the same
 * ids (realtime/derived-channels.ts, realtime/device-channels.ts), so a new channel is one entry in
 * each and a missing one a type error.
 */
export interface ChannelEntry extends ChannelSpec {
  access: readonly Capability[];
  cityWide: boolean;
}
export type FixedChannel = keyof ReplaceChannels | keyof KeyedChannels | keyof FeedChannels;
export type ChannelFamily = 'sensor' | 'camera';

const replace = (access: readonly Capability[], cityWide = false): ChannelEntry => ({
  kind: 'replace',
  max: 0,
  volatile: false,
  local: false,
  access,
  cityWide,
});
const DEVICES: readonly Capability[] = ['home.view', 'wall.view', 'traffic.view'];
export const CHANNEL_TABLE: { readonly [C in FixedChannel]: ChannelEntry } = {
  overview: replace(DEVICES, true),
  'kpi:cases': replace(['kpi.view', 'wall.view'], true),
  'kpi:documents': replace(['kpi.view', 'wall.view'], true),
  // The wall's alarm banner: a kiosk watches alarms without the /alarms page.
  alarms: replace(['alarms.view', 'wall.view']),
  'events:acks': replace(['traffic.view']),
  indicators: replace(['home.view', 'wall.view', 'kpi.view', 'indicators.view']),
  // Not volatile: a volatile frame is skipped whenever the socket is mid-write (two channels flushed in
  // one turn), and a skipped *last* frame leaves the map wrong until the next change, with no gap to
  // notice. Slow clients are bounded by the server's buffer guard instead (realtime/attach.ts).
  'map:sensors': { kind: 'keyed', max: 0, volatile: false, local: false, access: DEVICES, cityWide: false },
  'map:cameras': { kind: 'keyed', max: 0, volatile: false, local: false, access: DEVICES, cityWide: false },
  'events:cameras': { kind: 'feed', max: 200, volatile: false, local: false, access: DEVICES, cityWide: false },
};
/** Parametric channels (`sensor:{id}`, `camera:{id}`): one entry per family. */
export const CHANNEL_FAMILY_TABLE: { readonly [F in ChannelFamily]: ChannelEntry } = {
  sensor: { kind: 'feed', max: 360, volatile: false, local: true, access: ['home.view', 'wall.view'], cityWide: false },
  camera: {
    kind: 'feed',
    max: 100,
    volatile: false,
    local: true,
    access: ['traffic.view', 'wall.view'],
    cityWide: false,
  },
};

const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const FIXED: Readonly<Record<string, ChannelEntry>> = CHANNEL_TABLE;
export const FIXED_CHANNELS = Object.keys(CHANNEL_TABLE) as FixedChannel[];

/** The entry of a channel name, or null when it is not one (also validates parametric ids). */
export function channelEntry(name: string): ChannelEntry | null {
  const fixed = FIXED[name];
  if (fixed) return fixed;
  const [family, id, ...rest] = name.split(':');
  if (rest.length > 0 || id === undefined || !ID.test(id)) return null;
  return family === 'sensor' || family === 'camera' ? CHANNEL_FAMILY_TABLE[family] : null;
}

/** The spec of a channel name, or null when it is not one (also validates parametric ids). */
export const channelSpec = (name: string): ChannelSpec | null => channelEntry(name);

export const isChannelName = (name: unknown): name is ChannelName =>
  typeof name === 'string' && channelSpec(name) !== null;

/** Applies a delta to a snapshot, returning a new snapshot (the input is not changed). */
export function applyDelta(spec: ChannelSpec, snapshot: unknown, delta: unknown): unknown {
  switch (spec.kind) {
    case 'replace':
      return delta;
    case 'keyed': {
      const d = delta as KeyedDelta<object>;
      const next = { ...(snapshot as Record<string, object>) };
      for (const k of d.del ?? []) delete next[k];
      if (d.set) Object.assign(next, d.set);
      for (const k in d.patch) {
        const prev = next[k];
        if (prev !== undefined) next[k] = patchValue(prev, d.patch[k]!);
      }
      return next;
    }
    case 'feed':
      return feedUnion(snapshot as unknown[], (delta as FeedDelta<unknown>).add, spec.max);
  }
}

/** What makes a feed item itself: a camera event's id, else the whole item (a reading, a status). */
export function feedItemKey(item: unknown): string {
  const id = (item as { eventId?: unknown } | null)?.eventId;
  return typeof id === 'string' ? `e:${id}` : JSON.stringify(item);
}
const itemTime = (item: unknown): number => {
  const t = (item as { timeMs?: unknown } | null)?.timeMs;
  return typeof t === 'number' ? t : 0;
};

/**
 * The newest `max` of two feeds' items together, oldest first, each item once. A union ordered by
 * (time, key) is commutative, associative and idempotent: every node and every browser that saw the
 * same items holds the same feed, and merging deltas equals applying them in turn.
 */
export function feedUnion(a: readonly unknown[], b: readonly unknown[], max: number): unknown[] {
  const lastA = a.at(-1);
  // The common case, cheap: new items all later than the feed's newest (and in order among themselves).
  let inOrder = true;
  let prev = lastA === undefined ? -Infinity : itemTime(lastA);
  for (const x of b) {
    const t = itemTime(x);
    if (t <= prev) {
      inOrder = false;
      break;
    }
    prev = t;
  }
  let out: unknown[];
  if (inOrder) out = [...a, ...b];
  else {
    const byKey = new Map<string, unknown>();
    for (const x of a) byKey.set(feedItemKey(x), x);
    for (const x of b) byKey.set(feedItemKey(x), x);
    out = [...byKey.entries()]
      .sort(([ka, x], [kb, y]) => itemTime(x) - itemTime(y) || (ka < kb ? -1 : ka > kb ? 1 : 0))
      .map(([, x]) => x);
  }
  return out.length > max ? out.slice(out.length - max) : out;
}

/** Merges delta `b` (later) into `a` (earlier): what one delta must carry for both. */
export function mergeDeltas(spec: ChannelSpec, a: unknown, b: unknown): unknown {
  switch (spec.kind) {
    case 'replace':
      return b;
    case 'keyed': {
      const x = a as KeyedDelta<object>;
      const y = b as KeyedDelta<object>;
      const set = { ...x.set };
      const patch = { ...x.patch };
      const del = new Set(x.del);
      for (const k in patch) {
        // `a` may set and patch one id (set applies first): fold them so later patches land on top.
        if (k in set) {
          set[k] = patchValue(set[k]!, patch[k]!);
          delete patch[k];
        }
      }
      for (const k of y.del ?? []) {
        delete set[k];
        delete patch[k];
        del.add(k);
      }
      for (const k in y.set) {
        set[k] = y.set[k]!;
        delete patch[k];
        del.delete(k);
      }
      for (const k in y.patch) {
        const p = y.patch[k]!;
        if (k in set) set[k] = patchValue(set[k]!, p);
        else if (k in patch) patch[k] = patchValue(patch[k]!, p);
        else if (!del.has(k)) patch[k] = p;
      }
      const out: KeyedDelta<object> = {};
      if (Object.keys(set).length > 0) out.set = set;
      if (Object.keys(patch).length > 0) out.patch = patch;
      if (del.size > 0) out.del = [...del];
      return out;
    }
    case 'feed':
      return { add: feedUnion((a as FeedDelta<unknown>).add, (b as FeedDelta<unknown>).add, spec.max) };
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A value with a patch applied: named fields replaced, plain-object fields merged one level. */
export function patchValue<V extends object>(prev: V, patch: Partial<V>): V {
  const out: Record<string, unknown> = { ...(prev as Record<string, unknown>) };
  for (const [k, v] of Object.entries(patch)) {
    const was = out[k];
    out[k] = isPlainObject(was) && isPlainObject(v) ? { ...was, ...v } : v;
  }
  return out as V;
}

/** One id's value after a (pending) keyed delta: what a producer patches against. */
export function keyedValue<V extends object>(
  value: V | undefined,
  delta: KeyedDelta<V> | undefined,
  id: string,
): V | undefined {
  if (!delta) return value;
  let v = delta.del?.includes(id) ? undefined : value;
  if (delta.set && id in delta.set) v = delta.set[id];
  const p = delta.patch?.[id];
  return v !== undefined && p !== undefined ? patchValue(v, p) : v;
}

/** An empty snapshot of the channel's shape. */
export function emptySnapshot(spec: ChannelSpec): unknown {
  return spec.kind === 'keyed' ? {} : spec.kind === 'feed' ? [] : null;
}
