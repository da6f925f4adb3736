'use client';
import { useEffect, useState } from 'react';
import type { CaseRecordRow, DocumentRecordRow, KpiFamily, RecordPage } from '../../contracts/kpi-query';
import { useI18n } from '../i18n/I18nProvider';
import { TIME_ZONE, type MessageKey } from '../i18n/messages';
import { throwUnlessOk } from '../api/problem';

export interface DrillRequest {
  family: KpiFamily;
  drill: string;
  from: string;
  to: string;
  title: string;
  /** Narrows the list to one row of the table: { agency } or { level }, { field }, { procedure }, { channel }. */
  filter?: Readonly<Record<string, string>>;
}

const PAGE_SIZE = 25;
type AnyPage = RecordPage<CaseRecordRow> | RecordPage<DocumentRecordRow>;

/**
 * The records behind a number: a side panel listing the dossiers or documents a KPI counted,
 * a page at a time, searchable by code. Escape or the close button leaves it.
 */
export function DrillDrawer({ request, onClose }: { request: DrillRequest; onClose: () => void }) {
  const { t, locale } = useI18n();
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const [data, setData] = useState<AnyPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const dateFmt = new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
    timeZone: TIME_ZONE,
    dateStyle: 'short',
    timeStyle: 'short',
  });
  const when = (iso: string | null) => (iso ? dateFmt.format(new Date(iso)) : '—');

  useEffect(() => {
    const ctl = new AbortController();
    const params = new URLSearchParams({
      drill: request.drill,
      from: request.from,
      to: request.to,
      page: String(page),
      pageSize: String(PAGE_SIZE),
    });
    for (const [k, v] of Object.entries(request.filter ?? {})) params.set(k, v);
    if (q.trim()) params.set('q', q.trim());
    fetch(`/api/kpi/${request.family}/records?${params.toString()}`, { signal: ctl.signal })
      .then(async (res) => {
        setData((await (await throwUnlessOk(res)).json()) as AnyPage);
        setError(null);
      })
      .catch((err: unknown) => {
        if (!ctl.signal.aborted) setError(err instanceof Error ? err.message : String(err));
      });
    return () => ctl.abort();
  }, [request, page, q]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <aside className="drill" role="dialog" aria-label={request.title} data-testid="drill">
      <header>
        <h3>{request.title}</h3>
        <button onClick={onClose} aria-label={t('review.close')} data-testid="drill-close">
          ✕
        </button>
      </header>
      <p className="muted">{t('review.range', { from: request.from, to: request.to })}</p>
      <input
        type="search"
        placeholder={t('review.search')}
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setPage(1);
        }}
        data-testid="drill-search"
      />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <table className="drill-table" data-testid="drill-table">
        <thead>
          {request.family === 'cases' ? (
            <tr>
              <th>{t('review.code')}</th>
              <th>{t('review.agency')}</th>
              <th>{t('review.procedure')}</th>
              <th>{t('review.received')}</th>
              <th>{t('review.due')}</th>
              <th>{t('review.result')}</th>
              <th>{t('review.status')}</th>
            </tr>
          ) : (
            <tr>
              <th>{t('review.code')}</th>
              <th>{t('review.agency')}</th>
              <th>{t('review.registered')}</th>
              <th>{t('review.due')}</th>
              <th>{t('review.processed')}</th>
              <th>{t('review.status')}</th>
            </tr>
          )}
        </thead>
        <tbody>
          {data?.rows.map((r) =>
            'caseId' in r ? (
              <tr key={r.caseId} className={r.timeliness === 'late' ? 'late' : ''}>
                <td className="code">{r.caseId}</td>
                <td>{r.agency[locale]}</td>
                <td title={r.procedureName ?? ''}>{r.procedureCode}</td>
                <td>{when(r.receivedAt)}</td>
                <td>{when(r.dueAt)}</td>
                <td>{when(r.resolvedAt)}</td>
                <td>
                  {t(`review.status.${r.status}` as MessageKey)}
                  {r.timeliness ? ` · ${t(`review.timeliness.${r.timeliness}` as MessageKey)}` : ''}
                </td>
              </tr>
            ) : (
              <tr key={r.docId} className={r.timeliness === 'late' ? 'late' : ''}>
                <td className="code">{r.docId}</td>
                <td>{r.agency[locale]}</td>
                <td>{when(r.registeredAt)}</td>
                <td>{when(r.dueAt)}</td>
                <td>{when(r.processedAt)}</td>
                <td>
                  {r.status}
                  {r.timeliness ? ` · ${r.timeliness}` : ''}
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
      {data && data.rows.length === 0 && <p className="empty">{t('review.none')}</p>}
      <footer>
        <button disabled={page <= 1} onClick={() => setPage((p) => p - 1)} data-testid="drill-prev">
          ‹ {t('review.prevPage')}
        </button>
        <span data-testid="drill-page">{t('review.page', { n: page })}</span>
        <button disabled={!data?.hasMore} onClick={() => setPage((p) => p + 1)} data-testid="drill-next">
          {t('review.nextPage')} ›
        </button>
      </footer>
    </aside>
  );
}
