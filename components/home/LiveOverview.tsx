'use client';
import type { OverviewReading } from '../../contracts/overview';
import { targetTone } from '../../contracts/targets';
import { useCity } from '../city/CityProvider';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { LiveBadge } from '../panels/LiveBadge';
import { KpiTile } from '../panels/KpiTile';
import { useScopedFigures } from '../realtime/useScopedFigures';

const UNITS: Record<string, string> = { pm25: 'µg/m³', water_level_cm: 'cm', noise_db: 'dB' };

/** Fixed bands (the alarm rules, config/alarms/, are what raise alarms; these only colour the tiles): PM2.5 per QCVN 05:2023 24 h limit 50. */
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
  const { targets } = useCity();
  const { data, status, lastUpdate } = useScopedFigures('overview');
  const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);
  return (
    <div className="city-figures">
      <div className="overview-head">
        <LiveBadge status={status} lastUpdate={lastUpdate} />
      </div>
      <div className={`tiles ${status !== 'live' ? 'is-stale' : ''}`}>
        <KpiTile
          testId="sensors-online"
          label={t('home.sensors')}
          value={data ? data.sensors.online : null}
          tone={
            data
              ? targetTone(targets['sensors.onlineShare'], share(data.sensors.online, data.sensors.total))
              : 'neutral'
          }
          detail={data ? t('home.sensors.detail', { total: number(data.sensors.total) }) : undefined}
        />
        <KpiTile
          testId="cameras-online"
          label={t('home.cameras')}
          value={data ? data.cameras.online : null}
          tone={
            data
              ? targetTone(targets['cameras.onlineShare'], share(data.cameras.online, data.cameras.total))
              : 'neutral'
          }
          detail={data ? t('home.cameras.detail', { total: number(data.cameras.total) }) : undefined}
        />
        <KpiTile
          testId="cases-today"
          label={t('home.cases')}
          value={data ? data.casesToday.received : null}
          tone={data ? targetTone(targets['cases.overdueNow'], data.casesToday.overdueNow) : 'neutral'}
          detail={
            data
              ? t('home.cases.detail', {
                  resolved: number(data.casesToday.resolved),
                  overdue: number(data.casesToday.overdueNow),
                })
              : undefined
          }
        />
        <KpiTile
          testId="documents-today"
          label={t('home.documents')}
          value={data ? data.documentsToday.registered : null}
          detail={data ? t('home.documents.detail', { processed: number(data.documentsToday.processed) }) : undefined}
        />
        <KpiTile
          testId="readings-per-minute"
          label={t('home.readingsPerMinute')}
          value={data ? data.readingsLastMinute : null}
          tone={data && data.readingsLastMinute === 0 ? 'bad' : 'neutral'}
        />
        <KpiTile
          testId="rejects"
          label={t('home.rejects')}
          value={data ? data.rejectsLastHour : null}
          tone={data && data.rejectsLastHour > 0 ? 'warn' : 'neutral'}
        />
      </div>
    </div>
  );
}

/** The newest headline reading of each sensor, coloured by its band. */
export function LatestReadings() {
  const { t, number, time } = useI18n();
  const { data } = useScopedFigures('overview');
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
            <span className="value">
              {number(r.value, 1)} <small>{UNITS[r.metric] ?? ''}</small>
            </span>
            <span className="time">{time(r.timeMs)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
