/**
 * Counts per hour of the city's day: today as bars up to the current hour, yesterday as a line
 * over the whole day, so "are we ahead of yesterday?" reads at a glance.
 */
export function HourlyChart({
  today,
  yesterday,
  currentHour,
  labels,
  testId,
}: {
  today: readonly number[];
  yesterday: readonly number[];
  currentHour: number;
  labels: { today: string; yesterday: string; title: string };
  testId?: string;
}) {
  const W = 720;
  const H = 240;
  const pad = { l: 40, r: 10, t: 12, b: 26 };
  const max = Math.max(1, ...today, ...yesterday);
  const nice = niceCeil(max);
  const bw = (W - pad.l - pad.r) / 24;
  const x = (h: number) => pad.l + h * bw;
  const y = (v: number) => pad.t + (1 - v / nice) * (H - pad.t - pad.b);
  const line = yesterday.map((v, h) => `${(x(h) + bw / 2).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const ticks = [0, nice / 2, nice];
  return (
    <figure className="hourly-chart" data-testid={testId}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={labels.title}>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={pad.l} x2={W - pad.r} y1={y(v)} y2={y(v)} className="grid" />
            <text x={pad.l - 6} y={y(v) + 4} textAnchor="end" className="axis">
              {v}
            </text>
          </g>
        ))}
        {today.slice(0, currentHour + 1).map((v, h) => (
          <rect
            key={h}
            x={x(h) + 2}
            y={y(v)}
            width={bw - 4}
            height={Math.max(0, y(0) - y(v))}
            className={h === currentHour ? 'bar now' : 'bar'}
          />
        ))}
        <polyline points={line} className="yesterday" fill="none" />
        {[0, 6, 12, 18, 23].map((h) => (
          <text
            key={h}
            x={x(h) + bw / 2}
            y={H - 8}
            textAnchor="middle"
            className="axis"
          >{`${String(h).padStart(2, '0')}h`}</text>
        ))}
      </svg>
      <figcaption>
        <span className="key bar" /> {labels.today} <span className="key yesterday" /> {labels.yesterday}
      </figcaption>
    </figure>
  );
}

/** The smallest of 1, 2, 2.5, 5 × 10ⁿ at or above v, so the axis shows round numbers. */
export function niceCeil(v: number): number {
  if (v <= 0) return 1;
  const pow = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 2.5, 5, 10].map((m) => m * pow).find((c) => c >= v) ?? 10 * pow;
}
