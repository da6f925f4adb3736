'use client';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { useChannel } from '../realtime/useChannel';
import { LiveBadge } from './LiveBadge';

/**
 * The newest camera events, newest first by event time — not by arrival: a history backfill or a
 * camera that reconnects delivers old events after new ones, and they must not top the list.
 */
export function CameraEventsTicker({ limit = 14 }: { limit?: number }) {
  const { t, time } = useI18n();
  const { data, status, lastUpdate } = useChannel('events:cameras');
  const rows = [...(data ?? [])].sort((a, b) => b.timeMs - a.timeMs).slice(0, limit);
  return (
    <section className="panel ticker" data-testid="camera-events">
      <header>
        <h2>{t('wall.cameraEvents')}</h2>
        <LiveBadge status={status} lastUpdate={lastUpdate} />
      </header>
      <ol>
        {rows.map((e) => (
          <li key={e.eventId} className={`sev-${e.severity}`}>
            <span className="time">{time(e.timeMs)}</span>
            <span className="type">{t(`event.${e.type}` as MessageKey)}</span>
            <span className="camera">{e.cameraId}</span>
            <span className="plate">{e.plate ?? ''}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
