import type { Metadata } from 'next';
import { messagesFor } from '../../components/i18n/messages';
import { requestLocale } from '../../components/i18n/server-locale';
import { PageShell } from '../../components/layout/PageShell';
import { TrafficBoard } from '../../components/traffic/TrafficBoard';

export const metadata: Metadata = { title: 'CityOps — Giao thông / Traffic' };

export default async function TrafficPage() {
  const locale = await requestLocale();
  const t = messagesFor(locale);
  return (
    <PageShell page="traffic" locale={locale} title={t['traffic.title']} subtitle={t['traffic.subtitle']}>
      <TrafficBoard />
    </PageShell>
  );
}
