'use client';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { readProblem } from '../api/problem';

/** Change one's own password: the server checks the current one and ends every other session. */
export function PasswordForm() {
  const { t } = useI18n();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const el = e.currentTarget;
    const form = new FormData(el);
    const next = String(form.get('next') ?? '');
    if (next !== String(form.get('repeat') ?? '')) return setMessage({ ok: false, text: t('account.mismatch') });
    const res = await fetch('/api/auth/password', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ current: String(form.get('current') ?? ''), next }),
    }).catch(() => null);
    if (res?.ok) {
      el.reset();
      return setMessage({ ok: true, text: t('account.saved') });
    }
    const refused = await readProblem(res);
    setMessage({ ok: false, text: refused.problems.length > 0 ? refused.problems.join('; ') : t('auth.failed') });
  };
  return (
    <form className="sign-in" onSubmit={submit} data-testid="password-form">
      <label>
        <span>{t('account.current')}</span>
        <input
          name="current"
          type="password"
          autoComplete="current-password"
          required
          maxLength={256}
          data-testid="password-current"
        />
      </label>
      <label>
        <span>{t('account.next')}</span>
        <input
          name="next"
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          maxLength={256}
          data-testid="password-next"
        />
      </label>
      <label>
        <span>{t('account.repeat')}</span>
        <input
          name="repeat"
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          maxLength={256}
          data-testid="password-repeat"
        />
      </label>
      {message && (
        <p
          className={message.ok ? 'ok' : 'error'}
          role={message.ok ? 'status' : 'alert'}
          data-testid="password-message"
        >
          {message.text}
        </p>
      )}
      <button type="submit" data-testid="password-save">
        {t('account.save')}
      </button>
    </form>
  );
}
