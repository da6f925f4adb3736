'use client';
import { useEffect, useRef, useState } from 'react';
import {
  INDICATOR_STALE_AFTER_MS,
  indicatorTone,
  type IndicatorRanking,
  type IndicatorSeries,
} from '../../contracts/indicators';
import type { IndicatorPanel as PanelSettings } from '../../contracts/wall';
import { RankingBars } from '../charts/RankingBars';
import { useI18n } from '../i18n/I18nProvider';
import { useChannel } from '../realtime/useChannel';
import { useNow } from '../realtime/useNow';
import { PanelFrame } from '../panels/PanelFrame';
import { indicatorLabel, indicatorValue } from './format';
import { throwUnlessOk } from '../api/problem';

/** A chart or ranking is fetched again when the indicator has a newer value, at most this often. */
const REFETCH_MIN_MS = 30_000;

/**
 * Any generic indicator on the wall, set up in the layout (no code per indicator): its last value
 * against its target, its hourly chart, or its members of one dim ranked. Labels, unit and target
 * come live from the catalogue channel, so an admin's edit shows without a reload.
 */
export function IndicatorPanel({ panel }: { panel: PanelSettings }) {
  const { t, locale, number, time } = useI18n();
  const now = useNow(10_000);
  const { data, status, lastUpdate } = useChannel('indicators');
  const item = data?.items.find((i) => i.source === panel.source && i.key === panel.key) ?? null;
  const [series, setSeries] = useState<IndicatorSeries | null>(null);
  const [ranking, setRanking] = useState<IndicatorRanking | null>(null);
  const [fetchError, setFetchError] = useState<string | null>(null);
  const lastFetch = useRef(0);
  // A fetch in flight when a newer value is announced still lands; only an unmounted panel drops it.
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const lastTimeMs = item?.lastTimeMs ?? null;
  // Fetched at once, then again when the indicator has a newer value — at most every REFETCH_MIN_MS,
  // counted from the last fetch so a steady feed cannot postpone it forever.
  useEffect(() => {
    if (panel.display === 'tile') return;
    const base = `/api/indicators/${encodeURIComponent(panel.source)}/${encodeURIComponent(panel.key)}`;
    const url =
      panel.display === 'chart'
        ? `${base}/series?hours=${panel.hours}`
        : `${base}/ranking?dim=${encodeURIComponent(panel.dim ?? '')}&hours=${panel.hours}`;
    const load = () => {
      lastFetch.current = Date.now();
      fetch(url, { cache: 'no-store' })
        .then(async (res) => {
          await throwUnlessOk(res);
          const body: unknown = await res.json();
          if (!alive.current) return;
          if (panel.display === 'chart') setSeries(body as IndicatorSeries);
          else setRanking(body as IndicatorRanking);
          setFetchError(null);
        })
        .catch((err: unknown) => alive.current && setFetchError(err instanceof Error ? err.message : String(err)));
    };
    const timer = setTimeout(load, Math.max(0, lastFetch.current + REFETCH_MIN_MS - Date.now()));
    return () => clearTimeout(timer);
  }, [lastTimeMs, panel.display, panel.source, panel.key, panel.hours, panel.dim]);

  const title = item ? indicatorLabel(item, locale) : `${panel.source}/${panel.key}`;
  const stale = lastTimeMs === null || now - lastTimeMs > INDICATOR_STALE_AFTER_MS;
  const tone = item ? indicatorTone(item, item.lastValue) : 'neutral';
  const shown = (v: number | null) => (item ? indicatorValue(item, v, number) : v === null ? '—' : number(v));
  const counter = item?.kind === 'counter';

  return (
    <PanelFrame
      title={title}
      status={status}
      lastUpdate={lastUpdate}
      testId={`indicator-panel-${panel.source}-${panel.key}`}
      className={`indicator-panel display-${panel.display}`}
      aside={
        stale ? (
          <span className="stale-badge" data-testid="indicator-stale">
            {t('indicators.stale')}
          </span>
        ) : null
      }
    >
      {!item && status === 'live' && <p className="empty">{t('indicators.unknown')}</p>}
      {fetchError && <p className="error">{t('indicators.loadFailed', { error: fetchError })}</p>}
      {item && panel.display === 'tile' && (
        <div className={`tile tone-${tone}`} data-tone={tone}>
          <p className="value" data-testid="indicator-value">
            {shown(item.lastValue)}
          </p>
          {item.target !== null && <p className="target">{t('indicators.targetIs', { value: shown(item.target) })}</p>}
          <p className="detail">
            {lastTimeMs !== null ? t('indicators.at', { time: time(lastTimeMs) }) : t('indicators.noValue')}
          </p>
        </div>
      )}
      {item && panel.display === 'chart' && series && (
        <IndicatorBars series={series} counter={counter} format={shown} hourOf={time} />
      )}
      {item && panel.display === 'ranking' && ranking && (
        <RankingBars
          testId="indicator-ranking"
          rows={ranking.rows.slice(0, 12).map((r) => ({
            key: r.member,
            label: r.name,
            value: r.value,
            display: shown(r.value),
            // A counter is ranked by its sum over the period: its target and warning level are per value, so no colour.
            tone: counter ? 'neutral' : indicatorTone(item, r.value),
          }))}
        />
      )}
    </PanelFrame>
  );
}

/** Hourly bars: a counter's sum per hour, a level's mean. */
function IndicatorBars({
  series,
  counter,
  format,
  hourOf,
}: {
  series: IndicatorSeries;
  counter: boolean;
  format: (v: number) => string;
  hourOf: (ms: number) => string;
}) {
  const values = series.points.map((p) => (counter ? p.sum : p.avg));
  const max = Math.max(1e-9, ...values.map(Math.abs));
  const last = series.points.at(-1);
  return (
    <figure className="indicator-bars" data-testid="indicator-chart">
      <svg viewBox={`0 0 ${Math.max(1, values.length) * 10} 100`} preserveAspectRatio="none" role="img">
        {values.map((v, i) => (
          <rect
            key={series.points[i]!.timeMs}
            x={i * 10 + 1}
            width={8}
            y={100 - (100 * Math.max(0, v)) / max}
            height={(100 * Math.max(0, v)) / max}
          />
        ))}
      </svg>
      {last && (
        <figcaption>
          {hourOf(last.timeMs).slice(0, 5)} · {format(counter ? last.sum : last.avg)}
        </figcaption>
      )}
    </figure>
  );
}
