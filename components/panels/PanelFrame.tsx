'use client';
import type { ReactNode } from 'react';
import type { LiveStatus } from '../realtime/useChannel';
import { LiveBadge } from './LiveBadge';

/**
 * Every live panel's frame: its title, and whether its data is live — with the time of the last
 * update — so a panel that stopped receiving says so instead of looking frozen-but-fine.
 */
export function PanelFrame({ title, status, lastUpdate, testId, className, children, aside }: {
  title: string; status: LiveStatus; lastUpdate: number | null; testId?: string; className?: string; children: ReactNode; aside?: ReactNode;
}) {
  return (
    <section className={`panel ${className ?? ''} ${status === 'live' ? '' : 'is-stale'}`} data-testid={testId} data-status={status}>
      <header>
        <h2>{title}</h2>
        {aside}
        <LiveBadge status={status} lastUpdate={lastUpdate} />
      </header>
      <div className="panel-body">{children}</div>
    </section>
  );
}
