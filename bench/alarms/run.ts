/**
 * How one evaluator is driven and timed: a catch-up over the whole window (ticks back to back
 * until the checkpoints stop moving — the cost per message), then idle ticks with nothing new
 * (what every tick costs anyway: re-reading the lag window, the silence and KPI sweeps). Every
 * query is timed by name, so the database's share shows beside the evaluator's own work.
 */
import type { AlarmDb, TickReport } from '../../alarms/evaluator';

/** The product's evaluator or the baseline: anything that ticks. */
export interface Evaluator {
  tick(nowMs: number): Promise<TickReport>;
}
import type { QueryResult, Queryable, Row } from '../../db/adapter';
import {
  insertCameraEvents,
  insertTelemetry,
  touchDevices,
  upsertDeviceMeta,
  type SeenRow,
  type TelemetryRow,
} from '../../db/ingest-writes';
import type { Db } from '../../db/adapter';
import { aborted } from '../support';
import type { BenchData } from './data';
import { queryName, type QueryName } from './memory-db';

export interface QueryTimes {
  n: number;
  ms: number;
  rows: number;
}

/**
 * The evaluator's database, timing every query by name (inside transactions too; "transaction" is
 * what BEGIN and COMMIT cost around them) and remembering the checkpoints the evaluator sets.
 */
export class TimedDb implements AlarmDb {
  readonly times = new Map<QueryName | 'transaction', QueryTimes>();
  readonly checkpoints = new Map<string, string>();
  constructor(private readonly inner: AlarmDb) {}

  exec(text: string): Promise<void> {
    return this.inner.exec(text);
  }

  private add(name: QueryName | 'transaction', ms: number, rows: number): void {
    const t = this.times.get(name) ?? { n: 0, ms: 0, rows: 0 };
    t.n++;
    t.ms += ms;
    t.rows += rows;
    this.times.set(name, t);
  }

  private timed(q: Queryable, inside: { ms: number } | null): Queryable {
    return {
      exec: (text) => q.exec(text),
      query: async <R extends Row = Row>(text: string, params?: readonly unknown[]): Promise<QueryResult<R>> => {
        const t0 = performance.now();
        const res = await q.query<R>(text, params);
        const ms = performance.now() - t0;
        if (inside) inside.ms += ms;
        const name = queryName(text);
        this.add(name, ms, res.rows.length);
        if (name === 'alarm-checkpoint-set' && params) this.checkpoints.set(String(params[0]), String(params[1]));
        return res;
      },
    };
  }

  query<R extends Row = Row>(text: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
    return this.timed(this.inner, null).query<R>(text, params);
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const t0 = performance.now();
    const inside = { ms: 0 };
    try {
      return await this.inner.transaction((tx) => fn(this.timed(tx, inside)));
    } finally {
      this.add('transaction', performance.now() - t0 - inside.ms, 0);
    }
  }

  reset(): void {
    this.times.clear();
  }
}

export interface Phase {
  ticks: number;
  wallMs: number;
  cpuMs: number;
  readings: number;
  events: number;
  raised: number;
  cleared: number;
  queries: Map<QueryName | 'transaction', QueryTimes>;
}

async function ticks(
  ev: Evaluator,
  db: TimedDb,
  nowMs: number,
  until: (tick: number, moved: boolean) => boolean,
  clock: () => number = () => nowMs,
): Promise<Phase> {
  db.reset();
  const p: Phase = { ticks: 0, wallMs: 0, cpuMs: 0, readings: 0, events: 0, raised: 0, cleared: 0, queries: db.times };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let before = JSON.stringify([...db.checkpoints]);
  for (;;) {
    if (aborted()) throw new Error(`stopped (${aborted()})`);
    const r = await ev.tick(clock());
    p.ticks++;
    p.readings += r.readings;
    p.events += r.events;
    p.raised += r.raised;
    p.cleared += r.cleared;
    const after = JSON.stringify([...db.checkpoints]);
    const moved = after !== before;
    before = after;
    if (until(p.ticks, moved)) break;
  }
  p.wallMs = performance.now() - t0;
  const c = process.cpuUsage(cpu0);
  p.cpuMs = (c.user + c.system) / 1000;
  p.queries = new Map(db.times);
  return p;
}

/** Ticks back to back until a tick leaves both checkpoints where they were: everything read. */
export const catchUp = (ev: Evaluator, db: TimedDb, nowMs: number): Promise<Phase> =>
  ticks(ev, db, nowMs, (n, moved) => !moved || n >= 10_000);

/**
 * The stream as it arrives: a tick per second of the data's own time (the query reads readings up
 * to "now"), `n` of them from `startMs`, after an untimed first tick that catches up to it.
 */
export async function liveTicks(ev: Evaluator, db: TimedDb, startMs: number, n: number): Promise<Phase> {
  await ev.tick(startMs);
  let now = startMs;
  return ticks(
    ev,
    db,
    0,
    (i) => i >= n,
    () => (now += 1000),
  );
}

/** `n` more ticks with nothing new to read. */
export const idleTicks = (ev: Evaluator, db: TimedDb, nowMs: number, n: number): Promise<Phase> =>
  ticks(ev, db, nowMs, (i) => i >= n);

/** Registers the city's devices (placed, with their kind: threshold rules by kind need it). */
export async function registerDevices(db: Db, data: BenchData): Promise<void> {
  await db.transaction(async (tx) => {
    for (const s of data.model.sensors)
      await upsertDeviceMeta(tx, {
        deviceType: 'sensor',
        deviceId: s.id,
        kind: s.kind,
        name: s.name,
        lon: s.lon,
        lat: s.lat,
        wardCode: s.ward.code,
        wardHint: null,
        road: null,
        streamUrl: null,
        extra: null,
      });
    for (const c of data.model.cameras)
      await upsertDeviceMeta(tx, {
        deviceType: 'camera',
        deviceId: c.id,
        kind: null,
        name: c.name,
        lon: c.lon,
        lat: c.lat,
        wardCode: c.ward.code,
        wardHint: null,
        road: c.road,
        streamUrl: null,
        extra: null,
      });
  });
}

export interface Load {
  messages: number;
  rows: number;
  wallMs: number;
  cpuMs: number;
}

/**
 * Stores the window as the ingest does — per batch of `batch` messages, one transaction of
 * touchDevices + insertTelemetry (db/ingest-writes.ts, as ingest/write-batch.ts calls them) — and
 * times it: the same process's database write rate, beside the ingest bench's recorded figure.
 * Camera events are stored afterwards, untimed.
 */
export async function loadWindow(db: Db, data: BenchData, batch: number): Promise<Load> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let rows: TelemetryRow[] = [];
  let seen = new Map<string, SeenRow>();
  let messages = 0;
  let last = '';
  const flush = async () => {
    if (aborted()) throw new Error(`stopped (${aborted()})`);
    const r = rows;
    const s = [...seen.values()];
    rows = [];
    seen = new Map();
    messages = 0;
    await db.transaction(async (tx) => {
      await touchDevices(tx, s);
      await insertTelemetry(tx, r);
    });
  };
  for (const r of data.readings) {
    const msg = `${r.deviceId}@${r.ms}`;
    if (msg !== last) {
      if (messages === batch) await flush();
      messages++;
      last = msg;
    }
    rows.push({ timeMs: r.ms, deviceId: r.deviceId, metric: r.metric, value: r.value });
    seen.set(r.deviceId, { deviceType: 'sensor', deviceId: r.deviceId, lastSeenMs: r.ms });
  }
  await flush();
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(cpu0);
  for (let i = 0; i < data.events.length; i += batch) {
    const chunk = data.events.slice(i, i + batch);
    await db.transaction(async (tx) => {
      await touchDevices(tx, [
        ...new Map(
          chunk.map((e) => [e.cameraId, { deviceType: 'camera' as const, deviceId: e.cameraId, lastSeenMs: e.ms }]),
        ).values(),
      ]);
      await insertCameraEvents(
        tx,
        chunk.map((e) => ({
          timeMs: e.ms,
          eventId: e.eventId,
          cameraId: e.cameraId,
          type: e.type,
          severity: e.severity,
          plate: e.plate,
          vehicleCount: null,
          snapshot: null,
          extra: null,
        })),
      );
    });
  }
  // Cameras also report their status: every camera heard from, as the in-memory run has them.
  const cameras = [...data.lastSeen]
    .filter(([, d]) => d.type === 'camera')
    .map(([id, d]) => ({ deviceType: 'camera' as const, deviceId: id, lastSeenMs: d.ms }));
  await db.transaction((tx) => touchDevices(tx, cameras));
  return { messages: data.messages, rows: data.readings.length, wallMs, cpuMs: (c.user + c.system) / 1000 };
}
