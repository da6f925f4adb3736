'use client';
import type { ReactNode } from 'react';
import type { ChannelFault } from '../../contracts/realtime';
import { useI18n } from '../i18n/I18nProvider';
import type { LiveStatus } from '../realtime/useChannel';
import { LiveBadge } from './LiveBadge';

/**
 * Every live panel's frame: its title, and whether its data is live — with the time of the last
 * update — so a panel that stopped receiving says so instead of looking frozen-but-fine. A channel
 * whose query fails on the server (`error`) says that in the panel itself, over its last value.
 */
export function PanelFrame({
  title,
  status,
  lastUpdate,
  fault,
  testId,
  className,
  children,
  aside,
}: {
  title: string;
  status: LiveStatus;
  lastUpdate: number | null;
  fault?: ChannelFault | null;
  testId?: string;
  className?: string;
  children: ReactNode;
  aside?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <section
      className={`panel ${className ?? ''} ${status === 'live' ? '' : 'is-stale'}`}
      data-testid={testId}
      data-status={status}
    >
      <header>
        <h2>{title}</h2>
        {aside}
        <LiveBadge status={status} lastUpdate={lastUpdate} fault={fault ?? null} />
      </header>
      {status === 'error' && (
        <p className="panel-fault" role="alert" data-testid="panel-fault">
          {t('live.errorPanel')}
        </p>
      )}
      <div className="panel-body">{children}</div>
    </section>
  );
}
