'use client';
/**
 * Everything the leaders' review holds and loads — family, period, comparison, grouping, sort,
 * drill-down and the two tables fetched for them — so its parts only render what this returns.
 */
import { useEffect, useMemo, useState } from 'react';
import type { KpiFamily } from '../../../contracts/kpi-query';
import { targetTone, type KpiTarget, type Tone } from '../../../contracts/targets';
import { useCity } from '../../city/CityProvider';
import { throwUnlessOk } from '../../api/problem';
import { useI18n } from '../../i18n/I18nProvider';
import { TIME_ZONE, type MessageKey } from '../../i18n/messages';
import { useNow } from '../../realtime/useNow';
import type { DrillRequest } from '../DrillDrawer';
import { formatKpi } from '../kpi-format';
import { localToday, periodDays, type Period } from '../periods';
import {
  COLUMNS,
  DEFS,
  GROUPINGS,
  kpiValue,
  MAP_KPI,
  type AnyTable,
  type Def,
  type KpiId,
  type Row,
} from './review-kpis';

const REFRESH_MS = 60_000;

export function useKpiReview() {
  const { t, locale, number } = useI18n();
  const { targets } = useCity();
  const [family, setFamily] = useState<KpiFamily>('cases');
  const [period, setPeriod] = useState<Period>('month');
  const now = useNow(REFRESH_MS);
  const today = localToday(now, TIME_ZONE);
  const [custom, setCustom] = useState(() => periodDays('month', today));
  const [compare, setCompare] = useState(true);
  const [sort, setSort] = useState<{ id: KpiId; desc: boolean }>({ id: COLUMNS.cases[0], desc: true });
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
    ])
      .then(([tab, tr]) => {
        setTable(tab);
        setTrend(tr);
        setError(null);
      })
      .catch((err: unknown) => {
        if (!ctl.signal.aborted) setError(err instanceof Error ? err.message : String(err));
      });
    return () => ctl.abort();
  }, [family, query, compare, tick, grouping]);

  const defs = DEFS[family];
  const byId = useMemo(() => new Map<KpiId, Def>(defs.map((d) => [d.id, d])), [defs]);
  const target = (id: KpiId): KpiTarget | undefined => (targets as Partial<Record<KpiId, KpiTarget>>)[id];
  /** A KPI's figure as text in its unit, and its colour against the city's target. */
  const show = (id: KpiId, v: number | null) => formatKpi(byId.get(id)?.unit ?? 'count', v, number);
  const tone = (id: KpiId, v: number | null): Tone => targetTone(target(id), v);
  // Rows are read as what the loaded table was grouped by: until a new grouping arrives, the old rows stay consistent.
  const shown = table?.groupBy ?? grouping;
  const rowLabel = (r: Row) =>
    shown === 'level' || shown === 'channel' || shown === 'urgency'
      ? t(`review.key.${r.key}` as MessageKey)
      : r.label[locale] || '—';
  const sortId: KpiId = byId.has(sort.id) ? sort.id : COLUMNS[family][0];
  const rows = [...(table?.rows ?? [])].sort((a, b) => {
    const va = kpiValue(a, sortId);
    const vb = kpiValue(b, sortId);
    if (va === vb) return rowLabel(a).localeCompare(rowLabel(b));
    if (va === null) return 1;
    if (vb === null) return -1;
    return sort.desc ? vb - va : va - vb;
  });
  // Dossiers received in the period per commune (agencies that sit in one), for the map.
  const wardValues = useMemo(() => {
    const out: Record<string, number> = {};
    for (const r of table?.family === 'cases' && table.groupBy === 'agency' ? table.rows : [])
      if (r.wardCode) out[r.wardCode] = (out[r.wardCode] ?? 0) + kpiValue(r, MAP_KPI)!;
    return out;
  }, [table]);

  return {
    family,
    period,
    custom,
    compare,
    grouping,
    range,
    query,
    table,
    trend,
    error,
    drill,
    defs,
    byId,
    show,
    tone,
    shown,
    rowLabel,
    sortId,
    sortDesc: sort.desc,
    rows,
    wardValues,
    chooseFamily: (f: KpiFamily) => {
      setFamily(f);
      setSort({ id: COLUMNS[f][0], desc: true });
    },
    setPeriod,
    setCustom,
    setCompare,
    setGroupBy,
    setDrill,
    /** A click on a column's head: the same column turns round, another sorts descending. */
    sortBy: (id: KpiId) => setSort({ id, desc: sortId === id ? !sort.desc : true }),
  };
}

export type KpiReviewState = ReturnType<typeof useKpiReview>;
