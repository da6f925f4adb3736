'use client';
import { useEffect, useMemo, useState } from 'react';
import { CASE_KPIS, DOCUMENT_KPIS, KPI_GROUPS, type CaseSums, type KpiDefinition, type KpiUnit } from '../../contracts/kpi-definitions';
import type { CaseKpiTable, DocumentKpiTable, KpiFamily } from '../../contracts/kpi-query';
import { targetTone, trendTone, type KpiTarget, type Tone } from '../../contracts/targets';
import { DailyChart } from '../charts/DailyChart';
import { LiveCityMap } from '../map/LiveCityMap';
import { useCity } from '../city/CityProvider';
import { useI18n } from '../i18n/I18nProvider';
import { TIME_ZONE, type MessageKey } from '../i18n/messages';
import { DrillDrawer, type DrillRequest } from './DrillDrawer';
import { formatDelta, formatKpi } from './kpi-format';
import { localToday, periodDays, PERIODS, type Period } from './periods';
import { useNow } from '../realtime/useNow';
import { throwUnlessOk } from '../api/problem';

type AnyTable = CaseKpiTable | DocumentKpiTable;
type Row = AnyTable['rows'][number];
type Def = KpiDefinition<never> & { id: string; unit: KpiUnit };

const DEFS: Record<KpiFamily, readonly Def[]> = {
  cases: CASE_KPIS as unknown as readonly Def[],
  documents: DOCUMENT_KPIS as unknown as readonly Def[],
};
/** The columns of the agency table, by family: the figures leaders rank agencies by. */
const COLUMNS: Record<KpiFamily, readonly string[]> = {
  cases: ['cases.received', 'cases.resolved', 'cases.onTimeRate', 'cases.resolvedLate', 'cases.overdueNow', 'cases.onlineShare',
    'cases.onlinePaymentShare', 'cases.digitizedShare', 'cases.avgRating', 'cases.supplementRate'],
  documents: ['documents.incomingRegistered', 'documents.incomingProcessed', 'documents.onTimeRate', 'documents.overdueNow',
    'documents.outgoingIssued', 'documents.signedShare', 'documents.electronicShare', 'documents.avgProcessingHours'],
};
const REFRESH_MS = 60_000;
/** What the table's rows can be, per family; each but urgency is also a drill-down filter. */
const GROUPINGS: Record<KpiFamily, readonly string[]> = {
  cases: ['agency', 'level', 'field', 'procedure', 'channel'],
  documents: ['agency', 'urgency'],
};

const kpiValue = (row: Row | undefined, id: string): number | null => (row ? ((row.kpis as Record<string, number | null>)[id] ?? null) : null);

/**
 * The leaders' review: any period (today … year, or custom) against the previous one, the five
 * indicator groups of Decision 766 with their formulas, agencies ranked by any KPI with target
 * colours, the daily trend, drill-down to the records and export. Periods that include today
 * refresh every minute; today's live tiles above move with every event.
 */
export function KpiReview() {
  const { t, locale, number } = useI18n();
  const { targets } = useCity();
  const [family, setFamily] = useState<KpiFamily>('cases');
  const [period, setPeriod] = useState<Period>('month');
  const now = useNow(REFRESH_MS);
  const today = localToday(now, TIME_ZONE);
  const [custom, setCustom] = useState(() => periodDays('month', today));
  const [compare, setCompare] = useState(true);
  const [sort, setSort] = useState<{ id: string; desc: boolean }>({ id: 'cases.received', desc: true });
  const [drill, setDrill] = useState<DrillRequest | null>(null);
  const [groupBy, setGroupBy] = useState('agency');
  const grouping = GROUPINGS[family].includes(groupBy) ? groupBy : 'agency';
  const range = period === 'custom' ? custom : periodDays(period, today);
  const [table, setTable] = useState<AnyTable | null>(null);
  const [trend, setTrend] = useState<AnyTable | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A period that includes today keeps moving: reload it each minute (useNow's one timer).
  const tick = range.to >= today ? now : 0;

  const query = `from=${range.from}&to=${range.to}`;
  useEffect(() => {
    const ctl = new AbortController();
    const load = async (url: string) => {
      const res = await fetch(url, { signal: ctl.signal });
      return (await (await throwUnlessOk(res)).json()) as AnyTable;
    };
    Promise.all([
      load(`/api/kpi/${family}?${query}&groupBy=${grouping}&compare=${compare ? 'previous' : 'none'}`),
      load(`/api/kpi/${family}?${query}&groupBy=day&compare=none`),
    ]).then(([tab, tr]) => {
      setTable(tab);
      setTrend(tr);
      setError(null);
    }).catch((err: unknown) => {
      if (!ctl.signal.aborted) setError(err instanceof Error ? err.message : String(err));
    });
    return () => ctl.abort();
  }, [family, query, compare, tick, grouping]);

  const defs = DEFS[family];
  const byId = useMemo(() => new Map(defs.map((d) => [d.id, d])), [defs]);
  const target = (id: string): KpiTarget | undefined => (targets as Record<string, KpiTarget | undefined>)[id];
  const show = (id: string, v: number | null) => formatKpi(byId.get(id)?.unit ?? 'count', v, number);
  const tone = (id: string, v: number | null): Tone => targetTone(target(id), v);
  // Rows are read as what the loaded table was grouped by: until a new grouping arrives, the old rows stay consistent.
  const shown = table?.groupBy ?? grouping;
  const rowLabel = (r: Row) => (shown === 'level' || shown === 'channel' || shown === 'urgency' ? t(`review.key.${r.key}` as MessageKey) : r.label[locale] || '—');
  const sortId = byId.has(sort.id) ? sort.id : COLUMNS[family][0]!;
  const rows = [...(table?.rows ?? [])].sort((a, b) => {
    const va = kpiValue(a, sortId);
    const vb = kpiValue(b, sortId);
    if (va === vb) return rowLabel(a).localeCompare(rowLabel(b));
    if (va === null) return 1;
    if (vb === null) return -1;
    return sort.desc ? vb - va : va - vb;
  });
  const exportUrl = (format: 'csv' | 'xlsx') => `/api/kpi/${family}/export?${query}&format=${format}&lang=${locale}`;
  const groups = KPI_GROUPS.filter((g) => defs.some((d) => d.group === g));
  const trendRows = trend?.rows ?? [];
  // Dossiers received in the period per commune (agencies that sit in one), for the map.
  const wardValues = useMemo(() => {
    const out: Record<string, number> = {};
    for (const r of table?.family === 'cases' && table.groupBy === 'agency' ? table.rows : []) if (r.wardCode) out[r.wardCode] = (out[r.wardCode] ?? 0) + kpiValue(r, 'cases.received')!;
    return out;
  }, [table]);

  return (
    <section className="kpi-review span-all" data-testid="kpi-review">
      <header className="review-bar">
        <h2>{t('review.title')}</h2>
        <div className="segmented" role="tablist" aria-label={t('review.family')}>
          {(['cases', 'documents'] as const).map((f) => (
            <button key={f} role="tab" aria-selected={family === f} className={family === f ? 'on' : ''} onClick={() => { setFamily(f); setSort({ id: COLUMNS[f][0]!, desc: true }); }}>
              {t(`review.family.${f}` as MessageKey)}
            </button>
          ))}
        </div>
        <div className="segmented" role="group" aria-label={t('review.period')} data-testid="review-periods">
          {PERIODS.map((p) => (
            <button key={p} aria-pressed={period === p} className={period === p ? 'on' : ''} onClick={() => setPeriod(p)} data-testid={`period-${p}`}>
              {t(`review.period.${p}` as MessageKey)}
            </button>
          ))}
        </div>
        {period === 'custom' && (
          <span className="custom-range">
            <input type="date" aria-label={t('review.from')} value={custom.from} max={custom.to} onChange={(e) => e.target.value && setCustom({ ...custom, from: e.target.value })} />
            –
            <input type="date" aria-label={t('review.to')} value={custom.to} min={custom.from} onChange={(e) => e.target.value && setCustom({ ...custom, to: e.target.value })} />
          </span>
        )}
        <label className="group-by">
          {t('review.groupBy')}{' '}
          <select value={grouping} onChange={(e) => setGroupBy(e.target.value)} data-testid="review-group-by">
            {GROUPINGS[family].map((g) => <option key={g} value={g}>{t(`review.groupBy.${g}` as MessageKey)}</option>)}
          </select>
        </label>
        <label className="compare"><input type="checkbox" checked={compare} onChange={(e) => setCompare(e.target.checked)} /> {t('review.compare')}</label>
        <span className="actions">
          <a href={exportUrl('xlsx')} download data-testid="export-xlsx">XLSX</a>
          <a href={exportUrl('csv')} download data-testid="export-csv">CSV</a>
          <button onClick={() => window.print()} data-testid="export-pdf">{t('review.pdf')}</button>
        </span>
      </header>
      <p className="review-range" data-testid="review-range">
        {t('review.range', { from: range.from, to: range.to })}
        {table?.previous && <> · {t('review.previous', { from: table.previous.from, to: table.previous.to })}</>}
      </p>
      {error && <p className="error" role="alert">{t('review.error', { message: error })}</p>}

      <div className="kpi-groups">
        {groups.map((g) => (
          <section key={g} className="kpi-group" data-testid={`group-${g}`}>
            <h3>{t(`review.group.${g}` as MessageKey)}</h3>
            <dl>
              {defs.filter((d) => d.group === g).map((d) => {
                const v = kpiValue(table?.total, d.id);
                const prev = table?.previous ? kpiValue(table.previous.total, d.id) : null;
                const delta = v !== null && prev !== null ? v - prev : null;
                return (
                  <div key={d.id} className={`kpi-line tone-${tone(d.id, v)}`} data-testid={`kpi-${d.id}`}>
                    <dt>
                      {d.label[locale]}
                      <details className="how">
                        <summary aria-label={t('review.how')}>i</summary>
                        <p><strong>{t('review.how')}:</strong> {d.formula[locale]}</p>
                      </details>
                    </dt>
                    <dd>
                      <button className="figure" onClick={() => setDrill({ family, drill: d.drill, from: range.from, to: range.to, title: d.label[locale] })}
                        title={t('review.drill')} data-testid={`value-${d.id}`}>
                        {show(d.id, v)}
                      </button>
                      {delta !== null && (
                        <span className={`trend trend-${trendTone(d.better ?? undefined, delta)}`}>
                          {delta > 0 ? '▲' : delta < 0 ? '▼' : '▬'} {formatDelta(d.unit, delta, number, (n) => t('kpi.points', { n }))}
                        </span>
                      )}
                    </dd>
                  </div>
                );
              })}
            </dl>
            {g === 'satisfaction' && table?.family === 'cases' && <RatingDistribution sums={table.total.sums as CaseSums} label={t('review.ratings')} number={number} />}
          </section>
        ))}
      </div>

      <div className="review-visuals">
      {family === 'cases' && (
        <div className="review-map">
          <LiveCityMap theme="light" layers={[]} choropleth="cases" wardValues={wardValues} legendTitle={t('review.map')} testId="review-map" />
        </div>
      )}
      {trendRows.length > 0 && (
        <DailyChart testId="review-trend" days={trendRows.map((r) => r.key)}
          bars={trendRows.map((r) => kpiValue(r, family === 'cases' ? 'cases.received' : 'documents.incomingRegistered') ?? 0)}
          line={trendRows.map((r) => kpiValue(r, family === 'cases' ? 'cases.resolved' : 'documents.incomingProcessed') ?? 0)}
          labels={{
            title: t('review.trend'),
            bars: byId.get(family === 'cases' ? 'cases.received' : 'documents.incomingRegistered')!.label[locale],
            line: byId.get(family === 'cases' ? 'cases.resolved' : 'documents.incomingProcessed')!.label[locale],
          }} />
      )}
      </div>

      <div className="table-wrap">
        <table className="agency-table" data-testid="agency-table">
          <thead>
            <tr>
              <th scope="col">{t(`review.groupBy.${shown}` as MessageKey)}</th>
              {COLUMNS[family].map((id) => (
                <th key={id} scope="col" aria-sort={sortId === id ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
                  <button onClick={() => setSort({ id, desc: sortId === id ? !sort.desc : true })} data-testid={`sort-${id}`}>
                    {byId.get(id)?.label[locale]} {sortId === id ? (sort.desc ? '▼' : '▲') : ''}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-agency={r.key}>
                <th scope="row">{rowLabel(r)}</th>
                {COLUMNS[family].map((id) => {
                  const v = kpiValue(r, id);
                  const def = byId.get(id);
                  return (
                    <td key={id} className={`tone-${tone(id, v)}`}>
                      {def && def.unit === 'count' && v && shown !== 'urgency' && r.key !== '' ? (
                        <button className="figure" onClick={() => setDrill({ family, drill: def.drill, from: range.from, to: range.to, filter: { [shown]: r.key }, title: `${def.label[locale]} — ${rowLabel(r)}` })}>
                          {show(id, v)}
                        </button>
                      ) : show(id, v)}
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
                {COLUMNS[family].map((id) => <td key={id} className={`tone-${tone(id, kpiValue(table.total, id))}`}>{show(id, kpiValue(table.total, id))}</td>)}
              </tr>
            </tfoot>
          )}
        </table>
      </div>
      {drill && <DrillDrawer request={drill} onClose={() => setDrill(null)} />}
    </section>
  );
}

/** Ratings 1–5 of the period as horizontal bars: how satisfaction is spread, not only its mean. */
function RatingDistribution({ sums, label, number }: { sums: CaseSums; label: string; number: (n: number, digits?: number) => string }) {
  const counts = [sums.rating5, sums.rating4, sums.rating3, sums.rating2, sums.rating1];
  const total = counts.reduce((a, b) => a + b, 0);
  return (
    <figure className="ratings" data-testid="rating-distribution">
      <figcaption>{label}</figcaption>
      {counts.map((c, i) => (
        <div key={i} className="rating-row">
          <span>{5 - i} ★</span>
          <span className="track"><span className={`fill r${5 - i}`} style={{ width: `${total ? (c / total) * 100 : 0}%` }} /></span>
          <span className="n">{number(c)}</span>
        </div>
      ))}
    </figure>
  );
}
