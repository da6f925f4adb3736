/** The realtime bench's one table: plain text, aligned columns, numbers right-aligned. */
import { cpuText } from './cpu';
import { printTable } from './table';
import type { RunResult, RunSpec } from './realtime-run';
import type { Histogram } from './realtime-stats';

export interface Row {
  spec: RunSpec;
  result: RunResult | null;
  note: string;
}

const int = (n: number | null | undefined) => (n === null || n === undefined ? '' : Math.round(n).toLocaleString('en-US'));
const dec = (n: number) => (n < 10 ? n.toFixed(1) : int(n));
const pct = (h: Histogram, ...ps: number[]) => ps.map((p) => int(h.percentile(p)) || '–').join(' / ');


export const setupOf = (s: RunSpec) => (s.redis ? `${s.consoleNodes} node${s.consoleNodes > 1 ? 's' : ''} + Redis, ingest apart` : '1 node, ingest in it');

/** What the columns cannot hold: the latency before the console, saturation signs, server warnings. */
function notes(r: RunResult): string {
  const c = r.clients;
  const b = r.nodes.filter((n) => n.report.broadcasts > 0).map((n) => n.report);
  const each = (f: (x: (typeof b)[number]) => string) => b.map(f).join(' + ');
  const out = [
    `ts→broker ${pct(r.brokerAge, 50, 99)}, ts→commit ${pct(r.commitAge, 50, 99)}`,
    b.length > 0
      ? `broadcast ${each((x) => dec(x.broadcastMs / x.broadcasts))} ms mean, ${each((x) => dec(x.broadcastP99Ms))} p99, ${dec(b[0]!.broadcasts / (b[0]!.windowMs / 1000))}/s, ${int(b[0]!.deltaBytes / 1024)} KiB each`
      : 'no broadcast timed',
    `loop p99 ${r.nodes.filter((n) => n.label !== 'ingest').map((n) => dec(n.report.loopP99Ms)).join('+')} node, ${dec(c.loopP99Ms)} cli`,
  ];
  if (c.lite.clients > 0) {
    const seconds = r.seconds;
    out.push(`${int(c.clients)} measured + ${int(c.lite.clients)} lite clients (${int(c.lite.live)} subscribed; ${dec(c.lite.frames / seconds / Math.max(1, c.lite.clients))} frames/s and ${int(c.lite.bytes / seconds / Math.max(1, c.lite.clients) / 1024)} KiB/s each; ${int(c.lite.disconnects)} dropped)`);
  }
  if (r.silentHosts > 0) out.push(`${r.silentHosts} client host(s) stalled (no report in 15 s, or reset and report handled together): client figures are from the others`);
  if (Math.abs(r.publishedPerS - r.committedPerS) > 0.05 * r.publishedPerS) out.push(`simulator published ${int(r.publishedPerS)} msg/s`);
  if (r.unsettledMs !== null) out.push(`ingest still ${int(r.unsettledMs)} ms behind when the window began`);
  if (c.clients > 0 && c.live < c.clients) out.push(`${c.live} of the reporting hosts' ${c.clients} clients live at the end`);
  if (c.minClientDeltas === 0) out.push('some client got no delta');
  if (c.unmatched > 0) out.push(`${c.unmatched} probe receipts without a broker time`);
  if (c.subscribeErrors > 0) out.push(`${c.subscribeErrors} subscribe refusals`);
  const warnings = new Map<string, number>();
  for (const n of r.nodes) for (const [msg, k] of Object.entries(n.report.warnings)) warnings.set(msg, (warnings.get(msg) ?? 0) + k);
  for (const [msg, k] of warnings) out.push(`server logged ${k}× "${msg}"`);
  return out.join('; ');
}

export function formatTable(rows: readonly Row[]): string {
  const head = ['scenario', 'setup', 'coalesce', 'msg/s', 'clients', 'p50 ms', 'p95 ms', 'p99 ms', 'pub→client p50/p99', 'ts→emit p50/p99', 'deltas/s', 'values/s', 'gaps', 'resyncs', 'drops', 'RSS MiB', 'cpu % of a core', 'note'];
  const right = [false, false, true, true, true, true, true, true, true, true, true, true, true, true, true, true, false, false];
  const cells = rows.map(({ spec, result: r, note }) => {
    const common = [spec.scenario, setupOf(spec), `${spec.coalesceMs} ms`];
    if (!r) return [...common, int(spec.rate), int(spec.clients), ...Array<string>(12).fill(''), note];
    return [
      ...common, int(r.committedPerS), r.clients.clients > 0 ? int(r.clients.live + r.clients.lite.live) : '–',
      int(r.latency.percentile(50)), int(r.latency.percentile(95)), int(r.latency.percentile(99)), pct(r.fromBroker, 50, 99), pct(r.emitAge, 50, 99),
      dec(r.clients.deltasPerS), dec(r.clients.valuesPerS), int(r.clients.gaps), int(r.clients.resyncs), int(r.clients.disconnects),
      r.nodes.filter((n) => n.label !== 'ingest').map((n) => int(n.report.rssMiB)).join('+'), cpuText(r.cpu),
      [note, notes(r)].filter(Boolean).join('; '),
    ];
  });
  return printTable(head, cells, { right, groups: rows.map((r) => r.spec.scenario) });
}
