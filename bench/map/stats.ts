/** Percentiles and the plain-text tables of `npm run bench:map`. */

/** Nearest-rank percentile (as bench/support.ts), or null without samples. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? null;
}

/** ms with one decimal below 100, whole above; '–' for no value. */
export const ms = (n: number | null | undefined): string =>
  n === null || n === undefined ? '–' : n < 100 ? n.toFixed(1) : Math.round(n).toLocaleString('en-US');
