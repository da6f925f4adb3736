'use client';
import { useState } from 'react';
import { cameraHealth } from '../../contracts/cameras';
import type { CameraState } from '../../contracts/channels';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { useChannel } from '../realtime/useChannel';
import { HlsVideo, type VideoState } from './HlsVideo';

const EVENTS_SHOWN = 3;

/**
 * One camera of the grid: live video when it has a stream, else (or while the stream fails) its
 * newest event snapshot; its health and its last events, live from `camera:{id}`.
 */
export function CameraTile({
  camera,
  now,
  offlineAfterMs,
}: {
  camera: CameraState;
  now: number;
  offlineAfterMs: number;
}) {
  const { t, time } = useI18n();
  const activity = useChannel(`camera:${camera.id}`);
  const [video, setVideo] = useState<VideoState>('loading');
  const health = cameraHealth(camera, now, offlineAfterMs);
  const events = (activity.data ?? [])
    .flatMap((a) => (a.kind === 'event' ? [a] : []))
    .sort((a, b) => b.timeMs - a.timeMs)
    .slice(0, EVENTS_SHOWN);
  // The snapshot's URL changes with the newest event, so the browser fetches the new image.
  const snapshot =
    camera.lastEventMs !== null
      ? `/api/cameras/${encodeURIComponent(camera.id)}/snapshot?t=${camera.lastEventMs}`
      : null;
  const [snapshotMissing, setSnapshotMissing] = useState<string | null>(null);
  const showSnapshot = snapshot !== null && snapshotMissing !== snapshot;
  return (
    <article
      className={`camera-tile health-${health}`}
      data-testid="camera-tile"
      data-camera={camera.id}
      data-health={health}
    >
      <header>
        <span className={`health-dot ${health}`} aria-hidden />
        <span className="name" title={camera.name ?? camera.id}>
          {camera.name ?? camera.id}
        </span>
        <span className="health" data-testid="camera-health">
          {t(`cameras.health.${health}` as MessageKey)}
        </span>
      </header>
      <div className="camera-view">
        {camera.streamUrl ? (
          <>
            <HlsVideo
              src={camera.streamUrl}
              poster={showSnapshot ? snapshot : undefined}
              onState={setVideo}
              testId="camera-video"
            />
            {video === 'error' && <span className="camera-note">{t('cameras.streamFailed')}</span>}
          </>
        ) : showSnapshot ? (
          <img
            src={snapshot}
            alt={t('cameras.snapshot', { name: camera.name ?? camera.id })}
            data-testid="camera-snapshot"
            onError={() => setSnapshotMissing(snapshot)}
          />
        ) : (
          <span className="camera-note">{t('cameras.noImage')}</span>
        )}
      </div>
      <footer>
        <span className="muted">{camera.road ?? ''}</span>
        <ol className="camera-events" data-testid="camera-tile-events">
          {events.length === 0 && <li className="muted">{t('cameras.noEvents')}</li>}
          {events.map((e) => (
            <li key={e.eventId} className={`sev-${e.severity}`}>
              <span className="time">{time(e.timeMs)}</span>{' '}
              <span className="type">{t(`event.${e.type}` as MessageKey)}</span>
              {e.plate && <span className="plate"> {e.plate}</span>}
            </li>
          ))}
        </ol>
      </footer>
    </article>
  );
}
