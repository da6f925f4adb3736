'use client';
import { useI18n } from '../i18n/I18nProvider';
import { DrillDrawer } from './DrillDrawer';
import { AgencyTable } from './review/AgencyTable';
import { KpiGroups } from './review/KpiGroups';
import { ReviewBar } from './review/ReviewBar';
import { ReviewVisuals } from './review/ReviewVisuals';
import { useKpiReview } from './review/useKpiReview';

/**
 * The leaders' review: any period (today … year, or custom) against the previous one, the five
 * indicator groups of Decision 766 with their formulas, agencies ranked by any KPI with target
 * colours, the daily trend, drill-down to the records and export. Periods that include today
 * refresh every minute; today's live tiles above move with every event. What it holds and loads is
 * useKpiReview's; the parts in review/ only render it.
 */
export function KpiReview() {
  const { t } = useI18n();
  const s = useKpiReview();
  const { range, table, error, drill } = s;
  return (
    <section className="kpi-review span-all" data-testid="kpi-review">
      <ReviewBar s={s} />
      <p className="review-range" data-testid="review-range">
        {t('review.range', { from: range.from, to: range.to })}
        {table?.previous && <> · {t('review.previous', { from: table.previous.from, to: table.previous.to })}</>}
      </p>
      {error && (
        <p className="error" role="alert">
          {t('review.error', { message: error })}
        </p>
      )}
      <KpiGroups s={s} />
      <ReviewVisuals s={s} />
      <AgencyTable s={s} />
      {drill && <DrillDrawer request={drill} onClose={() => s.setDrill(null)} />}
    </section>
  );
}
