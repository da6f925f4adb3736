'use client';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { readProblem } from '../api/problem';

/** Only a path of this site: `?next=//evil.example` must not send a signed-in user elsewhere. */
const safeNext = (next: string | null) =>
  next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';

export function SignInForm({ next }: { next: string | null }) {
  const { t } = useI18n();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    const res = await fetch('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        username: String(form.get('username') ?? ''),
        password: String(form.get('password') ?? ''),
      }),
    }).catch(() => null);
    setBusy(false);
    if (res?.ok) return window.location.assign(safeNext(next));
    const refused = await readProblem(res);
    const wait = typeof refused.members.retryAfterS === 'number' ? refused.members.retryAfterS : 60;
    setProblem(
      refused.code === 'invalid'
        ? t('auth.invalid')
        : refused.code === 'locked'
          ? t('auth.locked', { minutes: Math.ceil(wait / 60) })
          : refused.code === 'rate_limited'
            ? t('auth.rateLimited', { seconds: wait })
            : t('auth.failed'),
    );
  };
  return (
    <form className="sign-in" onSubmit={submit} data-testid="sign-in-form">
      <label>
        <span>{t('auth.username')}</span>
        <input
          name="username"
          autoComplete="username"
          required
          maxLength={64}
          autoFocus
          data-testid="sign-in-username"
        />
      </label>
      <label>
        <span>{t('auth.password')}</span>
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          maxLength={256}
          data-testid="sign-in-password"
        />
      </label>
      {problem && (
        <p className="error" role="alert" data-testid="sign-in-problem">
          {problem}
        </p>
      )}
      <button type="submit" disabled={busy} data-testid="sign-in-submit">
        {t('auth.signIn')}
      </button>
    </form>
  );
}
