/**
 * Accounts: sign-in with lock-out and rate limiting, sessions, sign-out, password change, the first
 * admin, and the admins' user management. Every sign-in, failure, lock-out and user change is
 * written to the audit log (append-only, migration 019).
 */
import { isScoped, type AccountRole, type SessionUser, type UserScope } from '../contracts/roles';
import type { Db } from '../db/adapter';
import {
  appendAudit,
  countUsers,
  createSession,
  createUser,
  deleteExpiredSessions,
  deleteSession,
  deleteUserSessions,
  listUsers,
  recordSignInFailure,
  recordSignInSuccess,
  scopeOptions,
  sessionUser,
  setPasswordHash,
  unknownScopeIds,
  updateUser,
  userById,
  userByUsername,
  type ScopeOption,
  type UserListItem,
} from '../db/users';
import { LoginLimiter } from './login-limiter';
import { burnVerify, generatePassword, hashPassword, verifyPassword } from './passwords';
import {
  clearedSessionCookie,
  newSessionId,
  readCookie,
  sealSession,
  sessionCookie,
  unsealSession,
} from './session-cookie';

export interface AuthSettings {
  secret: string;
  ttlSeconds: number;
  maxFailures: number;
  lockSeconds: number;
  ratePerMinute: number;
  cookieSecure: 'auto' | 'on' | 'off';
}

/** What the server knows of the request making a call (set by auth/http-guard.ts, never by the client). */
export interface RequestInfo {
  ip: string | null;
  userAgent: string | null;
  /** Whether it came over HTTPS. */
  https: boolean;
}

export type SignInResult =
  | { ok: true; user: SessionUser; setCookie: string }
  | { ok: false; reason: 'invalid' | 'locked' | 'rate_limited'; retryAfterS?: number };

export interface Signed {
  user: SessionUser;
  sessionId: string;
}

export interface AuthService {
  /** The signed-in user of a Cookie header, or null (no cookie, forged, expired, revoked, account locked). */
  fromCookie(cookieHeader: string | null | undefined): Promise<Signed | null>;
  signIn(username: string, password: string, req: RequestInfo): Promise<SignInResult>;
  /** Ends this session; returns the Set-Cookie that clears it. */
  signOut(s: Signed, req: RequestInfo): Promise<string>;
  /** Changes the password and ends every other session of the user. */
  changePassword(s: Signed, current: string, next: string, req: RequestInfo): Promise<'ok' | 'wrong_password'>;
  listUsers(): Promise<UserListItem[]>;
  /** The city's agencies and wards a leader can be scoped to. */
  scopeOptions(): Promise<ScopeOption[]>;
  /** `problems`: the scope names unknown agencies or wards, or is given to a role other than leader. */
  createUser(
    by: SessionUser,
    u: { username: string; displayName: string; role: AccountRole; password: string; scope?: UserScope },
    req: RequestInfo,
  ): Promise<'ok' | 'exists' | { problems: string[] }>;
  /** A kiosk's principal is no account: 'not_found' (kiosks are revoked at /admin/kiosks). */
  updateUser(
    by: SessionUser,
    id: number,
    c: UserChange,
    req: RequestInfo,
  ): Promise<'ok' | 'not_found' | 'self' | { problems: string[] }>;
  /** A new session for a principal already checked by the caller (a kiosk's token); returns its Set-Cookie. */
  openSession(user: SessionUser, ttlSeconds: number, req: RequestInfo): Promise<string>;
  /** Ends every session of a principal now, live connections included. */
  endSessions(userId: number): Promise<void>;
  /** On a database without accounts: creates `admin` (password given, or generated and returned once). */
  ensureFirstAdmin(
    password: string | undefined,
  ): Promise<{ created: false } | { created: true; password: string; generated: boolean }>;
  /** Called with the sessions (or all of a user's) that just ended, so live connections drop too. */
  onRevoke(fn: (r: { sessionId: string } | { userId: number }) => void): void;
  secure(req: RequestInfo): boolean;
}

export interface UserChange {
  role?: AccountRole;
  displayName?: string;
  disabled?: boolean;
  unlock?: boolean;
  password?: string;
  scope?: UserScope;
}

const SESSION_CACHE_MS = 1000;

/** What is wrong with a scope for a role: only leaders are scoped; every id must name a known agency or ward. */
async function scopeProblems(db: Db, role: AccountRole, scope: UserScope | undefined): Promise<string[]> {
  if (!scope || !isScoped(scope)) return [];
  if (role !== 'leader') return [`scope: only a leader can be scoped (role: ${role})`];
  const unknown = await unknownScopeIds(db, scope);
  return [
    ...(unknown.agencies.length ? [`scope.agencies: unknown agency ${unknown.agencies.join(', ')}`] : []),
    ...(unknown.wards.length ? [`scope.wards: unknown ward ${unknown.wards.join(', ')}`] : []),
  ];
}

const sameScope = (a: UserScope, b: UserScope) =>
  a.agencies.join() === b.agencies.join() && a.wards.join() === b.wards.join();
/** Sorted, without repeats: the stored form, so comparing and showing scopes is simple. */
const normalScope = (s: UserScope): UserScope => ({
  agencies: [...new Set(s.agencies)].sort(),
  wards: [...new Set(s.wards)].sort(),
});
const SESSION_CACHE_MAX = 5000;

export function authService(db: Db, s: AuthSettings): AuthService {
  const limiter = new LoginLimiter(s.ratePerMinute);
  const revokeListeners: ((r: { sessionId: string } | { userId: number }) => void)[] = [];
  // A page load makes many requests at once; each would ask the database for the same session. A
  // lookup is reused for SESSION_CACHE_MS, bounded in size. Revocations on this node clear it at
  // once; on other nodes a revoked session lives at most that long.
  const cache = new Map<string, { signed: Signed; atMs: number }>();
  const revoke = (r: { sessionId: string } | { userId: number }) => {
    if ('sessionId' in r) cache.delete(r.sessionId);
    else for (const [sid, c] of cache) if (c.signed.user.id === r.userId) cache.delete(sid);
    for (const fn of revokeListeners) fn(r);
  };
  const secure = (req: RequestInfo) => s.cookieSecure === 'on' || (s.cookieSecure === 'auto' && req.https);
  let lastSweepMs = 0;

  return {
    secure,
    onRevoke: (fn) => void revokeListeners.push(fn),

    async fromCookie(header) {
      const value = readCookie(header);
      if (!value) return null;
      const sessionId = await unsealSession(value, s.secret);
      if (!sessionId) return null;
      const hit = cache.get(sessionId);
      if (hit && Date.now() - hit.atMs < SESSION_CACHE_MS) return hit.signed;
      const user = await sessionUser(db, sessionId);
      if (!user) {
        cache.delete(sessionId);
        return null;
      }
      const signed = { user, sessionId };
      if (cache.size >= SESSION_CACHE_MAX) cache.delete(cache.keys().next().value!);
      cache.set(sessionId, { signed, atMs: Date.now() });
      return signed;
    },

    async signIn(username, password, req) {
      const retryAfterS = limiter.attempt(req.ip ?? 'unknown');
      if (retryAfterS > 0) {
        await appendAudit(db, { actor: null, action: 'auth.rate_limited', target: username.slice(0, 64), ip: req.ip });
        return { ok: false, reason: 'rate_limited', retryAfterS };
      }
      const found = await userByUsername(db, username.trim().toLowerCase());
      // A kiosk signs in with its token only: its principal's name is as unknown as any other.
      const u = found?.role === 'kiosk' ? null : found;
      if (!u) {
        await burnVerify(password);
        await appendAudit(db, {
          actor: null,
          action: 'auth.sign_in_failed',
          target: username.slice(0, 64),
          ip: req.ip,
          detail: { reason: 'unknown_user' },
        });
        return { ok: false, reason: 'invalid' };
      }
      if (u.lockedUntilMs !== null && u.lockedUntilMs > Date.now()) {
        await appendAudit(db, {
          actor: null,
          action: 'auth.sign_in_failed',
          target: u.username,
          ip: req.ip,
          detail: { reason: 'locked' },
        });
        return { ok: false, reason: 'locked', retryAfterS: Math.ceil((u.lockedUntilMs - Date.now()) / 1000) };
      }
      if (!(await verifyPassword(u.passwordHash, password)) || u.disabled) {
        const lockedUntil = u.disabled ? null : await recordSignInFailure(db, u.id, s.maxFailures, s.lockSeconds);
        await appendAudit(db, {
          actor: null,
          action: 'auth.sign_in_failed',
          target: u.username,
          ip: req.ip,
          detail: { reason: u.disabled ? 'disabled' : 'password' },
        });
        if (lockedUntil !== null) {
          await deleteUserSessions(db, u.id);
          revoke({ userId: u.id });
          await appendAudit(db, {
            actor: null,
            action: 'auth.locked',
            target: u.username,
            ip: req.ip,
            detail: { untilMs: lockedUntil },
          });
          return { ok: false, reason: 'locked', retryAfterS: s.lockSeconds };
        }
        return { ok: false, reason: 'invalid' };
      }
      await recordSignInSuccess(db, u.id);
      const sessionId = newSessionId();
      await createSession(db, {
        id: sessionId,
        userId: u.id,
        ttlSeconds: s.ttlSeconds,
        ip: req.ip,
        userAgent: req.userAgent,
      });
      await appendAudit(db, { actor: u.username, action: 'auth.sign_in', target: u.username, ip: req.ip });
      // Expired rows are swept now and then, not on a timer (a sign-in is when rows are added).
      if (Date.now() - lastSweepMs > 3_600_000) {
        lastSweepMs = Date.now();
        await deleteExpiredSessions(db);
      }
      const user: SessionUser = {
        id: u.id,
        username: u.username,
        displayName: u.displayName,
        role: u.role,
        scope: u.scope,
      };
      return {
        ok: true,
        user,
        setCookie: sessionCookie(await sealSession(sessionId, s.secret, s.ttlSeconds), {
          secure: secure(req),
          maxAgeSeconds: s.ttlSeconds,
        }),
      };
    },

    async signOut(signed, req) {
      await deleteSession(db, signed.sessionId);
      revoke({ sessionId: signed.sessionId });
      await appendAudit(db, {
        actor: signed.user.username,
        action: 'auth.sign_out',
        target: signed.user.username,
        ip: req.ip,
      });
      return clearedSessionCookie(secure(req));
    },

    async changePassword(signed, current, next, req) {
      const u = await userById(db, signed.user.id);
      if (!u || !(await verifyPassword(u.passwordHash, current))) {
        await appendAudit(db, {
          actor: signed.user.username,
          action: 'auth.password_change_failed',
          target: signed.user.username,
          ip: req.ip,
        });
        return 'wrong_password';
      }
      await setPasswordHash(db, u.id, await hashPassword(next));
      await deleteUserSessions(db, u.id, signed.sessionId);
      revoke({ userId: u.id });
      await appendAudit(db, { actor: u.username, action: 'auth.password_changed', target: u.username, ip: req.ip });
      return 'ok';
    },

    listUsers: () => listUsers(db),
    scopeOptions: () => scopeOptions(db),

    async createUser(by, u, req) {
      const scope = u.scope ? normalScope(u.scope) : undefined;
      const problems = await scopeProblems(db, u.role, scope);
      if (problems.length) return { problems };
      if (await userByUsername(db, u.username)) return 'exists';
      await createUser(db, {
        username: u.username,
        displayName: u.displayName,
        role: u.role,
        passwordHash: await hashPassword(u.password),
        scope,
      });
      await appendAudit(db, {
        actor: by.username,
        action: 'user.create',
        target: u.username,
        ip: req.ip,
        detail: { role: u.role, ...(scope && isScoped(scope) ? { scope } : {}) },
      });
      return 'ok';
    },

    async updateUser(by, id, c, req) {
      // An admin cannot demote or disable themselves (there would be no admin left to undo it).
      if (id === by.id && ((c.role !== undefined && c.role !== 'admin') || c.disabled === true)) return 'self';
      const target = await userById(db, id);
      if (!target || target.role === 'kiosk') return 'not_found';
      const role = c.role ?? target.role;
      const scope = c.scope ? normalScope(c.scope) : undefined;
      const problems = await scopeProblems(db, role, scope);
      if (problems.length) return { problems };
      await updateUser(db, id, { ...c, scope });
      if (c.password !== undefined) await setPasswordHash(db, id, await hashPassword(c.password));
      // What the account is left with: another role than leader clears the scope (user-update.sql).
      const scopeAfter = role !== 'leader' ? { agencies: [], wards: [] } : (scope ?? target.scope);
      const scopeChanged = !sameScope(target.scope, scopeAfter);
      // A new role or scope, a disabled account or a reset password takes effect now, not at the
      // next sign-in: the sessions end, and with them live connections subscribed under the old rights.
      if (c.password !== undefined || c.disabled === true || role !== target.role || scopeChanged) {
        await deleteUserSessions(db, id);
        revoke({ userId: id });
      }
      const { password, scope: _asked, ...shown } = c;
      // The fields that changed, as they were and as they are now.
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      if (role !== target.role) [before.role, after.role] = [target.role, role];
      if (scopeChanged) [before.scope, after.scope] = [target.scope, scopeAfter];
      await appendAudit(db, {
        actor: by.username,
        action: 'user.update',
        target: target.username,
        ip: req.ip,
        detail: {
          ...shown,
          passwordReset: password !== undefined,
          ...(Object.keys(after).length ? { before, after } : {}),
        },
      });
      return 'ok';
    },

    async openSession(user, ttlSeconds, req) {
      const sessionId = newSessionId();
      await createSession(db, { id: sessionId, userId: user.id, ttlSeconds, ip: req.ip, userAgent: req.userAgent });
      return sessionCookie(await sealSession(sessionId, s.secret, ttlSeconds), {
        secure: secure(req),
        maxAgeSeconds: ttlSeconds,
      });
    },

    async endSessions(userId) {
      await deleteUserSessions(db, userId);
      revoke({ userId });
    },

    async ensureFirstAdmin(password) {
      if ((await countUsers(db)) > 0) return { created: false };
      const pw = password ?? generatePassword();
      try {
        await createUser(db, {
          username: 'admin',
          displayName: 'Quản trị',
          role: 'admin',
          passwordHash: await hashPassword(pw),
        });
      } catch (err) {
        // Two console nodes starting together: the other one created it.
        if (await userByUsername(db, 'admin')) return { created: false };
        throw err;
      }
      await appendAudit(db, {
        actor: null,
        action: 'user.create',
        target: 'admin',
        detail: { role: 'admin', firstStart: true },
      });
      return { created: true, password: pw, generated: password === undefined };
    },
  };
}
