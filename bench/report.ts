/**
 * The one run-report every benchmark ends with: what ran, on what machine under what load, and
 * per measured figure its baseline, its limit and whether it passed. Printed the same way by every
 * bench (through the one table printer) and, with BENCH_REPORT_JSON set, also written as JSON so
 * runs can be compared by a script rather than by reading tables.
 *   BENCH_REPORT_JSON=out.json   the report of this run, written to that file
 *   BENCH_REPORT_JSON=reports/   a folder (ends in /): one file per bench, named after it
 * The detailed tables a bench prints before it stay its own; this is the summary they lead to.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, freemem, hostname, loadavg, release, totalmem, type } from 'node:os';
import path from 'node:path';
import { printTable } from './table';

/** A figure's bound: the figure must be at most (`max`) or at least (`min`) the value. */
export type Limit = { max: number } | { min: number };

export interface ReportRow {
  /** What was measured, with the case it was measured in ("postgres · pipeline"). */
  name: string;
  /** null: not measured this run (the note says why). */
  figure: number | null;
  unit: string;
  /** The same measure without the product in the way (a bare client, a naive write), when there is one. */
  baseline: number | null;
  limit: Limit | null;
  /** null: no limit, or nothing measured. */
  pass: boolean | null;
  note?: string;
}

export interface RunConditions {
  machine: string;
  cpu: string;
  /** The 1-minute load average when the report was made: other work on a shared machine skews the figures. */
  load: string;
  /** ISO 8601, UTC. */
  date: string;
  /** The bench's own settings and versions (backend, rate, rounds…), as label → value. */
  settings: Record<string, string>;
}

export interface RunReport {
  title: string;
  conditions: RunConditions;
  rows: ReportRow[];
}

/** The machine's conditions now, with the bench's own settings. */
export function runConditions(settings: Record<string, string> = {}, now = new Date()): RunConditions {
  const c = cpus();
  const gib = (n: number) => (n / 1024 ** 3).toFixed(1);
  return {
    machine: `${hostname()} (${type()} ${release()}, ${gib(totalmem())} GiB, ${gib(freemem())} GiB free, Node ${process.versions.node})`,
    cpu: `${c.length} × ${c[0]?.model.trim() ?? 'unknown'}`,
    load: loadavg()
      .map((l) => l.toFixed(1))
      .join(' / '),
    date: now.toISOString(),
    settings,
  };
}

/** Whether `figure` keeps within `limit`; null without either. */
export function within(figure: number | null, limit: Limit | null): boolean | null {
  if (figure === null || limit === null) return null;
  return 'max' in limit ? figure <= limit.max : figure >= limit.min;
}

/** A row whose pass follows from its figure and limit. */
export function row(
  name: string,
  figure: number | null,
  unit: string,
  o: { baseline?: number | null; limit?: Limit | null; note?: string } = {},
): ReportRow {
  const limit = o.limit ?? null;
  return {
    name,
    figure,
    unit,
    baseline: o.baseline ?? null,
    limit,
    pass: within(figure, limit),
    ...(o.note ? { note: o.note } : {}),
  };
}

const num = (n: number | null) =>
  n === null ? '–' : Math.abs(n) >= 100 || Number.isInteger(n) ? Math.round(n).toLocaleString('en-US') : n.toFixed(2);
const limitText = (l: Limit | null) => (l === null ? '' : 'max' in l ? `≤ ${num(l.max)}` : `≥ ${num(l.min)}`);
const passText = (p: boolean | null) => (p === null ? '' : p ? 'pass' : 'FAIL');

/** The report as text: title, conditions, one table, and the verdict. */
export function formatReport(r: RunReport): string {
  const c = r.conditions;
  const settings = Object.entries(c.settings)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  const table = printTable(
    ['measure', 'figure', 'unit', 'baseline', 'limit', 'pass', 'note'],
    r.rows.map((x) => [
      x.name,
      num(x.figure),
      x.unit,
      x.baseline === null ? '' : num(x.baseline),
      limitText(x.limit),
      passText(x.pass),
      x.note ?? '',
    ]),
    { right: [false, true, false, true, true, false, false] },
  );
  const judged = r.rows.filter((x) => x.pass !== null);
  const failed = judged.filter((x) => x.pass === false).length;
  const verdict =
    judged.length === 0
      ? 'no limits to judge'
      : failed === 0
        ? `PASS: ${judged.length} of ${judged.length} within their limits`
        : `FAIL: ${failed} of ${judged.length} over their limits`;
  return [
    `━━ ${r.title} ━━`,
    `machine ${c.machine}; cpu ${c.cpu}; load ${c.load}; ${c.date}`,
    ...(settings ? [settings] : []),
    '',
    table,
    '',
    verdict,
  ].join('\n');
}

/** Where BENCH_REPORT_JSON puts this bench's report, or null when unset. */
export function reportPath(
  bench: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): string | null {
  const target = env.BENCH_REPORT_JSON;
  if (!target) return null;
  return target.endsWith('/') ? path.join(target, `${bench}.json`) : target;
}

/** Prints the report and, with BENCH_REPORT_JSON set, writes it as JSON. `bench` names the file in a folder. */
export function emitReport(bench: string, r: RunReport): void {
  console.log(`\n${formatReport(r)}`);
  const file = reportPath(bench);
  if (!file) return;
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileSync(file, `${JSON.stringify(r, null, 2)}\n`);
  console.log(`report written to ${file}`);
}
