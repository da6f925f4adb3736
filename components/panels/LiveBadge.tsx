'use client';
import { useI18n } from '../i18n/I18nProvider';
import type { LiveStatus } from '../realtime/useChannel';

/** Says whether a panel is live; a stale or disconnected panel must say so, never look frozen-but-fine. */
export function LiveBadge({ status, lastUpdate }: { status: LiveStatus; lastUpdate: number | null }) {
  const { t, time } = useI18n();
  return (
    <span className={`live-badge live-${status}`} data-testid="live-status" data-status={status}>
      <span className="dot" aria-hidden />
      {t(`live.${status}`)}
      {lastUpdate !== null && <span className="when"> · {t('live.updated', { time: time(lastUpdate) })}</span>}
    </span>
  );
}
