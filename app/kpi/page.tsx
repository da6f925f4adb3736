import type { Metadata } from 'next';
import { KpiBoard } from '../../components/kpi/KpiBoard';
import { messagesFor } from '../../components/i18n/messages';
import { requestLocale } from '../../components/i18n/server-locale';
import { PageShell } from '../../components/layout/PageShell';

export const metadata: Metadata = { title: 'CityOps — KPI' };

export default async function KpiPage() {
  const locale = await requestLocale();
  const t = messagesFor(locale);
  return (
    <PageShell page="kpi" locale={locale} title={t['kpi.title']} subtitle={t['kpi.subtitle']}>
      <KpiBoard />
    </PageShell>
  );
}
