'use client';
/** Agencies (or levels, fields, procedures, channels, urgencies) ranked by any KPI column, with the total below. */
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import { COLUMNS, kpiValue, type KpiId } from './review-kpis';
import type { KpiReviewState } from './useKpiReview';

export function AgencyTable({ s }: { s: KpiReviewState }) {
  const { t, locale } = useI18n();
  const { family, byId, shown, sortId, sortDesc, rows, table, range } = s;
  const columns: readonly KpiId[] = COLUMNS[family];
  return (
    <div className="table-wrap">
      <table className="agency-table" data-testid="agency-table">
        <thead>
          <tr>
            <th scope="col">{t(`review.groupBy.${shown}` as MessageKey)}</th>
            {columns.map((id) => (
              <th key={id} scope="col" aria-sort={sortId === id ? (sortDesc ? 'descending' : 'ascending') : 'none'}>
                <button onClick={() => s.sortBy(id)} data-testid={`sort-${id}`}>
                  {byId.get(id)?.label[locale]} {sortId === id ? (sortDesc ? '▼' : '▲') : ''}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-agency={r.key}>
              <th scope="row">{s.rowLabel(r)}</th>
              {columns.map((id) => {
                const v = kpiValue(r, id);
                const def = byId.get(id);
                return (
                  <td key={id} className={`tone-${s.tone(id, v)}`}>
                    {def && def.unit === 'count' && v && shown !== 'urgency' && r.key !== '' ? (
                      <button
                        className="figure"
                        onClick={() =>
                          s.setDrill({
                            family,
                            drill: def.drill,
                            from: range.from,
                            to: range.to,
                            filter: { [shown]: r.key },
                            title: `${def.label[locale]} — ${s.rowLabel(r)}`,
                          })
                        }
                      >
                        {s.show(id, v)}
                      </button>
                    ) : (
                      s.show(id, v)
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
        {table && (
          <tfoot>
            <tr>
              <th scope="row">{table.scope ? t('review.scopeTotal') : t('review.total')}</th>
              {columns.map((id) => (
                <td key={id} className={`tone-${s.tone(id, kpiValue(table.total, id))}`}>
                  {s.show(id, kpiValue(table.total, id))}
                </td>
              ))}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
