'use client';
import type { OverviewReading } from '../../contracts/overview';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { LiveBadge } from '../panels/LiveBadge';
import { StatTile } from '../panels/StatTile';
import { useChannel } from '../realtime/useChannel';

const UNITS: Record<string, string> = { pm25: 'µg/m³', water_level_cm: 'cm', noise_db: 'dB' };

/** Simple bands until the thresholds become configurable (alarms issue): PM2.5 per QCVN 05:2023 24 h limit 50. */
function tone(r: OverviewReading): 'good' | 'warn' | 'bad' {
  if (r.metric === 'pm25') return r.value < 25 ? 'good' : r.value < 50 ? 'warn' : 'bad';
  if (r.metric === 'noise_db') return r.value < 65 ? 'good' : r.value < 75 ? 'warn' : 'bad';
  if (r.metric === 'water_level_cm') return r.value < 300 ? 'good' : r.value < 380 ? 'warn' : 'bad';
  return 'good';
}

/** The home page: the city's figures and the newest readings. */
export function LiveOverview() {
  return (
    <div className="overview">
      <CityFigures />
      <LatestReadings />
    </div>
  );
}

/** Big-number tiles of the overview channel, with the channel's live state. */
export function CityFigures() {
  const { t, number } = useI18n();
  const { data, status, lastUpdate } = useChannel('overview');
  const dash = '—';
  return (
    <div className="city-figures">
      <div className="overview-head">
        <LiveBadge status={status} lastUpdate={lastUpdate} />
      </div>
      <div className={`tiles ${status !== 'live' ? 'is-stale' : ''}`}>
        <StatTile testId="sensors-online" label={t('home.sensors')} value={data ? number(data.sensors.online) : dash}
          detail={data ? t('home.sensors.detail', { total: number(data.sensors.total) }) : undefined}
          tone={data && data.sensors.total > 0 && data.sensors.online / data.sensors.total < 0.9 ? 'warn' : 'neutral'} />
        <StatTile testId="cameras-online" label={t('home.cameras')} value={data ? number(data.cameras.online) : dash}
          detail={data ? t('home.cameras.detail', { total: number(data.cameras.total) }) : undefined} />
        <StatTile testId="cases-today" label={t('home.cases')} value={data ? number(data.casesToday.received) : dash}
          detail={data ? t('home.cases.detail', { resolved: number(data.casesToday.resolved), overdue: number(data.casesToday.overdueNow) }) : undefined}
          tone={data && data.casesToday.overdueNow > 0 ? 'warn' : 'neutral'} />
        <StatTile testId="documents-today" label={t('home.documents')} value={data ? number(data.documentsToday.registered) : dash}
          detail={data ? t('home.documents.detail', { processed: number(data.documentsToday.processed) }) : undefined} />
        <StatTile testId="readings-per-minute" label={t('home.readingsPerMinute')} value={data ? number(data.readingsLastMinute) : dash} />
        <StatTile testId="rejects" label={t('home.rejects')} value={data ? number(data.rejectsLastHour) : dash}
          tone={data && data.rejectsLastHour > 0 ? 'warn' : 'neutral'} />
      </div>
    </div>
  );
}

/** The newest headline reading of each sensor, coloured by its band. */
export function LatestReadings() {
  const { t, number, time } = useI18n();
  const { data } = useChannel('overview');
  return (
      <section className="readings" data-testid="latest-readings">
        <h2>{t('home.latest')}</h2>
        {data && data.latestReadings.length === 0 && <p className="empty">{t('home.latest.empty')}</p>}
        <ul>
          {data?.latestReadings.map((r) => (
            <li key={`${r.deviceId}-${r.metric}`} className={`reading tone-${tone(r)}`}>
              <span className="name">{r.name}</span>
              <span className="ward">{r.wardName ?? ''}</span>
              <span className="metric">{t(`metric.${r.metric}` as MessageKey)}</span>
              <span className="value">{number(r.value, 1)} <small>{UNITS[r.metric] ?? ''}</small></span>
              <span className="time">{time(r.timeMs)}</span>
            </li>
          ))}
        </ul>
      </section>
  );
}
