import type { Tone } from '../../contracts/targets';

/**
 * A half-circle gauge for a share (0–1): the arc filled to the value, a tick at the target,
 * coloured by how the value stands against it.
 */
export function Gauge({
  value,
  target,
  tone,
  label,
  display,
  testId,
}: {
  value: number | null;
  target?: number | undefined;
  tone: Tone;
  label: string;
  display: string;
  testId?: string;
}) {
  const r = 80;
  const cx = 100;
  const cy = 95;
  const point = (share: number) => {
    const a = Math.PI * (1 - Math.min(1, Math.max(0, share)));
    return [cx + r * Math.cos(a), cy - r * Math.sin(a)] as const;
  };
  const arc = (share: number) => {
    const [x, y] = point(share);
    return `M ${cx - r} ${cy} A ${r} ${r} 0 0 1 ${x.toFixed(2)} ${y.toFixed(2)}`;
  };
  const tick = target !== undefined ? point(target) : null;
  return (
    <figure className={`gauge tone-${tone}`} data-testid={testId}>
      <svg viewBox="0 0 200 110" role="img" aria-label={`${label}: ${display}`}>
        <path d={arc(1)} className="gauge-track" />
        {value !== null && value > 0 && <path d={arc(value)} className="gauge-value" />}
        {tick && (
          <line
            x1={cx + (tick[0] - cx) * 0.82}
            y1={cy + (tick[1] - cy) * 0.82}
            x2={cx + (tick[0] - cx) * 1.12}
            y2={cy + (tick[1] - cy) * 1.12}
            className="gauge-target"
          />
        )}
        <text x={cx} y={cy - 12} textAnchor="middle" className="gauge-figure">
          {display}
        </text>
      </svg>
      <figcaption>{label}</figcaption>
    </figure>
  );
}
