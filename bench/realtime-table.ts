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

const int = (n: number | null | undefined) =>
  n === null || n === undefined ? '' : Math.round(n).toLocaleString('en-US');
const dec = (n: number) => (n < 10 ? n.toFixed(1) : int(n));
const pct = (h: Histogram, ...ps: number[]) => ps.map((p) => int(h.percentile(p)) || '–').join(' / ');

export const setupOf = (s: RunSpec) =>
  s.redis ? `${s.consoleNodes} node${s.consoleNodes > 1 ? 's' : ''} + Redis, ingest apart` : '1 node, ingest in it';

/**
 * The console's own cost, apart from the load generator's. `consolePct`: % of one core of the console
 * processes (`node`, `node k`; with the ingest in it, "1 node, ingest in it" counts the ingest too);
 * `usPerClientDelta`: that CPU per client served per delta it received (fold, coalesce, encode and write
 * included, so an upper bound on the per-client part); `loadPct`: the load generator (client processes,
 * simulator, this bench's own process and its probe); `productPct`: the rest of the product's path
 * (broker, PostgreSQL, Redis, a separate ingest); `host`: % of all cores, everyone's work included.
 */
export interface Cost {
  consolePct: number;
  usPerClientDelta: number | null;
  loadPct: number;
  productPct: number;
  otherPct: number | null;
  host: number | null;
}

export function costOf(r: RunResult): Cost {
  const g = r.cpu.groups;
  const sum = (keys: (k: string) => boolean) =>
    Object.entries(g)
      .filter(([k]) => keys(k))
      .reduce((a, [, v]) => a + v, 0);
  const consolePct = sum((k) => k === 'node' || k.startsWith('node '));
  // Per client: over the nodes not killed (a killed node's CPU before the kill is gone with it, its
  // successor's start-up is in its own), each with the clients it served at the end of the window.
  const killed = r.cluster.killed === null ? null : `node ${r.cluster.killed}`;
  const counted = r.nodes.filter((n) => n.label !== 'ingest' && n.label !== killed);
  const servedPct = counted.reduce((a, n) => a + (g[n.label] ?? 0), 0);
  const perS = counted.reduce((a, n) => a + n.report.sockets, 0) * r.clients.deltasPerS;
  return {
    consolePct,
    usPerClientDelta: perS > 0 ? ((servedPct / 100) * 1e6) / perS : null,
    loadPct: sum((k) => k === 'clients' || k === 'sim' || k === 'bench'),
    productPct: sum((k) => k === 'mosquitto' || k === 'postgres' || k === 'redis' || k === 'ingest'),
    otherPct: r.cpu.others,
    host: r.cpu.host,
  };
}

/** Broadcast time per map:sensors delta, mean and p99 over the console nodes (each node to its own clients). */
export function broadcastOf(r: RunResult): { meanMs: number | null; p99Ms: number | null } {
  const b = r.nodes.filter((n) => n.report.broadcasts > 0).map((n) => n.report);
  const n = b.reduce((a, x) => a + x.broadcasts, 0);
  return {
    meanMs: n > 0 ? b.reduce((a, x) => a + x.broadcastMs, 0) / n : null,
    p99Ms: b.length > 0 ? Math.max(...b.map((x) => x.broadcastP99Ms)) : null,
  };
}

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
    `loop p99 ${r.nodes
      .filter((n) => n.label !== 'ingest')
      .map((n) => dec(n.report.loopP99Ms))
      .join('+')} node, ${dec(c.loopP99Ms)} cli`,
  ];
  if (c.lite.clients > 0) {
    const seconds = r.seconds;
    out.push(
      `${int(c.clients)} measured + ${int(c.lite.clients)} lite clients (${int(c.lite.live)} subscribed; ${dec(c.lite.frames / seconds / Math.max(1, c.lite.clients))} frames/s and ${int(c.lite.bytes / seconds / Math.max(1, c.lite.clients) / 1024)} KiB/s each; ${int(c.lite.disconnects)} dropped)`,
    );
  }
  if (r.silentHosts > 0)
    out.push(
      `${r.silentHosts} client host(s) stalled (no report in 15 s, or reset and report handled together): client figures are from the others`,
    );
  if (Math.abs(r.publishedPerS - r.committedPerS) > 0.05 * r.publishedPerS)
    out.push(`simulator published ${int(r.publishedPerS)} msg/s`);
  if (r.unsettledMs !== null) out.push(`ingest still ${int(r.unsettledMs)} ms behind when the window began`);
  if (c.clients > 0 && c.live < c.clients)
    out.push(`${c.live} of the reporting hosts' ${c.clients} clients live at the end`);
  if (c.minClientDeltas === 0) out.push('some client got no delta');
  if (c.unmatched > 0) out.push(`${c.unmatched} probe receipts without a broker time`);
  if (c.subscribeErrors > 0) out.push(`${c.subscribeErrors} subscribe refusals`);
  const warnings = new Map<string, number>();
  for (const n of r.nodes)
    for (const [msg, k] of Object.entries(n.report.warnings)) warnings.set(msg, (warnings.get(msg) ?? 0) + k);
  for (const [msg, k] of warnings) out.push(`server logged ${k}× "${msg}"`);
  return out.join('; ');
}

export function formatTable(rows: readonly Row[]): string {
  const head = [
    'scenario',
    'setup',
    'coalesce',
    'msg/s',
    'clients',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'pub→client p50/p99',
    'ts→emit p50/p99',
    'broadcast mean/p99 ms',
    'console cpu %',
    'µs/client/delta',
    'load gen cpu %',
    'host %',
    'deltas/s',
    'values/s',
    'gaps',
    'resyncs',
    'drops',
    'RSS MiB',
    'cpu % of a core',
    'note',
  ];
  const right = [
    false,
    false,
    true,
    true,
    true,
    true,
    true,
    true,
    true,
    true,
    true,
    true,
    true,
    true,
    true,
    true,
    true,
    true,
    true,
    true,
    true,
    false,
    false,
  ];
  const cells = rows.map(({ spec, result: r, note }) => {
    const common = [spec.scenario, setupOf(spec), `${spec.coalesceMs} ms`];
    if (!r) return [...common, int(spec.rate), int(spec.clients), ...Array<string>(17).fill(''), note];
    const c = costOf(r);
    const b = broadcastOf(r);
    return [
      ...common,
      int(r.committedPerS),
      r.clients.clients > 0 ? int(r.clients.live + r.clients.lite.live) : '–',
      int(r.latency.percentile(50)),
      int(r.latency.percentile(95)),
      int(r.latency.percentile(99)),
      pct(r.fromBroker, 50, 99),
      pct(r.emitAge, 50, 99),
      b.meanMs === null ? '–' : `${dec(b.meanMs)} / ${dec(b.p99Ms ?? 0)}`,
      int(c.consolePct),
      c.usPerClientDelta === null ? '–' : dec(c.usPerClientDelta),
      int(c.loadPct),
      c.host === null ? '?' : int(c.host),
      dec(r.clients.deltasPerS),
      dec(r.clients.valuesPerS),
      int(r.clients.gaps),
      int(r.clients.resyncs),
      int(r.clients.disconnects),
      r.nodes
        .filter((n) => n.label !== 'ingest')
        .map((n) => int(n.report.rssMiB))
        .join('+'),
      cpuText(r.cpu),
      [note, notes(r)].filter(Boolean).join('; '),
    ];
  });
  return printTable(head, cells, { right, groups: rows.map((r) => r.spec.scenario) });
}

/**
 * One row of the across-nodes table (a plain object, so another report shape can take it as it is):
 * a steady run and a run with a node killed, each figure next to the steady run of the same topology
 * in the same bench run (its baseline) and its limit.
 */
export interface ClusterRow {
  nodes: number;
  run: 'steady' | 'node killed';
  rate: number;
  clients: number;
  /** Longest silence over the measured clients of the nodes not killed: max and median of their longest. */
  othersSilenceMaxMs: number | null;
  othersSilenceP50Ms: number | null;
  /** The same for the killed node's own clients (they reconnect to it): no limit, the node's restart is in it. */
  ownSilenceMaxMs: number | null;
  /** Kill → the node serving again. */
  backMs: number | null;
  /** Traffic stopped → every measured client equal to the database's map:sensors. */
  convergeMs: number | null;
  /** The same, the clients of the nodes not killed only. */
  convergeOthersMs: number | null;
  differing: number;
  baselineSilenceMaxMs: number | null;
  baselineConvergeMs: number | null;
  silenceLimitMs: number;
  convergeLimitMs: number;
  p99Ms: number | null;
  gaps: number;
  resyncs: number;
  consoleUsPerClientDelta: number | null;
  loadPct: number;
  host: number | null;
  note: string;
}

export function clusterRow(
  r: RunResult,
  baseline: RunResult | null,
  limits: { silenceMs: number; convergeMs: number },
  note = '',
): ClusterRow {
  const c = r.cluster;
  const others = [...c.silenceByNode]
    .filter(([n]) => n !== c.killed)
    .flatMap(([, v]) => v)
    .sort((a, b) => a - b);
  const own = c.killed === null ? [] : (c.silenceByNode.get(c.killed) ?? []);
  const baseOthers = baseline ? [...baseline.cluster.silenceByNode.values()].flat() : [];
  const cost = costOf(r);
  return {
    nodes: r.spec.consoleNodes,
    run: c.killed === null ? 'steady' : 'node killed',
    rate: r.committedPerS,
    clients: r.spec.clients,
    othersSilenceMaxMs: others.length > 0 ? others.at(-1)! : null,
    othersSilenceP50Ms: others.length > 0 ? others[Math.floor((others.length - 1) / 2)]! : null,
    ownSilenceMaxMs: own.length > 0 ? Math.max(...own) : null,
    backMs: c.backMs,
    convergeMs: c.convergeMs,
    convergeOthersMs: c.convergeOthersMs,
    differing: c.differing,
    baselineSilenceMaxMs: baseOthers.length > 0 ? Math.max(...baseOthers) : null,
    baselineConvergeMs: baseline?.cluster.convergeMs ?? null,
    silenceLimitMs: limits.silenceMs,
    convergeLimitMs: limits.convergeMs,
    p99Ms: r.latency.percentile(99),
    gaps: r.clients.gaps,
    resyncs: r.clients.resyncs,
    consoleUsPerClientDelta: cost.usPerClientDelta,
    loadPct: cost.loadPct,
    host: cost.host,
    note,
  };
}

const against = (v: number | null, base: number | null, limit: number) =>
  v === null
    ? '–'
    : `${int(v)} (${base === null ? 'no baseline' : `base ${int(base)}`}, limit ${int(limit)}${v <= limit ? '' : ' EXCEEDED'})`;

export function formatClusterTable(rows: readonly ClusterRow[]): string {
  const head = [
    'nodes',
    'run',
    'msg/s',
    'clients',
    "other nodes' clients: longest silence max ms",
    'median',
    "killed node's clients: max ms",
    'back after ms',
    "converge ms: other nodes' clients",
    'all clients',
    'p99 ms',
    'gaps',
    'resyncs',
    'µs/client/delta',
    'load gen cpu %',
    'host %',
    'note',
  ];
  const right = [
    true,
    false,
    true,
    true,
    true,
    true,
    true,
    true,
    true,
    true,
    true,
    true,
    true,
    true,
    true,
    true,
    false,
  ];
  return printTable(
    head,
    rows.map((r) => [
      String(r.nodes),
      r.run,
      int(r.rate),
      int(r.clients),
      against(r.othersSilenceMaxMs, r.run === 'steady' ? null : r.baselineSilenceMaxMs, r.silenceLimitMs),
      int(r.othersSilenceP50Ms) || '–',
      int(r.ownSilenceMaxMs) || '–',
      int(r.backMs) || '–',
      r.convergeOthersMs === null
        ? `not within ${int(r.convergeLimitMs)}`
        : against(r.convergeOthersMs, r.run === 'steady' ? null : r.baselineConvergeMs, r.convergeLimitMs),
      r.convergeMs === null
        ? `not within ${int(r.convergeLimitMs)} (${r.differing} clients differ)`
        : int(r.convergeMs),
      int(r.p99Ms) || '–',
      int(r.gaps),
      int(r.resyncs),
      r.consoleUsPerClientDelta === null ? '–' : dec(r.consoleUsPerClientDelta),
      int(r.loadPct),
      r.host === null ? '?' : int(r.host),
      r.note,
    ]),
    { right, groups: rows.map((r) => String(r.nodes)) },
  );
}
