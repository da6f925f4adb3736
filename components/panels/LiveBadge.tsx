'use client';
import { useI18n } from '../i18n/I18nProvider';
import type { ChannelFault } from '../../contracts/realtime';
import type { LiveStatus } from '../realtime/useChannel';

/** Says whether a panel is live; a stale or disconnected panel must say so, never look frozen-but-fine. */
/** `fault`: the server's word while the channel's query fails (shown as the badge's title). */
export function LiveBadge({
  status,
  lastUpdate,
  fault,
}: {
  status: LiveStatus;
  lastUpdate: number | null;
  fault?: ChannelFault | null;
}) {
  const { t, time } = useI18n();
  return (
    <span
      className={`live-badge live-${status}`}
      data-testid="live-status"
      data-status={status}
      role={status === 'error' ? 'alert' : undefined}
      title={status === 'error' && fault ? t('live.errorDetail', { since: time(fault.sinceMs) }) : undefined}
    >
      <span className="dot" aria-hidden />
      {t(`live.${status}`)}
      {lastUpdate !== null && <span className="when"> · {t('live.updated', { time: time(lastUpdate) })}</span>}
    </span>
  );
}
