'use client';
import { useI18n } from '../i18n/I18nProvider';
import { useChannel } from '../realtime/useChannel';

/** The count of active alarms, on every page: red when there is one, linking to the list. */
export function AlarmBadge() {
  const { t, number } = useI18n();
  const { data, status } = useChannel('alarms');
  const n = data?.active.length ?? 0;
  const worst = Math.max(0, ...(data?.active.map((a) => a.severity) ?? []));
  return (
    <a
      href="/alarms"
      className={`alarm-badge ${n > 0 ? `has-alarms sev-${worst}` : ''} ${status === 'live' ? '' : 'is-stale'}`}
      data-testid="alarm-badge"
      data-count={n}
    >
      <span aria-hidden>⚠</span> {data ? number(n) : '—'} <span className="label">{t('alarms.badge')}</span>
    </a>
  );
}
