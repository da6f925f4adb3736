import type { Bus, BusListener, LogRecord, TailHandlers } from './bus';
import type { LiveEntry } from './live-entry';

/**
 * The log in one process: positions 1, 2, 3…; the newest `retain` entries kept for readers that start
 * behind (a node restarted in the same process). Readers get entries on a later turn of the event loop,
 * so an append from inside a reader's handler never re-enters it.
 */
export function createMemoryBus(retain = 2000): Bus {
  const listeners = new Set<BusListener>();
  const tails = new Set<{ h: TailHandlers; after: number }>();
  const kept: LogRecord[] = [];
  let pos = 0;
  let scheduled = false;

  function deliver(): void {
    scheduled = false;
    for (const t of tails) {
      const first = kept[0]?.pos ?? pos + 1;
      if (t.after < first - 1) {
        t.after = 0;
        t.h.reset('entries trimmed before this reader read them');
      }
      const batch = kept.filter((r) => r.pos > t.after);
      if (batch.length === 0) continue;
      t.after = batch.at(-1)!.pos;
      t.h.entries(batch);
    }
  }
  const schedule = () => {
    if (!scheduled) {
      scheduled = true;
      setImmediate(deliver);
    }
  };

  function append(entry: LiveEntry): void {
    kept.push({ pos: ++pos, entry });
    if (kept.length > retain) kept.splice(0, kept.length - retain);
    if (entry.k === 'commit')
      for (const l of listeners) {
        // A listener that throws must not stop the others or the ingest that published.
        try {
          l(entry.commit);
        } catch {
          /* the listener owns its errors */
        }
      }
    schedule();
  }

  return {
    kind: 'memory',
    publish: (commit) => append({ k: 'commit', commit }),
    append,
    head: async () => pos,
    tail(from, h) {
      const t = { h, after: from };
      tails.add(t);
      schedule();
      return () => tails.delete(t);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      listeners.clear();
      tails.clear();
    },
  };
}
