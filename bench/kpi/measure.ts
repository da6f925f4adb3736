/** Times a query shape: warm-up runs, then timed runs; a baseline within a time budget. */
import { startCpu, type CpuShare, type Groups } from '../cpu';
import { aborted, percentile } from '../support';
import type { Answer, Shape } from './shapes';

export interface Timing {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

export interface ShapeResult {
  group: string;
  name: string;
  rows: number;
  product: Timing;
  cpu: CpuShare;
  baseline: (Timing & { source: string; capped: boolean }) | null;
  /** Whether product and baseline gave the same answer; null without a baseline. */
  same: boolean | null;
  error?: string;
}

export interface MeasureSettings {
  warmup: number;
  iterations: number;
  baselineBudgetMs: number;
}

async function timed(
  fn: () => Promise<Answer>,
  n: number,
  budgetMs = Infinity,
): Promise<{ timing: Timing; last: Answer }> {
  const ms = new Float64Array(n);
  let last: Answer | null = null;
  let i = 0;
  const t0 = performance.now();
  while (i < n && (i === 0 || performance.now() - t0 < budgetMs)) {
    if (aborted()) throw new Error(`stopped (${aborted()})`);
    const s = performance.now();
    last = await fn();
    ms[i++] = performance.now() - s;
  }
  const max = Math.max(...ms.subarray(0, i));
  return { timing: { n: i, p50: percentile(ms, i, 50)!, p95: percentile(ms, i, 95)!, max }, last: last! };
}

export async function measureShape(shape: Shape, s: MeasureSettings, groups: Groups): Promise<ShapeResult> {
  for (let i = 0; i < s.warmup; i++) await shape.product();
  const cpu = await startCpu(groups);
  const product = await timed(shape.product, s.iterations);
  const share = await cpu.stop();
  const out: ShapeResult = {
    group: shape.group,
    name: shape.name,
    rows: product.last.rows,
    product: product.timing,
    cpu: share,
    baseline: null,
    same: null,
  };
  if (!shape.baseline) return out;
  // One untimed run warms the caches; slow baselines then get as many runs as fit in the budget (at least one).
  const w0 = performance.now();
  await shape.baseline.run();
  const warmMs = performance.now() - w0;
  const n = Math.max(1, Math.min(s.iterations, Math.floor(s.baselineBudgetMs / warmMs)));
  const base = await timed(shape.baseline.run, n, s.baselineBudgetMs);
  out.baseline = { ...base.timing, source: shape.baseline.source, capped: base.timing.n < s.iterations };
  out.same = base.last.fingerprint() === product.last.fingerprint();
  return out;
}
