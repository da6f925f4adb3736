'use client';
import type { ReactNode } from 'react';
import { targetTone, trendTone, type KpiTarget, type Tone } from '../../contracts/targets';
import { useI18n } from '../i18n/I18nProvider';

export type KpiFormat = 'count' | 'percent';

/**
 * A big-number tile: the figure readable from across the room, coloured against its target
 * (green / amber / red), with a trend arrow against a comparison value (e.g. yesterday at the
 * same time) and one line of context.
 */
export function KpiTile({
  label,
  value,
  format = 'count',
  previous,
  previousLabel,
  direction,
  target,
  tone,
  detail,
  testId,
  children,
}: {
  label: string;
  value: number | null;
  format?: KpiFormat;
  /** The comparison value for the trend arrow; null/undefined: no arrow. */
  previous?: number | null;
  previousLabel?: string;
  /** Which way is better, for the arrow's colour (defaults to the target's). */
  direction?: 'higher' | 'lower';
  target?: KpiTarget | undefined;
  /** Overrides the target colour. */
  tone?: Tone;
  detail?: ReactNode;
  testId?: string;
  children?: ReactNode;
}) {
  const { t, number } = useI18n();
  const show = (v: number) => (format === 'percent' ? `${number(v * 100, 1)} %` : number(v));
  const colour = tone ?? targetTone(target, value);
  const better = direction ?? target?.direction;
  let trend: ReactNode = null;
  if (value !== null && previous !== null && previous !== undefined) {
    const delta = value - previous;
    const arrow = delta > 0 ? '▲' : delta < 0 ? '▼' : '▬';
    const amount =
      format === 'percent' ? t('kpi.points', { n: number(Math.abs(delta) * 100, 1) }) : number(Math.abs(delta));
    trend = (
      <p className={`trend trend-${trendTone(better, delta)}`} data-testid={testId ? `${testId}-trend` : undefined}>
        <span aria-hidden>{arrow}</span> {amount} <span className="vs">{previousLabel ?? t('kpi.vsYesterday')}</span>
      </p>
    );
  }
  return (
    <section className={`tile tone-${colour}`} data-testid={testId} data-tone={colour}>
      <h2>{label}</h2>
      <p className="value" data-testid={testId ? `${testId}-value` : undefined}>
        {value === null ? '—' : show(value)}
      </p>
      {trend}
      {target && (
        <p className="target">
          {t('kpi.target', {
            value: target.direction === 'higher' ? `≥ ${show(target.good)}` : `≤ ${show(target.good)}`,
          })}
        </p>
      )}
      {detail && <p className="detail">{detail}</p>}
      {children}
    </section>
  );
}
