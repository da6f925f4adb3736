'use client';
/** The review's map (dossiers per commune) and daily trend. */
import { DailyChart } from '../../charts/DailyChart';
import { useI18n } from '../../i18n/I18nProvider';
import { LiveCityMap } from '../../map/LiveCityMap';
import { kpiValue, TREND } from './review-kpis';
import type { KpiReviewState } from './useKpiReview';

export function ReviewVisuals({ s }: { s: KpiReviewState }) {
  const { t, locale } = useI18n();
  const { family, byId } = s;
  const trendRows = s.trend?.rows ?? [];
  const { bars, line } = TREND[family];
  return (
    <div className="review-visuals">
      {family === 'cases' && (
        <div className="review-map">
          <LiveCityMap
            theme="light"
            layers={[]}
            choropleth="cases"
            wardValues={s.wardValues}
            legendTitle={t('review.map')}
            testId="review-map"
          />
        </div>
      )}
      {trendRows.length > 0 && (
        <DailyChart
          testId="review-trend"
          days={trendRows.map((r) => r.key)}
          bars={trendRows.map((r) => kpiValue(r, bars) ?? 0)}
          line={trendRows.map((r) => kpiValue(r, line) ?? 0)}
          labels={{
            title: t('review.trend'),
            bars: byId.get(bars)!.label[locale],
            line: byId.get(line)!.label[locale],
          }}
        />
      )}
    </div>
  );
}
