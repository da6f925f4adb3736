/**
 * What route handlers know of the request's user: the console server (auth/http-guard.ts) has
 * already refused requests without a session or with the wrong role, removed any x-cityops-*
 * header the client sent, and set these. Handlers use them to say who did something.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { sessionUserSchema, USER_HEADER, type SessionUser } from '../../contracts/roles';
import type { RequestInfo } from '../../auth/accounts';
import { NUL_PROBLEM, nulPath } from '../../contracts/plain-text';
import { registry } from '../../runtime/registry';

export function signedInUser(req: Request | NextRequest): SessionUser | null {
  const raw = req.headers.get(USER_HEADER);
  if (!raw) return null;
  try {
    const parsed = sessionUserSchema.safeParse(JSON.parse(decodeURIComponent(raw)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export const requestInfoOf = (req: Request | NextRequest): RequestInfo => ({
  ip: req.headers.get('x-cityops-ip'),
  userAgent: req.headers.get('user-agent'),
  https: req.headers.get('x-cityops-https') === '1',
});

/** Never reached behind the guard; a handler still refuses rather than act for nobody. */
export const unauthenticated = () => NextResponse.json({ error: 'unauthenticated', message: 'sign in first' }, { status: 401 });

/**
 * A request's JSON body, or the 400 to answer. A NUL character anywhere is refused here, naming
 * its field: PostgreSQL text cannot hold it, so it would otherwise fail in the database as a 500.
 */
export async function jsonBody(req: Request): Promise<{ ok: true; value: unknown } | { ok: false; response: NextResponse }> {
  let value: unknown;
  try {
    value = await req.json();
  } catch {
    return { ok: false, response: NextResponse.json({ error: 'bad_request', problems: ['body: expected JSON'] }, { status: 400 }) };
  }
  const nul = nulPath(value);
  if (nul !== null) return { ok: false, response: NextResponse.json({ error: 'bad_request', problems: [`${nul}: ${NUL_PROBLEM}`] }, { status: 400 }) };
  return { ok: true, value };
}

export const badRequest = (issues: readonly { path: PropertyKey[]; message: string }[]) =>
  NextResponse.json({ error: 'bad_request', problems: issues.map((i) => `${i.path.map(String).join('.') || '(body)'}: ${i.message}`) }, { status: 400 });

/** Records a change in the audit log: who (the signed-in user), what, to what, from where. */
export function audit(req: Request | NextRequest, action: string, target: string, detail: Record<string, unknown> = {}): Promise<void> {
  return registry().audit({ actor: signedInUser(req)?.username ?? null, action, target, ip: req.headers.get('x-cityops-ip'), detail });
}

/**
 * A scoped leader asked for agencies outside their scope: refused and named, never silently
 * narrowed (auth/scope.ts says why).
 */
export const outOfScope = (outside: readonly string[]) =>
  NextResponse.json({ error: 'out_of_scope', message: 'outside your scope', problems: [`agency: outside your scope: ${outside.join(', ')}`] }, { status: 403 });
