'use client';
import { useI18n } from '../i18n/I18nProvider';
import { useScopedFigures } from '../realtime/useScopedFigures';
import { LiveBadge } from './LiveBadge';

/** Ranking of agencies by dossiers received today, with resolved and overdue alongside. */
export function CasesByAgency({ limit = 12 }: { limit?: number }) {
  const { t, number } = useI18n();
  const { data, status, lastUpdate } = useScopedFigures('kpi:cases');
  const rows = [...(data?.byAgency ?? [])]
    .sort((a, b) => b.received - a.received || b.overdueNow - a.overdueNow)
    .slice(0, limit);
  const max = Math.max(1, ...rows.map((r) => r.received));
  return (
    <section className="panel ranking" data-testid="cases-by-agency">
      <header>
        <h2>{t('wall.casesByAgency')}</h2>
        <LiveBadge status={status} lastUpdate={lastUpdate} />
      </header>
      {data && (
        <p className="panel-summary">
          {t('wall.casesSummary', {
            received: number(data.today.received),
            resolved: number(data.today.resolved),
            overdue: number(data.today.overdueNow),
          })}
        </p>
      )}
      <ol>
        {rows.map((r) => (
          <li key={r.agencyId}>
            <span className="label">{r.name}</span>
            <span className="bar">
              <span style={{ width: `${(100 * r.received) / max}%` }} />
            </span>
            <span className="figure">{number(r.received)}</span>
            <span className={`overdue ${r.overdueNow > 0 ? 'is-bad' : ''}`}>
              {r.overdueNow > 0 ? `⚠ ${number(r.overdueNow)}` : ''}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
