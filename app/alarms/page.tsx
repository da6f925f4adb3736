import type { Metadata } from 'next';
import { AlarmsBoard } from '../../components/alarms/AlarmsBoard';
import { messagesFor } from '../../components/i18n/messages';
import { requestLocale } from '../../components/i18n/server-locale';
import { PageShell } from '../../components/layout/PageShell';

export const metadata: Metadata = { title: 'CityOps — Cảnh báo / Alarms' };

export default async function AlarmsPage() {
  const locale = await requestLocale();
  const t = messagesFor(locale);
  return (
    <PageShell page="alarms" locale={locale} title={t['alarms.title']} subtitle={t['alarms.subtitle']}>
      <AlarmsBoard />
    </PageShell>
  );
}
