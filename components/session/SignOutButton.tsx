'use client';
import { useI18n } from '../i18n/I18nProvider';

/** Ends this session on the server (its live connection drops too) and goes to the sign-in page. */
export function SignOutButton() {
  const { t } = useI18n();
  const signOut = async () => {
    await fetch('/api/auth/logout', { method: 'POST' }).catch(() => null);
    window.location.assign('/login');
  };
  return (
    <button type="button" className="link" onClick={signOut} data-testid="sign-out">
      {t('auth.signOut')}
    </button>
  );
}
