'use client';
import { useEffect, useState, type FormEvent } from 'react';
import { ACCOUNT_ROLES, type AccountRole } from '../../contracts/roles';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { useSession } from './SessionProvider';

interface UserItem { id: number; username: string; displayName: string; role: AccountRole; disabled: boolean; lockedUntilMs: number | null; locked: boolean; sessions: number }

/** The admins' page: every account, a form to add one, and per account its role, lock, disabling and a new password. */
export function UsersAdmin() {
  const { t } = useI18n();
  const me = useSession();
  const [users, setUsers] = useState<UserItem[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let current = true;
    fetch('/api/admin/users', { cache: 'no-store' })
      .then(async (res) => {
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const body = (await res.json()) as { users: UserItem[] };
        if (current) setUsers(body.users);
      })
      .catch((err: unknown) => current && setProblem(err instanceof Error ? err.message : String(err)));
    return () => {
      current = false;
    };
  }, [version]);
  const send = async (url: string, method: string, body: unknown) => {
    const res = await fetch(url, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).catch(() => null);
    const answer = (await res?.json().catch(() => null)) as { problems?: string[]; message?: string } | null;
    setProblem(res?.ok ? null : answer?.problems?.join('; ') ?? answer?.message ?? t('auth.failed'));
    setVersion((v) => v + 1);
    return res?.ok === true;
  };
  const create = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const el = e.currentTarget;
    const f = new FormData(el);
    const ok = await send('/api/admin/users', 'POST', { username: f.get('username'), displayName: f.get('displayName'), role: f.get('role'), password: f.get('password') });
    if (ok) el.reset();
  };
  const patch = (id: number, body: Record<string, unknown>) => send(`/api/admin/users/${id}`, 'PATCH', body);
  return (
    <section className="panel users-panel" data-testid="users-admin">
      <form className="users-form" onSubmit={create} data-testid="user-create">
        <label><span>{t('auth.username')}</span><input name="username" required maxLength={32} pattern="[a-z0-9][a-z0-9._\-]{1,31}" /></label>
        <label><span>{t('users.displayName')}</span><input name="displayName" required maxLength={64} /></label>
        <label><span>{t('users.role')}</span><select name="role" defaultValue="viewer">{ACCOUNT_ROLES.map((r) => <option key={r} value={r}>{t(`role.${r}` as MessageKey)}</option>)}</select></label>
        <label><span>{t('auth.password')}</span><input name="password" type="password" required minLength={10} maxLength={256} autoComplete="new-password" /></label>
        <button type="submit">{t('users.add')}</button>
      </form>
      {problem && <p className="error" role="alert">{problem}</p>}
      <table>
        <thead><tr><th>{t('auth.username')}</th><th>{t('users.displayName')}</th><th>{t('users.role')}</th><th>{t('users.state')}</th><th>{t('users.sessions')}</th><th /></tr></thead>
        <tbody>
          {users?.map((u) => (
            <tr key={u.id} data-testid="user-row" data-username={u.username}>
              <td>{u.username}</td>
              <td>{u.displayName}</td>
              <td>
                <select value={u.role} disabled={u.id === me?.id} onChange={(e) => void patch(u.id, { role: e.target.value })}>
                  {ACCOUNT_ROLES.map((r) => <option key={r} value={r}>{t(`role.${r}` as MessageKey)}</option>)}
                </select>
              </td>
              <td>{u.disabled ? t('users.disabled') : u.locked ? t('users.locked') : t('users.active')}</td>
              <td className="num">{u.sessions}</td>
              <td className="actions">
                {u.locked ? <button type="button" onClick={() => void patch(u.id, { unlock: true })}>{t('users.unlock')}</button> : null}
                {u.id !== me?.id && <button type="button" onClick={() => void patch(u.id, { disabled: !u.disabled })}>{u.disabled ? t('users.enable') : t('users.disable')}</button>}
                <button type="button" onClick={() => {
                  const pw = window.prompt(t('users.newPassword'));
                  if (pw) void patch(u.id, { password: pw });
                }}>{t('users.resetPassword')}</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
