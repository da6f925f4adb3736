/** The KPI bench's tables: load steps, row counts, and one row per query shape. */
import { cpuText } from '../cpu';
import { int, printTable } from '../table';
import type { LoadReport } from './load';
import type { ShapeResult } from './measure';

const ms = (n: number | undefined) => (n === undefined ? '' : n < 10 ? n.toFixed(1) : int(n));

// pg: the backends of the bench's connections; their parallel workers come and go within a query,
// so they are not in it — the host figure (% of all cores) has them.
const align = (head: readonly string[], right: readonly boolean[], rows: readonly (readonly string[])[]): string[] =>
  printTable(head, rows, { right }).split('\n');

export function formatLoad(backend: string, r: LoadReport): string {
  const steps = align(
    ['step', 's', 'note'],
    [false, true, false],
    r.steps.map((s) => [s.step, (s.ms / 1000).toFixed(1), s.note]),
  );
  const total = r.steps.reduce((a, s) => a + s.ms, 0) / 1000;
  const counts = Object.entries(r.counts).map(([t, n]) => `${t} ${int(n)}`);
  return [
    `${backend}: load`,
    ...steps.map((l) => `  ${l}`),
    `  total ${total.toFixed(0)} s`,
    `  rows: ${counts.join(', ')}`,
  ].join('\n');
}

export function formatResults(backend: string, results: readonly ShapeResult[], limitMs: number): string {
  const head = [
    'backend',
    'group',
    'query',
    'rows',
    'n',
    'p50 ms',
    'p95 ms',
    'max ms',
    `≤ ${limitMs} ms`,
    'baseline (raw rows)',
    'n',
    'p50 ms',
    'p95 ms',
    'p95 ratio',
    'same',
    'cpu % of a core',
  ];
  const right = [false, false, false, true, true, true, true, true, false, false, true, true, true, true, false, false];
  const rows = results.map((r) => {
    if (r.error) return [backend, r.group, r.name, '', '', '', '', '', 'ERROR', r.error, '', '', '', '', '', ''];
    const b = r.baseline;
    return [
      backend,
      r.group,
      r.name,
      int(r.rows),
      String(r.product.n),
      ms(r.product.p50),
      ms(r.product.p95),
      ms(r.product.max),
      r.product.p95 <= limitMs ? 'PASS' : 'FAIL',
      b ? b.source : '–',
      b ? `${b.n}${b.capped ? '*' : ''}` : '',
      ms(b?.p50),
      ms(b?.p95),
      b ? `${(b.p95 / r.product.p95).toFixed(b.p95 / r.product.p95 < 10 ? 1 : 0)}×` : '',
      r.same === null ? '' : r.same ? 'yes' : 'NO',
      cpuText(r.cpu),
    ];
  });
  return align(head, right, rows).join('\n');
}

export function summary(backend: string, results: readonly ShapeResult[], limitMs: number): string {
  const ok = results.filter((r) => !r.error && r.product.p95 <= limitMs);
  const failed = results.filter((r) => r.error || r.product.p95 > limitMs);
  const differ = results.filter((r) => r.same === false);
  return [
    `${backend}: ${ok.length} of ${results.length} queries at p95 ≤ ${limitMs} ms warm` +
      (failed.length
        ? `; FAIL: ${failed.map((r) => `${r.group} ${r.name}${r.error ? ' (error)' : ` (${ms(r.product.p95)} ms)`}`).join('; ')}`
        : ''),
    differ.length
      ? `${backend}: product and baseline DIFFER for: ${differ.map((r) => `${r.group} ${r.name}`).join('; ')}`
      : `${backend}: product and baseline answers identical wherever compared`,
  ].join('\n');
}
