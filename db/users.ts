/**
 * Accounts, sessions and the audit log (migration 019). Passwords arrive here already hashed
 * (auth/passwords.ts); this module never sees a clear password.
 */
import type { Role, SessionUser, UserScope } from '../contracts/roles';
import type { Queryable } from './adapter';
import { sql } from './sql';

export interface UserRow {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  failedAttempts: number;
  lockedUntilMs: number | null;
  disabled: boolean;
  scope: UserScope;
}

export interface UserListItem {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  lockedUntilMs: number | null;
  /** Locked now (when the list was read). */
  locked: boolean;
  createdMs: number;
  sessions: number;
  scope: UserScope;
}

const msOrNull = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string | Date).getTime());

const texts = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
const scopeOf = (r: Record<string, unknown>): UserScope => ({
  agencies: texts(r.scope_agencies),
  wards: texts(r.scope_wards),
});

const userOf = (r: Record<string, unknown>): UserRow => ({
  id: Number(r.user_id),
  username: String(r.username),
  displayName: String(r.display_name),
  role: String(r.role) as Role,
  passwordHash: String(r.password_hash),
  failedAttempts: Number(r.failed_attempts),
  lockedUntilMs: msOrNull(r.locked_until),
  disabled: r.disabled === true,
  scope: scopeOf(r),
});

export async function countUsers(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>(sql('user-count'));
  return Number(rows[0]?.n ?? 0);
}

export async function createUser(
  db: Queryable,
  u: { username: string; displayName: string; role: Role; passwordHash: string; scope?: UserScope },
): Promise<number> {
  const { rows } = await db.query<{ user_id: unknown }>(sql('user-create'), [
    u.username,
    u.displayName,
    u.role,
    u.passwordHash,
    u.scope?.agencies ?? null,
    u.scope?.wards ?? null,
  ]);
  return Number(rows[0]!.user_id);
}

export async function userByUsername(db: Queryable, username: string): Promise<UserRow | null> {
  const { rows } = await db.query(sql('user-by-username'), [username]);
  return rows[0] ? userOf(rows[0]) : null;
}

export async function userById(db: Queryable, id: number): Promise<UserRow | null> {
  const { rows } = await db.query(sql('user-by-id'), [id]);
  return rows[0] ? userOf(rows[0]) : null;
}

/** Counts a failed sign-in; returns when the account is now locked until, if this failure locked it. */
export async function recordSignInFailure(
  db: Queryable,
  id: number,
  maxFailures: number,
  lockSeconds: number,
): Promise<number | null> {
  const { rows } = await db.query(sql('user-sign-in-failed'), [id, maxFailures, lockSeconds]);
  return msOrNull(rows[0]?.locked_until);
}

export async function recordSignInSuccess(db: Queryable, id: number): Promise<void> {
  await db.query(sql('user-sign-in-ok'), [id]);
}

export async function setPasswordHash(db: Queryable, id: number, hash: string): Promise<void> {
  await db.query(sql('user-set-password'), [id, hash]);
}

/** A scope is kept only for a leader: another role clears it (user-update.sql). */
export async function updateUser(
  db: Queryable,
  id: number,
  c: { role?: Role; displayName?: string; disabled?: boolean; unlock?: boolean; scope?: UserScope },
): Promise<boolean> {
  const { rows } = await db.query(sql('user-update'), [
    id,
    c.role ?? null,
    c.displayName ?? null,
    c.disabled ?? null,
    c.unlock === true,
    c.scope?.agencies ?? null,
    c.scope?.wards ?? null,
  ]);
  return rows.length > 0;
}

export async function listUsers(db: Queryable): Promise<UserListItem[]> {
  const { rows } = await db.query(sql('users-list'));
  const now = Date.now();
  return rows.map((r) => ({
    id: Number(r.user_id),
    username: String(r.username),
    displayName: String(r.display_name),
    role: String(r.role) as Role,
    disabled: r.disabled === true,
    lockedUntilMs: msOrNull(r.locked_until),
    locked: (msOrNull(r.locked_until) ?? 0) > now,
    createdMs: msOrNull(r.created_at) ?? 0,
    sessions: Number(r.sessions),
    scope: scopeOf(r),
  }));
}

export async function createSession(
  db: Queryable,
  s: { id: string; userId: number; ttlSeconds: number; ip: string | null; userAgent: string | null },
): Promise<void> {
  await db.query(sql('session-create'), [s.id, s.userId, s.ttlSeconds, s.ip, s.userAgent?.slice(0, 256) ?? null]);
}

/** The user of a live session (not expired, account neither disabled nor locked), or null. */
export async function sessionUser(db: Queryable, sessionId: string): Promise<SessionUser | null> {
  const { rows } = await db.query(sql('session-user'), [sessionId]);
  const r = rows[0];
  return r
    ? {
        id: Number(r.user_id),
        username: String(r.username),
        displayName: String(r.display_name),
        role: String(r.role) as Role,
        scope: scopeOf(r),
      }
    : null;
}

/** The agencies a scope covers (named, or sitting in a ward named); sorted. */
export async function scopeAgencyIds(db: Queryable, scope: UserScope): Promise<string[]> {
  const { rows } = await db.query<{ agency_id: string }>(sql('scope-agencies'), [scope.agencies, scope.wards]);
  return rows.map((r) => String(r.agency_id));
}

/** The ids of a scope that name no known agency or ward. */
export async function unknownScopeIds(
  db: Queryable,
  scope: UserScope,
): Promise<{ agencies: string[]; wards: string[] }> {
  const { rows } = await db.query<{ kind: string; id: string }>(sql('scope-unknown'), [scope.agencies, scope.wards]);
  return {
    agencies: rows.filter((r) => r.kind === 'agencies').map((r) => r.id),
    wards: rows.filter((r) => r.kind === 'wards').map((r) => r.id),
  };
}

export interface ScopeOption {
  kind: 'agency' | 'ward';
  id: string;
  name: { vi: string; en: string };
  wardCode: string | null;
}

/** The city's agencies and wards by name: what the admins' form offers. */
export async function scopeOptions(db: Queryable): Promise<ScopeOption[]> {
  const { rows } = await db.query(sql('scope-options'));
  return rows.map((r) => ({
    kind: r.kind === 'ward' ? 'ward' : 'agency',
    id: String(r.id),
    name: { vi: String(r.name_vi), en: String(r.name_en) },
    wardCode: r.ward_code === null ? null : String(r.ward_code),
  }));
}

/** The names of a scope's agencies and wards (ids without a name are left out). */
export async function scopeNames(
  db: Queryable,
  scope: UserScope,
): Promise<{ agencies: { id: string; vi: string; en: string }[]; wards: { id: string; vi: string; en: string }[] }> {
  const { rows } = await db.query(sql('scope-names'), [scope.agencies, scope.wards]);
  const of = (kind: string) =>
    rows
      .filter((r) => r.kind === kind)
      .map((r) => ({ id: String(r.id), vi: String(r.name_vi), en: String(r.name_en) }));
  return { agencies: of('agency'), wards: of('ward') };
}

export async function deleteSession(db: Queryable, sessionId: string): Promise<void> {
  await db.query(sql('session-delete'), [sessionId]);
}

/** Ends every session of a user except `keep` (the one changing their password stays signed in). */
export async function deleteUserSessions(db: Queryable, userId: number, keep: string | null = null): Promise<void> {
  await db.query(sql('sessions-delete-user'), [userId, keep]);
}

export async function deleteExpiredSessions(db: Queryable): Promise<void> {
  await db.query(sql('sessions-delete-expired'));
}

export interface AuditEntry {
  actor: string | null;
  action: string;
  target?: string | null;
  ip?: string | null;
  detail?: Record<string, unknown>;
}

export async function appendAudit(db: Queryable, e: AuditEntry): Promise<void> {
  await db.query(sql('audit-append'), [
    e.actor,
    e.action,
    e.target ?? null,
    e.ip ?? null,
    JSON.stringify(e.detail ?? {}),
  ]);
}

export interface AuditRecord {
  id: number;
  atMs: number;
  actor: string | null;
  action: string;
  target: string | null;
  ip: string | null;
  detail: unknown;
}

export async function recentAudit(db: Queryable, limit: number): Promise<AuditRecord[]> {
  const { rows } = await db.query(sql('audit-recent'), [limit]);
  return rows.map((r) => ({
    id: Number(r.audit_id),
    atMs: msOrNull(r.at) ?? 0,
    actor: r.actor === null ? null : String(r.actor),
    action: String(r.action),
    target: r.target === null ? null : String(r.target),
    ip: r.ip === null ? null : String(r.ip),
    detail: r.detail,
  }));
}
