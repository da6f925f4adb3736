'use client';
import { useMemo, useState } from 'react';
import { useCan, useSession } from '../session/SessionProvider';
import { FEED_VIEWS, type FeedView } from '../../contracts/camera-events';
import { useI18n } from '../i18n/I18nProvider';
import { INTL_LOCALE, TIME_ZONE, type MessageKey } from '../i18n/messages';
import { PanelFrame } from '../panels/PanelFrame';
import { DEFAULT_FILTERS, type FeedFilters } from './event-feed-query';
import { EventFeedFilters } from './EventFeedFilters';
import { EventFeedRow } from './EventFeedRow';
import { useEventFeed, type AckOutcome } from './useEventFeed';

const VIEW_LABEL: Record<FeedView, MessageKey> = {
  open: 'feed.view.open',
  acked: 'feed.view.acked',
  all: 'feed.view.all',
};

/**
 * The officers' camera-event feed: "to handle" (not yet acknowledged), acknowledged, or all; with
 * filters and plate search, each event with its snapshot; acknowledging takes a note, and the event
 * leaves every officer's "to handle" list at once (useEventFeed).
 */
export function EventFeed() {
  const { t, number, locale } = useI18n();
  const [filters, setFilters] = useState<FeedFilters>(DEFAULT_FILTERS);
  const feed = useEventFeed(filters, TIME_ZONE);
  // The officer is the signed-in user (the server takes it from the session, whatever is sent).
  const user = useSession();
  const mayAck = useCan('events.ack');
  const when = useMemo(() => {
    const f = new Intl.DateTimeFormat(INTL_LOCALE[locale], {
      timeZone: TIME_ZONE,
      day: '2-digit',
      month: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hour12: false,
    });
    return (ms: number) => f.format(ms);
  }, [locale]);
  // A colleague was first: the row leaves "to handle", so the notice is said here, above the list.
  const [notice, setNotice] = useState<string | null>(null);
  const acknowledge = async (
    e: Parameters<typeof feed.acknowledge>[0],
    by: string,
    note: string,
  ): Promise<AckOutcome> => {
    const out = await feed.acknowledge(e, by, note);
    setNotice(
      !out.ok && out.reason === 'taken' ? t('feed.taken', { who: out.ack.by, time: when(out.ack.atMs) }) : null,
    );
    return out;
  };
  const tabs = (
    <div className="segmented" role="tablist">
      {FEED_VIEWS.map((v) => (
        <button
          key={v}
          role="tab"
          aria-selected={filters.view === v}
          className={filters.view === v ? 'on' : ''}
          onClick={() => setFilters({ ...filters, view: v })}
          data-testid={`feed-view-${v}`}
        >
          {t(VIEW_LABEL[v])}
        </button>
      ))}
    </div>
  );
  return (
    <PanelFrame
      title={t('feed.title')}
      status={feed.status}
      lastUpdate={feed.lastUpdate}
      testId="event-feed"
      className="span-all event-feed"
      aside={tabs}
    >
      <EventFeedFilters filters={filters} onChange={setFilters} />
      {user && (
        <p className="operator muted" data-testid="event-operator">
          {t('feed.operator')} {user.displayName} ({user.username})
        </p>
      )}
      {feed.failed && (
        <p className="error" role="alert">
          {t('feed.unavailable')}
        </p>
      )}
      {notice && (
        <p className="error" role="alert" data-testid="feed-notice">
          {notice}
        </p>
      )}
      <div className="table-wrap">
        <table className="feed-table" data-testid="event-feed-table" data-view={filters.view}>
          <thead>
            <tr>
              <th>{t('feed.time')}</th>
              <th>{t('feed.event')}</th>
              <th>{t('feed.camera')}</th>
              <th>{t('feed.plate')}</th>
              <th>{t('feed.snapshot')}</th>
              <th>{t('feed.handling')}</th>
            </tr>
          </thead>
          <tbody>
            {feed.items.map((e) => (
              <EventFeedRow
                key={e.eventId}
                event={e}
                when={when}
                operator={() => (mayAck ? (user?.username ?? '') : '')}
                onAck={acknowledge}
              />
            ))}
          </tbody>
        </table>
      </div>
      {!feed.loading && feed.items.length === 0 && (
        <p className="empty">{filters.view === 'open' ? t('feed.emptyOpen') : t('feed.empty')}</p>
      )}
      <footer className="feed-footer">
        <span className="muted small">{t('feed.shown', { n: number(feed.items.length) })}</span>
        {feed.hasMore && (
          <button onClick={feed.loadMore} disabled={feed.loading} data-testid="feed-more">
            {t('feed.more')}
          </button>
        )}
      </footer>
    </PanelFrame>
  );
}
