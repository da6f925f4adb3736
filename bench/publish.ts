/** Starts bench/publisher.ts as a separate process (tsx) and waits for its report. */
import { fork } from 'node:child_process';
import path from 'node:path';

export interface PublishJob {
  url: string;
  messages: number;
  /** Messages published but not yet acknowledged by the broker. */
  window: number;
  /** 0: as fast as the broker takes them. */
  ratePerS: number;
  timeoutMs: number;
  /** Every k-th message is garbage (not JSON) on the same topic; 0 = none. Counted in `messages`. */
  badEvery?: number;
}

export interface PublishReport {
  published: number;
  /** `ts` of the first and last message (Date.now() at publish). */
  firstMs: number;
  lastMs: number;
  /** When the broker had acknowledged every message. */
  ackedMs: number;
  /** Publisher CPU time from first publish to last PUBACK. */
  cpuMs: number;
}

export type PublisherMessage = ({ type: 'done' } & PublishReport) | { type: 'error'; message: string };

export interface RunningPublisher {
  pid: number | undefined;
  done: Promise<PublishReport>;
  /** Kills it if it is still running (cleanup after a failure). */
  kill(): void;
}

const ROOT = path.resolve(import.meta.dirname, '..');

export function startPublisher(job: PublishJob): RunningPublisher {
  const child = fork(path.join(import.meta.dirname, 'publisher.ts'), [JSON.stringify(job)], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let report: PublishReport | null = null;
  let error: string | null = null;
  child.on('message', (m: PublisherMessage) => {
    if (m.type === 'done')
      report = { published: m.published, firstMs: m.firstMs, lastMs: m.lastMs, ackedMs: m.ackedMs, cpuMs: m.cpuMs };
    else error = m.message;
  });
  const done = new Promise<PublishReport>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (report) resolve(report);
      else reject(new Error(error ?? `publisher exited (code ${code}, signal ${signal}) without a report`));
    });
  });
  done.catch(() => undefined); // the caller awaits it; a failure before that must not be unhandled
  return {
    pid: child.pid,
    done,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
