import { niceCeil } from './HourlyChart';

/**
 * Counts per day over a period: one series as bars, another as a line (e.g. received vs resolved),
 * so a leader sees the trend and the backlog building at a glance.
 */
export function DailyChart({
  days,
  bars,
  line,
  labels,
  testId,
}: {
  days: readonly string[];
  bars: readonly number[];
  line: readonly number[];
  labels: { bars: string; line: string; title: string };
  testId?: string;
}) {
  const W = 960;
  const H = 260;
  const pad = { l: 48, r: 10, t: 12, b: 28 };
  const n = Math.max(1, days.length);
  const nice = niceCeil(Math.max(1, ...bars, ...line));
  const bw = (W - pad.l - pad.r) / n;
  const x = (i: number) => pad.l + i * bw;
  const y = (v: number) => pad.t + (1 - v / nice) * (H - pad.t - pad.b);
  const points = line.map((v, i) => `${(x(i) + bw / 2).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const every = Math.max(1, Math.ceil(n / 8));
  return (
    <figure className="daily-chart" data-testid={testId}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={labels.title}>
        {[0, nice / 2, nice].map((v) => (
          <g key={v}>
            <line x1={pad.l} x2={W - pad.r} y1={y(v)} y2={y(v)} className="grid" />
            <text x={pad.l - 6} y={y(v) + 4} textAnchor="end" className="axis">
              {v}
            </text>
          </g>
        ))}
        {bars.map((v, i) => (
          <rect
            key={days[i]}
            x={x(i) + Math.min(2, bw * 0.1)}
            y={y(v)}
            width={Math.max(1, bw - Math.min(4, bw * 0.2))}
            height={Math.max(0, y(0) - y(v))}
            className="bar"
          >
            <title>{`${days[i]}: ${v}`}</title>
          </rect>
        ))}
        {n > 1 && <polyline points={points} className="yesterday" fill="none" />}
        {days.map((d, i) =>
          i % every === 0 ? (
            <text key={d} x={x(i) + bw / 2} y={H - 8} textAnchor="middle" className="axis">
              {d.slice(5)}
            </text>
          ) : null,
        )}
      </svg>
      <figcaption>
        <span className="key bar" /> {labels.bars} <span className="key yesterday" /> {labels.line}
      </figcaption>
    </figure>
  );
}
