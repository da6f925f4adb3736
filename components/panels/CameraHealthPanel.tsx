'use client';
import { cameraHealth } from '../../contracts/cameras';
import { useCity } from '../city/CityProvider';
import { useI18n } from '../i18n/I18nProvider';
import { useChannel } from '../realtime/useChannel';
import { useNow } from '../realtime/useNow';
import { KpiTile } from './KpiTile';
import { PanelFrame } from './PanelFrame';

const LISTED = 8;

/**
 * Cameras offline right now (said so, or silent past CAMERA_OFFLINE_AFTER_S), for the wall: the count
 * and the cameras longest unheard. "Last heard", not "since": a camera repeating "offline" every
 * 30 s has a fresh status, but the live state does not know when it first went down.
 */
export function CameraHealthPanel() {
  const { t, number, time } = useI18n();
  const { cameraOfflineAfterMs } = useCity();
  const cameras = useChannel('map:cameras');
  const now = useNow(5000);
  const all = Object.values(cameras.data ?? {});
  const down = all
    .map((c) => ({
      c,
      health: cameraHealth(c, now, cameraOfflineAfterMs),
      since: Math.max(c.statusMs ?? 0, c.lastEventMs ?? 0),
    }))
    .filter((x) => x.health !== 'online')
    .sort((a, b) => a.since - b.since);
  return (
    <PanelFrame
      title={t('traffic.health')}
      status={cameras.status}
      lastUpdate={cameras.lastUpdate}
      fault={cameras.fault}
      testId="camera-health-panel"
    >
      <div className="tiles">
        <KpiTile
          testId="wall-cameras-offline"
          label={t('traffic.offline')}
          value={cameras.data ? down.length : null}
          tone={cameras.data ? (down.length > 0 ? 'bad' : 'good') : 'neutral'}
          detail={
            cameras.data
              ? t('cameras.onlineOf', { online: number(all.length - down.length), total: number(all.length) })
              : undefined
          }
        />
      </div>
      <ol className="plain-list camera-down-list">
        {down.slice(0, LISTED).map(({ c, health, since }) => (
          <li key={c.id}>
            <span className="name">{c.name ?? c.id}</span>
            <span className="muted">{t(health === 'silent' ? 'cameras.health.silent' : 'cameras.health.offline')}</span>
            <span className="muted">
              {since > 0 ? t('cameras.lastHeard', { time: time(since) }) : t('cameras.neverHeard')}
            </span>
          </li>
        ))}
      </ol>
    </PanelFrame>
  );
}
