'use client';
/** The period's totals by indicator group (Decision 766), each with its formula, change and drill-down. */
import { KPI_GROUPS, type CaseSums } from '../../../contracts/kpi-definitions';
import { trendTone } from '../../../contracts/targets';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import { formatDelta } from '../kpi-format';
import { kpiValue } from './review-kpis';
import type { KpiReviewState } from './useKpiReview';

export function KpiGroups({ s }: { s: KpiReviewState }) {
  const { t, locale, number } = useI18n();
  const { defs, table, family, range } = s;
  const groups = KPI_GROUPS.filter((g) => defs.some((d) => d.group === g));
  return (
    <div className="kpi-groups">
      {groups.map((g) => (
        <section key={g} className="kpi-group" data-testid={`group-${g}`}>
          <h3>{t(`review.group.${g}` as MessageKey)}</h3>
          <dl>
            {defs
              .filter((d) => d.group === g)
              .map((d) => {
                const v = kpiValue(table?.total, d.id);
                const prev = table?.previous ? kpiValue(table.previous.total, d.id) : null;
                const delta = v !== null && prev !== null ? v - prev : null;
                return (
                  <div key={d.id} className={`kpi-line tone-${s.tone(d.id, v)}`} data-testid={`kpi-${d.id}`}>
                    <dt>
                      {d.label[locale]}
                      <details className="how">
                        <summary aria-label={t('review.how')}>i</summary>
                        <p>
                          <strong>{t('review.how')}:</strong> {d.formula[locale]}
                        </p>
                      </details>
                    </dt>
                    <dd>
                      <button
                        className="figure"
                        onClick={() =>
                          s.setDrill({ family, drill: d.drill, from: range.from, to: range.to, title: d.label[locale] })
                        }
                        title={t('review.drill')}
                        data-testid={`value-${d.id}`}
                      >
                        {s.show(d.id, v)}
                      </button>
                      {delta !== null && (
                        <span className={`trend trend-${trendTone(d.better ?? undefined, delta)}`}>
                          {delta > 0 ? '▲' : delta < 0 ? '▼' : '▬'}{' '}
                          {formatDelta(d.unit, delta, number, (n) => t('kpi.points', { n }))}
                        </span>
                      )}
                    </dd>
                  </div>
                );
              })}
          </dl>
          {g === 'satisfaction' && table?.family === 'cases' && (
            <RatingDistribution sums={table.total.sums as CaseSums} label={t('review.ratings')} number={number} />
          )}
        </section>
      ))}
    </div>
  );
}

/** Ratings 1–5 of the period as horizontal bars: how satisfaction is spread, not only its mean. */
function RatingDistribution({
  sums,
  label,
  number,
}: {
  sums: CaseSums;
  label: string;
  number: (n: number, digits?: number) => string;
}) {
  const counts = [sums.rating5, sums.rating4, sums.rating3, sums.rating2, sums.rating1];
  const total = counts.reduce((a, b) => a + b, 0);
  return (
    <figure className="ratings" data-testid="rating-distribution">
      <figcaption>{label}</figcaption>
      {counts.map((c, i) => (
        <div key={i} className="rating-row">
          <span>{5 - i} ★</span>
          <span className="track">
            <span className={`fill r${5 - i}`} style={{ width: `${total ? (c / total) * 100 : 0}%` }} />
          </span>
          <span className="n">{number(c)}</span>
        </div>
      ))}
    </figure>
  );
}
