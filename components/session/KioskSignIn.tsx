'use client';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { readProblem } from '../api/problem';

type Refusal = { key: MessageKey; seconds?: number };

// The fragment the page was opened with, read once: the page removes it from the address bar.
let openedWith: string | null = null;
const fragment = () => (openedWith ??= window.location.hash.slice(1));
const noChanges = () => () => undefined;

/**
 * The kiosk URL is /kiosk#<token>. The fragment never leaves the browser (no server log, no
 * Referer); this page takes it, removes it from the address bar and the tab's history at once,
 * exchanges it for a session (POST /api/kiosk/session) and replaces itself with the wall. A wall
 * computer that boots before the server keeps trying (the token stays in this page's memory only).
 */
export function KioskSignIn({ ended }: { ended: boolean }) {
  const { t } = useI18n();
  // null while rendered on the server, '' when the URL carried no token.
  const token = useSyncExternalStore(noChanges, fragment, () => null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  useEffect(() => {
    if (!token) return;
    window.history.replaceState(null, '', '/kiosk');
    let timer: ReturnType<typeof setTimeout> | null = null;
    let current = true;
    const attempt = async () => {
      const res = await fetch('/api/kiosk/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
        cache: 'no-store',
      }).catch(() => null);
      if (!current) return;
      if (res?.ok) {
        window.location.replace('/wall');
        return;
      }
      const refused = await readProblem(res);
      if (refused.status === 401) {
        setRefusal({
          key:
            refused.code === 'revoked'
              ? 'kiosk.revoked'
              : refused.code === 'expired'
                ? 'kiosk.expired'
                : 'kiosk.invalid',
        });
        return;
      }
      const retryAfterS = typeof refused.members.retryAfterS === 'number' ? refused.members.retryAfterS : 60;
      const seconds = res?.status === 429 ? Math.max(1, retryAfterS) : 10;
      setRefusal({ key: res?.status === 429 ? 'kiosk.rateLimited' : 'kiosk.failed', seconds });
      timer = setTimeout(() => void attempt(), seconds * 1000);
    };
    void attempt();
    return () => {
      current = false;
      if (timer) clearTimeout(timer);
    };
  }, [token]);
  const state =
    token === '' ? (ended ? 'ended' : 'no-token') : refusal ? 'refused' : token === null && ended ? 'ended' : 'working';
  const message =
    state === 'ended'
      ? t('kiosk.ended')
      : state === 'no-token'
        ? t('kiosk.noToken')
        : refusal
          ? t(refusal.key, { seconds: refusal.seconds ?? 0 })
          : t('kiosk.signingIn');
  return (
    <p
      className={state === 'working' ? 'subtitle' : 'error'}
      role={state === 'working' ? 'status' : 'alert'}
      data-testid="kiosk-state"
      data-state={state}
    >
      {message}
    </p>
  );
}
