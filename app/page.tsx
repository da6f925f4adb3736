import { LiveOverview } from '../components/home/LiveOverview';
import { messagesFor } from '../components/i18n/messages';
import { requestLocale } from '../components/i18n/server-locale';
import { PageShell } from '../components/layout/PageShell';
import { LiveCityMap } from '../components/map/LiveCityMap';

export default async function HomePage() {
  const locale = await requestLocale();
  const t = messagesFor(locale);
  return (
    <PageShell page="home" locale={locale} title={t['home.title']} subtitle={t['home.subtitle']}>
      <LiveOverview />
      <LiveCityMap theme="light" />
    </PageShell>
  );
}
