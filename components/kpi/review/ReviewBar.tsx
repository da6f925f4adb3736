'use client';
/** The review's controls: family, period (or a custom range), grouping, comparison and export. */
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import { PERIODS } from '../periods';
import { GROUPINGS } from './review-kpis';
import type { KpiReviewState } from './useKpiReview';

export function ReviewBar({ s }: { s: KpiReviewState }) {
  const { t, locale } = useI18n();
  const { family, period, custom, grouping, compare, query } = s;
  const exportUrl = (format: 'csv' | 'xlsx') => `/api/kpi/${family}/export?${query}&format=${format}&lang=${locale}`;
  return (
    <header className="review-bar">
      <h2>{t('review.title')}</h2>
      <div className="segmented" role="tablist" aria-label={t('review.family')}>
        {(['cases', 'documents'] as const).map((f) => (
          <button
            key={f}
            role="tab"
            aria-selected={family === f}
            className={family === f ? 'on' : ''}
            onClick={() => s.chooseFamily(f)}
          >
            {t(`review.family.${f}` as MessageKey)}
          </button>
        ))}
      </div>
      <div className="segmented" role="group" aria-label={t('review.period')} data-testid="review-periods">
        {PERIODS.map((p) => (
          <button
            key={p}
            aria-pressed={period === p}
            className={period === p ? 'on' : ''}
            onClick={() => s.setPeriod(p)}
            data-testid={`period-${p}`}
          >
            {t(`review.period.${p}` as MessageKey)}
          </button>
        ))}
      </div>
      {period === 'custom' && (
        <span className="custom-range">
          <input
            type="date"
            aria-label={t('review.from')}
            value={custom.from}
            max={custom.to}
            onChange={(e) => e.target.value && s.setCustom({ ...custom, from: e.target.value })}
          />
          –
          <input
            type="date"
            aria-label={t('review.to')}
            value={custom.to}
            min={custom.from}
            onChange={(e) => e.target.value && s.setCustom({ ...custom, to: e.target.value })}
          />
        </span>
      )}
      <label className="group-by">
        {t('review.groupBy')}{' '}
        <select value={grouping} onChange={(e) => s.setGroupBy(e.target.value)} data-testid="review-group-by">
          {GROUPINGS[family].map((g) => (
            <option key={g} value={g}>
              {t(`review.groupBy.${g}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      <label className="compare">
        <input type="checkbox" checked={compare} onChange={(e) => s.setCompare(e.target.checked)} />{' '}
        {t('review.compare')}
      </label>
      <span className="actions">
        <a href={exportUrl('xlsx')} download data-testid="export-xlsx">
          XLSX
        </a>
        <a href={exportUrl('csv')} download data-testid="export-csv">
          CSV
        </a>
        <button onClick={() => window.print()} data-testid="export-pdf">
          {t('review.pdf')}
        </button>
      </span>
    </header>
  );
}
