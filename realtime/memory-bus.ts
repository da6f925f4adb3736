import type { Bus, BusListener } from './bus';

export function createMemoryBus(): Bus {
  const listeners = new Set<BusListener>();
  return {
    kind: 'memory',
    publish(commit) {
      // A listener that throws must not stop the others or the ingest that published.
      for (const l of listeners) {
        try {
          l(commit);
        } catch {
          /* the listener owns its errors */
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      listeners.clear();
    },
  };
}
