/**
 * The bench's live city, generated in the page: deterministic (seeded PRNG), so the deck.gl run and
 * the DOM-marker baseline get the very same points, values and moves. The snapshots are kept the
 * way the console's browser keeps them: keyed deltas applied with contracts/channels.ts `applyDelta`
 * (what useChannel's ChannelSubscription does), so every update yields new objects for what changed,
 * as in the product — the garbage a real update makes is part of what is measured.
 */
import {
  applyDelta,
  channelSpec,
  type CameraEventItem,
  type CameraState,
  type ChannelSpec,
  type KeyedDelta,
  type SensorState,
} from '../../contracts/channels';

/** mulberry32: small, fast, and the same sequence in every browser for a given seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Kind {
  kind: string;
  metric: string;
  min: number;
  max: number;
  /** Largest change per update: big enough that colours cross bands every few updates. */
  step: number;
  share: number;
}
// The simulator's three sensor kinds with their headline metrics (components/map/thresholds.ts), ranges that
// span every colour band.
const KINDS: Kind[] = [
  { kind: 'air', metric: 'pm25', min: 5, max: 220, step: 8, share: 0.6 },
  { kind: 'water', metric: 'water_level_cm', min: 120, max: 420, step: 10, share: 0.2 },
  { kind: 'noise', metric: 'noise_db', min: 35, max: 90, step: 3, share: 0.2 },
];
/** A point moves at most this far per update (≈ 90 m): visibly moving, staying in its part of the city. */
const MOVE_DEG = 0.0008;
const EVENT_TYPES = ['congestion', 'accident', 'wrong_way', 'stopped_vehicle'];

function spec(name: 'map:sensors' | 'map:cameras' | 'events:cameras'): ChannelSpec {
  const s = channelSpec(name);
  if (!s) throw new Error(`no channel spec for ${name}`);
  return s;
}
const SENSORS = spec('map:sensors');
const CAMERAS = spec('map:cameras');
const EVENTS = spec('events:cameras');

export interface StreamOptions {
  points: number;
  cameras: number;
  seed: number;
  /** [west, south, east, north]: every point stays inside. */
  bounds: readonly [number, number, number, number];
  wardCodes: readonly string[];
}

export class CityStream {
  /** The `map:sensors` snapshot (id → state), as the browser holds it. */
  sensors: Record<string, SensorState> = {};
  cameras: Record<string, CameraState> = {};
  /** The `events:cameras` feed (newest 200). */
  events: CameraEventItem[] = [];
  /** One KPI value per ward code (a count, like dossiers received), replaced as a whole on each update. */
  wardValues: Record<string, number> = {};
  updates = 0;

  private readonly rnd: () => number;
  private readonly ids: string[];
  private readonly kinds: Kind[];
  private readonly lon: Float64Array;
  private readonly lat: Float64Array;
  private readonly value: Float64Array;
  private readonly camIds: string[];
  private readonly online: boolean[];
  private eventSeq = 0;

  constructor(private readonly o: StreamOptions) {
    this.rnd = prng(o.seed);
    const [w, s, e, n] = o.bounds;
    this.ids = Array.from({ length: o.points }, (_, i) => `bench-s${String(i).padStart(6, '0')}`);
    this.kinds = this.ids.map(() => {
      let r = this.rnd();
      return KINDS.find((k) => (r -= k.share) < 0) ?? KINDS[0]!;
    });
    this.lon = Float64Array.from(this.ids, () => w + this.rnd() * (e - w));
    this.lat = Float64Array.from(this.ids, () => s + this.rnd() * (n - s));
    this.value = Float64Array.from(this.kinds, (k) => k.min + this.rnd() * (k.max - k.min));
    const set: Record<string, SensorState> = {};
    this.ids.forEach((id, i) => {
      const k = this.kinds[i]!;
      set[id] = {
        id,
        name: `Bench sensor ${i}`,
        kind: k.kind,
        lon: this.lon[i]!,
        lat: this.lat[i]!,
        wardCode: null,
        values: { [k.metric]: this.value[i]! },
        timeMs: 0,
      };
    });
    this.sensors = applyDelta(SENSORS, {}, { set } satisfies KeyedDelta<SensorState>) as Record<string, SensorState>;

    this.camIds = Array.from({ length: o.cameras }, (_, i) => `bench-c${String(i).padStart(5, '0')}`);
    this.online = this.camIds.map(() => this.rnd() > 0.05);
    const cams: Record<string, CameraState> = {};
    this.camIds.forEach((id, i) => {
      cams[id] = {
        id,
        name: `Bench camera ${i}`,
        road: null,
        lon: w + this.rnd() * (e - w),
        lat: s + this.rnd() * (n - s),
        wardCode: null,
        streamUrl: null,
        online: this.online[i]!,
        statusMs: 0,
        lastEventMs: null,
      };
    });
    this.cameras = applyDelta(CAMERAS, {}, { set: cams } satisfies KeyedDelta<CameraState>) as Record<
      string,
      CameraState
    >;
    for (const code of o.wardCodes) this.wardValues[code] = Math.round(this.rnd() * 100);
  }

  /** One update: every point moves and gets a new value, a few cameras flip, maybe an event, every ward a new value. */
  next(now: number): void {
    this.updates++;
    const [w, s, e, n] = this.o.bounds;
    const walk = (x: number, d: number, lo: number, hi: number) => {
      const y = x + (this.rnd() * 2 - 1) * d;
      return y < lo ? 2 * lo - y : y > hi ? 2 * hi - y : y; // reflect at the edges: stays inside, no pile-up
    };
    const patch: Record<string, Partial<SensorState>> = {};
    for (let i = 0; i < this.ids.length; i++) {
      const k = this.kinds[i]!;
      this.lon[i] = walk(this.lon[i]!, MOVE_DEG, w, e);
      this.lat[i] = walk(this.lat[i]!, MOVE_DEG, s, n);
      this.value[i] = walk(this.value[i]!, k.step, k.min, k.max);
      patch[this.ids[i]!] = {
        lon: this.lon[i]!,
        lat: this.lat[i]!,
        values: { [k.metric]: Math.round(this.value[i]! * 10) / 10 },
        timeMs: now,
      };
    }
    this.sensors = applyDelta(SENSORS, this.sensors, { patch } satisfies KeyedDelta<SensorState>) as Record<
      string,
      SensorState
    >;

    if (this.camIds.length > 0) {
      const flips: Record<string, Partial<CameraState>> = {};
      for (let f = 0; f < Math.max(1, Math.round(this.camIds.length / 100)); f++) {
        const i = Math.floor(this.rnd() * this.camIds.length);
        this.online[i] = !this.online[i];
        flips[this.camIds[i]!] = { online: this.online[i]!, statusMs: now };
      }
      this.cameras = applyDelta(CAMERAS, this.cameras, { patch: flips } satisfies KeyedDelta<CameraState>) as Record<
        string,
        CameraState
      >;
      if (this.rnd() < 0.5) {
        const cameraId = this.camIds[Math.floor(this.rnd() * this.camIds.length)]!;
        const event: CameraEventItem = {
          eventId: `bench-e${++this.eventSeq}`,
          cameraId,
          type: EVENT_TYPES[Math.floor(this.rnd() * EVENT_TYPES.length)]!,
          severity: 1 + Math.floor(this.rnd() * 4),
          plate: null,
          timeMs: now,
        };
        this.events = applyDelta(EVENTS, this.events, { add: [event] }) as CameraEventItem[];
      }
    }

    const wards: Record<string, number> = {};
    for (const code of this.o.wardCodes) wards[code] = Math.round(walk(this.wardValues[code] ?? 50, 5, 0, 100));
    this.wardValues = wards;
  }
}
