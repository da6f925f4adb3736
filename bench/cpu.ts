/**
 * Who used the CPU during a measurement, from /proc (Linux): per process group in % of one core,
 * and the whole machine in % of all cores. Elsewhere it reports nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';

const TICKS_PER_S = 100; // USER_HZ: 100 on every Linux we run on (`getconf CLK_TCK`)

/** Process groups to watch, e.g. { mosquitto: [pid], postgres: [pid, pid] }; re-read at stop. */
export type Groups = () => Promise<Record<string, number[]>>;

function procTicks(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime (fields 14 and 15 of stat)
  } catch {
    return null;
  }
}

function hostTicks(): { busy: number; total: number } | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const n = line.trim().split(/\s+/).slice(1, 9).map(Number);
    const total = n.reduce((a, b) => a + b, 0);
    return { busy: total - (n[3] ?? 0) - (n[4] ?? 0), total };
  } catch {
    return null;
  }
}

/** Children of this process with the given command name (e.g. the private mosquitto). */
export function childPids(comm: string): number[] {
  try {
    return readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .map(Number)
      .filter((pid) => {
        try {
          const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
          const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          return name === comm && Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === process.pid;
        } catch {
          return false;
        }
      });
  } catch {
    return [];
  }
}

export interface CpuShare {
  /** % of one core per group (this process is "bench"). */
  groups: Record<string, number>;
  /** % of all cores. */
  host: number | null;
  /** % of one core used by everything else on the machine (other people's work skews the figures). */
  others: number | null;
}

export interface CpuMeter {
  stop(extraMs?: Record<string, number>): Promise<CpuShare>;
}

export async function startCpu(groups: Groups): Promise<CpuMeter> {
  const t0 = performance.now();
  const self0 = process.cpuUsage();
  const host0 = hostTicks();
  const start = new Map<number, number>();
  for (const pids of Object.values(await groups())) for (const pid of pids) start.set(pid, procTicks(pid) ?? 0);
  return {
    async stop(extraMs = {}) {
      const wallMs = performance.now() - t0;
      const self = process.cpuUsage(self0);
      const out: Record<string, number> = { bench: ((self.user + self.system) / 1000 / wallMs) * 100 };
      for (const [name, pids] of Object.entries(await groups())) {
        if (pids.length === 0) continue;
        let ticks = 0;
        for (const pid of pids) {
          const now = procTicks(pid); // a process gone by now is left out
          if (now !== null) ticks += now - (start.get(pid) ?? 0);
        }
        out[name] = ((ticks / TICKS_PER_S) * 1000 * 100) / wallMs;
      }
      for (const [name, ms] of Object.entries(extraMs)) out[name] = (ms / wallMs) * 100;
      const host1 = hostTicks();
      const host =
        host0 && host1 && host1.total > host0.total
          ? ((host1.busy - host0.busy) / (host1.total - host0.total)) * 100
          : null;
      const ours = Object.values(out).reduce((a, b) => a + b, 0);
      return { groups: out, host, others: host === null ? null : Math.max(0, host * cpus().length - ours) };
    },
  };
}

/** Short names of the process groups in the benches' tables. */
const SHORT: Readonly<Record<string, string>> = {
  publisher: 'pub',
  mosquitto: 'mosq',
  postgres: 'pg',
  ingest: 'ing',
  clients: 'cli',
  'node 1': 'n1',
  'node 2': 'n2',
  'node 3': 'n3',
};

/**
 * `bench 93 mosq 40 pg 12 other 3 | host 74%`: % of one core per group, then everything else on
 * the machine, and the host's % of all cores — the one way every bench's table shows CPU.
 */
export function cpuText(c: CpuShare | null | undefined): string {
  if (!c) return '';
  const parts = Object.entries(c.groups).map(([k, v]) => `${SHORT[k] ?? k} ${Math.round(v)}`);
  if (c.others !== null) parts.push(`other ${Math.round(c.others)}`);
  return `${parts.join(' ')}${c.host === null ? '' : ` | host ${Math.round(c.host)}%`}`;
}
