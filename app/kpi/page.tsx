import type { Metadata } from 'next';
import { KpiBoard } from '../../components/kpi/KpiBoard';
import { PageShell } from '../../components/layout/PageShell';
import { format, messagesFor } from '../../components/i18n/messages';
import { requestLocale } from '../../components/i18n/server-locale';
import { currentUser } from '../../components/session/server-session';
import { registry } from '../../runtime/registry';

export const metadata: Metadata = { title: 'CityOps — KPI' };
export const dynamic = 'force-dynamic';

export default async function KpiPage() {
  return (
    <PageShell page="kpi" title="kpi.title" subtitle="kpi.subtitle">
      <ScopeNote />
      <KpiBoard />
    </PageShell>
  );
}

/**
 * A scoped leader reads which agencies and wards their figures cover: every total on the page is
 * the total of this scope (the server narrows every answer; this line only says so).
 */
async function ScopeNote() {
  const user = await currentUser();
  if (!user) return null;
  const label = await registry()
    .kpi.label(user)
    .catch(() => null);
  if (!label) return null;
  const locale = await requestLocale();
  const t = messagesFor(locale);
  const names = [...label.agencies, ...label.wards].map((n) => n[locale]).join(', ');
  return (
    <p className="scope-note" data-testid="scope-note">
      <strong>{format(t['kpi.scope'], { names })}</strong> — {t['kpi.scope.note']}
    </p>
  );
}
