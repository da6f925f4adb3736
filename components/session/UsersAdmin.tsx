'use client';
import { useEffect, useState, type FormEvent } from 'react';
import { ACCOUNT_ROLES, type AccountRole, type UserScope } from '../../contracts/roles';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { useSession } from './SessionProvider';
import { readProblem, throwUnlessOk } from '../api/problem';

interface UserItem {
  id: number;
  username: string;
  displayName: string;
  role: AccountRole;
  disabled: boolean;
  lockedUntilMs: number | null;
  locked: boolean;
  sessions: number;
  scope: UserScope;
}
interface ScopeOption {
  kind: 'agency' | 'ward';
  id: string;
  name: { vi: string; en: string };
}

/** The selected values of a multi-select, as the scope's list. */
const picked = (form: FormData, name: string) => form.getAll(name).map(String).filter(Boolean);

/**
 * A leader's agencies and wards as two multi-selects (the city's agencies, its wards). Only hides
 * nothing: the server refuses unknown ids and a scope given to another role.
 */
function ScopeFields({ options, value }: { options: ScopeOption[]; value: UserScope }) {
  const { t, locale } = useI18n();
  const list = (kind: ScopeOption['kind']) => options.filter((o) => o.kind === kind);
  return (
    <>
      <label>
        <span>{t('users.scope.agencies')}</span>
        <select name="scopeAgencies" multiple size={6} defaultValue={value.agencies} data-testid="scope-agencies">
          {list('agency').map((o) => (
            <option key={o.id} value={o.id}>
              {o.name[locale]}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('users.scope.wards')}</span>
        <select name="scopeWards" multiple size={6} defaultValue={value.wards} data-testid="scope-wards">
          {list('ward').map((o) => (
            <option key={o.id} value={o.id}>
              {o.name[locale]}
            </option>
          ))}
        </select>
      </label>
      <small className="hint">{t('users.scope.hint')}</small>
    </>
  );
}

/** The admins' page: every account, a form to add one, and per account its role, lock, disabling and a new password. */
export function UsersAdmin() {
  const { t, locale } = useI18n();
  const me = useSession();
  const [users, setUsers] = useState<UserItem[] | null>(null);
  const [options, setOptions] = useState<ScopeOption[]>([]);
  const [newRole, setNewRole] = useState<AccountRole>('viewer');
  const [editing, setEditing] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let current = true;
    fetch('/api/admin/users', { cache: 'no-store' })
      .then(async (res) => {
        await throwUnlessOk(res);
        const body = (await res.json()) as { users: UserItem[]; scopeOptions: ScopeOption[] };
        if (current) {
          setUsers(body.users);
          setOptions(body.scopeOptions);
        }
      })
      .catch((err: unknown) => current && setProblem(err instanceof Error ? err.message : String(err)));
    return () => {
      current = false;
    };
  }, [version]);
  const send = async (url: string, method: string, body: unknown) => {
    const res = await fetch(url, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).catch(() => null);
    const answer = res?.ok ? null : await readProblem(res);
    setProblem(answer === null ? null : answer.status === 0 ? t('auth.failed') : answer.message);
    setVersion((v) => v + 1);
    return res?.ok === true;
  };
  const create = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const el = e.currentTarget;
    const f = new FormData(el);
    const scope =
      f.get('role') === 'leader'
        ? { scope: { agencies: picked(f, 'scopeAgencies'), wards: picked(f, 'scopeWards') } }
        : {};
    const ok = await send('/api/admin/users', 'POST', {
      username: f.get('username'),
      displayName: f.get('displayName'),
      role: f.get('role'),
      password: f.get('password'),
      ...scope,
    });
    if (ok) {
      el.reset();
      setNewRole('viewer');
    }
  };
  const saveScope = async (e: FormEvent<HTMLFormElement>, id: number) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    if (await patch(id, { scope: { agencies: picked(f, 'scopeAgencies'), wards: picked(f, 'scopeWards') } }))
      setEditing(null);
  };
  const nameOf = new Map(options.map((o) => [`${o.kind}:${o.id}`, o.name[locale]]));
  const scopeText = (s: UserScope) =>
    [
      ...s.agencies.map((a) => nameOf.get(`agency:${a}`) ?? a),
      ...s.wards.map((w) => nameOf.get(`ward:${w}`) ?? w),
    ].join(', ');
  const patch = (id: number, body: Record<string, unknown>) => send(`/api/admin/users/${id}`, 'PATCH', body);
  const noScope: UserScope = { agencies: [], wards: [] };
  return (
    <section className="panel users-panel" data-testid="users-admin">
      <form className="users-form" onSubmit={create} data-testid="user-create">
        <label>
          <span>{t('auth.username')}</span>
          <input name="username" required maxLength={32} pattern="[a-z0-9][a-z0-9._\-]{1,31}" />
        </label>
        <label>
          <span>{t('users.displayName')}</span>
          <input name="displayName" required maxLength={64} />
        </label>
        <label>
          <span>{t('users.role')}</span>
          <select name="role" value={newRole} onChange={(e) => setNewRole(e.target.value as AccountRole)}>
            {ACCOUNT_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('auth.password')}</span>
          <input name="password" type="password" required minLength={10} maxLength={256} autoComplete="new-password" />
        </label>
        {newRole === 'leader' && <ScopeFields options={options} value={noScope} />}
        <button type="submit">{t('users.add')}</button>
      </form>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <table>
        <thead>
          <tr>
            <th>{t('auth.username')}</th>
            <th>{t('users.displayName')}</th>
            <th>{t('users.role')}</th>
            <th>{t('users.scope')}</th>
            <th>{t('users.state')}</th>
            <th>{t('users.sessions')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {users?.map((u) => (
            <tr key={u.id} data-testid="user-row" data-username={u.username}>
              <td>{u.username}</td>
              <td>{u.displayName}</td>
              <td>
                <select
                  value={u.role}
                  disabled={u.id === me?.id}
                  onChange={(e) => void patch(u.id, { role: e.target.value })}
                >
                  {ACCOUNT_ROLES.map((r) => (
                    <option key={r} value={r}>
                      {t(`role.${r}` as MessageKey)}
                    </option>
                  ))}
                </select>
              </td>
              <td className="scope" data-testid="user-scope">
                {u.role !== 'leader' ? (
                  ''
                ) : editing === u.id ? (
                  <form
                    className="users-form scope-form"
                    onSubmit={(e) => void saveScope(e, u.id)}
                    data-testid="scope-form"
                  >
                    <ScopeFields options={options} value={u.scope} />
                    <button type="submit">{t('users.scope.save')}</button>
                    <button type="button" onClick={() => setEditing(null)}>
                      {t('users.scope.cancel')}
                    </button>
                  </form>
                ) : (
                  <>
                    <span>
                      {u.scope.agencies.length || u.scope.wards.length ? scopeText(u.scope) : t('users.scope.all')}
                    </span>{' '}
                    <button type="button" onClick={() => setEditing(u.id)} data-testid="scope-edit">
                      {t('users.scope.edit')}
                    </button>
                  </>
                )}
              </td>
              <td>{u.disabled ? t('users.disabled') : u.locked ? t('users.locked') : t('users.active')}</td>
              <td className="num">{u.sessions}</td>
              <td className="actions">
                {u.locked ? (
                  <button type="button" onClick={() => void patch(u.id, { unlock: true })}>
                    {t('users.unlock')}
                  </button>
                ) : null}
                {u.id !== me?.id && (
                  <button type="button" onClick={() => void patch(u.id, { disabled: !u.disabled })}>
                    {u.disabled ? t('users.enable') : t('users.disable')}
                  </button>
                )}
                <button
                  type="button"
                  onClick={() => {
                    const pw = window.prompt(t('users.newPassword'));
                    if (pw) void patch(u.id, { password: pw });
                  }}
                >
                  {t('users.resetPassword')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
