import type { Db } from '../db/adapter';
import { runTimescaleJobsOnce } from '../db/timescale-jobs';
import type { Logger } from './logger';

/** Runs TimescaleDB's policy jobs on a timer in embedded mode (see db/timescale-jobs.ts). */
export function startEmbeddedJobs(db: Db, log: Logger, everyMs = 60_000): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  const failing = new Set<number>();
  const tick = () => {
    running ??= runTimescaleJobsOnce(db)
      .then((runs) => {
        for (const r of runs) {
          // Log a job's failure once, and its recovery once: not every minute.
          if (!r.ok && !failing.has(r.jobId)) log.warn({ job: r.procName, err: r.error }, 'TimescaleDB job failed');
          if (r.ok && failing.delete(r.jobId)) log.info({ job: r.procName }, 'TimescaleDB job recovered');
          if (!r.ok) failing.add(r.jobId);
        }
      })
      .catch((err: unknown) => log.warn({ err }, 'could not list TimescaleDB jobs'))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
