'use client';
import { Fragment, useEffect, useMemo, useState, type FormEvent } from 'react';
import { AUDIT_ACTIONS, AUDIT_PAGE_SIZE, type AuditPage, type AuditRow } from '../../contracts/audit';
import { zoneOffsetMinutes } from '../../contracts/time';
import { useI18n } from '../i18n/I18nProvider';
import { INTL_LOCALE, messagesFor, TIME_ZONE, type MessageKey } from '../i18n/messages';
import { throwUnlessOk } from '../api/problem';

const DAY = 86_400_000;
const PERIODS = ['today', '7d', '30d', 'custom'] as const;
type Period = (typeof PERIODS)[number];

interface Filters {
  period: Period;
  from: string;
  to: string;
  actor: string;
  actions: string[];
  target: string;
  ip: string;
  q: string;
}
const EMPTY: Filters = { period: '7d', from: '', to: '', actor: '', actions: [], target: '', ip: '', q: '' };

/** `YYYY-MM-DDTHH:mm` read as the city's wall clock (not the browser's), as epoch ms; null when empty. */
function cityInstant(local: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  const naive = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  return naive - zoneOffsetMinutes(naive, TIME_ZONE) * 60_000;
}

/** The query string of the filters (the same for the page and the CSV export). */
function queryOf(f: Filters, now: number): URLSearchParams {
  const p = new URLSearchParams();
  if (f.period === 'custom') {
    const from = cityInstant(f.from);
    const to = cityInstant(f.to);
    if (from !== null) p.set('from', String(from));
    if (to !== null) p.set('to', String(to));
  } else {
    const off = zoneOffsetMinutes(now, TIME_ZONE) * 60_000;
    const from =
      f.period === '7d'
        ? now - 7 * DAY
        : f.period === '30d'
          ? now - 30 * DAY
          : Math.floor((now + off) / DAY) * DAY - off;
    p.set('from', String(from));
  }
  for (const [k, v] of [
    ['actor', f.actor],
    ['target', f.target],
    ['ip', f.ip],
    ['q', f.q],
  ] as const)
    if (v.trim() !== '') p.set(k, v.trim());
  for (const a of f.actions) p.append('action', a);
  return p;
}

/**
 * The admins' search of the audit trail: the audit log and the alarm rules' own transitions, by
 * period, actor, actions, target, address and text in the detail; newest first, a keyset page at a
 * time (older / newer / newest), each row's detail on demand as JSON text (never as HTML: it holds
 * what outsiders typed), and the filtered trail as CSV.
 */
export function AuditLog() {
  const { t, locale } = useI18n();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  // The filters searched, with the instant the preset periods were computed at (a page's cursors belong to one search).
  const [search, setSearch] = useState<{ f: Filters; at: number }>(() => ({ f: EMPTY, at: Date.now() }));
  // Cursors of the pages shown so far: the last is the current page's (null: the newest page).
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [data, setData] = useState<AuditPage | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const when = useMemo(
    () =>
      new Intl.DateTimeFormat(INTL_LOCALE[locale], {
        timeZone: TIME_ZONE,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hour12: false,
      }),
    [locale],
  );
  const query = useMemo(() => queryOf(search.f, search.at), [search]);
  const cursor = cursors.at(-1) ?? null;

  useEffect(() => {
    const ctl = new AbortController();
    const p = new URLSearchParams(query);
    if (cursor) p.set('cursor', cursor);
    fetch(`/api/admin/audit?${p.toString()}`, { signal: ctl.signal, cache: 'no-store' })
      .then(async (res) => {
        // Refused filters: the rows of the previous search no longer answer what is asked.
        if (res.status === 400) setData(null);
        setData((await (await throwUnlessOk(res)).json()) as AuditPage);
        setProblem(null);
      })
      .catch((err: unknown) => {
        if (!ctl.signal.aborted) setProblem(err instanceof Error ? err.message : String(err));
      });
    return () => ctl.abort();
  }, [query, cursor]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSearch({ f: draft, at: Date.now() });
    setCursors([null]);
    setOpen(null);
  };
  const set = <K extends keyof Filters>(k: K, v: Filters[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const toggleAction = (a: string) =>
    set('actions', draft.actions.includes(a) ? draft.actions.filter((x) => x !== a) : [...draft.actions, a]);
  // An action written by a newer version than this page's messages is shown by its code.
  const actionName = (a: string) => {
    const key = `audit.action.${a}`;
    return key in messagesFor(locale) ? t(key as MessageKey) : a;
  };
  const exportHref = `/api/admin/audit/export?${new URLSearchParams([...query, ['lang', locale]]).toString()}`;
  const rowKey = (r: AuditRow) => `${r.source}:${r.id}`;
  const shownFrom = (cursors.length - 1) * AUDIT_PAGE_SIZE;

  return (
    <section className="panel audit-panel" data-testid="audit-log">
      <form
        className="feed-filters audit-filters"
        onSubmit={submit}
        aria-label={t('audit.filters')}
        data-testid="audit-filters"
      >
        <div className="period-picker" role="group" aria-label={t('audit.period')}>
          {PERIODS.map((p) => (
            <button
              type="button"
              key={p}
              aria-pressed={draft.period === p}
              className={draft.period === p ? 'on' : ''}
              data-testid={`audit-period-${p}`}
              onClick={() => set('period', p)}
            >
              {t(`audit.${p}` as MessageKey)}
            </button>
          ))}
        </div>
        {draft.period === 'custom' && (
          <>
            <label>
              <span>{t('audit.from')}</span>
              <input
                type="datetime-local"
                value={draft.from}
                onChange={(e) => set('from', e.target.value)}
                data-testid="audit-from"
              />
            </label>
            <label>
              <span>{t('audit.to')}</span>
              <input
                type="datetime-local"
                value={draft.to}
                onChange={(e) => set('to', e.target.value)}
                data-testid="audit-to"
              />
            </label>
          </>
        )}
        <label>
          <span>{t('audit.actor')}</span>
          <input
            value={draft.actor}
            maxLength={64}
            placeholder={t('audit.actorHint')}
            onChange={(e) => set('actor', e.target.value)}
            data-testid="audit-actor"
          />
        </label>
        <details className="audit-actions" data-testid="audit-actions">
          <summary>
            {draft.actions.length === 0 ? t('audit.actionsAll') : t('audit.actionsSome', { n: draft.actions.length })}
          </summary>
          <fieldset>
            <legend>{t('audit.actions')}</legend>
            {AUDIT_ACTIONS.map((a) => (
              <label key={a} className="check">
                <input
                  type="checkbox"
                  checked={draft.actions.includes(a)}
                  onChange={() => toggleAction(a)}
                  data-testid={`audit-action-${a}`}
                />
                {actionName(a)} <code>{a}</code>
              </label>
            ))}
          </fieldset>
        </details>
        <label>
          <span>{t('audit.target')}</span>
          <input
            value={draft.target}
            maxLength={128}
            onChange={(e) => set('target', e.target.value)}
            data-testid="audit-target"
          />
        </label>
        <label>
          <span>{t('audit.ip')}</span>
          <input
            value={draft.ip}
            maxLength={45}
            placeholder={t('audit.ipHint')}
            onChange={(e) => set('ip', e.target.value)}
            data-testid="audit-ip"
          />
        </label>
        <label>
          <span>{t('audit.text')}</span>
          <input value={draft.q} maxLength={200} onChange={(e) => set('q', e.target.value)} data-testid="audit-text" />
        </label>
        <button type="submit" data-testid="audit-search">
          {t('audit.search')}
        </button>
        <button type="button" onClick={() => setDraft(EMPTY)}>
          {t('audit.reset')}
        </button>
        <a className="audit-export" href={exportHref} download data-testid="audit-export">
          {t('audit.export')}
        </a>
      </form>
      {problem && (
        <p className="error" role="alert" data-testid="audit-problem">
          {t('audit.failed')}: {problem}
        </p>
      )}
      {data && data.entries.length === 0 && <p className="empty">{t('audit.none')}</p>}
      <table className="audit-table">
        <thead>
          <tr>
            <th>{t('audit.time')}</th>
            <th>{t('audit.actor')}</th>
            <th>{t('audit.action')}</th>
            <th>{t('audit.target')}</th>
            <th>{t('audit.ip')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {data?.entries.map((r) => (
            <Fragment key={rowKey(r)}>
              <tr
                data-testid="audit-row"
                data-action={r.action}
                data-source={r.source}
                data-actor={r.actor ?? ''}
                data-target={r.target ?? ''}
              >
                <td className="num">{when.format(r.atMs)}</td>
                <td>{r.actor ?? (r.source === 'alarm' ? t('audit.system') : t('audit.nobody'))}</td>
                <td title={r.action}>{actionName(r.action)}</td>
                <td className="audit-target">{r.target ?? ''}</td>
                <td className="num">{r.ip ?? ''}</td>
                <td>
                  <button
                    type="button"
                    aria-expanded={open === rowKey(r)}
                    data-testid="audit-detail-toggle"
                    onClick={() => setOpen(open === rowKey(r) ? null : rowKey(r))}
                  >
                    {t(open === rowKey(r) ? 'audit.hide' : 'audit.show')}
                  </button>
                </td>
              </tr>
              {open === rowKey(r) && (
                <tr className="trail-row">
                  <td colSpan={6}>
                    {/* Text, never HTML: the detail holds notes and names that outsiders typed. */}
                    <pre className="audit-detail" data-testid="audit-detail">
                      {JSON.stringify(r.detail, null, 2)}
                    </pre>
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
      {data && (
        <p className="muted small pager" data-testid="audit-pager">
          <span data-testid="audit-total">
            {data.entries.length === 0
              ? t('audit.total', { n: data.total })
              : t('audit.range', { from: shownFrom + 1, to: shownFrom + data.entries.length, n: data.total })}
          </span>{' '}
          <button type="button" disabled={cursors.length <= 1} onClick={() => setCursors([null])}>
            {t('audit.newest')}
          </button>
          <button
            type="button"
            disabled={cursors.length <= 1}
            onClick={() => setCursors(cursors.slice(0, -1))}
            data-testid="audit-newer"
          >
            {t('audit.newer')}
          </button>
          <button
            type="button"
            disabled={!data.next}
            onClick={() => data.next && setCursors([...cursors, data.next])}
            data-testid="audit-older"
          >
            {t('audit.older')}
          </button>
        </p>
      )}
    </section>
  );
}
