'use client';
import { useEffect, useState } from 'react';
import { VIOLATION_TYPES, type CameraEventStats } from '../../contracts/camera-events';
import { HourlyChart } from '../charts/HourlyChart';
import { RankingBars } from '../charts/RankingBars';
import { useI18n } from '../i18n/I18nProvider';
import { TIME_ZONE, type MessageKey } from '../i18n/messages';
import { useNow } from '../realtime/useNow';
import { zonedMidnight } from './event-feed-query';

const STATS_PERIODS = ['today', '24h', '7d', '30d'] as const;
type StatsPeriod = (typeof STATS_PERIODS)[number];
const PERIOD_LABEL: Record<StatsPeriod, MessageKey> = {
  today: 'stats.period.today',
  '24h': 'stats.period.24h',
  '7d': 'stats.period.7d',
  '30d': 'stats.period.30d',
};
const HOUR = 3_600_000;
/** Statistics move slowly: fetched again every minute, not on every event. */
const REFRESH_MS = 60_000;

function rangeOf(period: StatsPeriod, now: number): { from: number; to: number } {
  const from =
    period === 'today'
      ? zonedMidnight(now, TIME_ZONE)
      : now - { '24h': 24, '7d': 7 * 24, '30d': 30 * 24 }[period] * HOUR;
  return { from, to: now };
}

const sumHours = (byType: Record<string, number[]>, type: string) =>
  Array.from({ length: 24 }, (_, h) =>
    Object.entries(byType).reduce((s, [ty, hours]) => s + (type === '' || ty === type ? (hours[h] ?? 0) : 0), 0),
  );

/**
 * Statistics of a chosen period: violations by hour of the day (this period as bars, the period of the
 * same length before as a line, all violation types or one) and by type, congestion hours by
 * road, and the cameras with the most events.
 */
export function TrafficStats() {
  const { t, number } = useI18n();
  const [period, setPeriod] = useState<StatsPeriod>('today');
  const [violation, setViolation] = useState('');
  const [stats, setStats] = useState<CameraEventStats | null>(null);
  const [failed, setFailed] = useState(false);
  const tick = useNow(REFRESH_MS);
  useEffect(() => {
    const ctl = new AbortController();
    const { from, to } = rangeOf(period, Date.now());
    fetch(`/api/camera-events/stats?from=${from}&to=${to}`, { signal: ctl.signal })
      .then((r) => (r.ok ? (r.json() as Promise<CameraEventStats>) : Promise.reject(new Error(String(r.status)))))
      .then(
        (s) => {
          setStats(s);
          setFailed(false);
        },
        (err: unknown) => {
          if (!ctl.signal.aborted) setFailed(err !== null);
        },
      );
    return () => ctl.abort();
  }, [period, tick]);

  const byType = stats
    ? VIOLATION_TYPES.map((ty) => ({ ty, n: (stats.violationsByTypeHour[ty] ?? []).reduce((a, b) => a + b, 0) }))
        .filter((r) => r.n > 0)
        .sort((a, b) => b.n - a.n)
    : [];
  return (
    <section className="panel span-all traffic-stats" data-testid="traffic-stats">
      <header>
        <h2>{t('stats.title')}</h2>
        <details className="how">
          <summary aria-label="?">i</summary>
          <p>{t('stats.how')}</p>
        </details>
        <div className="segmented" role="tablist">
          {STATS_PERIODS.map((p) => (
            <button
              key={p}
              role="tab"
              aria-selected={period === p}
              className={period === p ? 'on' : ''}
              onClick={() => setPeriod(p)}
              data-testid={`stats-period-${p}`}
            >
              {t(PERIOD_LABEL[p])}
            </button>
          ))}
        </div>
      </header>
      <div className="panel-body">
        {failed && (
          <p className="error" role="alert">
            {t('stats.unavailable')}
          </p>
        )}
        <div className="stats-grid">
          <figure className="stats-figure wide">
            <figcaption>
              {t('stats.violationsByHour')}{' '}
              <select value={violation} onChange={(e) => setViolation(e.target.value)} data-testid="stats-violation">
                <option value="">{t('stats.allViolations')}</option>
                {VIOLATION_TYPES.map((ty) => (
                  <option key={ty} value={ty}>
                    {t(`event.${ty}` as MessageKey)}
                  </option>
                ))}
              </select>
            </figcaption>
            {stats && (
              <HourlyChart
                testId="stats-violations-hourly"
                today={sumHours(stats.violationsByTypeHour, violation)}
                yesterday={sumHours(stats.previousViolationsByTypeHour, violation)}
                currentHour={23}
                labels={{
                  today: t('stats.thisPeriod'),
                  yesterday: t('stats.previousPeriod'),
                  title: t('stats.violationsByHour'),
                }}
              />
            )}
          </figure>
          <figure className="stats-figure">
            <figcaption>{t('stats.violationsByType')}</figcaption>
            {stats && byType.length === 0 && <p className="empty">{t('stats.none')}</p>}
            <RankingBars
              testId="stats-violations-type"
              rows={byType.map(({ ty, n }) => ({
                key: ty,
                label: t(`event.${ty}` as MessageKey),
                value: n,
                display: number(n),
              }))}
            />
          </figure>
          <figure className="stats-figure">
            <figcaption>{t('stats.congestionByRoad')}</figcaption>
            {stats && stats.congestionByRoad.length === 0 && <p className="empty">{t('stats.none')}</p>}
            <RankingBars
              testId="stats-congestion"
              rows={(stats?.congestionByRoad ?? []).map((r) => ({
                key: r.road ?? '',
                label: r.road ?? t('feed.unknownRoad'),
                value: r.hours,
                display: t('stats.hours', { n: number(r.hours) }),
                note: <span className="muted">{t('stats.events', { n: number(r.events) })}</span>,
                tone: 'warn',
              }))}
            />
          </figure>
          <figure className="stats-figure">
            <figcaption>{t('stats.topCameras')}</figcaption>
            {stats && stats.topCameras.length === 0 && <p className="empty">{t('stats.none')}</p>}
            <RankingBars
              testId="stats-cameras"
              rows={(stats?.topCameras ?? []).map((c) => ({
                key: c.cameraId,
                label: `${c.name ?? c.cameraId}${c.road ? ` · ${c.road}` : ''}`,
                value: c.events,
                display: number(c.events),
                note:
                  c.serious > 0 ? (
                    <span className="bad">{t('stats.serious', { n: number(c.serious) })}</span>
                  ) : undefined,
              }))}
            />
          </figure>
        </div>
      </div>
    </section>
  );
}
