import type { Metadata } from 'next';
import { LanguageSwitch } from '../../components/i18n/LanguageSwitch';
import { messagesFor } from '../../components/i18n/messages';
import { requestLocale } from '../../components/i18n/server-locale';
import { SignInForm } from '../../components/session/SignInForm';

export const metadata: Metadata = { title: 'CityOps — Đăng nhập / Sign in' };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const t = messagesFor(await requestLocale());
  const next = (await searchParams).next;
  return (
    <main className="page page-login" data-testid="page-login">
      <section className="sign-in-card">
        <p className="brand">
          {t['app.brand']} · {t['app.city']}
        </p>
        <h1>{t['auth.title']}</h1>
        <p className="subtitle">{t['auth.subtitle']}</p>
        <SignInForm next={typeof next === 'string' ? next : null} />
        <LanguageSwitch />
      </section>
    </main>
  );
}
