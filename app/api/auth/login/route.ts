import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { registry } from '../../../../runtime/registry';
import { badRequest, jsonBody, requestInfoOf } from '../../signed-in';

export const dynamic = 'force-dynamic';

const bodySchema = z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) });

/**
 * POST /api/auth/login {username, password}: sets the session cookie. 401 for a wrong name or
 * password (the same answer for both), 423 while the account is locked, 429 when this address
 * tries too often (Retry-After says when to try again).
 */
export async function POST(req: NextRequest) {
  const body = await jsonBody(req);
  if (!body.ok) return body.response;
  const parsed = bodySchema.safeParse(body.value);
  if (!parsed.success) return badRequest(parsed.error.issues);
  try {
    const r = await registry().auth.signIn(parsed.data.username, parsed.data.password, requestInfoOf(req));
    if (r.ok) {
      const res = NextResponse.json({ ok: true, user: r.user });
      res.headers.append('set-cookie', r.setCookie);
      res.headers.set('cache-control', 'no-store');
      return res;
    }
    const status = r.reason === 'invalid' ? 401 : r.reason === 'locked' ? 423 : 429;
    const message = r.reason === 'invalid' ? 'wrong user name or password' : r.reason === 'locked' ? 'the account is locked after too many failed sign-ins' : 'too many sign-in attempts from this address';
    return NextResponse.json({ error: r.reason, message, retryAfterS: r.retryAfterS ?? null }, { status, headers: r.retryAfterS ? { 'retry-after': String(r.retryAfterS) } : {} });
  } catch {
    return NextResponse.json({ error: 'auth_unavailable', message: 'the database did not answer' }, { status: 503 });
  }
}
