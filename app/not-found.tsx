import type { Metadata } from 'next';
import { PageShell } from '../components/layout/PageShell';
import { messagesFor } from '../components/i18n/messages';
import { requestLocale } from '../components/i18n/server-locale';

export const metadata: Metadata = { title: 'CityOps — Không tìm thấy trang / Page not found' };

/**
 * A mistyped address: the console's guard hands a signed-in user's unknown page here (with its
 * 404) rather than answering raw JSON; nobody signed in is sent to sign in first.
 */
export default async function NotFound() {
  const t = messagesFor(await requestLocale());
  return (
    <PageShell page="not-found" title="notFound.title" subtitle="notFound.subtitle">
      <section className="panel" data-testid="not-found">
        <p>{t['notFound.body']}</p>
        <p>
          <a href="/">{t['notFound.home']}</a>
        </p>
      </section>
    </PageShell>
  );
}
