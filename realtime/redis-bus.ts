import { Redis } from 'ioredis';
import type { IngestCommit } from '../contracts/live';
import { changeLogger, type Logger } from '../contracts/logger';
import type { Bus, BusListener } from './bus';

/**
 * Redis pub/sub: every console node hears every ingest worker's commits. Fire-and-forget
 * is right here: a delta missed during a Redis blip is repaired by the clients' resync.
 */
export function createRedisBus(url: string, city: string, log: Logger): Bus {
  const channel = `cityops:${city}:commits`;
  const pub = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 1 });
  let sub: Redis | null = null;
  const listeners = new Set<BusListener>();
  const pubErrors = changeLogger(log, 'redis bus error');
  pub.on('error', pubErrors.onError).on('ready', pubErrors.reset);

  function ensureSubscriber(): void {
    if (sub) return;
    sub = new Redis(url);
    const subErrors = changeLogger(log, 'redis bus subscriber error');
    sub.on('error', subErrors.onError).on('ready', subErrors.reset);
    void sub.subscribe(channel);
    sub.on('message', (_ch: string, message: string) => {
      let commit: IngestCommit;
      try {
        commit = JSON.parse(message) as IngestCommit;
      } catch {
        log.warn('redis bus: dropped a message that is not JSON');
        return;
      }
      for (const l of listeners) l(commit);
    });
  }

  return {
    kind: 'redis',
    publish(commit) {
      pub.publish(channel, JSON.stringify(commit)).catch((err: Error) => log.warn({ err: err.message }, 'redis publish failed'));
    },
    subscribe(listener) {
      ensureSubscriber();
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      listeners.clear();
      await Promise.allSettled([pub.quit(), sub?.quit()]);
    },
  };
}
