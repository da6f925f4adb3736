'use client';
import { useEffect, useState } from 'react';
import { EVENT_TYPES, type FeedOptions } from '../../contracts/camera-events';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { FEED_PERIODS, type FeedFilters, type FeedPeriod } from './event-feed-query';

const PERIOD_LABEL: Record<FeedPeriod, MessageKey> = {
  any: 'feed.period.any',
  '1h': 'feed.period.1h',
  today: 'feed.period.today',
  '24h': 'feed.period.24h',
  '7d': 'feed.period.7d',
  custom: 'feed.period.custom',
};
const SEVERITY_LABEL: Record<string, MessageKey> = { '1': 'alarms.sev1', '2': 'alarms.sev2', '3': 'alarms.sev3' };

/** The feed's filter bar: type, severity, ward, road, time and plate search (typed text applied after a pause). */
export function EventFeedFilters({ filters, onChange }: { filters: FeedFilters; onChange: (f: FeedFilters) => void }) {
  const { t } = useI18n();
  const [options, setOptions] = useState<FeedOptions>({ wards: [], roads: [] });
  const [plate, setPlate] = useState(filters.plate);
  useEffect(() => {
    const ctl = new AbortController();
    fetch('/api/camera-events/options', { signal: ctl.signal })
      .then((r) => (r.ok ? (r.json() as Promise<FeedOptions>) : null))
      .then(
        (o) => o && setOptions(o),
        () => undefined,
      );
    return () => ctl.abort();
  }, []);
  // A search per keystroke would be a query per keystroke.
  useEffect(() => {
    if (plate === filters.plate) return;
    const timer = setTimeout(() => onChange({ ...filters, plate }), 350);
    return () => clearTimeout(timer);
  }, [plate, filters, onChange]);
  const set =
    <K extends keyof FeedFilters>(key: K) =>
    (e: { target: { value: string } }) =>
      onChange({ ...filters, [key]: e.target.value });
  return (
    <div className="feed-filters" role="search">
      <label>
        {t('feed.type')}
        <select value={filters.type} onChange={set('type')} data-testid="feed-type">
          <option value="">{t('feed.anyType')}</option>
          {EVENT_TYPES.map((ty) => (
            <option key={ty} value={ty}>
              {t(`event.${ty}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('feed.severity')}
        <select value={filters.severity} onChange={set('severity')} data-testid="feed-severity">
          <option value="">{t('feed.anySeverity')}</option>
          {['3', '2', '1'].map((s) => (
            <option key={s} value={s}>
              {t(SEVERITY_LABEL[s]!)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('feed.ward')}
        <select value={filters.ward} onChange={set('ward')} data-testid="feed-ward">
          <option value="">{t('feed.anyWard')}</option>
          {options.wards.map((w) => (
            <option key={w.code} value={w.code}>
              {w.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('feed.road')}
        <select value={filters.road} onChange={set('road')} data-testid="feed-road">
          <option value="">{t('feed.anyRoad')}</option>
          {options.roads.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('feed.period')}
        <select value={filters.period} onChange={set('period')} data-testid="feed-period">
          {FEED_PERIODS.map((p) => (
            <option key={p} value={p}>
              {t(PERIOD_LABEL[p])}
            </option>
          ))}
        </select>
      </label>
      {filters.period === 'custom' && (
        <>
          <label>
            {t('feed.from')}{' '}
            <input type="datetime-local" value={filters.from} onChange={set('from')} data-testid="feed-from" />
          </label>
          <label>
            {t('feed.to')} <input type="datetime-local" value={filters.to} onChange={set('to')} data-testid="feed-to" />
          </label>
        </>
      )}
      <label className="plate-search">
        {t('feed.plate')}
        <input
          type="search"
          value={plate}
          maxLength={20}
          placeholder={t('feed.platePlaceholder')}
          onChange={(e) => setPlate(e.target.value)}
          data-testid="feed-plate"
        />
      </label>
    </div>
  );
}
