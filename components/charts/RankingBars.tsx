import type { ReactNode } from 'react';

export interface RankingRow {
  key: string;
  label: string;
  value: number;
  display: string;
  /** Shown after the figure, e.g. an overdue count. */
  note?: ReactNode;
  tone?: 'good' | 'warn' | 'bad' | 'neutral';
}

/** A ranking as horizontal bars, largest first, bars scaled to the largest value. */
export function RankingBars({ rows, testId }: { rows: readonly RankingRow[]; testId?: string }) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  return (
    <ol className="ranking-bars" data-testid={testId}>
      {rows.map((r) => (
        <li key={r.key} className={`tone-${r.tone ?? 'neutral'}`}>
          <span className="label" title={r.label}>
            {r.label}
          </span>
          <span className="bar">
            <span style={{ width: `${(100 * Math.max(0, r.value)) / max}%` }} />
          </span>
          <span className="figure">{r.display}</span>
          <span className="note">{r.note ?? ''}</span>
        </li>
      ))}
    </ol>
  );
}
