'use client';
import { Fragment, useEffect, useMemo, useState } from 'react';
import type { AlarmHistoryItem, AlarmHistoryPage, AlarmTransition } from '../../contracts/alarm-history';
import { zoneOffsetMinutes } from '../../contracts/time';
import { useI18n } from '../i18n/I18nProvider';
import { INTL_LOCALE, TIME_ZONE, type MessageKey } from '../i18n/messages';
import { PanelFrame } from '../panels/PanelFrame';
import { useChannel } from '../realtime/useChannel';
import { throwUnlessOk } from '../api/problem';

const DAY = 86_400_000;
const PERIODS = ['today', '7d', '30d'] as const;
type Period = (typeof PERIODS)[number];

/** The period's start: today from midnight in the city, else the last 7 or 30 days. */
function periodFrom(period: Period, now: number): number {
  if (period === '7d') return now - 7 * DAY;
  if (period === '30d') return now - 30 * DAY;
  const off = zoneOffsetMinutes(now, TIME_ZONE) * 60_000;
  return Math.floor((now + off) / DAY) * DAY - off;
}

/**
 * The alarms raised in a period (today, 7 or 30 days), newest first, closed ones included: who
 * acknowledged and cleared each, how long it lasted, and on demand its audit trail. Refetched when
 * the open alarms change, so an alarm cleared a moment ago shows here at once.
 */
export function AlarmHistory() {
  const { t, locale } = useI18n();
  const [period, setPeriod] = useState<Period>('today');
  const [page, setPage] = useState(1);
  const [data, setData] = useState<AlarmHistoryPage | null>(null);
  const [failed, setFailed] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  // The trail shown, with the alarm it belongs to: another alarm's trail reads as still loading.
  const [trailOf, setTrailOf] = useState<{ id: string; rows: AlarmTransition[] } | null>(null);
  const live = useChannel('alarms');
  const changed = live.data?.generatedAt ?? 0;
  const when = useMemo(
    () =>
      new Intl.DateTimeFormat(INTL_LOCALE[locale], {
        timeZone: TIME_ZONE,
        day: '2-digit',
        month: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hour12: false,
      }),
    [locale],
  );

  useEffect(() => {
    const ctl = new AbortController();
    const to = Date.now() + 1000;
    fetch(`/api/alarms/history?from=${periodFrom(period, to)}&to=${to}&page=${page}`, { signal: ctl.signal })
      .then(async (res) => {
        await throwUnlessOk(res);
        setData((await res.json()) as AlarmHistoryPage);
        setFailed(false);
      })
      .catch(() => {
        if (!ctl.signal.aborted) setFailed(true);
      });
    return () => ctl.abort();
  }, [period, page, changed]);

  useEffect(() => {
    if (open === null) return;
    const ctl = new AbortController();
    fetch(`/api/alarms/${open}/transitions`, { signal: ctl.signal })
      .then(async (res) =>
        setTrailOf({
          id: open,
          rows: res.ok ? ((await res.json()) as { transitions: AlarmTransition[] }).transitions : [],
        }),
      )
      .catch(() => undefined);
    return () => ctl.abort();
  }, [open, changed]);

  const trail = trailOf && trailOf.id === open ? trailOf.rows : null;
  const duration = (ms: number) => {
    // Short alarms (a KPI band crossed for seconds) would all read "0 minutes".
    if (ms < 60_000) return t('alarms.history.seconds', { s: Math.max(0, Math.floor(ms / 1000)) });
    const minutes = Math.floor(ms / 60_000);
    return minutes < 60
      ? t('alarms.minutes', { m: minutes })
      : t('alarms.hoursMinutes', { h: Math.floor(minutes / 60), m: minutes % 60 });
  };
  const state = (s: string) => t(`alarms.history.state.${s}` as MessageKey);
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const cleared = (a: AlarmHistoryItem) =>
    a.clearedMs === null ? '—' : `${a.clearedBy ?? t('alarms.history.automatic')} · ${when.format(a.clearedMs)}`;

  return (
    <PanelFrame
      title={t('alarms.history.title')}
      status={live.status}
      lastUpdate={live.lastUpdate}
      testId="alarm-history"
      className="alarm-list alarm-history"
      aside={
        <div className="period-picker" role="group" aria-label={t('alarms.history.period')}>
          {PERIODS.map((p) => (
            <button
              key={p}
              aria-pressed={p === period}
              className={p === period ? 'on' : ''}
              data-testid={`alarm-history-${p}`}
              onClick={() => {
                setPeriod(p);
                setPage(1);
              }}
            >
              {t(`alarms.history.${p}` as MessageKey)}
            </button>
          ))}
        </div>
      }
    >
      {failed && (
        <p className="error" role="alert">
          {t('alarms.history.failed')}
        </p>
      )}
      {data && data.items.length === 0 && <p className="empty">{t('alarms.history.none')}</p>}
      <table>
        <thead>
          <tr>
            <th>{t('alarms.severity')}</th>
            <th>{t('alarms.type')}</th>
            <th>{t('alarms.where')}</th>
            <th>{t('alarms.started')}</th>
            <th>{t('alarms.history.stateCol')}</th>
            <th>{t('alarms.history.acked')}</th>
            <th>{t('alarms.history.cleared')}</th>
            <th>{t('alarms.duration')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {data?.items.map((a) => (
            <Fragment key={a.id}>
              <tr
                className={`sev-${a.severity} state-${a.state}`}
                data-testid="alarm-history-row"
                data-alarm={a.id}
                data-subject={a.subject}
                data-state={a.state}
              >
                <td>
                  <span className="sev-pill">
                    {t(`alarms.sev${Math.min(3, Math.max(1, a.severity))}` as MessageKey)}
                  </span>
                </td>
                <td>{a.name[locale]}</td>
                <td>{a.title}</td>
                <td className="num">{when.format(a.startedMs)}</td>
                <td>{state(a.state)}</td>
                <td title={a.ackNote ?? ''}>
                  {a.ackedMs === null ? '—' : `${a.ackedBy ?? '?'} · ${when.format(a.ackedMs)}`}
                  {a.ackNote ? <div className="muted small">{a.ackNote}</div> : null}
                </td>
                <td>{cleared(a)}</td>
                <td className="num">
                  {duration(a.durationMs)}
                  {a.clearedMs === null ? <span className="muted"> {t('alarms.history.soFar')}</span> : null}
                </td>
                <td>
                  <button
                    aria-expanded={open === a.id}
                    data-testid="alarm-history-trail"
                    onClick={() => setOpen(open === a.id ? null : a.id)}
                  >
                    {t(open === a.id ? 'alarms.history.hideTrail' : 'alarms.history.showTrail')}
                  </button>
                </td>
              </tr>
              {open === a.id && (
                <tr className="trail-row">
                  <td colSpan={9}>
                    {trail === null ? (
                      <span className="muted">…</span>
                    ) : (
                      <ol className="alarm-trail" data-testid="alarm-trail">
                        {trail.map((x, i) => (
                          <li key={i} data-testid="alarm-transition" data-to={x.to}>
                            <span className="num">{when.format(x.at)}</span>{' '}
                            <strong>
                              {x.from === null ? t('alarms.history.raised') : `${state(x.from)} → ${state(x.to)}`}
                            </strong>
                            {' · '}
                            {x.actor ?? t('alarms.history.system')}
                            {x.note ? <span className="muted"> — {x.note}</span> : null}
                          </li>
                        ))}
                      </ol>
                    )}
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
      {data && (
        <p className="muted small pager">
          {t('alarms.history.footer', { n: data.total })}{' '}
          {pages > 1 && (
            <>
              <button disabled={page <= 1} onClick={() => setPage(page - 1)}>
                ‹
              </button>
              {` ${page} / ${pages} `}
              <button disabled={page >= pages} onClick={() => setPage(page + 1)}>
                ›
              </button>
            </>
          )}
        </p>
      )}
    </PanelFrame>
  );
}
