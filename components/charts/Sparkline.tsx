/** A small line of recent values: the shape of the last hours at a glance, no axes. */
export function Sparkline({
  values,
  width = 160,
  height = 40,
  className,
  label,
}: {
  values: readonly number[];
  width?: number;
  height?: number;
  className?: string;
  label?: string;
}) {
  const finite = values.filter(Number.isFinite);
  if (finite.length < 2)
    return (
      <svg className={`sparkline ${className ?? ''}`} width={width} height={height} role="img" aria-label={label} />
    );
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  const span = max - min || 1;
  const step = width / (finite.length - 1);
  const y = (v: number) => height - 2 - ((v - min) / span) * (height - 4);
  const points = finite.map((v, i) => `${(i * step).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  return (
    <svg
      className={`sparkline ${className ?? ''}`}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      preserveAspectRatio="none"
      role="img"
      aria-label={label}
    >
      <polyline
        points={points}
        fill="none"
        stroke="currentColor"
        strokeWidth={2}
        vectorEffect="non-scaling-stroke"
        strokeLinejoin="round"
      />
      <circle cx={width} cy={y(finite.at(-1)!)} r={3} fill="currentColor" />
    </svg>
  );
}
