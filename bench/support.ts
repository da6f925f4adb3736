/** What every measurement shares: its result row, bounded waiting, percentiles, a private broker. */
import { startMosquitto, type PrivateMosquitto } from '../test/support/services';
import type { BackendName } from './backends';
import { childPids, cpuText, type CpuShare } from './cpu';
import { int, printTable } from './table';

export interface Measure {
  backend: BackendName;
  measure: string;
  /** Messages or rows measured. */
  count: number | null;
  /** Per second (msg/s or rows/s), or a ratio for the ratio rows. */
  rate: number | null;
  ratio?: boolean;
  p50Ms?: number | null;
  p99Ms?: number | null;
  cpu?: CpuShare | null;
  note: string;
}

let stopping: string | null = null;
/** Makes every wait in progress fail, so the bench unwinds through its cleanups (SIGINT, time limit). */
export function abortAll(reason: string): void {
  stopping ??= reason;
}

export const aborted = (): string | null => stopping;

/** Waits until `done()` holds, checking every `everyMs`; fails after `timeoutMs` or on abort. */
export async function waitUntil(done: () => boolean, what: string, timeoutMs: number, everyMs = 10): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (let i = 0; i <= timeoutMs / everyMs + 1; i++) {
    if (stopping) throw new Error(`stopped (${stopping}) while waiting for ${what}`);
    if (done()) return;
    if (Date.now() > until) break;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
}

/** Nearest-rank percentile of the first `n` values (sorted in place). */
export function percentile(values: Float64Array, n: number, p: number): number | null {
  if (n === 0) return null;
  const sorted = values.subarray(0, n).sort();
  return sorted[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))] ?? null;
}

/** A fresh private Mosquitto (deploy/mosquitto.conf) for one measurement, stopped afterwards. */
export async function withMosquitto<T>(fn: (broker: PrivateMosquitto) => Promise<T>): Promise<T> {
  const broker = await startMosquitto();
  try {
    return await fn(broker);
  } finally {
    await broker.stop();
  }
}

export const rowCount = async (
  query: (sql: string) => Promise<Record<string, unknown>[]>,
  where = '',
): Promise<number> => Number((await query(`SELECT count(*) AS n FROM telemetry ${where}`))[0]?.n);

/**
 * Last resort when unwinding hangs: 30 s after `reason`, kill our brokers, run the cleanups
 * (at most 10 s more) and exit 1, so a benchmark never leaves databases or processes behind.
 */
export function hardExit(reason: string, cleanups: ReadonlySet<() => Promise<unknown>>): void {
  setTimeout(() => {
    console.error(`bench: ${reason}; still running 30 s later, forcing cleanup and exit`);
    for (const pid of childPids('mosquitto')) process.kill(pid, 'SIGKILL');
    const all = Promise.allSettled([...cleanups].map((c) => c()));
    void Promise.race([all, new Promise((r) => setTimeout(r, 10_000))]).then(() => process.exit(1));
  }, 30_000).unref();
}

/**
 * A bench's guard rails: at `limitMs`, or on Ctrl-C / SIGTERM, stop every run (abortAll) and, if
 * unwinding then hangs, clean up and exit (hardExit). `on`, not `once`: tsx's CLI relays the Ctrl-C
 * its child already got, and a second SIGINT with no listener would kill the bench before its
 * cleanups (databases, broker dirs) ran.
 */
export function guardBench(
  limitMs: number,
  cleanups: ReadonlySet<() => Promise<unknown>>,
  limitLabel = `time limit of ${limitMs / 1000} s`,
): void {
  setTimeout(() => {
    abortAll(limitLabel);
    hardExit('time limit', cleanups);
  }, limitMs).unref();
  let interrupted = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => {
      if (interrupted) return;
      interrupted = true;
      abortAll(signal);
      hardExit(signal, cleanups);
    });
}

/** A number from the environment (a bench setting), or the fallback; anything else stops the bench with its name. */
export function envNumber(name: string, fallback: number, min = 0): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min) throw new Error(`${name}: expected a number ≥ ${min}, got "${raw}"`);
  return n;
}

const msText = (n: number | null | undefined) => (n === null || n === undefined ? '' : n < 10 ? n.toFixed(1) : int(n));

/** The ingest bench's rows (`npm run bench:ingest`), one group per backend. */
export function formatMeasures(rows: readonly Measure[]): string {
  return printTable(
    ['backend', 'measure', 'count', 'per s', 'p50 ms', 'p99 ms', 'cpu % of a core', 'note'],
    rows.map((r) => [
      r.backend,
      r.measure,
      r.count === null ? '' : int(r.count),
      r.rate === null ? 'n/a' : r.ratio ? `${r.rate.toFixed(2)}×` : int(r.rate),
      msText(r.p50Ms),
      msText(r.p99Ms),
      cpuText(r.cpu),
      r.note,
    ]),
    { right: [false, false, true, true, true, true, false, false], groups: rows.map((r) => r.backend) },
  );
}
