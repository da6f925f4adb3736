/**
 * The channels computed from the database (overview, today's KPIs, alarms): recomputed when a
 * commit marked them dirty — at most once per `minIntervalMs`, however many commits — and on a
 * slow heartbeat so time-based figures (online, overdue) move when nothing arrives. Only the
 * leader runs this, so a cluster of console nodes queries the database once, not once per node.
 */
import type { ReplaceChannels } from '../contracts/channels';
import type { Logger } from '../contracts/logger';

export type DerivedChannel = keyof ReplaceChannels;
export type Compute = { [C in DerivedChannel]: () => Promise<ReplaceChannels[C]> };

export interface DerivedFeeds {
  markDirty(channel: DerivedChannel): void;
  /** Computes a channel now (first subscriber on a fresh leader). */
  refresh(channel: DerivedChannel): Promise<void>;
  stop(): void;
}

export function startDerivedFeeds(o: {
  compute: Compute;
  publish: <C extends DerivedChannel>(channel: C, value: ReplaceChannels[C]) => void;
  log: Logger;
  minIntervalMs: number;
  /** A shorter interval for channels whose query is light and whose news is urgent (alarms). */
  minIntervalMsOf?: Partial<Record<DerivedChannel, number>>;
  heartbeatMs: number;
}): DerivedFeeds {
  const channels = Object.keys(o.compute) as DerivedChannel[];
  const state = new Map(channels.map((c) => [c, { dirty: true, lastRun: 0, running: null as Promise<void> | null, failing: false }]));

  function refresh(channel: DerivedChannel): Promise<void> {
    const s = state.get(channel)!;
    s.running ??= (async () => {
      s.dirty = false;
      s.lastRun = Date.now();
      try {
        const value = await o.compute[channel]();
        if (s.failing) o.log.info({ channel }, 'live channel query recovered');
        s.failing = false;
        o.publish(channel, value as never);
      } catch (err) {
        if (!s.failing) o.log.error({ err, channel }, 'live channel query failed; will retry');
        s.failing = true;
        s.dirty = true;
      } finally {
        s.running = null;
      }
    })();
    return s.running;
  }

  const tick = setInterval(() => {
    const now = Date.now();
    for (const [channel, s] of state) {
      const due = s.dirty ? (o.minIntervalMsOf?.[channel] ?? o.minIntervalMs) : o.heartbeatMs;
      if (!s.running && now - s.lastRun >= due) void refresh(channel);
    }
  }, Math.min(o.minIntervalMs, ...Object.values(o.minIntervalMsOf ?? {}), 250));
  tick.unref();

  return {
    markDirty: (channel) => {
      const s = state.get(channel);
      if (s) s.dirty = true;
    },
    refresh,
    stop: () => clearInterval(tick),
  };
}
