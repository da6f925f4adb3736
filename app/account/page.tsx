import type { Metadata } from 'next';
import { PageShell } from '../../components/layout/PageShell';
import { format, messagesFor, type MessageKey } from '../../components/i18n/messages';
import { requestLocale } from '../../components/i18n/server-locale';
import { PasswordForm } from '../../components/session/PasswordForm';
import { currentUser } from '../../components/session/server-session';

export const metadata: Metadata = { title: 'CityOps — Tài khoản / Account' };

export default async function AccountPage() {
  const t = messagesFor(await requestLocale());
  const user = await currentUser();
  return (
    <PageShell page="account" title="account.title" subtitle="account.subtitle">
      <section className="panel account-panel">
        {user && (
          <p data-testid="account-who">
            {format(t['account.who'], {
              name: user.displayName,
              username: user.username,
              role: t[`role.${user.role}` as MessageKey],
            })}
          </p>
        )}
        <PasswordForm />
      </section>
    </PageShell>
  );
}
