import type { Metadata } from 'next';
import { LanguageSwitch } from '../../components/i18n/LanguageSwitch';
import { messagesFor } from '../../components/i18n/messages';
import { requestLocale } from '../../components/i18n/server-locale';
import { KioskSignIn } from '../../components/session/KioskSignIn';

export const metadata: Metadata = { title: 'CityOps — Kiosk', referrer: 'no-referrer' };

/** A video wall signs in here with the token in its URL's fragment; a wall whose session ended lands here too (?ended=1). */
export default async function KioskPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const t = messagesFor(await requestLocale());
  const ended = (await searchParams).ended === '1';
  return (
    <main className="page page-login page-kiosk" data-testid="page-kiosk">
      <section className="sign-in-card">
        <p className="brand">
          {t['app.brand']} · {t['app.city']}
        </p>
        <h1>{t['kiosk.title']}</h1>
        <KioskSignIn ended={ended} />
        <p>
          <a href="/login?next=%2Fwall">{t['kiosk.signInLink']}</a>
        </p>
        <LanguageSwitch />
      </section>
    </main>
  );
}
