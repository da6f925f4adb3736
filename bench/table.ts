/** The bench's one table: plain text, aligned columns, numbers right-aligned. */
import type { CpuShare } from './cpu';
import type { Measure } from './support';

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number | null | undefined) => (n === null || n === undefined ? '' : n < 10 ? n.toFixed(1) : int(n));

// bench: this process (the ingest, and PGlite when it is the backend); other: the rest of the machine.
const SHORT: Record<string, string> = { bench: 'bench', publisher: 'pub', mosquitto: 'mosq', postgres: 'pg' };

function cpu(c: CpuShare | null | undefined): string {
  if (!c) return '';
  const parts = Object.entries(c.groups).map(([k, v]) => `${SHORT[k] ?? k} ${Math.round(v)}`);
  if (c.others !== null) parts.push(`other ${Math.round(c.others)}`);
  return `${parts.join(' ')}${c.host === null ? '' : ` | host ${Math.round(c.host)}%`}`;
}

export function formatTable(rows: readonly Measure[]): string {
  const head = ['backend', 'measure', 'count', 'per s', 'p50 ms', 'p99 ms', 'cpu % of a core', 'note'];
  const right = [false, false, true, true, true, true, false, false];
  const cells = rows.map((r) => [
    r.backend, r.measure, r.count === null ? '' : int(r.count),
    r.rate === null ? 'n/a' : r.ratio ? `${r.rate.toFixed(2)}×` : int(r.rate),
    ms(r.p50Ms), ms(r.p99Ms), cpu(r.cpu), r.note,
  ]);
  const width = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]) =>
    c.map((v, i) => (i === c.length - 1 ? v : right[i] ? v.padStart(width[i]!) : v.padEnd(width[i]!))).join('  ').trimEnd();
  const out = [line(head), line(width.map((w, i) => (i === width.length - 1 ? '-'.repeat(Math.max(4, head[i]!.length)) : '-'.repeat(w))))];
  let last: string | null = null;
  for (const [i, c] of cells.entries()) {
    if (last !== null && rows[i]!.backend !== last) out.push('');
    last = rows[i]!.backend;
    out.push(line(c));
  }
  return out.join('\n');
}
