/**
 * What route handlers know of the request's user: the console server (auth/http-guard.ts) has
 * already refused requests without a session or with the wrong role, removed any x-cityops-*
 * header the client sent, and set these. Handlers use them to say who did something.
 */
import type { NextRequest } from 'next/server';
import { sessionUserSchema, USER_HEADER, type SessionUser } from '../../contracts/roles';
import type { RequestInfo } from '../../auth/accounts';
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

/** Records a change in the audit log: who (the signed-in user), what, to what, from where. */
export function audit(
  req: Request | NextRequest,
  action: string,
  target: string,
  detail: Record<string, unknown> = {},
): Promise<void> {
  return registry().audit({
    actor: signedInUser(req)?.username ?? null,
    action,
    target,
    ip: req.headers.get('x-cityops-ip'),
    detail,
  });
}
