/**
 * The channels computed from the database (overview, today's KPIs, alarms): recomputed when a
 * commit marked them dirty — at most once per `minIntervalMs`, however many commits — and on a
 * slow heartbeat so time-based figures (online, overdue) move when nothing arrives.
 *
 * Every console node runs this, and a value goes into the live log (not straight to clients), so
 * every node serves the same value at the same position. The nodes share the work without a
 * leader: a value any node computed after the dirtying commit (`seen`) counts for all, so a node
 * whose turn comes later skips; at worst (ticks in step) each node computes once, never more.
 */
import type { ReplaceChannels } from '../contracts/channels';
import type { Logger } from '../contracts/logger';
import type { DerivedChannel } from './live-entry';

export type { DerivedChannel };
export type Compute = { [C in DerivedChannel]: () => Promise<ReplaceChannels[C]> };

export interface DerivedFeeds {
  /** A commit at log position `pos` may have changed the channel's figures. */
  markDirty(channel: DerivedChannel, pos: number): void;
  /** A value computed (by any node) after folding the log up to `basis` has been folded. */
  seen(channel: DerivedChannel, basis: number): void;
  /** Computes a channel now. */
  refresh(channel: DerivedChannel): Promise<void>;
  stop(): void;
}

export function startDerivedFeeds(o: {
  compute: Compute;
  /** `basis`: the log position this node had folded when the computation began. */
  publish: <C extends DerivedChannel>(channel: C, value: ReplaceChannels[C], basis: number) => void;
  position: () => number;
  log: Logger;
  minIntervalMs: number;
  /** A shorter interval for channels whose query is light and whose news is urgent (alarms). */
  minIntervalMsOf?: Partial<Record<DerivedChannel, number>>;
  heartbeatMs: number;
  /** A query failed (every failure), or succeeded again (null): the channel's fault state. */
  fault?: (channel: DerivedChannel, error: unknown | null) => void;
}): DerivedFeeds {
  const channels = Object.keys(o.compute) as DerivedChannel[];
  const state = new Map(
    channels.map((c) => [
      c,
      { dirty: true, dirtyPos: 0, lastRun: 0, running: null as Promise<void> | null, failing: false },
    ]),
  );

  function refresh(channel: DerivedChannel): Promise<void> {
    const s = state.get(channel)!;
    s.running ??= (async () => {
      s.dirty = false;
      s.lastRun = Date.now();
      const basis = o.position();
      try {
        const value = await o.compute[channel]();
        if (s.failing) {
          o.log.info({ channel }, 'live channel query recovered');
          o.fault?.(channel, null);
        }
        s.failing = false;
        o.publish(channel, value as never, basis);
      } catch (err) {
        if (!s.failing) o.log.error({ err, channel }, 'live channel query failed; will retry');
        s.failing = true;
        s.dirty = true;
        o.fault?.(channel, err);
      } finally {
        s.running = null;
      }
    })();
    return s.running;
  }

  const tickMs = Math.min(o.minIntervalMs, ...Object.values(o.minIntervalMsOf ?? {}), 250);
  let tick: NodeJS.Timeout | null = null;
  // A random phase: nodes started together do not tick in step, so one's value usually spares the others.
  const phase = setTimeout(
    () => {
      tick = setInterval(() => {
        const now = Date.now();
        for (const [channel, s] of state) {
          const due = s.dirty ? (o.minIntervalMsOf?.[channel] ?? o.minIntervalMs) : o.heartbeatMs;
          if (!s.running && now - s.lastRun >= due) void refresh(channel);
        }
      }, tickMs);
      tick.unref();
    },
    Math.floor(Math.random() * tickMs),
  );
  phase.unref();

  return {
    markDirty: (channel, pos) => {
      const s = state.get(channel);
      if (!s) return;
      s.dirty = true;
      s.dirtyPos = Math.max(s.dirtyPos, pos);
    },
    seen: (channel, basis) => {
      const s = state.get(channel);
      if (!s) return;
      s.lastRun = Math.max(s.lastRun, Date.now());
      if (basis >= s.dirtyPos) s.dirty = false;
    },
    refresh,
    stop: () => {
      clearTimeout(phase);
      if (tick) clearInterval(tick);
    },
  };
}
