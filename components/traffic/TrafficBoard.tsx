'use client';
import { isCameraOnline } from '../../contracts/cameras';
import { isSeriousEvent, SERIOUS_EVENT_TYPES } from '../../contracts/channels';
import { targetTone } from '../../contracts/targets';
import { RankingBars } from '../charts/RankingBars';
import { useCity } from '../city/CityProvider';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { LiveCityMap } from '../map/LiveCityMap';
import { CameraEventsTicker } from '../panels/CameraEventsTicker';
import { KpiTile } from '../panels/KpiTile';
import { PanelFrame } from '../panels/PanelFrame';
import { useChannel } from '../realtime/useChannel';
import { useNow } from '../realtime/useNow';
import { EventFeed } from './EventFeed';
import { TrafficStats } from './TrafficStats';

const HOUR = 3_600_000;

/** The traffic officers' page: camera health, the map of cameras and events, the live event feed. */
export function TrafficBoard() {
  const { t, number, time } = useI18n();
  const { targets, cameraOfflineAfterMs } = useCity();
  const cameras = useChannel('map:cameras');
  const events = useChannel('events:cameras');
  const now = useNow(5000);
  const all = Object.values(cameras.data ?? {});
  // Online: said so and heard from within CAMERA_OFFLINE_AFTER_S (contracts/cameras.ts).
  const online = all.filter((c) => isCameraOnline(c, now, cameraOfflineAfterMs)).length;
  const offline = all
    .filter((c) => !isCameraOnline(c, now, cameraOfflineAfterMs))
    .sort((a, b) => (b.statusMs ?? 0) - (a.statusMs ?? 0));
  const feed = events.data ?? [];
  const lastHour = feed.filter((e) => now - e.timeMs <= HOUR);
  // The feed keeps the newest 200: if even its oldest is within the hour, the count is a floor.
  const capped = feed.length > 0 && lastHour.length === feed.length && feed.length >= 200;
  const serious = lastHour.filter(isSeriousEvent).length;
  const byType = new Map<string, number>();
  for (const e of lastHour) byType.set(e.type, (byType.get(e.type) ?? 0) + 1);
  return (
    <div className="traffic-board">
      <PanelFrame
        title={t('traffic.health')}
        status={cameras.status}
        lastUpdate={cameras.lastUpdate}
        testId="traffic-health"
        className="span-all"
      >
        <div className="tiles">
          <KpiTile
            testId="traffic-online"
            label={t('home.cameras')}
            value={cameras.data ? online : null}
            tone={
              cameras.data
                ? targetTone(targets['cameras.onlineShare'], all.length > 0 ? online / all.length : null)
                : 'neutral'
            }
            detail={cameras.data ? t('home.cameras.detail', { total: number(all.length) }) : undefined}
          />
          <KpiTile
            testId="traffic-offline"
            label={t('traffic.offline')}
            value={cameras.data ? offline.length : null}
            tone={offline.length > 0 ? 'warn' : 'good'}
          />
          <KpiTile
            testId="traffic-events-hour"
            label={t('traffic.eventsHour')}
            value={events.data ? lastHour.length : null}
            detail={capped ? t('traffic.eventsCapped') : undefined}
          />
          <KpiTile
            testId="traffic-serious"
            label={t('traffic.serious')}
            value={events.data ? serious : null}
            tone={serious > 0 ? 'bad' : 'good'}
          />
        </div>
      </PanelFrame>
      <div className="traffic-map">
        <LiveCityMap theme="light" layers={['cameras', 'events']} testId="traffic-map" />
      </div>
      <CameraEventsTicker limit={16} />
      <PanelFrame
        title={t('traffic.byType')}
        status={events.status}
        lastUpdate={events.lastUpdate}
        testId="traffic-by-type"
      >
        {events.data && lastHour.length === 0 && <p className="empty">{t('traffic.noEvents')}</p>}
        <RankingBars
          rows={[...byType]
            .sort((a, b) => b[1] - a[1])
            .map(([type, n]) => ({
              key: type,
              label: t(`event.${type}` as MessageKey),
              value: n,
              display: number(n),
              tone: SERIOUS_EVENT_TYPES.includes(type) ? 'bad' : 'neutral',
            }))}
        />
      </PanelFrame>
      <PanelFrame
        title={t('traffic.offlineList')}
        status={cameras.status}
        lastUpdate={cameras.lastUpdate}
        testId="traffic-offline-list"
      >
        {cameras.data && offline.length === 0 && <p className="empty">{t('traffic.allOnline')}</p>}
        <ol className="plain-list">
          {offline.slice(0, 14).map((c) => (
            <li key={c.id}>
              <span className="name">{c.name ?? c.id}</span>
              <span className="muted">{c.road ?? ''}</span>
              <span className="muted">{c.statusMs ? t('traffic.since', { time: time(c.statusMs) }) : ''}</span>
            </li>
          ))}
        </ol>
      </PanelFrame>
      <EventFeed />
      <TrafficStats />
    </div>
  );
}
